import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { killServerProcesses, runServerProcess, serverOrigin, type ServerProcess } from "../setup/server-process";
import type { BoardElement, BoardState, UpdateAck } from "~/features/boards/board-protocol";
import { edited, rectangle, type Ack } from "./board-helpers";

/**
 * Every change the server acknowledged survives a kill -9: the server runs as its
 * own process (as `npm start` does), clients send changes as fast as they can, the
 * process is killed without warning mid-stream, and a new process on the same
 * data folder serves every acknowledged change.
 */

const dirs: string[] = [];

const run = (dataDir: string) => runServerProcess({ DATA_DIR: dataDir });
const listening = (proc: ServerProcess) => serverOrigin(proc);

async function loginCookie(origin: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  expect(res.status).toBe(302);
  return res.headers.getSetCookie()[0].split(";")[0];
}

function connect(origin: string, cookie: string): Promise<Socket> {
  const socket = io(origin, { transports: ["websocket"], extraHeaders: { cookie, origin }, forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once("session:ready", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

afterEach(async () => {
  killServerProcesses();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("durability", () => {
  it("every acknowledged change is back after kill -9, and a torn last log line is cut off", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-board-kill-"));
    dirs.push(dataDir);
    // First start seeds the demo data; add a plenary board to session 1 while the server is down.
    const first = run(dataDir);
    await listening(first);
    const [, email, password] = first.stdout().match(/Begeleider\s+(\S+)\s+(\S+)/)!;
    first.child.kill("SIGTERM");
    expect(await first.exit).toBe(0);
    const dataFile = path.join(dataDir, "werkplaats.json");
    const data = JSON.parse(await readFile(dataFile, "utf8"));
    const session = data.sessions.find((s: { number: number }) => s.number === 1);
    const boardId = "killtestboard";
    data.boards.push({
      id: boardId,
      editionId: session.editionId,
      sessionId: session.id,
      trioId: null,
      scope: "plenary",
      template: "blank",
      title: "Kill -9",
      auto: true,
      createdAt: new Date().toISOString(),
      createdBy: null,
      locked: false,
      privateMode: false,
      voting: null,
    });
    await writeFile(dataFile, JSON.stringify(data));

    const second = run(dataDir);
    const origin = await listening(second);
    const cookie = await loginCookie(origin, email, password);
    const sockets = await Promise.all([connect(origin, cookie), connect(origin, cookie), connect(origin, cookie)]);
    for (const socket of sockets) expect(((await socket.emitWithAck("board:join", { boardId })) as Ack).ok).toBe(true);

    // Each socket keeps a window of updates in flight; acked versions are recorded.
    const acked = new Map<string, BoardElement>();
    let stop = false;
    const pump = async (socket: Socket) => {
      let element = rectangle();
      while (!stop) {
        const batch = [element, rectangle()];
        const ack = (await socket
          .timeout(2_000)
          .emitWithAck("board:update", { boardId, elements: batch })
          .catch(() => null)) as Ack<UpdateAck> | null;
        if (!ack) return;
        if (ack.ok) for (const e of batch) if ((acked.get(e.id)?.version ?? 0) < e.version) acked.set(e.id, e);
        element = edited(element, { x: element.version });
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const pumps = sockets.flatMap((s) => [pump(s), pump(s)]);
    while (acked.size < 150) await new Promise((r) => setTimeout(r, 20));
    second.child.kill("SIGKILL");
    stop = true;
    await second.exit;
    await Promise.all(pumps);
    for (const socket of sockets) socket.close();

    // A write cut off mid-line, as a kill during a write leaves it.
    const log = path.join(dataDir, "boards", boardId, "log.ndjson");
    const sizeBefore = (await stat(log)).size;
    await appendFile(log, '{"seq":999999,"elements":[{"id":"torn","ty');
    // And a snapshot that was being written: never renamed into place, so never read.
    const temp = path.join(dataDir, "boards", boardId, "snapshot-000000999999.json.tmp-1");
    await writeFile(temp, '{"seq":999999,"createdAt":"x","elem');

    const third = run(dataDir);
    const origin3 = await listening(third);
    const cookie3 = await loginCookie(origin3, email, password);
    const res = await fetch(`${origin3}/borden/${boardId}/staat`, { headers: { cookie: cookie3 } });
    expect(res.status).toBe(200);
    const state = (await res.json()) as BoardState;
    const byId = new Map(state.elements.map((e) => [e.id, e]));
    const missing = [...acked.values()].filter((e) => (byId.get(e.id)?.version ?? 0) < e.version);
    expect(missing).toEqual([]);
    expect(byId.has("torn")).toBe(false);
    await expect(stat(temp)).rejects.toThrow();
    expect((await stat(log)).size).toBe(sizeBefore);
    // Said once, as a warning, and the server runs on.
    expect(third.stderr().trim()).toBe("Bord killtestboard: 42 bytes onvolledige log aan het eind weggeknipt (onderbroken schrijfactie).");
  }, 60_000);
});
