import { getAssignment, type Assignment } from "~/models/assignment.server";
import { getEdition, type Edition } from "~/models/edition.server";
import { getSession, type Session } from "~/models/session.server";
import { getTrio, isTrioMember, type Trio } from "~/models/trio.server";
import type { User } from "~/models/user.server";
import { requireTrioMember, requireUser } from "./auth.server";

export type HomeworkContext = { user: User; trio: Trio; session: Session; edition: Edition; assignment: Assignment; isMember: boolean };

const notFound = () => new Response("Dit huiswerk bestaat niet of je hebt er geen toegang toe.", { status: 404 });

/**
 * A trio's homework for one session: members of the trio (and organisers). A
 * participant of another trio gets a 404, like every other trio page.
 */
export async function requireTrioHomework(request: Request, trioId: string, sessionId: string): Promise<HomeworkContext> {
  const { user, trio } = await requireTrioMember(request, trioId);
  const session = getSession(sessionId);
  const edition = session ? getEdition(session.editionId) : null;
  if (!session || !edition || session.editionId !== trio.editionId || trio.status !== "admitted") throw notFound();
  return { user, trio, session, edition, assignment: getAssignment(session), isMember: isTrioMember(user.id, trio.id) };
}

/** Members only: organisers read and give feedback, but do not write a trio's answer. */
export function assertMember(context: HomeworkContext): void {
  if (!context.isMember) throw new Response("Alleen leden van het trio werken aan dit huiswerk.", { status: 403 });
}

export type ReviewerContext = { user: User; session: Session; edition: Edition; assignment: Assignment; role: "organiser" | "speaker" };

/**
 * Who reads submissions and gives feedback: organisers, and the session's own
 * speaker when the organisers allow it. A speaker of another session gets a 403.
 */
export async function requireHomeworkReviewer(request: Request, sessionId: string): Promise<ReviewerContext> {
  const user = await requireUser(request);
  const session = getSession(sessionId);
  const edition = session ? getEdition(session.editionId) : null;
  if (!session || !edition) throw new Response("Deze bijeenkomst bestaat niet.", { status: 404 });
  const assignment = getAssignment(session);
  if (user.role === "organiser") return { user, session, edition, assignment, role: "organiser" };
  if (user.role === "speaker") {
    if (!session.speakerIds.includes(user.id)) {
      throw new Response("Dit huiswerk hoort bij de bijeenkomst van een andere spreker. Je ziet alleen inzendingen van je eigen bijeenkomst.", { status: 403 });
    }
    if (!assignment.speakerMayGiveFeedback) {
      throw new Response("De begeleiders hebben het huiswerk van deze bijeenkomst niet voor de spreker opengezet.", { status: 403 });
    }
    return { user, session, edition, assignment, role: "speaker" };
  }
  throw new Response("Alleen begeleiders (en de spreker, als de begeleiders dat toestaan) lezen alle inzendingen.", { status: 403 });
}

/** The trio named in a reviewer URL, in the session's edition. */
export function requireTrioOfEdition(trioId: string | undefined, editionId: string): Trio {
  const trio = getTrio(trioId ?? "");
  if (!trio || trio.editionId !== editionId) throw new Response("Dit trio bestaat niet in deze editie.", { status: 404 });
  return trio;
}
