import { findCaseOfFile } from "~/models/case.server";
import type { StoredFile } from "~/models/file.server";
import { isFileVisibleInSession } from "~/models/material.server";
import { findOrganogramOfFile } from "~/models/organogram.server";
import { getSession } from "~/models/session.server";
import { canSeeSubmissionFile } from "./homework-file-access.server";
import { getTrio, isTrioMember } from "~/models/trio.server";
import type { User } from "~/models/user.server";
import { admittedTrioInEdition } from "./session-access.server";

/** The MIME types a file may be shown inline as (a preview); everything else is only an attachment. */
export const PREVIEW_MIME_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/**
 * May this user download this file? Organisers always; the uploader always; for
 * session material: the session's speakers, and participants of the edition once
 * the revision holding the file is published; for case files: members of the
 * trio, and, while the trio shares its case and the file is not removed, members
 * of another admitted trio of the same edition.
 */
export function canDownloadFile(user: User, file: StoredFile): boolean {
  if (user.role === "organiser" || file.uploadedBy === user.id) return true;
  const caseUse = findCaseOfFile(file.id);
  if (caseUse) {
    const trio = getTrio(caseUse.trioCase.trioId);
    if (!trio || user.role !== "participant") return false;
    if (isTrioMember(user.id, trio.id)) return true;
    if (!trio.shareCase || trio.status !== "admitted" || caseUse.entry.removedAt) return false;
    return admittedTrioInEdition(user.id, trio.editionId) !== null;
  }
  // An organogram is the trio's own: its members see it (organisers above).
  const organogram = findOrganogramOfFile(file.id);
  if (organogram) return user.role === "participant" && isTrioMember(user.id, organogram.trioId);
  const homework = canSeeSubmissionFile(user, file.id);
  if (homework !== null) return homework;
  const use = isFileVisibleInSession(file.id);
  if (!use) return false;
  const session = getSession(use.sessionId);
  if (!session) return false;
  if (user.role === "speaker") return session.speakerIds.includes(user.id);
  return use.visible && admittedTrioInEdition(user.id, session.editionId) !== null;
}
