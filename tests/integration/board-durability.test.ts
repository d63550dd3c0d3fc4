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
// Generous: a loaded 2-core machine may take a while to start tsx.
const listening = (proc: ServerProcess) => serverOrigin(proc, 1200);

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
  it("every acknowledged change and form post is back after each of two kill -9s, and a torn last log line is cut off", async () => {
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

    // Two rounds: start (taking over the lock the killed one left), clients send changes
    // and form posts as fast as they can, kill -9 mid-stream; every acknowledged write is checked.
    const acked = new Map<string, BoardElement>();
    const questions: string[] = [];
    const participantLogin = first.stdout().match(/Deelnemer \(trio [^)]+\)\s+(\S+)\s+(\S+)/)!;
    const lastSession = [...data.sessions].sort((a: { number: number }, b: { number: number }) => b.number - a.number)[0].id;
    const rounds: string[] = [];
    for (let round = 0; round < 2; round++) {
      const server = run(dataDir);
      const origin = await listening(server);
      const cookie = await loginCookie(origin, email, password);
      const participant = await loginCookie(origin, participantLogin[1], participantLogin[2]);
      // Everything acknowledged before this start is here.
      const res = await fetch(`${origin}/borden/${boardId}/staat`, { headers: { cookie } });
      const byId = new Map(((await res.json()) as BoardState).elements.map((e) => [e.id, e]));
      expect([...acked.values()].filter((e) => (byId.get(e.id)?.version ?? 0) < e.version)).toEqual([]);
      rounds.push(`round ${round}: ${acked.size} board elements and ${questions.length} questions acknowledged before, all recovered`);

      const sockets = await Promise.all([connect(origin, cookie), connect(origin, cookie), connect(origin, cookie)]);
      for (const socket of sockets) expect(((await socket.emitWithAck("board:join", { boardId })) as Ack).ok).toBe(true);
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
      const ask = async () => {
        while (!stop) {
          const text = `Vraag ronde ${round} ${Math.random().toString(36).slice(2)}`;
          const answer = await fetch(`${origin}/sessies/${lastSession}?index`, {
            method: "POST",
            headers: { cookie: participant, origin, "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ intent: "ask", text }),
          }).catch(() => null);
          if (!answer) return;
          if (answer.status === 200) questions.push(text);
        }
      };
      const target = acked.size + 150;
      const pumps = [...sockets.flatMap((s) => [pump(s), pump(s)]), ask()];
      while (acked.size < target) await new Promise((r) => setTimeout(r, 20));
      server.child.kill("SIGKILL");
      stop = true;
      await server.exit;
      await Promise.all(pumps);
      for (const socket of sockets) socket.close();
      // A form post was answered only after its write was renamed into place.
      const stored = new Set(JSON.parse(await readFile(dataFile, "utf8")).questions.map((q: { text: string }) => q.text));
      expect(questions.filter((q) => !stored.has(q))).toEqual([]);
    }
    console.log(rounds.join("\n"));

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
    console.log(`after the torn line: ${acked.size} board elements and ${questions.length} questions acknowledged in total`);
    const missing = [...acked.values()].filter((e) => (byId.get(e.id)?.version ?? 0) < e.version);
    expect(missing).toEqual([]);
    expect(byId.has("torn")).toBe(false);
    await expect(stat(temp)).rejects.toThrow();
    expect((await stat(log)).size).toBe(sizeBefore);
    // Said once, as a warning, and the server runs on. (The second kill may also have
    // caught a data file write halfway: its temp file is cleared and named, the only other line allowed.)
    const warnings = third
      .stderr()
      .trim()
      .split("\n")
      .filter((line) => !/^Onvoltooide schrijfacties opgeruimd in \S+: werkplaats\.json\.\d+\.tmp\.$/.test(line));
    expect(warnings).toEqual(["Bord killtestboard: 42 bytes onvolledige log aan het eind weggeknipt (onderbroken schrijfactie)."]);
  }, 150_000);
});
