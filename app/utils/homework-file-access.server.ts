import { getAssignment } from "~/models/assignment.server";
import { getSession } from "~/models/session.server";
import { findSubmissionOfFile, latestVersion } from "~/models/submission.server";
import { isTrioMember } from "~/models/trio.server";
import type { User } from "~/models/user.server";
import { admittedTrioInEdition } from "./session-access.server";

/**
 * Homework files: null when the file is no homework file. Otherwise members of
 * the trio; the session's speaker when organisers let them give feedback; and,
 * once the due date passed on an assignment shared after it, members of other
 * admitted trios of the edition for files of the latest submitted version.
 * (Organisers and the uploader are let through by canDownloadFile already.)
 */
export function canSeeSubmissionFile(user: User, fileId: string): boolean | null {
  const submission = findSubmissionOfFile(fileId);
  if (!submission) return null;
  const session = getSession(submission.sessionId);
  if (!session) return false;
  const assignment = getAssignment(session);
  if (user.role === "speaker") return assignment.speakerMayGiveFeedback && session.speakerIds.includes(user.id);
  if (user.role !== "participant") return false;
  if (isTrioMember(user.id, submission.trioId)) return true;
  const shared = assignment.shareAfterDue && assignment.dueAt !== null && assignment.dueAt < new Date().toISOString();
  return shared && Boolean(latestVersion(submission)?.fileIds.includes(fileId)) && admittedTrioInEdition(user.id, session.editionId) !== null;
}
