import { getEdition, type Edition } from "~/models/edition.server";
import { getSession, type Session } from "~/models/session.server";
import { getTrio, listMembershipsOfUser, type Trio } from "~/models/trio.server";
import type { User } from "~/models/user.server";
import { requireUser } from "./auth.server";

export type SessionAccess = {
  user: User;
  session: Session;
  edition: Edition;
  role: "organiser" | "speaker" | "participant";
  /** For participants: their admitted trio in this edition. */
  trio: Trio | null;
};

/** A participant's admitted trio in an edition, if any. */
export function admittedTrioInEdition(userId: string, editionId: string): Trio | null {
  for (const membership of listMembershipsOfUser(userId)) {
    const trio = getTrio(membership.trioId);
    if (trio && trio.editionId === editionId && trio.status === "admitted") return trio;
  }
  return null;
}

/**
 * Who may open a session: organisers; the session's own speakers (another speaker
 * gets a 403, they know sessions exist); members of an admitted trio of the
 * edition (anyone else gets a 404, so ids cannot be probed).
 */
export async function requireSessionAccess(request: Request, sessionId: string): Promise<SessionAccess> {
  const user = await requireUser(request);
  const session = getSession(sessionId);
  const edition = session ? getEdition(session.editionId) : null;
  const notFound = () => new Response("Deze bijeenkomst bestaat niet of je hebt er geen toegang toe.", { status: 404 });
  if (!session || !edition) throw notFound();
  if (user.role === "organiser") return { user, session, edition, role: "organiser", trio: null };
  if (user.role === "speaker") {
    if (!session.speakerIds.includes(user.id)) {
      throw new Response("Deze bijeenkomst is van een andere spreker. Je ziet alleen je eigen bijeenkomsten.", { status: 403 });
    }
    return { user, session, edition, role: "speaker", trio: null };
  }
  const trio = admittedTrioInEdition(user.id, edition.id);
  if (!trio) throw notFound();
  return { user, session, edition, role: "participant", trio };
}

/** Speakers of this session and organisers: the people who manage its material. */
export async function requireSessionEditor(request: Request, sessionId: string): Promise<SessionAccess> {
  const access = await requireSessionAccess(request, sessionId);
  if (access.role === "participant") {
    throw new Response("Alleen de spreker en de begeleiders beheren het materiaal van deze bijeenkomst.", { status: 403 });
  }
  return access;
}
