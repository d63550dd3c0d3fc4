import { describe, expect, it } from "vitest";
import { migrate, MigrationError } from "~/models/migrations.server";
import { DATA_VERSION } from "~/models/schema.server";

describe("migrate", () => {
  it("leaves a current file alone", () => {
    const raw = { version: DATA_VERSION, users: [] };
    expect(migrate(raw)).toEqual({ data: raw, from: DATA_VERSION, migrated: false });
  });

  it("runs each step in order up to the target", () => {
    const table = {
      1: (d: Record<string, unknown>) => ({ ...d, version: 2, notes: [] }),
      2: (d: Record<string, unknown>) => ({ ...d, version: 3, notes: [...(d.notes as string[]), "v3"] }),
    };
    expect(migrate({ version: 1 }, table, 3)).toEqual({ data: { version: 3, notes: ["v3"] }, from: 1, migrated: true });
  });

  it("refuses a file from a newer version of the app", () => {
    expect(() => migrate({ version: DATA_VERSION + 1 })).toThrow(MigrationError);
    expect(() => migrate({ version: DATA_VERSION + 1 })).toThrow(/nieuwere versie/);
  });

  it.each([[null], [[]], ["tekst"], [{ version: "1" }], [{ version: 0 }], [{}]])("refuses %o", (raw) => {
    expect(() => migrate(raw)).toThrow(MigrationError);
  });

  it("refuses when a step is missing", () => {
    expect(() => migrate({ version: 1 }, {}, 2)).toThrow(/geen migratie van versie 1 naar 2/);
  });
});
