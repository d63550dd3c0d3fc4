import { getDb } from "~/data/db.server";
import { byId, groupedBy } from "~/data/indexes.server";

const sessionById = byId("sessions");
const sessionsOfEdition = groupedBy("sessions", (s) => s.editionId);
import { assertEditable, getEdition } from "./edition.server";
import { nowIso } from "~/data/ids.server";
import type { AgendaItem, Data, Session } from "~/data/schema.server";
import { recordAuditIn } from "~/features/audit/audit.server";
import { formatTimeRange } from "~/utils/dates";
import { mailScheduleChange, placeOf, scheduleChanged } from "./session-mail.server";

export type { Session, AgendaItem };

export function getSession(id: string): Session | null {
  return sessionById(id);
}

export function listSessionsOfEdition(editionId: string): Session[] {
  return [...sessionsOfEdition(editionId)].sort((a, b) => a.number - b.number);
}

export function listSessionsOfSpeaker(userId: string): Session[] {
  return getDb()
    .data.sessions.filter((s) => s.speakerIds.includes(userId))
    .sort((a, b) => (a.startsAt ?? "9999").localeCompare(b.startsAt ?? "9999") || a.number - b.number);
}

export function isSpeakerOf(userId: string, sessionId: string): boolean {
  return Boolean(getSession(sessionId)?.speakerIds.includes(userId));
}

/** The first session of the list that has not ended yet. */
export function nextSession(sessions: Session[], now = new Date()): Session | null {
  const cutoff = now.toISOString();
  return (
    [...sessions].filter((s) => s.startsAt && s.endsAt && s.endsAt > cutoff).sort((a, b) => a.startsAt!.localeCompare(b.startsAt!))[0] ??
    null
  );
}

export type ScheduleInput = { startsAt: string; endsAt: string; location: string; onlineUrl: string | null };

const MAX_EDITION_SPAN_MS = 18 * 31 * 24 * 60 * 60 * 1000;

/**
 * Why a schedule cannot be accepted, per form field, or null when it can. A session
 * ends after it starts; it lies within the edition (after registration opens and
 * within 18 months of it); and the sessions keep their order 1 to 4.
 */
export function scheduleProblems(session: Session, input: ScheduleInput): Record<string, string> | null {
  const problems: Record<string, string> = {};
  const edition = getEdition(session.editionId);
  if (input.endsAt <= input.startsAt) problems.end = "De eindtijd moet na de begintijd liggen.";
  if (edition) {
    const opens = edition.registrationOpensAt;
    const latest = new Date(new Date(opens).getTime() + MAX_EDITION_SPAN_MS).toISOString();
    if (input.startsAt < opens) problems.date = "Deze datum ligt vóór de opening van de aanmelding voor deze editie.";
    else if (input.startsAt > latest) problems.date = "Deze datum ligt te ver na de opening van de aanmelding (meer dan 18 maanden).";
  }
  if (!problems.date) {
    for (const other of listSessionsOfEdition(session.editionId)) {
      if (other.id === session.id || !other.startsAt || !other.endsAt) continue;
      if (other.number < session.number && other.endsAt > input.startsAt) {
        problems.date = `Bijeenkomst ${session.number} moet na bijeenkomst ${other.number} komen.`;
        break;
      }
      if (other.number > session.number && other.startsAt < input.endsAt) {
        problems.date = `Bijeenkomst ${session.number} moet vóór bijeenkomst ${other.number} liggen.`;
        break;
      }
    }
  }
  if (!input.location.trim() && !input.onlineUrl) problems.location = "Vul een locatie of een link voor online deelname in.";
  return Object.keys(problems).length ? problems : null;
}

async function replaceSession(
  id: string,
  patch: (session: Session) => Session,
  audit?: (data: Data, before: Session, after: Session) => void,
): Promise<Session> {
  const existing = getSession(id);
  if (!existing) throw new Error(`No session ${id}`);
  assertEditable(existing.editionId);
  return getDb().change((data) => {
    const index = data.sessions.findIndex((s) => s.id === id);
    const before = data.sessions[index];
    data.sessions[index] = { ...patch(before), updatedAt: nowIso() };
    audit?.(data, before, data.sessions[index]);
    return data.sessions[index];
  });
}

function when(session: Pick<Session, "startsAt" | "endsAt">): string {
  return session.startsAt && session.endsAt ? formatTimeRange(session.startsAt, session.endsAt) : "niet gepland";
}

/**
 * Sets a session's date and place (`actorId`: the organiser, for the audit trail).
 * When a session that already had a date moves, or its place changes, its participants
 * and speakers are mailed (session-mail.server.ts).
 */
export async function scheduleSession(id: string, input: ScheduleInput, actorId: string | null = null): Promise<Session> {
  const before = getSession(id);
  const after = await replaceSession(
    id,
    (s) => ({ ...s, ...input }),
    (data, old, next) => {
      if (!scheduleChanged(old, next)) return;
      recordAuditIn(data, {
        editionId: next.editionId,
        kind: "session.scheduled",
        actorId,
        sessionId: next.id,
        detail: `${when(old)}, ${placeOf(old)} → ${when(next)}, ${placeOf(next)}`,
      });
    },
  );
  if (before?.startsAt && scheduleChanged(before, after)) await mailScheduleChange(before, after);
  return after;
}

export type SessionTexts = Pick<
  Session,
  "title" | "theme" | "intro" | "speakerName" | "speakerTopic" | "agenda" | "assignment" | "homework"
>;

export function updateSessionTexts(id: string, texts: SessionTexts, actorId: string | null = null): Promise<Session> {
  return replaceSession(
    id,
    (s) => ({ ...s, ...texts }),
    (data, before, after) => {
      const changed = (Object.keys(texts) as (keyof SessionTexts)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (changed.length === 0) return;
      recordAuditIn(data, {
        editionId: after.editionId,
        kind: "session.texts-changed",
        actorId,
        sessionId: after.id,
        detail: `gewijzigd: ${changed.map((k) => sessionTextLabels[k]).join(", ")}`,
      });
    },
  );
}

const sessionTextLabels: Record<keyof SessionTexts, string> = {
  title: "titel",
  theme: "thema",
  intro: "inleiding",
  speakerName: "naam spreker",
  speakerTopic: "onderwerp spreker",
  agenda: "programma",
  assignment: "opdracht",
  homework: "huiswerk",
};

export function addSpeakerToSession(id: string, userId: string): Promise<Session> {
  return replaceSession(id, (s) => (s.speakerIds.includes(userId) ? s : { ...s, speakerIds: [...s.speakerIds, userId] }));
}

export function removeSpeakerFromSession(id: string, userId: string): Promise<Session> {
  return replaceSession(id, (s) => ({ ...s, speakerIds: s.speakerIds.filter((u) => u !== userId) }));
}

/**
 * The speaker participants see: once speaker accounts are linked to the session, their
 * names (the person who publishes), otherwise the curriculum's default name.
 */
export function speakerDisplayName(session: Pick<Session, "speakerIds" | "speakerName">): string {
  const linked = session.speakerIds
    .map((id) => getDb().data.users.find((u) => u.id === id)?.name)
    .filter((name): name is string => Boolean(name));
  if (linked.length > 0) return linked.join(" en ");
  return session.speakerName.trim();
}
