import { describe, expect, it } from "vitest";
import { migrate, MigrationError } from "~/data/migrations.server";
import { DATA_VERSION } from "~/data/schema.server";

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

describe("migration 1 → 2", () => {
  it("adds the feature collections empty and keeps everything else", async () => {
    const { dataSchema, emptyData, featureCollectionNames } = await import("~/data/schema.server");
    const current = emptyData();
    const v1: Record<string, unknown> = {
      ...current,
      version: 1,
      users: [{ id: "u1", email: "a@b.nl", name: "A", role: "organiser", passwordHash: null, createdAt: "2026-01-01T00:00:00.000Z" }],
    };
    for (const name of featureCollectionNames) delete v1[name];
    const { data, from, migrated } = migrate(v1);
    expect(from).toBe(1);
    expect(migrated).toBe(true);
    const parsed = dataSchema.parse(data);
    expect(parsed.version).toBe(DATA_VERSION);
    expect(parsed.users).toHaveLength(1);
    for (const name of featureCollectionNames) expect(parsed[name]).toEqual([]);
  });
});

describe("migration 2 → 3", () => {
  it("adds the trio invitations empty and keeps the memberships", async () => {
    const { dataSchema, emptyData } = await import("~/data/schema.server");
    const membership = {
      id: "m1",
      trioId: "t1",
      userId: "u1",
      domain: "wijk",
      jobTitle: "Wijkmanager",
      createdAt: "2026-01-01T00:00:00.000Z",
    };
    const v2: Record<string, unknown> = { ...emptyData(), version: 2, memberships: [membership] };
    delete v2.trioInvitations;
    expect(() => dataSchema.parse(v2)).toThrow();
    const { data, from, migrated } = migrate(v2);
    expect([from, migrated]).toEqual([2, true]);
    const parsed = dataSchema.parse(data);
    expect(parsed.version).toBe(3);
    expect(parsed.trioInvitations).toEqual([]);
    expect(parsed.memberships).toEqual([membership]);
  });
});
