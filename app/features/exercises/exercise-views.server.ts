/** Loader-side views of exercise records: plain data for pages, names instead of ids. */
import { getStoredFile } from "~/data/file-store.server";
import type { Organogram } from "./organogram.server";
import { nameOf } from "~/features/dossier/case-view.server";
import { organogramChoices, organogramQuestions } from "./exercise-content";
import { PREVIEW_MIME_TYPES } from "~/features/files/file-type.server";

export function organogramView(organogram: Organogram | null) {
  if (!organogram) return null;
  const file = organogram.fileId ? getStoredFile(organogram.fileId) : null;
  const values: Record<string, string> = {
    location: organogram.location,
    notes: organogram.notes,
    markerX: organogram.marker ? String(organogram.marker.x) : "",
    markerY: organogram.marker ? String(organogram.marker.y) : "",
  };
  for (const q of organogramQuestions) values[q] = organogram[q] ?? "";
  return {
    file: file
      ? {
          id: file.id,
          name: file.originalName,
          type: file.mime === "application/pdf" ? "PDF" : "Afbeelding",
          preview: PREVIEW_MIME_TYPES.includes(file.mime),
        }
      : null,
    marker: organogram.marker,
    location: organogram.location,
    notes: organogram.notes,
    answers: organogramQuestions.map((q) => {
      const answer = organogram[q];
      const options = organogramChoices[q].options as Record<string, string>;
      return { question: organogramChoices[q].label, answer: answer ? options[answer] : null };
    }),
    values,
    updatedAt: organogram.updatedAt,
    updatedBy: nameOf(organogram.updatedBy),
  };
}
export type OrganogramView = NonNullable<ReturnType<typeof organogramView>>;

export function agendaVersionView(version: import("./local-agenda.server").LocalAgenda, sessionNumber: number) {
  return {
    id: version.id,
    sessionId: version.sessionId,
    sessionNumber,
    goals: version.goals,
    actions: version.actions,
    stakeholders: version.stakeholders,
    nextSteps: version.nextSteps,
    savedAt: version.savedAt,
    savedBy: nameOf(version.savedBy),
  };
}
