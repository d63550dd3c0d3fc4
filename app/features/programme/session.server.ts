import { getDb } from "~/data/db.server";
import { byId, groupedBy } from "~/data/indexes.server";

const sessionById = byId("sessions");
const sessionsOfEdition = groupedBy("sessions", (s) => s.editionId);
import { assertEditable, getEdition } from "./edition.server";
import { nowIso } from "~/data/ids.server";
import type { AgendaItem, Session } from "~/data/schema.server";

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

async function replaceSession(id: string, patch: (session: Session) => Session): Promise<Session> {
  const existing = getSession(id);
  if (!existing) throw new Error(`No session ${id}`);
  assertEditable(existing.editionId);
  return getDb().change((data) => {
    const index = data.sessions.findIndex((s) => s.id === id);
    data.sessions[index] = { ...patch(data.sessions[index]), updatedAt: nowIso() };
    return data.sessions[index];
  });
}

export function scheduleSession(id: string, input: ScheduleInput): Promise<Session> {
  return replaceSession(id, (s) => ({ ...s, ...input }));
}

export type SessionTexts = Pick<
  Session,
  "title" | "theme" | "intro" | "speakerName" | "speakerTopic" | "agenda" | "assignment" | "homework"
>;

export function updateSessionTexts(id: string, texts: SessionTexts): Promise<Session> {
  return replaceSession(id, (s) => ({ ...s, ...texts }));
}

export function addSpeakerToSession(id: string, userId: string): Promise<Session> {
  return replaceSession(id, (s) => (s.speakerIds.includes(userId) ? s : { ...s, speakerIds: [...s.speakerIds, userId] }));
}

export function removeSpeakerFromSession(id: string, userId: string): Promise<Session> {
  return replaceSession(id, (s) => ({ ...s, speakerIds: s.speakerIds.filter((u) => u !== userId) }));
}
