import { DATA_VERSION, featureCollectionNames } from "./schema.server";

export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * migrations[n] turns a version-n file into version n+1. Each one is pure: it gets
 * the parsed JSON and returns the new object; the result is validated afterwards
 * against the current schema. Version 1 is the first released shape.
 */
export const migrations: Record<number, Migration> = {
  /** 2: the feature collections (homework, boards, exercises) start empty. */
  1: (data) => ({
    ...data,
    ...Object.fromEntries(featureCollectionNames.map((name) => [name, Array.isArray(data[name]) ? data[name] : []])),
    version: 2,
  }),
  /** 3: pending trio invitations (consent of existing accounts, ADR 021) start empty. */
  2: (data) => ({
    ...data,
    trioInvitations: Array.isArray(data.trioInvitations) ? data.trioInvitations : [],
    version: 3,
  }),
};

export class MigrationError extends Error {}

export function migrate(
  raw: unknown,
  table: Record<number, Migration> = migrations,
  target: number = DATA_VERSION,
): { data: unknown; from: number; migrated: boolean } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new MigrationError("het bestand bevat geen JSON-object");
  }
  let data = raw as Record<string, unknown>;
  const from = data.version;
  if (typeof from !== "number" || !Number.isInteger(from) || from < 1) {
    throw new MigrationError(`ongeldig versienummer ${JSON.stringify(from)}`);
  }
  if (from > target) {
    throw new MigrationError(
      `het bestand heeft versie ${from} en deze Werkplaats kent tot versie ${target}: start een nieuwere versie van de app`,
    );
  }
  for (let v = from; v < target; v++) {
    const step = table[v];
    if (!step) throw new MigrationError(`er is geen migratie van versie ${v} naar ${v + 1}`);
    data = step(data);
  }
  return { data, from, migrated: from !== target };
}
