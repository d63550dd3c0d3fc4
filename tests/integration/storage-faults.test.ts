import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb, STORAGE_UNAVAILABLE_MESSAGE, StorageUnavailableError } from "~/data/db.server";
import { injectWriteFault, type WriteTarget } from "~/data/disk.server";
import { acquireDataLock, lockPath } from "~/data/data-lock.server";
import { loadedBoardCount, openBoardStore } from "~/data/board-store.server";
import { listBoardsOfSession, type Board } from "~/features/boards/board.server";
import { listEditions } from "~/features/programme/edition.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { createQuestion } from "~/features/programme/question.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { withBoardRoles } from "~/access/policy.server";
import type { BoardElement, BoardState, UpdateAck } from "~/features/boards/board-protocol";
import { StartupError } from "~/utils/env.server";
import { expectConsoleError } from "../setup/fail-on-console-error";
import { Client } from "../setup/http-client";
import { minimalPdf } from "../setup/sample-files";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { connectBoardSocket, edited, fetchState, joinBoard, login, rectangle, send, waitFor, type Person } from "./board-helpers";

/**
 * The disk fails at the file-system call (disk.server.ts's seam: a short write,
 * then ENOSPC) while boards, forms and uploads write; the server refuses what it
 * could not store, keeps memory equal to the disk, and after a restart every
 * acknowledged change is there. Loading recovers around a damaged log line.
 */

let dataDir: string;
let server: TestServer;
/** The demo logins of the first start (later starts print none). */
let first: TestServer;
const seeded = (role: "organiser" | "speaker" | "participant") => seededLogin(first, role);
const start = async () => (server = await startTestServer({ dataDir, env: { BOARD_IDLE_SECONDS: "1" } }));
const restart = async () => {
  await server.stop();
  await start();
};

/** Fails the next writes to `target`: the first is cut after `firstBytes` bytes, all fail until cleared. */
function fillDisk(target: WriteTarget, firstBytes: number): { faults: () => number } {
  let faults = 0;
  injectWriteFault((t, _file, bytes) => {
    if (t !== target) return undefined;
    faults++;
    return faults === 1 ? Math.min(firstBytes, bytes - 1) : 0;
  });
  return { faults: () => faults };
}

async function boardsOfFirstSession(): Promise<Board[]> {
  const organiser = getUserByEmail(seeded("organiser").email)!;
  const sessionId = listSessionsOfEdition(listEditions()[0].id)[0].id;
  return withBoardRoles(organiser, await listBoardsOfSession(sessionId));
}

async function organiser(): Promise<Person> {
  const l = seeded("organiser");
  return login(server.url, l.email, l.password);
}

async function stateOf(person: Person, boardId: string): Promise<Map<string, BoardElement>> {
  const res = await fetchState(server.url, person, boardId);
  expect(res.status).toBe(200);
  return new Map(((await res.json()) as BoardState).elements.map((e) => [e.id, e]));
}

function logOf(boardId: string): string {
  return path.join(dataDir, "boards", boardId, "log.ndjson");
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-faults-"));
  first = await start();
});

afterEach(() => injectWriteFault(null));

