import type { z } from "zod";
// import { id, timestamp } from "./schema-primitives.server";

/**
 * Whiteboards (issue 6): board metadata only. Board content (elements, snapshots) lives in files under DATA_DIR/boards and never goes through lowdb.
 * Each entry is a collection of the data file: a key of the data object whose value
 * is a z.array(...). A collection added here is created empty by the migration to
 * version 2 (migrations.server.ts) and by emptyData().
 */
export const boardCollections = {} satisfies Record<string, z.ZodArray<z.ZodTypeAny>>;
