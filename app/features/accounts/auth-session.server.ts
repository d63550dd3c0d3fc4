import { getDb } from "~/data/db.server";
import { byId } from "~/data/indexes.server";

const authSessionById = byId("authSessions");
import { newId, nowIso } from "~/data/ids.server";
import type { AuthSession } from "~/data/schema.server";

export type { AuthSession };

export async function createAuthSession(userId: string, ttlMs: number, now = new Date()): Promise<AuthSession> {
  const session: AuthSession = {
    id: newId() + newId(),
    userId,
    createdAt: nowIso(now),
    expiresAt: nowIso(new Date(now.getTime() + ttlMs)),
  };
  return getDb().change((data) => {
    // Expired sessions are dropped here, so the collection never grows without bound.
    const cutoff = now.toISOString();
    data.authSessions = data.authSessions.filter((s) => s.expiresAt > cutoff);
    data.authSessions.push(session);
    return session;
  });
}

/** The session, or null when it does not exist or has expired. */
export function getAuthSession(id: string, now = new Date()): AuthSession | null {
  const session = authSessionById(id);
  if (!session || session.expiresAt <= now.toISOString()) return null;
  return session;
}

export async function deleteAuthSession(id: string): Promise<void> {
  const db = getDb();
  if (!db.data.authSessions.some((s) => s.id === id)) return;
  await db.change((data) => {
    data.authSessions = data.authSessions.filter((s) => s.id !== id);
  });
}

/** Ends every other login of a user, e.g. after they change their password; `keepId` stays. */
export async function deleteOtherAuthSessionsOfUser(userId: string, keepId: string): Promise<void> {
  await getDb().change((data) => {
    data.authSessions = data.authSessions.filter((s) => s.userId !== userId || s.id === keepId);
  });
}

/** Ends every session of a user, e.g. after a password reset. */
export async function deleteAuthSessionsOfUser(userId: string): Promise<void> {
  await getDb().change((data) => {
    data.authSessions = data.authSessions.filter((s) => s.userId !== userId);
  });
}