afterAll(async () => {
  injectWriteFault(null);
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("a full disk during board updates", () => {
  it("refuses the torn update, keeps the log loadable and memory equal to disk; every acknowledged update survives a restart", async () => {
    const board = (await boardsOfFirstSession())[0];
    const person = await organiser();
    const sender = await connectBoardSocket(server.url, person);
    const peer = await connectBoardSocket(server.url, person);
    await joinBoard(server.url, person, sender, board.id);
    await joinBoard(server.url, person, peer, board.id);

    const acked = new Map<string, BoardElement>();
    const update = async (element: BoardElement) => {
      const ack = await send<UpdateAck>(sender, "board:update", { boardId: board.id, elements: [element] });
      if (ack.ok) acked.set(element.id, element);
      return ack;
    };
    let edits = rectangle();
    for (let i = 0; i < 20; i++) expect((await update((edits = i === 0 ? edits : edited(edits, { x: i })))).ok).toBe(true);
    const before = await stateOf(person, board.id);
    const logBefore = await readFile(logOf(board.id));

    expectConsoleError(/schrijven mislukt \(ENOSPC\)/);
    const disk = fillDisk("board-log", 37);
    const refused: BoardElement[] = [];
    for (let i = 0; i < 5; i++) {
      const element = i % 2 === 0 ? rectangle() : edited(edits, { x: 1000 + i });
      const ack = await update(element);
      expect(ack.ok).toBe(false);
      if (!ack.ok) {
        expect(ack.error.code).toBe("internal");
        expect(ack.error.message).toBe("De opslag is vol: je wijziging is niet bewaard.");
      }
      refused.push(element);
    }
    expect(disk.faults()).toBe(5);
    // The log is cut back to its last whole line, memory to what is on disk, and peers are told.
    expect(Buffer.compare(await readFile(logOf(board.id)), logBefore)).toBe(0);
    expect(await stateOf(person, board.id)).toEqual(before);
    await waitFor(
      () => peer.events.some((e) => e.event === "board:restored" && (e.args[0] as { reason?: string }).reason === "storage"),
      "restored",
    );

    // Space is back: the next updates are acknowledged as usual.
    injectWriteFault(null);
    for (let i = 0; i < 39; i++) expect((await update(i % 3 === 0 ? (edits = edited(edits, { y: i })) : rectangle())).ok).toBe(true);
    sender.close();
    peer.close();

    await restart();
    const after = await stateOf(await organiser(), board.id);
    const lost = [...acked.values()].filter((e) => (after.get(e.id)?.version ?? 0) < e.version);
    expect(lost).toEqual([]);
    for (const element of refused.filter((e) => e.version === 1)) expect(after.has(element.id)).toBe(false);
    console.log(
      `board ENOSPC: ${acked.size} elements acknowledged (59 updates), ${refused.length} refused; recovered ${acked.size - lost.length}`,
    );

    // The compaction counter is read back from the log, not restarted at zero.
    const lines = (await readFile(logOf(board.id), "utf8")).split("\n").filter(Boolean).length;
    expect(lines).toBeGreaterThan(0);
    expect((await openBoardStore(board)).batchesSinceSnapshot).toBe(lines);
  }, 60_000);

  it("unloads a board nobody uses and loads it again on demand", async () => {
    const board = (await boardsOfFirstSession())[1];
    const person = await organiser();
    const socket = await connectBoardSocket(server.url, person);
    await joinBoard(server.url, person, socket, board.id);
    const element = rectangle();
    expect((await send<UpdateAck>(socket, "board:update", { boardId: board.id, elements: [element] })).ok).toBe(true);
    const loaded = loadedBoardCount();
    expect(loaded).toBeGreaterThan(0);
    socket.close();
    await waitFor(() => loadedBoardCount() === 0, "idle boards unloaded", 8_000);
    expect((await stateOf(person, board.id)).get(element.id)?.version).toBe(1);
    expect(loadedBoardCount()).toBe(1);
  }, 20_000);
});

describe("a damaged board log", () => {
  it("recovers every valid batch before and after a bad middle line, keeps a copy and says what it skipped", async () => {
    const board = (await boardsOfFirstSession())[2];
    const person = await organiser();
    const socket = await connectBoardSocket(server.url, person);
    await joinBoard(server.url, person, socket, board.id);
    const elements: BoardElement[] = [];
    for (let i = 0; i < 10; i++) {
      const element = rectangle();
      expect((await send<UpdateAck>(socket, "board:update", { boardId: board.id, elements: [element] })).ok).toBe(true);
      elements.push(element);
    }
    socket.close();
    await server.stop();

    const log = logOf(board.id);
    const lines = (await readFile(log, "utf8")).split("\n");
    const damagedIndex = lines.findIndex((line) => line.includes(elements[4].id));
    expect(damagedIndex).toBeGreaterThan(0);
    lines[damagedIndex] = lines[damagedIndex].slice(0, 40) + "\u0000garbage" + lines[damagedIndex].slice(48);
    const original = lines.join("\n");
    await writeFile(log, original);
    // A temp file of a data-file write that a kill interrupted.
    await writeFile(path.join(dataDir, "werkplaats.json.999999.tmp"), '{"version":');

    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
    try {
      await start();
      const after = await stateOf(await organiser(), board.id);
      const recovered = elements.filter((e) => after.has(e.id));
      expect(recovered.map((e) => e.id)).toEqual(elements.filter((_, i) => i !== 4).map((e) => e.id));
      console.log(`damaged line: 10 acknowledged, 1 line damaged, recovered ${recovered.length}`);
    } finally {
      console.warn = warn;
    }
    const names = await readdir(path.dirname(log));
    const copy = names.find((n) => n.startsWith("log.ndjson.damaged-"));
    expect(copy).toBeDefined();
    expect(await readFile(path.join(path.dirname(log), copy!), "utf8")).toBe(original);
    expect(warnings.join("\n")).toMatch(
      new RegExp(`Bord ${board.id}: beschadigde log; 1 regel\\(s\\) overgeslagen \\(regel ${damagedIndex + 1} `),
    );
    expect(warnings.join("\n")).toContain("werkplaats.json.999999.tmp");
    await expect(stat(path.join(dataDir, "werkplaats.json.999999.tmp"))).rejects.toThrow();
    // Compacted at once: the bad line is not met again.
    expect(await readFile(log, "utf8")).toBe("");
  }, 30_000);
});

describe("a full disk during form posts and uploads", () => {
  async function participant(): Promise<Client> {
    const client = new Client(server.url);
    const l = seeded("participant");
    expect((await client.login(l.email, l.password)).status).toBe(302);
    return client;
  }

  it("answers a form post with the Dutch message, rolls memory back, and a retry makes exactly one record", async () => {
    const client = await participant();
    const sessionId = listSessionsOfEdition(listEditions()[0].id).at(-1)!.id;
    const text = `Vraag ${randomUUID()}`;
    const count = () => getDb().data.questions.filter((q) => q.text === text).length;
    const total = getDb().data.questions.length;

    expectConsoleError(/Schrijven van .* mislukt \(ENOSPC\)/);
    // The page's loaders that write (e.g. the session's last use) fail the same way and are logged.
    expectConsoleError(/^Er is niets opgeslagen/);
    fillDisk("data-file", 100);
    const refused = await client.post(`/sessies/${sessionId}?index`, { intent: "ask", text });
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain(STORAGE_UNAVAILABLE_MESSAGE);
    expect(count()).toBe(0);
    expect(getDb().data.questions.length).toBe(total);

    // Two changes in one batch: both are refused, neither stays in memory.
    const user = getUserByEmail(seeded("participant").email)!;
    const trioId = getDb().data.memberships.find((m) => m.userId === user.id)!.trioId;
    const both = await Promise.allSettled([
      createQuestion({ sessionId, trioId, authorId: user.id, text: `${text} a` }),
      createQuestion({ sessionId, trioId, authorId: user.id, text: `${text} b` }),
    ]);
    expect(both.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    for (const r of both) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StorageUnavailableError);
    expect(getDb().data.questions.length).toBe(total);

    injectWriteFault(null);
    const retried = await client.post(`/sessies/${sessionId}?index`, { intent: "ask", text });
    expect(retried.status).toBe(200);
    expect(count()).toBe(1);
    await restart();
    expect(getDb().data.questions.filter((q) => q.text === text)).toHaveLength(1);
    expect(getDb().data.questions.length).toBe(total + 1);
  }, 30_000);

  it("an upload whose record cannot be written leaves no file and no record; a missing file answers 410", async () => {
    const speaker = new Client(server.url);
    const l = seeded("speaker");
    expect((await speaker.login(l.email, l.password)).status).toBe(302);
    const filesDir = path.join(dataDir, "files");
    const stored = async () => (await readdir(filesDir).catch(() => [] as string[])).filter((n) => n !== "incoming").sort();
    const recordsBefore = getDb().data.files.length;
    const filesBefore = await stored();

    const form = () => {
      const body = new FormData();
      body.append("purpose", "materiaal");
      body.append("file", new Blob([new Uint8Array(minimalPdf())], { type: "application/pdf" }), "verslag.pdf");
      return body;
    };
    const post = (body: FormData) =>
      fetch(`${server.url}/upload`, { method: "POST", body, headers: { cookie: speaker.cookieHeader, origin: server.url } });

    expectConsoleError(/Schrijven van .* mislukt \(ENOSPC\)/);
    fillDisk("data-file", 10);
    const refused = await post(form());
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { message: string }).message).toBe(STORAGE_UNAVAILABLE_MESSAGE);
    expect(getDb().data.files.length).toBe(recordsBefore);
    expect(await stored()).toEqual(filesBefore);
    injectWriteFault(null);

    const ok = await post(form());
    expect(ok.status).toBe(200);
    const { file } = (await ok.json()) as { file: { id: string } };
    const record = getDb().data.files.find((f) => f.id === file.id)!;
    await rm(path.join(filesDir, record.storedName));
    const gone = await speaker.get(`/bestanden/${file.id}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain("Dit bestand is niet meer beschikbaar");
  }, 30_000);
});

describe("files a crash left without a record", () => {
  it("are removed at start (an upload killed after its rename, a deletion killed before its files or board folders went); recorded ones stay", async () => {
    const speaker = new Client(server.url);
    const l = seeded("speaker");
    expect((await speaker.login(l.email, l.password)).status).toBe(302);
    const body = new FormData();
    body.append("purpose", "materiaal");
    body.append("file", new Blob([new Uint8Array(minimalPdf())], { type: "application/pdf" }), "blijft.pdf");
    const ok = await fetch(`${server.url}/upload`, { method: "POST", body, headers: { cookie: speaker.cookieHeader, origin: server.url } });
    expect(ok.status).toBe(200);
    const { file } = (await ok.json()) as { file: { id: string } };
    const filesDir = path.join(dataDir, "files");
    const onDisk = async () => (await readdir(filesDir)).filter((n) => n !== "incoming").sort();
    const kept = await onDisk();
    expect(kept).toContain(getDb().data.files.find((f) => f.id === file.id)!.storedName);

    await server.stop();
    // What the two crashes leave on disk: committed contents that no record names.
    await writeFile(path.join(filesDir, "uploadGestoptNaRename"), minimalPdf());
    await writeFile(path.join(filesDir, "verwijderingOnderbroken"), "persoonsgegevens");
    const boardsDir = path.join(dataDir, "boards");
    const boardFolders = async () => (await readdir(boardsDir)).sort();
    const keptBoards = await boardFolders();
    expect(keptBoards.length).toBeGreaterThan(0);
    await mkdir(path.join(boardsDir, "verwijderdBord"), { recursive: true });
    await writeFile(path.join(boardsDir, "verwijderdBord", "log.ndjson"), '{"seq":1,"elements":[]}\n');
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
    try {
      await start();
    } finally {
      console.warn = warn;
    }

    expect(await onDisk()).toEqual(kept);
    expect(warnings.join("\n")).toContain("2 geüploade bestanden zonder gegevens verwijderd");
    expect(await boardFolders()).toEqual(keptBoards);
    expect(warnings.join("\n")).toContain("1 bordmap zonder bord verwijderd");
    const again = new Client(server.url);
    expect((await again.login(l.email, l.password)).status).toBe(302);
    const download = await again.get(`/bestanden/${file.id}`);
    expect(download.status).toBe(200);
  }, 30_000);
});

describe("one server per data folder", () => {
  it("refuses a folder whose lock is held by a running process, naming it, and takes over a stale lock", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-lock-"));
    try {
      const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
      await writeFile(lockPath(dir), JSON.stringify({ pid: holder.pid, host: os.hostname(), startedAt: "2026-01-01T00:00:00.000Z" }));
      const refusal = await acquireDataLock(dir).catch((error: unknown) => error);
      holder.kill("SIGKILL");
      expect(refusal).toBeInstanceOf(StartupError);
      expect((refusal as Error).message).toBe(
        `De datamap ${dir} is al in gebruik door een andere Werkplaats-server (proces ${holder.pid} op ${os.hostname()}, gestart 2026-01-01T00:00:00.000Z). Stop die eerst of kies een andere DATA_DIR.`,
      );
      await new Promise((resolve) => holder.once("exit", resolve));
      // The holder is gone (as after kill -9): its lock is taken over.
      const me = await acquireDataLock(dir);
      expect(me.pid).toBe(process.pid);
      expect(JSON.parse(await readFile(lockPath(dir), "utf8")).pid).toBe(process.pid);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
