/**
 * `npm run backup` and `npm run restore` (issue 13, ADR 027): the compiled operator
 * commands (build/ops.js) against a running server whose board is being written.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBoardStore } from "~/data/board-store.server";
import { getDb } from "~/data/db.server";
import { commitIncomingFile, createIncomingFile } from "~/data/file-store.server";
import { createBoardFromTemplate } from "~/features/boards/board.server";
import type { Board } from "~/data/board-schema.server";
import { startTestServer, type TestServer } from "../setup/test-server";
import { rectangle } from "./board-helpers";

const ROOT = path.resolve(__dirname, "../..");
let server: TestServer | null = null;
let work = "";

function ops(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "build", "ops.js"), ...args],
      { env: { PATH: process.env.PATH, NODE_ENV: "test", DATA_DIR: dataDir }, encoding: "utf8" },
      (error: (Error & { code?: unknown }) | null, stdout: string, stderr: string) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "werkplaats-backup-"));
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
  await rm(work, { recursive: true, force: true });
});

describe("backup and restore", () => {
  let backupDir = "";
  let board: Board;
  let committedBefore = 0;
  let committedAfter = 0;
  let fileId = "";

  it("backs up a running server while a board is being written: whole log lines, the upload, the data file", async () => {
    const organiser = getDb().data.users.find((u) => u.role === "organiser")!;
    board = await createBoardFromTemplate({
      sessionId: getDb().data.sessions[0].id,
      trioId: null,
      template: "blank",
      createdBy: organiser.id,
    });
    const incoming = await createIncomingFile();
    const content = Buffer.from("verslag van de bijeenkomst\n".repeat(100));
    incoming.stream.end(content);
    await new Promise<void>((resolve) => incoming.stream.on("close", () => resolve()));
    const sha256 = createHash("sha256").update(content).digest("hex");
    fileId = (
      await commitIncomingFile(incoming, {
        originalName: "verslag.txt",
        mime: "text/plain",
        size: content.length,
        sha256,
        uploadedBy: organiser.id,
      })
    ).id;

    const store = await openBoardStore(board);
    let committed = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await store.commit({ elements: [rectangle()] });
        committed++;
      }
    })();
    while (committed < 20) await new Promise((resolve) => setTimeout(resolve, 5));

    committedBefore = committed;
    const result = await ops(["backup", path.join(work, "backups")], server!.dataDir);
    committedAfter = committed;
    writing = false;
    await writer;
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("De draaiende server heeft de back-up gemaakt.");
    backupDir = result.stdout.match(/Back-up gemaakt: (\S+)/)![1];
    expect(path.basename(backupDir)).toMatch(/^werkplaats-\d{8}T\d{6}Z$/);

    const data = JSON.parse(await readFile(path.join(backupDir, "werkplaats.json"), "utf8"));
    expect(data.boards.map((b: Board) => b.id)).toContain(board.id);
    const stored = data.files.find((f: { id: string }) => f.id === fileId);
    expect(
      createHash("sha256")
        .update(await readFile(path.join(backupDir, "files", stored.storedName)))
        .digest("hex"),
    ).toBe(sha256);
    const log = await readFile(path.join(backupDir, "boards", board.id, "log.ndjson"), "utf8");
    expect(log.endsWith("\n")).toBe(true);
    for (const line of log.trimEnd().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
    const names = await readdir(backupDir);
    expect(names).not.toContain("backups");
    expect(names).not.toContain("admin.sock");
    expect(names.some((n) => n.startsWith(".backup-staging-"))).toBe(false);
    expect((await readdir(server!.dataDir)).some((n) => n.startsWith(".backup-staging-"))).toBe(false);
  });

  it("refuses to restore over a data folder a live process holds, and changes nothing", async () => {
    const dataDir = server!.dataDir;
    const before = await readFile(path.join(dataDir, "werkplaats.json"), "utf8");
    const lock = path.join(dataDir, "werkplaats.lock");
    // The running server (in this process) holds the data-folder lock.
    const locked = await ops(["restore", backupDir], dataDir);
    expect(locked.code).toBe(1);
    expect(locked.stderr.trim()).toBe(
      `Terugzetten geweigerd: een server (pid ${process.pid}) gebruikt ${dataDir}. Stop die eerst; er is niets veranderd.`,
    );
    // Without the lock file, the server still answers on its admin socket.
    await rename(lock, `${lock}.aside`);
    try {
      const running = await ops(["restore", backupDir], dataDir);
      expect(running.code).toBe(1);
      expect(running.stderr).toMatch(/^Terugzetten geweigerd: een server antwoordt nog op /);
    } finally {
      await rename(`${lock}.aside`, lock);
    }
    expect(await readFile(path.join(dataDir, "werkplaats.json"), "utf8")).toBe(before);
  });

  it("restores into a stopped data folder (a stale lock does not block it) and the server starts on it", async () => {
    await server!.stop();
    server = null;
    const dataDir = path.join(work, "data");
    const first = await ops(["restore", backupDir], dataDir);
    expect(first.code).toBe(0);
    // Restoring again over it: the lock of a process that is gone does not block, the old content is kept aside.
    await writeFile(
      path.join(dataDir, "werkplaats.lock"),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), startedAt: new Date().toISOString() }),
    );
    const again = await ops(["restore", backupDir], dataDir);
    expect(again.stderr).toBe("");
    expect(again.stdout).toMatch(/De vorige inhoud staat in .*data\.voor-herstel-\d{8}T\d{6}Z/);
    expect(existsSync(path.join(dataDir, "backup-manifest.json"))).toBe(false);

    server = await startTestServer({ dataDir });
    const store = await openBoardStore(board);
    const restored = [...store.elements.values()].filter((e) => e.type === "rectangle").length;
    // Everything acknowledged before the backup began, nothing after it ended.
    expect(restored).toBeGreaterThanOrEqual(committedBefore);
    expect(restored).toBeLessThanOrEqual(committedAfter);
    expect(getDb().data.files.map((f) => f.id)).toContain(fileId);
  });
});
