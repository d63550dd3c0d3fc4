/**
 * The policy as loaders and actions use it: find the resource named in the URL,
 * ask the policy, and throw the refusal as an HTTP response (the shared error
 * page shows its Dutch message). Authentication (who is this?) is
 * app/features/accounts/auth.server.ts; everything about what they may do is policy.server.ts.
 */
import { getAssignment, type Assignment } from "~/features/homework/assignment.server";
import { getEdition, type Edition } from "~/features/programme/edition.server";
import { getSession, type Session } from "~/features/programme/session.server";
import { getTrio, isTrioMember, type Trio } from "~/features/registration/trio.server";
import type { User } from "~/features/accounts/user.server";
import { requireUser } from "~/features/accounts/auth.server";
import { memberTrioInEdition } from "./facts.server";
import { decide, Messages, sessionRole, type Action, type Actor, type ResourceOf } from "./policy.server";

/** Throws the policy's refusal as a response (status and Dutch message), or returns. */
export function requireAllowed<A extends Action>(actor: Actor, action: A, resource: ResourceOf<A>, message?: string): void {
  const decision = decide(actor, action, resource);
  if (!decision.allowed) throw new Response(message ?? decision.message, { status: decision.status });
}

/** Organiser-only pages. */
export async function requireOrganiser(request: Request): Promise<User> {
  const user = await requireUser(request);
  requireAllowed(user, "platform.manage", null);
  return user;
}

/** The edition named in a URL, or a 404 with a Dutch message. */
export function requireEdition(id: string | undefined): Edition {
  const edition = getEdition(id ?? "");
  if (!edition) throw new Response("Deze editie bestaat niet.", { status: 404 });
  return edition;
}

/** Refuses any change to an archived edition: 409 with the Dutch reason. */
export function requireEditableEdition(actor: Actor, editionId: string): void {
  requireAllowed(actor, "edition.change", { id: editionId });
}

/** A member of the trio, or an organiser; anyone else gets a 404 (ids cannot be probed). */
export async function requireTrioMember(request: Request, trioId: string): Promise<{ user: User; trio: Trio }> {
  const user = await requireUser(request);
  const trio = getTrio(trioId);
  if (!trio) throw new Response(Messages.trioNotFound, { status: 404 });
  requireAllowed(user, "trio.view", trio);
  return { user, trio };
}

/**
 * A member changing their own trio's data: organisers may look (requireTrioMember)
 * but get a 403 with `refusal` here, and an archived edition answers 409.
 */
export async function requireTrioChange(request: Request, trioId: string, refusal: string): Promise<{ user: User; trio: Trio }> {
  const { user, trio } = await requireTrioMember(request, trioId);
  requireTrioChangeBy(user, trio, refusal);
  return { user, trio };
}

/** The "trio.change" rule with a page's own words for an organiser who may only look. */
export function requireTrioChangeBy(user: Actor, trio: Trio, refusal: string): void {
  const decision = decide(user, "trio.change", trio);
  if (!decision.allowed) throw new Response(decision.status === 403 ? refusal : decision.message, { status: decision.status });
}

export type SessionAccess = {
  user: User;
  session: Session;
  edition: Edition;
  role: "organiser" | "speaker" | "participant";
  /** For participants: their admitted trio in this edition. */
  trio: Trio | null;
};

/** Who may open a session: see the "session.view" rule. */
export async function requireSessionAccess(request: Request, sessionId: string): Promise<SessionAccess> {
  const user = await requireUser(request);
  const session = getSession(sessionId);
  const edition = session ? getEdition(session.editionId) : null;
  if (!session || !edition) throw new Response(Messages.sessionNotFound, { status: 404 });
  requireAllowed(user, "session.view", session);
  const role = sessionRole(user, session) as SessionAccess["role"];
  return { user, session, edition, role, trio: role === "participant" ? memberTrioInEdition(user.id, edition.id) : null };
}

/** Speakers of this session and organisers: the people who manage its material. */
export async function requireSessionEditor(request: Request, sessionId: string): Promise<SessionAccess> {
  const access = await requireSessionAccess(request, sessionId);
  requireAllowed(access.user, "session.manageMaterial", access.session);
  return access;
}

export type HomeworkContext = { user: User; trio: Trio; session: Session; edition: Edition; assignment: Assignment; isMember: boolean };

/** A trio's homework for one session: see the "homework.view" rule. */
export async function requireTrioHomework(request: Request, trioId: string, sessionId: string): Promise<HomeworkContext> {
  const user = await requireUser(request);
  const trio = getTrio(trioId);
  const session = getSession(sessionId);
  const edition = session ? getEdition(session.editionId) : null;
  if (!trio || !session || !edition) throw new Response(Messages.homeworkNotFound, { status: 404 });
  requireAllowed(user, "homework.view", { trio, session });
  return { user, trio, session, edition, assignment: getAssignment(session), isMember: isTrioMember(user.id, trio.id) };
}

/** Members only: organisers read and give feedback, but do not write a trio's answer. */
export function requireHomeworkWork(context: HomeworkContext): void {
  requireAllowed(context.user, "homework.work", { trio: context.trio, session: context.session });
}

export type ReviewerContext = { user: User; session: Session; edition: Edition; assignment: Assignment; role: "organiser" | "speaker" };

/** Who reads submissions and gives feedback: see the "homework.review" rule. */
export async function requireHomeworkReviewer(request: Request, sessionId: string): Promise<ReviewerContext> {
  const user = await requireUser(request);
  const session = getSession(sessionId);
  const edition = session ? getEdition(session.editionId) : null;
  if (!session || !edition) throw new Response("Deze bijeenkomst bestaat niet.", { status: 404 });
  requireAllowed(user, "homework.review", session);
  return { user, session, edition, assignment: getAssignment(session), role: user.role === "organiser" ? "organiser" : "speaker" };
}

/** The trio named in a reviewer URL, in the session's edition. */
export function requireTrioOfEdition(trioId: string | undefined, editionId: string): Trio {
  const trio = getTrio(trioId ?? "");
  if (!trio || trio.editionId !== editionId) throw new Response("Dit trio bestaat niet in deze editie.", { status: 404 });
  return trio;
}
