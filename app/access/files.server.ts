/**
 * The "file.download" rule: a stored file's readers follow from what it belongs to.
 */
import { getAssignment } from "~/features/homework/assignment.server";
import { findCaseOfFile } from "~/features/dossier/case.server";
import type { StoredFile } from "~/data/file-store.server";
import { isFileVisibleInSession } from "~/features/programme/material.server";
import { findOrganogramOfFile } from "~/features/exercises/organogram.server";
import type { User } from "~/data/schema.server";
import { getSession } from "~/features/programme/session.server";
import { findSubmissionOfFile, latestVersion } from "~/features/homework/submission.server";
import { getTrio, isTrioMember } from "~/features/registration/trio.server";
import { memberTrioInEdition } from "./facts.server";

type Actor = Pick<User, "id" | "role">;

/**
 * Homework files: null when the file is no homework file. Otherwise members of
 * the trio; the session's speaker when organisers let them give feedback; and,
 * once the due date passed on an assignment shared after it, members of other
 * admitted trios of the edition for files of the latest submitted version.
 */
function submissionFileAllowed(actor: Actor, fileId: string): boolean | null {
  const submission = findSubmissionOfFile(fileId);
  if (!submission) return null;
  const session = getSession(submission.sessionId);
  if (!session) return false;
  const assignment = getAssignment(session);
  if (actor.role === "speaker") return assignment.speakerMayGiveFeedback && session.speakerIds.includes(actor.id);
  if (actor.role !== "participant") return false;
  if (isTrioMember(actor.id, submission.trioId)) return true;
  const shared = assignment.shareAfterDue && assignment.dueAt !== null && assignment.dueAt < new Date().toISOString();
  return (
    shared && Boolean(latestVersion(submission)?.fileIds.includes(fileId)) && memberTrioInEdition(actor.id, session.editionId) !== null
  );
}

/**
 * Organisers always; the uploader always; for session material: the session's
 * speakers, and participants of the edition once the revision holding the file
 * is published; for case files: members of the trio, and, while the trio shares
 * its case and the file is not removed, members of another admitted trio of the
 * same edition; an organogram: its trio's members; homework: see above.
 */
export function fileDownloadAllowed(actor: Actor, file: StoredFile): boolean {
  if (actor.role === "organiser" || file.uploadedBy === actor.id) return true;
  const caseUse = findCaseOfFile(file.id);
  if (caseUse) {
    const trio = getTrio(caseUse.trioCase.trioId);
    if (!trio || actor.role !== "participant") return false;
    if (isTrioMember(actor.id, trio.id)) return true;
    if (!trio.shareCase || trio.status !== "admitted" || caseUse.entry.removedAt) return false;
    return memberTrioInEdition(actor.id, trio.editionId) !== null;
  }
  const organogram = findOrganogramOfFile(file.id);
  if (organogram) return actor.role === "participant" && isTrioMember(actor.id, organogram.trioId);
  const homework = submissionFileAllowed(actor, file.id);
  if (homework !== null) return homework;
  const use = isFileVisibleInSession(file.id);
  if (!use) return false;
  const session = getSession(use.sessionId);
  if (!session) return false;
  if (actor.role === "speaker") return session.speakerIds.includes(actor.id);
  return use.visible && memberTrioInEdition(actor.id, session.editionId) !== null;
}
