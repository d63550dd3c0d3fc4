import { DomainError } from "~/utils/domain-error.server";
import { fromDutchParts, toDutchParts } from "~/utils/dutch-time";
import { getDb } from "~/data/db.server";
import { assertEditable } from "~/features/programme/edition.server";
import type { Assignment } from "~/data/homework-schema.server";
import { newId, nowIso } from "~/data/ids.server";
import type { Data, Session } from "~/data/schema.server";
import { recordAuditIn } from "~/features/audit/audit.server";
import { formatDateTime } from "~/utils/dates";
import { getSession, listSessionsOfEdition } from "~/features/programme/session.server";

export type { Assignment };

const DAY_MS = 24 * 60 * 60 * 1000;
/** Homework is due this many days before the next session, so organisers can read it first. */
export const DEFAULT_DAYS_BEFORE_NEXT = 3;
/** The last session has no next one: its homework (a closing reflection) is due a week after it. */
export const DEFAULT_DAYS_AFTER_LAST = 7;
/** Default due time, Dutch wall clock. */
export const DEFAULT_DUE_TIME = "17:00";
export const DEFAULT_REMINDER_DAYS = 2;

export class AssignmentError extends DomainError {
  constructor(field: string, message: string) {
    super(message, { status: 400, field });
  }
}

/** The session after this one in its edition, if any. */
export function nextSessionOf(session: Session): Session | null {
  return listSessionsOfEdition(session.editionId).find((s) => s.number === session.number + 1) ?? null;
}

/** `days` after the instant, at the default due time on the Dutch calendar. */
function dueOn(iso: string, days: number): string | null {
  const { date } = toDutchParts(new Date(new Date(iso).getTime() + days * DAY_MS).toISOString());
  return fromDutchParts(date, DEFAULT_DUE_TIME);
}

/** The due date when organisers set none: a few days before the next session (or a week after the last). */
export function defaultDueAt(session: Session): string | null {
  const next = nextSessionOf(session);
  if (next) return next.startsAt ? dueOn(next.startsAt, -DEFAULT_DAYS_BEFORE_NEXT) : null;
  return session.startsAt ? dueOn(session.startsAt, DEFAULT_DAYS_AFTER_LAST) : null;
}

function defaultAssignment(session: Session): Assignment {
  return {
    id: `standaard-${session.id}`,
    sessionId: session.id,
    dueAt: defaultDueAt(session),
    expects: "both",
    shareAfterDue: false,
    speakerMayGiveFeedback: false,
    reminderDays: DEFAULT_REMINDER_DAYS,
    extensions: [],
    updatedAt: session.updatedAt,
    updatedBy: null,
  };
}

function storedAssignment(sessionId: string): Assignment | null {
  return getDb().data.assignments.find((a) => a.sessionId === sessionId) ?? null;
}

/** The settings that apply to a session's homework: the saved ones, or the defaults. */
export function getAssignment(session: Session): Assignment {
  return storedAssignment(session.id) ?? defaultAssignment(session);
}

/** The due date for one trio: its extension when it has one. */
export function dueAtForTrio(assignment: Assignment, trioId: string): string | null {
  return assignment.extensions.find((e) => e.trioId === trioId)?.dueAt ?? assignment.dueAt;
}

export function isPastDue(assignment: Assignment, trioId: string, now = new Date()): boolean {
  const due = dueAtForTrio(assignment, trioId);
  return Boolean(due && due < now.toISOString());
}

export type AssignmentSettings = Pick<Assignment, "dueAt" | "expects" | "shareAfterDue" | "speakerMayGiveFeedback" | "reminderDays">;

/** Refuses a due date after the next session has started: the homework is for that session. */
export function dueDateProblem(session: Session, dueAt: string | null): string | null {
  if (!dueAt) return null;
  const next = nextSessionOf(session);
  if (next?.startsAt && dueAt > next.startsAt) {
    return `De inleverdatum valt na het begin van bijeenkomst ${next.number}. Kies een moment vóór die bijeenkomst begint.`;
  }
  return null;
}

async function upsert(session: Session, change: (current: Assignment) => Assignment, audit?: (data: Data) => void): Promise<Assignment> {
  assertEditable(session.editionId);
  return getDb().change((data) => {
    const index = data.assignments.findIndex((a) => a.sessionId === session.id);
    const current = index === -1 ? { ...defaultAssignment(session), id: newId() } : data.assignments[index];
    const next = change(current);
    if (index === -1) data.assignments.push(next);
    else data.assignments[index] = next;
    audit?.(data);
    return next;
  });
}

export async function saveAssignmentSettings(sessionId: string, userId: string, settings: AssignmentSettings): Promise<Assignment> {
  const session = getSession(sessionId);
  if (!session) throw new AssignmentError("form", "Deze bijeenkomst bestaat niet.");
  const problem = dueDateProblem(session, settings.dueAt);
  if (problem) throw new AssignmentError("dueDate", problem);
  return upsert(session, (current) => ({ ...current, ...settings, updatedAt: nowIso(), updatedBy: userId }));
}

/** Gives one trio its own due date (replacing an earlier extension), or removes it with null. */
export async function setExtension(sessionId: string, trioId: string, userId: string, dueAt: string | null): Promise<Assignment> {
  const session = getSession(sessionId);
  if (!session) throw new AssignmentError("form", "Deze bijeenkomst bestaat niet.");
  const trio = getDb().data.trios.find((t) => t.id === trioId && t.editionId === session.editionId);
  if (!trio) throw new AssignmentError("trioId", "Dit trio hoort niet bij deze editie.");
  const problem = dueDateProblem(session, dueAt);
  if (problem) throw new AssignmentError("dueDate", problem);
  return upsert(
    session,
    (current) => {
      const others = current.extensions.filter((e) => e.trioId !== trioId);
      const extensions = dueAt ? [...others, { trioId, dueAt, grantedBy: userId, grantedAt: nowIso() }] : others;
      return { ...current, extensions, updatedAt: nowIso(), updatedBy: userId };
    },
    (data) =>
      recordAuditIn(data, {
        editionId: session.editionId,
        kind: "homework.extension",
        actorId: userId,
        trioId,
        sessionId,
        detail: dueAt ? `inleveren uiterlijk ${formatDateTime(dueAt)}` : "uitstel ingetrokken",
      }),
  );
}
