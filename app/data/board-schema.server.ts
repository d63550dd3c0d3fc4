import { z } from "zod";
import { id, timestamp } from "./schema-primitives.server";

/**
 * Whiteboards (issue 6): board metadata only. Board content (elements, votes,
 * snapshots) lives in files under DATA_DIR/boards (board-store.server.ts) and
 * never goes through lowdb.
 * Each entry is a collection of the data file: a key of the data object whose value
 * is a z.array(...). A collection added here is created empty by the migration to
 * version 2 (migrations.server.ts) and by emptyData().
 */
export const boardTemplates = ["blank", "organogram", "lokale-agenda", "intervisie", "kennisuitwisseling"] as const;
export type BoardTemplate = (typeof boardTemplates)[number];

export const boardScopes = ["plenary", "trio"] as const;
export type BoardScope = (typeof boardScopes)[number];

export const boardSchema = z.object({
  id,
  editionId: id,
  sessionId: id,
  /** null for a plenary board. */
  trioId: id.nullable(),
  scope: z.enum(boardScopes),
  template: z.enum(boardTemplates),
  title: z.string().min(1).max(200),
  /** The board created automatically for the session or trio (one of each); others are added by organisers. */
  auto: z.boolean(),
  createdAt: timestamp,
  /** null for boards created automatically. */
  createdBy: id.nullable(),
  /** Read-only for participants. */
  locked: z.boolean(),
  /** New notes are only visible to their author and the facilitators until revealed. */
  privateMode: z.boolean(),
  /** Dot voting; null when never opened. */
  voting: z.object({ open: z.boolean(), votesPerParticipant: z.number().int().min(1).max(20) }).nullable(),
});
export type Board = z.infer<typeof boardSchema>;

export const boardCollections = {
  boards: z.array(boardSchema),
} satisfies Record<string, z.ZodArray<z.ZodTypeAny>>;
