import { activeCaseFiles, currentVersion, type CaseFile, type CaseVersion, type TrioCase } from "./case.server";
import { getStoredFile } from "~/data/file-store.server";
import { getUserById } from "~/features/accounts/user.server";
import { formatBytes } from "~/features/files/format-bytes";
import { PREVIEW_MIME_TYPES } from "~/features/files/file-type.server";

/** Short Dutch names for the types we accept (established from the content). */
const typeLabels: Record<string, string> = {
  "application/pdf": "PDF",
  "application/msword": "Word",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "application/vnd.ms-powerpoint": "PowerPoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
  "image/png": "Afbeelding (PNG)",
  "image/jpeg": "Afbeelding (JPEG)",
  "image/gif": "Afbeelding (GIF)",
  "image/webp": "Afbeelding (WebP)",
};

export const nameOf = (userId: string) => getUserById(userId)?.name ?? "Verwijderde gebruiker";

export function caseFileView(entry: CaseFile) {
  const file = getStoredFile(entry.fileId);
  if (!file) return null;
  return {
    id: file.id,
    name: file.originalName,
    size: formatBytes(file.size),
    type: typeLabels[file.mime] ?? file.mime,
    preview: PREVIEW_MIME_TYPES.includes(file.mime),
    addedBy: nameOf(entry.addedBy),
    addedAt: entry.addedAt,
  };
}
export type CaseFileView = NonNullable<ReturnType<typeof caseFileView>>;

export function versionView(version: CaseVersion) {
  return {
    id: version.id,
    title: version.title,
    question: version.question,
    neighbourhood: version.neighbourhood,
    involved: version.involved,
    learningGoals: version.learningGoals,
    savedAt: version.savedAt,
    savedBy: nameOf(version.savedBy),
  };
}
export type VersionView = ReturnType<typeof versionView>;

/** The current version and the files still part of the case. */
export function caseView(trioCase: TrioCase | null) {
  if (!trioCase) return null;
  return {
    current: versionView(currentVersion(trioCase)),
    files: activeCaseFiles(trioCase).flatMap((entry) => {
      const view = caseFileView(entry);
      return view ? [view] : [];
    }),
  };
}
