import type { z } from "zod";
// import { id, timestamp } from "./schema-primitives.server";

/**
 * Exercises (issue 7): the mixing desk, organogram, local agenda, competences.
 * Each entry is a collection of the data file: a key of the data object whose value
 * is a z.array(...). A collection added here is created empty by the migration to
 * version 2 (migrations.server.ts) and by emptyData().
 */
export const exerciseCollections = {} satisfies Record<string, z.ZodArray<z.ZodTypeAny>>;
