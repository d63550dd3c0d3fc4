import type { StoredFile } from "~/models/file.server";
import { isFileVisibleInSession } from "~/models/material.server";
import { getSession } from "~/models/session.server";
import type { User } from "~/models/user.server";
import { admittedTrioInEdition } from "./session-access.server";

/**
 * May this user download this file? Organisers always; the uploader always; for
 * session material: the session's speakers, and participants of the edition once
 * the revision holding the file is published.
 */
export function canDownloadFile(user: User, file: StoredFile): boolean {
  if (user.role === "organiser" || file.uploadedBy === user.id) return true;
  const use = isFileVisibleInSession(file.id);
  if (!use) return false;
  const session = getSession(use.sessionId);
  if (!session) return false;
  if (user.role === "speaker") return session.speakerIds.includes(user.id);
  return use.visible && admittedTrioInEdition(user.id, session.editionId) !== null;
}
