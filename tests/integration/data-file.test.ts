import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listBackups } from "~/data/backups.server";
import { closeDatabase, DATA_FILE_NAME, openDatabase } from "~/data/db.server";
import { CompactJsonFile } from "~/data/json-file-adapter.server";
import { DATA_VERSION, emptyData, type Data, type User } from "~/data/schema.server";
import { StartupError } from "~/utils/env.server";

let dir: string;
let file: string;

function user(n: number): User {
  return {
    id: `u${n}`,
    email: `persoon${n}@gemeente.example`,
    name: `Persoon ${n}`,
    role: "participant",
    passwordHash: null,
    createdAt: new Date().toISOString(),
  };
}

async function onDisk(): Promise<Data> {
  return JSON.parse(await readFile(file, "utf8"));
}

async function openError(): Promise<Error> {
  try {
    await openDatabase(dir);
  } catch (error) {
    return error as Error;
  }
  throw new Error("openDatabase did not fail");
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-db-"));
  file = path.join(dir, DATA_FILE_NAME);
});

afterEach(async () => {
  await closeDatabase();
  await rm(dir, { recursive: true, force: true });
});

describe("the data file", () => {
  it("is created on a new folder as compact, versioned JSON", async () => {
    const { created } = await openDatabase(dir);
    expect(created).toBe(true);
    const text = await readFile(file, "utf8");
    expect(text).not.toMatch(/\n/);
    expect(JSON.parse(text)).toEqual(emptyData());
  });

  it("has a change on disk once the caller's await returns", async () => {
    const { store } = await openDatabase(dir);
    await store.change((data) => {
      data.users.push(user(1));
    });
    expect((await onDisk()).users.map((u) => u.id)).toEqual(["u1"]);
  });

  it("folds 200 concurrent changes into a few serialisations, losing none", async () => {
    const { store } = await openDatabase(dir);
    const before = store.serialisations;
    await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        store.change((data) => {
          data.users.push(user(n));
        }),
      ),
    );
    expect(store.serialisations - before).toBeLessThanOrEqual(2);
    expect((await onDisk()).users).toHaveLength(200);
  });

  it("writes atomically: no temporary file is left behind", async () => {
    const { store } = await openDatabase(dir);
    await Promise.all(Array.from({ length: 20 }, (_, n) => store.change((d) => void d.users.push(user(n)))));
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("flushes a change nobody awaited when the database closes", async () => {
    const { store } = await openDatabase(dir);
    void store.change((data) => void data.users.push(user(7)));
    await closeDatabase();
    expect((await onDisk()).users.map((u) => u.id)).toEqual(["u7"]);
  });

  it("reopens what it wrote", async () => {
    const { store } = await openDatabase(dir);
    await store.change((data) => void data.users.push(user(3)));
    await closeDatabase();
    const reopened = await openDatabase(dir);
    expect(reopened.created).toBe(false);
    expect(reopened.store.data.users.map((u) => u.id)).toEqual(["u3"]);
  });
});

describe("serialisation snapshot", () => {
  it("writes the state of the moment write() was called, even if records change meanwhile", async () => {
    await mkdir(dir, { recursive: true });
    const adapter = new CompactJsonFile<Data>(file);
    const data = emptyData();
    for (let n = 0; n < 5_000; n++) data.users.push(user(n));
    const writing = adapter.write(data);
    // Replaced and added after the call: not part of this write.
    data.users[0] = { ...data.users[0], name: "Later gewijzigd" };
    data.users.push(user(99_999));
    await writing;
    const written = await onDisk();
    expect(written.users).toHaveLength(5_000);
    expect(written.users[0].name).toBe("Persoon 0");
  });
});

describe("a bad data file at start", () => {
  async function makeValidFileWithBackup(): Promise<void> {
    const { store } = await openDatabase(dir);
    await store.change((data) => void data.users.push(user(1)));
    await closeDatabase();
    await openDatabase(dir); // a clean open takes a backup
    await closeDatabase();
  }

  it("stops the start naming the file and the newest backup, and leaves the file untouched", async () => {
    await makeValidFileWithBackup();
    const corrupt = '{"version":1,"users":[{"id":"u1"'; // cut off halfway
    await writeFile(file, corrupt);
    const error = await openError();
    expect(error).toBeInstanceOf(StartupError);
    expect(error.message).toContain(file);
    expect(error.message).toContain("geen geldige JSON");
    const [newest] = await listBackups(dir);
    expect(newest).toBeTruthy();
    expect(error.message).toContain(newest);
    expect(await readFile(file, "utf8")).toBe(corrupt);
  });

  it("names the field that does not fit the schema", async () => {
    const data = emptyData();
    data.users.push({ ...user(1), email: "geen-adres" });
    await writeFile(file, JSON.stringify(data));
    const error = await openError();
    expect(error.message).toContain("veld users.0.email");
    expect(error.message).toContain("Er is geen back-up gevonden");
  });

  it("refuses a file written by a newer version", async () => {
    await writeFile(file, JSON.stringify({ ...emptyData(), version: DATA_VERSION + 1 }));
    expect((await openError()).message).toMatch(/nieuwere versie/);
  });

  it("reports an unreadable file", async () => {
    await mkdir(file); // a folder where the file should be
    expect((await openError()).message).toMatch(/kan niet gelezen worden \(EISDIR\)/);
  });

  it("does not let a bad start push good backups out", async () => {
    await makeValidFileWithBackup();
    const before = await listBackups(dir);
    await writeFile(file, "kapot");
    await openError();
    expect(await listBackups(dir)).toEqual(before);
  });
});

describe("backups", () => {
  it("keeps a copy per clean start, the newest seven", async () => {
    await openDatabase(dir);
    await closeDatabase();
    for (let i = 0; i < 9; i++) {
      await openDatabase(dir);
      await closeDatabase();
      await new Promise((resolve) => setTimeout(resolve, 2)); // distinct millisecond stamps
    }
    const backups = await listBackups(dir);
    expect(backups).toHaveLength(7);
    expect(JSON.parse(await readFile(backups[0], "utf8")).version).toBe(DATA_VERSION);
  });
});
