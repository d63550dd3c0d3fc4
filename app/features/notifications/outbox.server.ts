import { getDb } from "~/data/db.server";
import { newId, nowIso } from "~/data/ids.server";
import type { Mail } from "~/data/schema.server";

export type { Mail };

export async function addToOutbox(mail: { to: string; subject: string; text: string; headers?: Record<string, string> }): Promise<Mail> {
  const record: Mail = { id: newId(), ...mail, createdAt: nowIso() };
  await getDb().change((data) => {
    data.outbox.push(record);
  });
  return record;
}

/** Newest first. */
export function listOutbox(): Mail[] {
  return [...getDb().data.outbox].reverse();
}

export function getOutboxMail(id: string): Mail | null {
  return getDb().data.outbox.find((m) => m.id === id) ?? null;
}
