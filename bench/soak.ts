/**
 * Soak: the real server as its own process on a fresh data folder with 50 extra
 * boards, under a mixed load (page loads, form posts, uploads, board edits spread
 * over the 50 boards) for SOAK_MINUTES (default 30). The server's RSS is sampled
 * every SOAK_SAMPLE_SECONDS (default 10) from /proc. Memory should be flat after
 * warm-up (the first fifth, at least 30 s): idle boards are unloaded after
 * BOARD_IDLE_SECONDS (60 here, so a short soak unloads and reloads boards too).
 *
 * Board edits work on a fixed set of SOAK_ELEMENTS_PER_BOARD (default 60) element
 * ids per board, the way people edit a board: the first edits add notes, later ones
 * move and change them. The content of the 50 boards is then bounded, so memory
 * that keeps growing after warm-up is the server's, not the workload's. Posts
 * (questions) and uploads do add records, as they would in use.
 *
 * SOAK_NODE_OPTIONS are given to the server's node as flags, e.g.
 * "--heapsnapshot-signal=SIGUSR2" to take heap snapshots while it runs, or
 * "--trace-gc" with SOAK_SERVER_LOG=<file> (the server's whole output) to follow
 * the live heap after each full collection.
 *
 *   npm run soak                    (builds first)
 *   SOAK_MINUTES=3 npm run soak
 *
 * Prints ONE JSON line: rss_start_mb, rss_after_warmup_mb, rss_end_mb, the data
 * file's size at start and end, the curve ([seconds, MB] pairs) and the counts of
 * what was done.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { randomBytes, randomInt } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";

const ROOT = path.resolve(import.meta.dirname, "..");
const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_SECONDS ?? 10);
const BOARDS = 50;
const WORKERS = 4;
const ELEMENTS_PER_BOARD = Number(process.env.SOAK_ELEMENTS_PER_BOARD ?? 60);

type Proc = { child: ChildProcess; out: () => string };

function run(dataDir: string): Proc {
  const child = spawn(process.execPath, [...(process.env.SOAK_NODE_OPTIONS?.split(/\s+/).filter(Boolean) ?? []), "build/server.js"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      RATE_LIMIT_FACTOR: "1000",
      // The start line is an info record; the rest of the info log is only read on a failure.
      LOG_LEVEL: "info",
      BOARD_IDLE_SECONDS: process.env.BOARD_IDLE_SECONDS ?? "60",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  // The last 256 KB: half an hour of request logs would otherwise pile up here.
  const keep = (chunk: Buffer) => (out = (out + chunk).slice(-262_144));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  if (process.env.SOAK_SERVER_LOG) {
    const log = createWriteStream(process.env.SOAK_SERVER_LOG, { flags: "a" });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  return { child, out: () => out };
}

async function origin(proc: Proc): Promise<string> {
  for (let i = 0; i < 1200; i++) {
    const match = proc.out().match(/Werkplaats draait op (http:\/\/localhost:\d+)/);
    if (match) return match[1];
    if (proc.child.exitCode !== null) throw new Error(`server exited: ${proc.out()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not start: ${proc.out()}`);
}

async function stop(proc: Proc): Promise<void> {
  if (proc.child.exitCode !== null) return;
  const exited = new Promise((r) => proc.child.once("exit", r));
  proc.child.kill("SIGTERM");
  await exited;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round((Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024) * 10) / 10;
}

async function login(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  if (res.status !== 302) throw new Error(`login ${email}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

function element(id = randomBytes(8).toString("hex"), version = 1): Record<string, unknown> {
  return {
    id,
    type: "rectangle",
    x: randomInt(1000),
    y: randomInt(1000),
    width: 200,
    height: 120,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "#ffe08a",
    fillStyle: "solid",
    strokeWidth: 1,
    strokeStyle: "solid",
    roughness: 0,
    opacity: 100,
    groupIds: [],
    frameId: null,
    roundness: null,
    seed: randomInt(1, 2 ** 31 - 1),
    version,
    versionNonce: randomInt(1, 2 ** 31 - 1),
    isDeleted: false,
    boundElements: null,
    updated: Date.now(),
    link: null,
    locked: false,
  };
}

function minimalPdf(): Buffer {
  return Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    "latin1",
  );
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-soak-"));
const counts = { pages: 0, posts: 0, uploads: 0, boardUpdates: 0, errors: 0 };
try {
  // First start seeds the demo edition; then 50 boards are added to session 1 while it is down.
  const seed = run(dataDir);
  await origin(seed);
  const logins: Record<string, [string, string]> = {};
  for (const m of seed.out().matchAll(/^\s+(\S+).*?\s(\S+@\S+)\s+(\S+)$/gm)) logins[m[1]] ??= [m[2], m[3]];
  await stop(seed);
  const dataFile = path.join(dataDir, "werkplaats.json");
  const data = JSON.parse(await readFile(dataFile, "utf8"));
  const sessions = [...data.sessions].sort((a: { number: number }, b: { number: number }) => a.number - b.number);
  const boardIds: string[] = [];
  for (let i = 0; i < BOARDS; i++) {
    const id = `soakboard${String(i).padStart(3, "0")}`;
    boardIds.push(id);
    data.boards.push({
      id,
      editionId: sessions[0].editionId,
      sessionId: sessions[0].id,
      trioId: null,
      scope: "plenary",
      template: "blank",
      title: `Soak ${i}`,
      auto: false,
      createdAt: new Date().toISOString(),
      createdBy: null,
      locked: false,
      privateMode: false,
      voting: null,
    });
  }
  await writeFile(dataFile, JSON.stringify(data));

  const server = run(dataDir);
  const base = await origin(server);
  const pid = server.child.pid!;
  const organiser = await login(base, ...logins.Begeleider);
  const speaker = await login(base, ...logins.Spreker);
  const participant = await login(base, ...logins.Deelnemer);
  const lastSession = sessions.at(-1).id;

  const dataFileKb = async () => Math.round((await stat(dataFile)).size / 1024);
  const dataKbStart = await dataFileKb();
  const started = Date.now();
  const endAt = started + MINUTES * 60_000;
  const warmupMs = Math.max(30_000, (MINUTES * 60_000) / 5);
  const curve: Array<[number, number]> = [[0, rssMb(pid)]];
  let afterWarmup: number | null = null;
  const sampler = setInterval(() => {
    const t = Math.round((Date.now() - started) / 1000);
    const mb = rssMb(pid);
    curve.push([t, mb]);
    if (afterWarmup === null && Date.now() - started >= warmupMs) afterWarmup = mb;
  }, SAMPLE_S * 1000);

  const sockets: Socket[] = await Promise.all(
    Array.from(
      { length: WORKERS },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = io(base, { transports: ["websocket"], extraHeaders: { cookie: organiser, origin: base }, forceNew: true });
          socket.once("session:ready", () => resolve(socket));
          socket.once("connect_error", reject);
        }),
    ),
  );

  // The newest version this soak gave each element id, per board; edits go one above it.
  const versions = new Map<string, number>();
  const edit = (boardId: string) => {
    const id = `${boardId}-${randomInt(ELEMENTS_PER_BOARD)}`;
    const version = (versions.get(id) ?? 0) + 1;
    versions.set(id, version);
    return element(id, version);
  };

  const pages = () => ["/", `/sessies/${sessions[0].id}`, `/sessies/${lastSession}`, `/borden/${boardIds[randomInt(boardIds.length)]}`];
  const tasks: Array<(worker: number) => Promise<void>> = [
    async () => {
      const choices = pages();
      const res = await fetch(`${base}${choices[randomInt(choices.length)]}`, { headers: { cookie: organiser } });
      await res.arrayBuffer();
      counts.pages++;
      if (res.status >= 500) counts.errors++;
    },
    async () => {
      const res = await fetch(`${base}/sessies/${lastSession}?index`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: participant, origin: base },
        body: new URLSearchParams({ intent: "ask", text: `Soakvraag ${randomBytes(4).toString("hex")}` }),
      });
      await res.arrayBuffer();
      counts.posts++;
      if (res.status >= 400) counts.errors++;
    },
    async () => {
      const body = new FormData();
      body.append("purpose", "materiaal");
      body.append("file", new Blob([new Uint8Array(minimalPdf())], { type: "application/pdf" }), "soak.pdf");
      const res = await fetch(`${base}/upload`, { method: "POST", body, headers: { cookie: speaker, origin: base } });
      await res.arrayBuffer();
      counts.uploads++;
      if (res.status !== 200) counts.errors++;
    },
    async (worker) => {
      const socket = sockets[worker];
      const boardId = boardIds[randomInt(boardIds.length)];
      const joined = (await socket.timeout(10_000).emitWithAck("board:join", { boardId })) as { ok: boolean };
      if (!joined.ok) return void counts.errors++;
      for (let i = 0; i < 5; i++) {
        const ack = (await socket.timeout(10_000).emitWithAck("board:update", { boardId, elements: [edit(boardId), edit(boardId)] })) as {
          ok: boolean;
        };
        counts.boardUpdates++;
        if (!ack.ok) counts.errors++;
      }
      await socket.timeout(10_000).emitWithAck("board:leave", { boardId });
    },
  ];
  const weights = [0, 0, 0, 0, 1, 1, 2, 3, 3, 3];
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      while (Date.now() < endAt) {
        try {
          await tasks[weights[randomInt(weights.length)]](worker);
        } catch {
          counts.errors++;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  clearInterval(sampler);
  curve.push([Math.round((Date.now() - started) / 1000), rssMb(pid)]);
  for (const socket of sockets) socket.close();
  await stop(server);
  const dataKbEnd = await dataFileKb();
  const afterWarm = curve.filter(([t]) => t * 1000 >= warmupMs).map(([, mb]) => mb);
  console.log(
    JSON.stringify({
      minutes: MINUTES,
      boards: BOARDS,
      rss_start_mb: curve[0][1],
      rss_after_warmup_mb: afterWarmup ?? curve.at(-1)![1],
      rss_end_mb: curve.at(-1)![1],
      // The data file is held in memory whole (lowdb): what the posts and uploads added to it.
      data_file_kb_start: dataKbStart,
      data_file_kb_end: dataKbEnd,
      rss_max_after_warmup_mb: afterWarm.length ? Math.max(...afterWarm) : null,
      ...counts,
      curve,
    }),
  );
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
