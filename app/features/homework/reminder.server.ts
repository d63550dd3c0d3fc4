/**
 * The scheduler's sent-log: which reminders, digests and announcements have gone
 * out. An entry is claimed (and on disk) before the mail is handed to SMTP or the
 * outbox, confirmed after. See docs/decisions/011-homework-scheduler.md.
 */
import { getDb } from "~/data/db.server";
import type { SentLogEntry } from "~/data/homework-schema.server";
import { nowIso } from "~/data/ids.server";

export type { SentLogEntry };

export function isLogged(key: string): boolean {
  return getDb().data.sentLog.some((e) => e.key === key);
}

/** Claims a key; false when it was claimed before (by an earlier tick or an earlier run of the server). */
export async function claim(key: string, now: Date): Promise<boolean> {
  return getDb().change((data) => {
    if (data.sentLog.some((e) => e.key === key)) return false;
    data.sentLog.push({ key, claimedAt: nowIso(now), sentAt: null });
    return true;
  });
}

export async function confirmSent(key: string, now: Date): Promise<void> {
  await getDb().change((data) => {
    data.sentLog = data.sentLog.map((e) => (e.key === key ? { ...e, sentAt: nowIso(now) } : e));
  });
}

/** Gives a claim back after a failed send, so a later tick tries again. */
export async function releaseClaim(key: string): Promise<void> {
  await getDb().change((data) => {
    data.sentLog = data.sentLog.filter((e) => e.key !== key);
  });
}

/** Claims that were never confirmed: the process stopped between claim and confirmation. */
export function listUnconfirmed(): SentLogEntry[] {
  return getDb().data.sentLog.filter((e) => !e.sentAt);
}
