import type { z } from "zod";
// import { id, timestamp } from "./schema-primitives.server";

/**
 * Homework (issue 5): assignments, submissions, feedback, notifications, the reminder log.
 * Each entry is a collection of the data file: a key of the data object whose value
 * is a z.array(...). A collection added here is created empty by the migration to
 * version 2 (migrations.server.ts) and by emptyData().
 */
export const homeworkCollections = {} satisfies Record<string, z.ZodArray<z.ZodTypeAny>>;
