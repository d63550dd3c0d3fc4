/**
 * Personal data in the exercises (GDPR/AVG), for privacy.server.ts: what a person
 * gets in their JSON export, and what goes when an edition's personal data is removed.
 */
import type { Data } from "~/data/schema.server";

/** A member's own exercise answers (self-assessments, agenda versions they saved, organogram edits). */
export function exerciseDataOfUser(data: Readonly<Data>, userId: string) {
  return {
    competenceAssessments: data.competenceAssessments
      .filter((a) => a.userId === userId)
      .map(({ trioId, sessionId, scores, savedAt }) => ({ trioId, sessionId, scores, savedAt })),
    localAgendaVersions: data.localAgendas
      .filter((a) => a.savedBy === userId)
      .map(({ trioId, sessionId, goals, actions, stakeholders, nextSteps, savedAt }) => ({
        trioId,
        sessionId,
        goals,
        actions,
        stakeholders,
        nextSteps,
        savedAt,
      })),
    organograms: data.organograms
      .filter((o) => o.updatedBy === userId)
      .map(({ trioId, location, notes, updatedAt }) => ({ trioId, location, notes, updatedAt })),
  };
}

/**
 * Removes the trios' exercise answers (they hold names, reasons and self-assessments)
 * inside a change; returns the organogram files to delete afterwards. Desk runs stay
 * (they hold no personal data).
 */
export function removeExerciseDataOfTrios(d: Data, trioIds: Set<string>): string[] {
  const fileIds = d.organograms.filter((o) => trioIds.has(o.trioId) && o.fileId).map((o) => o.fileId!);
  d.deskAnswers = d.deskAnswers.filter((a) => !trioIds.has(a.trioId));
  d.organograms = d.organograms.filter((o) => !trioIds.has(o.trioId));
  d.localAgendas = d.localAgendas.filter((a) => !trioIds.has(a.trioId));
  d.competenceAssessments = d.competenceAssessments.filter((a) => !trioIds.has(a.trioId));
  return fileIds;
}
