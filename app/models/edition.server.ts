import { getDb } from "./db.server";
import { newId, nowIso } from "./ids.server";
import type { Edition, Session } from "./schema.server";

export type { Edition, Session };

export function listEditions(): Edition[] {
  return [...getDb().data.editions].sort((a, b) => b.year - a.year || a.name.localeCompare(b.name));
}

export function getEdition(id: string): Edition | null {
  return getDb().data.editions.find((e) => e.id === id) ?? null;
}

export async function createEdition(input: Omit<Edition, "id" | "createdAt" | "archivedAt">): Promise<Edition> {
  const edition: Edition = { ...input, id: newId(), archivedAt: null, createdAt: nowIso() };
  return getDb().change((data) => {
    data.editions.push(edition);
    return edition;
  });
}

export function listSessionsOfEdition(editionId: string): Session[] {
  return getDb()
    .data.sessions.filter((s) => s.editionId === editionId)
    .sort((a, b) => a.number - b.number);
}

export function listSessionsOfSpeaker(userId: string): Session[] {
  return getDb()
    .data.sessions.filter((s) => s.speakerIds.includes(userId))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

export async function createSession(input: Omit<Session, "id">): Promise<Session> {
  const session: Session = { ...input, id: newId() };
  return getDb().change((data) => {
    data.sessions.push(session);
    return session;
  });
}
