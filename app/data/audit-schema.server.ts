import { z } from "zod";
import { id, timestamp } from "./schema-primitives.server";

/**
 * The organisers' audit trail (issue 15): one entry per organiser action on personal
 * data or on what participants rely on. Entries hold ids, never names or addresses,
 * so anonymising a person also anonymises the trail; they belong to one edition and
 * go when its personal data goes (accounts/privacy.server.ts).
 */
export const auditKinds = [
  "trio.admitted",
  "trio.rejected",
  "trio.waiting",
  "trio.member-replaced",
  "session.scheduled",
  "session.texts-changed",
  "homework.extension",
  "desk.revealed",
  "board.restored",
  "personal-data.deleted",
  "personal-data.exported",
] as const;
export type AuditKind = (typeof auditKinds)[number];

export const auditEventSchema = z.object({
  id,
  editionId: id,
  kind: z.enum(auditKinds),
  at: timestamp,
  /** The account that did it (null: the system, or an account since removed). */
  actorId: id.nullable(),
  trioId: id.nullable(),
  sessionId: id.nullable(),
  /** The people the action was about (a replaced member and their successor, a deleted account). */
  subjectUserIds: z.array(id).max(10),
  /** What changed, in the platform's own words (dates, a board's name); never typed-in personal data. */
  detail: z.string().max(500),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** `.default([])`: data files written before the trail existed load without a migration. */
export const auditCollections = {
  auditEvents: z.array(auditEventSchema).default([]),
};
