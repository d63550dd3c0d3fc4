/**
 * Whiteboard benchmark: real socket.io clients against the real server, and the
 * same load against a plain socket.io relay (the floor).
 *
 *   npm run bench:whiteboard     (= tsx bench/whiteboard.ts; builds first when the build is stale)
 *
 * Prints progress on stderr and ONE JSON line per scenario on stdout:
 * - class: 100 clients on one board, 20 of them sending 20 changes/s each.
 *   Targets p50_ms <= 5, p99_ms <= 20.
 * - crowd: 300 clients, 100 senders x 15 changes/s = 1,500 changes/s in, 448,500
 *   element deliveries/s asked (offered_per_s; achieved_per_s is what arrived). Two
 *   cores cannot run that many clients, so client-side p99 measures the load
 *   generator; the server is judged in the same run against the bare relay:
 *   delivered_ratio >= 0.999, in_server_p99_ms <= 50 and server_us_per_delivery
 *   (server CPU over the whole run / every element delivery of the run) <= 0.25 x the relay's
 *   floor_server_us_per_delivery.
 * class and crowd report sent_ratio (changes acknowledged per second / changes asked
 * for) and floor_sent_ratio: well below 1, the clients could not send the load (a busy
 * machine starves them at nice 19) and every figure of the line is for a lighter load.
 * - idle: 1,000 connected clients that joined the board and do nothing (one
 *   sender at 2 changes/s for the latency figures). Target rss_kb_per_client <= 50.
 * - big-board: a board of 10,000 elements; join_ms (board:join sent until the state
 *   is received and parsed, p50 of 10 joins; join_ms_max beside it) <= 1,500 and
 *   server_ms (building the state response, from its Server-Timing header; p50 of the
 *   10 joins, server_ms_max beside it) <= 50. In the same run the same 10,000
 *   elements are loaded into a Yjs document (a Y.Map of the element objects) served
 *   by @y/websocket-server with y-websocket 3 clients: yjs_join_ms (websocket open
 *   until synced, p50 of 10) beside join_ms; target join_ms <= yjs_join_ms.
 * Order: idle first (rss is measured on a heap the other scenarios have not grown),
 * then class, crowd, big-board. `--only=class,crowd` runs a subset.
 *
 * Setup: the app runs in this process (NODE_ENV=production, a temporary DATA_DIR,
 * demo seed), on its own port; the floor is a bare socket.io server on another
 * port in the same process that joins rooms and forwards board:update as
 * board:delta to the rest of the room, acking at once: no auth, checks, storage or
 * batching. The clients run in two forked child processes (bench/child-worker.ts),
 * all logged in as the seeded organiser (one login, many sockets), at the lowest
 * CPU priority (nice 19) so they do not starve the server they measure.
 *
 * Latency is op-to-peer as the receiving client sees it: every change is one
 * element whose `updated` is the sender's wall clock (performance.timeOrigin +
 * performance.now(), the same machine; Excalidraw stamps `updated` with Date.now()
 * on every change, the bench keeps the fraction of the millisecond); a receiver
 * records now - updated for every element of someone else it receives. The
 * elements follow the board's element rules (board-protocol.ts): customData holds
 * only the product's keys, so nothing of the bench's rides there.
 * Every refused, ignored or unanswered (no ack within 10 s) update is counted; a scenario with any prints
 * `valid: false` with the refusals instead of figures, and the bench exits 1. Each sender cycles through 20 elements of
 * its own, bumping the version, so coalescing never folds two changes of the
 * same element into one. delivered_ratio = deliveries seen by receivers /
 * (changes acknowledged x (clients - 1)), for changes sent in the measured window.
 * cpu_pct and rss_mb are the server process's (this process) over the window.
 * in_server_p50_ms / in_server_p99_ms: from a board:update arriving at the server
 * socket to the board:delta carrying it being handed to socket.io for sending
 * (validation, durable commit, batching wait), without the clients' own queueing:
 * on a busy 2-core machine the clients' event loops dominate p50_ms/p99_ms.
 */
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import { Server } from "socket.io";
import { io as connectSocket, type Socket } from "socket.io-client";
import { forkWorker, serveJobs, runBenchmark } from "./child-worker";
import { inProcessEnv } from "./server-process";

const CHILDREN = 2;
const WARMUP_MS = 1_000;
const MEASURE_MS = 5_000;
const DRAIN_MS = 1_500;
const RING = 20;
/** `--only=class,idle` runs just those scenarios (for profiling). */
const ONLY =
  process.argv
    .find((a) => a.startsWith("--only="))
    ?.slice(7)
    .split(",") ?? null;
const wanted = (scenario: string) => !ONLY || ONLY.includes(scenario);

const log = (line: string) => process.stderr.write(`${line}\n`);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the clients (child processes)
type Target = { url: string; cookie: string | null; boardId: string; floor: boolean };
type Job =
  | ({ type: "open"; count: number } & Target)
  | { type: "run"; senders: number; perSecond: number; startAt: number; child: number }
  | ({ type: "joins"; times: number } & Target)
  | { type: "yjs-joins"; times: number; url: string; room: string }
  | { type: "close" };
type RunResult = {
  hist: Record<string, number>;
  acked: number;
  received: number;
  deliveredAll: number;
  refused: number;
  /** Updates without an ack within 10 s (a starved server or client), apart from refusals. */
  timedOut: number;
  /** Elements acknowledged but not applied (an older version): the bench's changes must all win. */
  ignored: number;
  errors: string[];
};
type JoinResult = { joinMs: number[]; serverMs: number[]; elements: number; withConnectMs: number[] };

let sockets: Socket[] = [];
let target: Target | null = null;

function open(t: Target): Promise<Socket> {
  const socket = connectSocket(t.url, {
    transports: ["websocket"],
    extraHeaders: t.cookie ? { cookie: t.cookie, origin: t.url } : { origin: t.url },
    forceNew: true,
    reconnection: false,
    timeout: 20_000,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => {
      socket.timeout(20_000).emit("board:join", { boardId: t.boardId }, (error: Error | null, ack: { ok: boolean; error?: unknown }) => {
        if (error || !ack.ok) reject(new Error(`join failed: ${error?.message ?? JSON.stringify(ack.error)}`));
        else resolve(socket);
      });
    });
    socket.once("connect_error", reject);
  });
}

function element(id: string, version: number, sentAt: number) {
  return {
    id,
    type: "freedraw",
    x: version % 500,
    y: 100,
    width: 40,
    height: 40,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "transparent",
    fillStyle: "solid",
    strokeWidth: 2,
    strokeStyle: "solid",
    roughness: 0,
    opacity: 100,
    groupIds: [],
    frameId: null,
    index: null,
    roundness: null,
    seed: 1,
    version,
    versionNonce: (version * 7919) % 2 ** 31,
    isDeleted: false,
    boundElements: null,
    updated: sentAt,
    link: null,
    locked: false,
    points: [
      [0, 0],
      [10, 12],
      [20, 30],
      [40, 40],
    ],
    pressures: [],
    simulatePressure: true,
    lastCommittedPoint: null,
  };
}

async function runLoad(job: Extract<Job, { type: "run" }>): Promise<RunResult> {
  const from = job.startAt + WARMUP_MS;
  const to = from + MEASURE_MS;
  const hist: Record<string, number> = {};
  let received = 0;
  // Every delivery of this run, the warm-up and late arrivals included: divides the run's server CPU.
  let deliveredAll = 0;
  let acked = 0;
  let refused = 0;
  let timedOut = 0;
  let ignored = 0;
  const errors: string[] = [];
  const listeners: Array<() => void> = [];
  sockets.forEach((socket, index) => {
    const mine = `c${job.child}s${index}-`;
    const onDelta = (delta: { elements: Array<{ id: string; updated?: number }> }) => {
      const t = now();
      for (const e of delta.elements) {
        const sentAt = e.updated;
        if (typeof sentAt !== "number" || e.id.startsWith(mine)) continue;
        if (sentAt >= job.startAt) deliveredAll++;
        if (sentAt < from || sentAt >= to) continue;
        received++;
        const bucket = Math.max(0, Math.round((t - sentAt) * 10));
        hist[bucket] = (hist[bucket] ?? 0) + 1;
      }
    };
    socket.on("board:delta", onDelta);
    listeners.push(() => socket.off("board:delta", onDelta));
  });
  await sleep(Math.max(0, job.startAt - now()));
  const timers: NodeJS.Timeout[] = [];
  const interval = 1000 / job.perSecond;
  for (let s = 0; s < Math.min(job.senders, sockets.length); s++) {
    const socket = sockets[s];
    const ids = Array.from({ length: RING }, (_, k) => `c${job.child}s${s}-e${k}`);
    const versions = new Array<number>(RING).fill(0);
    let tick = 0;
    const send = () => {
      const k = tick++ % RING;
      const sentAt = now();
      const payload = { boardId: target!.boardId, elements: [element(ids[k], ++versions[k], sentAt)] };
      socket
        .timeout(10_000)
        .emit(
          "board:update",
          payload,
          (error: Error | null, ack: { ok: boolean; data?: { ignored: number }; error?: { code: string; message?: string } }) => {
            if (error) timedOut++;
            else if (!ack.ok) refused++;
            if (error || !ack.ok) {
              if (errors.length < 5) errors.push(error?.message ?? `${ack.error?.code}: ${ack.error?.message}`);
            } else if (ack.data?.ignored) ignored += ack.data.ignored;
            else if (sentAt >= from && sentAt < to) acked++;
          },
        );
    };
    // Spread the senders over the interval so the load is even, as real drawing is.
    timers.push(
      setTimeout(
        () => {
          send();
          timers.push(setInterval(send, interval));
        },
        (interval * s) / job.senders,
      ),
    );
  }
  await sleep(Math.max(0, to - now()));
  for (const t of timers) clearTimeout(t);
  await sleep(DRAIN_MS);
  for (const off of listeners) off();
  return { hist, acked, received, deliveredAll, refused, timedOut, ignored, errors };
}

async function measureJoins(job: Extract<Job, { type: "joins" }>): Promise<JoinResult> {
  const joinMs: number[] = [];
  const serverMs: number[] = [];
  const withConnectMs: number[] = [];
  let elements = 0;
  for (let i = 0; i < job.times; i++) {
    const socket = connectSocket(job.url, {
      transports: ["websocket"],
      extraHeaders: job.cookie ? { cookie: job.cookie, origin: job.url } : { origin: job.url },
      forceNew: true,
      reconnection: false,
    });
    const connecting = now();
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const started = now();
    if (job.floor) {
      // The relay sends the whole board in the join ack: one big socket message.
      const ack = (await socket.timeout(30_000).emitWithAck("board:join", { boardId: job.boardId, withState: true })) as {
        data: { elements: unknown[] };
      };
      elements = ack.data.elements.length;
    } else {
      const ack = (await socket.timeout(30_000).emitWithAck("board:join", { boardId: job.boardId })) as {
        ok: boolean;
        data: { stateUrl: string };
      };
      const res = await fetch(`${job.url}${ack.data.stateUrl}`, { headers: { cookie: job.cookie!, "accept-encoding": "gzip" } });
      const state = (await res.json()) as { elements: unknown[] };
      elements = state.elements.length;
      serverMs.push(Number(/dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN));
    }
    joinMs.push(now() - started);
    withConnectMs.push(now() - connecting);
    socket.close();
  }
  return { joinMs, serverMs, elements, withConnectMs };
}

/**
 * The same join against Yjs: a y-websocket 3 client syncing the document from
 * @y/websocket-server. Timed from the websocket being open (the provider sends its
 * sync request then) until the document is synced, as ours is timed from board:join
 * on an open socket until the state is parsed; `withConnectMs` includes the connect.
 */
async function measureYjsJoins(job: Extract<Job, { type: "yjs-joins" }>): Promise<JoinResult & { withConnectMs: number[] }> {
  const Y = await import("yjs");
  const { WebsocketProvider } = await import("y-websocket");
  const { default: WebSocket } = await import("ws");
  const joinMs: number[] = [];
  const withConnectMs: number[] = [];
  let elements = 0;
  for (let i = 0; i < job.times; i++) {
    const doc = new Y.Doc();
    const created = now();
    let opened = 0;
    const provider = new WebsocketProvider(job.url, job.room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    provider.on("status", (event: { status: string }) => {
      if (event.status === "connected" && !opened) opened = now();
    });
    await new Promise<void>((resolve) => provider.once("sync", (synced: boolean) => synced && resolve()));
    const map = doc.getMap("elements");
    elements = 0;
    for (const value of map.values()) if (value) elements++;
    const done = now();
    joinMs.push(done - opened);
    withConnectMs.push(done - created);
    provider.destroy();
    doc.destroy();
  }
  return { joinMs, serverMs: [], elements, withConnectMs };
}

function clientChild(): void {
  // The clients stand in for people's own devices: they yield the CPU to the measured
  // server (lowest priority), so on a small machine the server is not starved by its load generator.
  os.setPriority(19);
  serveJobs<Job, unknown>(async (job) => {
    switch (job.type) {
      case "open": {
        target = job;
        for (let i = 0; i < job.count; i += 50) {
          sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, job.count - i) }, () => open(job)))));
        }
        return sockets.length;
      }
      case "run":
        return runLoad(job);
      case "joins":
        return measureJoins(job);
      case "yjs-joins":
        return measureYjsJoins(job);
      case "close":
        for (const socket of sockets) socket.close();
        sockets = [];
        return 0;
    }
  });
}

// ---------------------------------------------------------------- the floor: a bare relay
async function startRelay(elements: () => unknown[]): Promise<{ url: string; io: Server; close: () => Promise<void> }> {
  const httpServer = http.createServer();
  const relay = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 100_000_000 });
  relay.on("connection", (socket) => {
    socket.on("board:join", (payload: { boardId: string; withState?: boolean }, ack: (a: unknown) => void) => {
      void socket.join(payload.boardId);
      ack({ ok: true, data: payload.withState ? { seq: 0, elements: elements() } : { seq: 0 } });
    });
    socket.on("board:update", (payload: { boardId: string; elements: unknown[] }, ack: (a: unknown) => void) => {
      socket.to(payload.boardId).emit("board:delta", { boardId: payload.boardId, seq: 0, elements: payload.elements });
      ack({ ok: true, data: { seq: 0, accepted: payload.elements.length, ignored: 0 } });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", () => resolve()));
  const port = (httpServer.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, io: relay, close: () => new Promise((resolve) => relay.close(() => resolve())) };
}

// ---------------------------------------------------------------- Yjs beside it
/** @y/websocket-server's own connection handler on a `ws` server, as its server.js does. */
async function startYjsServer(): Promise<{
  url: string;
  fill: (room: string, elements: Array<{ id: string }>) => void;
  close: () => Promise<void>;
}> {
  const { setupWSConnection, getYDoc } = await import("@y/websocket-server/utils");
  // ws 7 (what @y/websocket-server resolves here) names its server class `Server`.
  const { default: ws } = await import("ws");
  const WebSocketServer = (ws as unknown as { Server: typeof import("ws").WebSocketServer }).Server;
  const httpServer = http.createServer((_req, res) => res.writeHead(200).end("okay"));
  const wss = new WebSocketServer({ noServer: true });
  wss.on("connection", setupWSConnection);
  httpServer.on("upgrade", (request, socket, head) =>
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request)),
  );
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", () => resolve()));
  const port = (httpServer.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    fill: (room, elements) => {
      const doc = getYDoc(room);
      const map = doc.getMap("elements");
      doc.transact(() => {
        for (const e of elements) map.set(e.id, e);
      });
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------- in-server latency
/**
 * Bench-only instrument on a socket.io server: the time from a board:update
 * arriving at the socket until a board:delta carrying that element version is
 * handed to the adapter for broadcasting. For ours that covers validation, the
 * durable commit and the batching wait, without the clients' own queueing.
 */
function instrument(server: Server) {
  const arrived = new Map<string, number>();
  let samples: number[] = [];
  server.on("connection", (socket) => {
    socket.use(([event, payload], next) => {
      if (event === "board:update" && Array.isArray(payload?.elements)) {
        const t = performance.now();
        for (const e of payload.elements) arrived.set(`${e.id}:${e.version}`, t);
      }
      next();
    });
  });
  const adapter = server.of("/").adapter;
  const broadcast = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet, opts) => {
    const [event, delta] = (packet as { data?: [string, { elements?: Array<{ id: string; version: number }> }] }).data ?? [];
    if (event === "board:delta" && delta?.elements) {
      const t = performance.now();
      for (const e of delta.elements) {
        const key = `${e.id}:${e.version}`;
        const t0 = arrived.get(key);
        if (t0 !== undefined) {
          samples.push(t - t0);
          arrived.delete(key);
        }
      }
    }
    return broadcast(packet, opts);
  };
  return {
    reset: () => {
      samples = [];
      arrived.clear();
    },
    percentiles: () => {
      const sorted = [...samples].sort((a, b) => a - b);
      const at = (p: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]) : NaN);
      return { in_server_p50_ms: at(50), in_server_p99_ms: at(99) };
    },
  };
}

// ---------------------------------------------------------------- the parent
type Worker = ReturnType<typeof forkWorker<Job, unknown>>;

function percentile(hist: Record<string, number>, p: number): number {
  const entries = Object.entries(hist)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, v]) => sum + v, 0);
  if (total === 0) return NaN;
  let seen = 0;
  for (const [bucket, count] of entries) {
    seen += count;
    if (seen >= (p / 100) * total) return bucket / 10;
  }
  return entries.at(-1)![0] / 10;
}

const forceGc = (() => {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
})();

type Instrument = ReturnType<typeof instrument>;
const instruments = new Map<string, Instrument>();

type LoadFigures = {
  in_server_p50_ms: number;
  in_server_p99_ms: number;
  p50_ms: number;
  p99_ms: number;
  delivered_ratio: number;
  changes_per_s: number;
  cpu_pct: number;
  rss_mb: number;
  /** Server CPU time in the measured window per element delivered to a client, in µs. */
  server_us_per_delivery: number;
  /** Element deliveries per second the senders asked for (changes x other clients), and those that arrived. */
  offered_per_s: number;
  achieved_per_s: number;
  refused: number;
  timed_out: number;
  ignored: number;
  errors: string[];
};

/** Opens `clients` sockets over the workers, runs the load, closes them. */
async function runScenario(
  workers: Worker[],
  t: Target,
  clients: number,
  senders: number,
  perSecond: number,
  between?: () => Promise<void>,
  before?: () => Promise<void>,
): Promise<LoadFigures> {
  await before?.();
  const meter = instruments.get(t.url);
  const share = (n: number, i: number) => Math.floor(n / workers.length) + (i < n % workers.length ? 1 : 0);
  await Promise.all(workers.map((w, i) => w.run({ type: "open", count: share(clients, i), ...t })));
  await between?.();
  meter?.reset();
  const startAt = now() + 300;
  const cpuBefore = process.cpuUsage();
  let cpuAtEnd: NodeJS.CpuUsage | null = null;
  let rssAtEnd = 0;
  const sampler = setTimeout(
    () => {
      cpuAtEnd = process.cpuUsage(cpuBefore);
      rssAtEnd = process.memoryUsage().rss;
    },
    startAt - now() + WARMUP_MS + MEASURE_MS,
  );
  const results = (await Promise.all(
    workers.map((w, i) => w.run({ type: "run", senders: share(senders, i), perSecond, startAt, child: i })),
  )) as RunResult[];
  // The server's CPU for the whole run (warm-up, window and drain), taken when every
  // worker is done: no timer decides where it ends, so a saturated event loop cannot shrink it.
  const runCpu = process.cpuUsage(cpuBefore);
  clearTimeout(sampler);
  await Promise.all(workers.map((w) => w.run({ type: "close" })));
  const hist: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.hist)) hist[k] = (hist[k] ?? 0) + v;
  const acked = results.reduce((s, r) => s + r.acked, 0);
  const received = results.reduce((s, r) => s + r.received, 0);
  const cpu = cpuAtEnd ?? process.cpuUsage(cpuBefore);
  const deliveredAll = results.reduce((s, r) => s + r.deliveredAll, 0);
  return {
    server_us_per_delivery: deliveredAll ? round((runCpu.user + runCpu.system) / deliveredAll, 3) : NaN,
    offered_per_s: senders * perSecond * (clients - 1),
    achieved_per_s: round(received / (MEASURE_MS / 1000), 0),
    ...(meter?.percentiles() ?? { in_server_p50_ms: NaN, in_server_p99_ms: NaN }),
    p50_ms: round(percentile(hist, 50)),
    p99_ms: round(percentile(hist, 99)),
    delivered_ratio: acked ? round(received / (acked * (clients - 1)), 5) : 0,
    changes_per_s: round(acked / (MEASURE_MS / 1000), 0),
    cpu_pct: round(((cpu.user + cpu.system) / 1000 / (WARMUP_MS + MEASURE_MS)) * 100, 0),
    rss_mb: round((rssAtEnd || process.memoryUsage().rss) / 1024 / 1024, 1),
    refused: results.reduce((s, r) => s + r.refused, 0),
    timed_out: results.reduce((s, r) => s + r.timedOut, 0),
    ignored: results.reduce((s, r) => s + r.ignored, 0),
    errors: results.flatMap((r) => r.errors).slice(0, 5),
  };
}

/**
 * Figures from refused, ignored or absent traffic are not figures: the scenario's
 * line says `valid: false` with the refusals (and no figures), and the bench exits 1.
 */
function invalidLine(scenario: string, runs: Record<string, LoadFigures>): Record<string, unknown> | null {
  const bad = Object.entries(runs).filter(([, f]) => f.refused > 0 || f.timed_out > 0 || f.ignored > 0 || f.changes_per_s === 0);
  if (bad.length === 0) return null;
  process.exitCode = 1;
  const line = {
    scenario,
    valid: false,
    ...Object.fromEntries(
      bad.map(([run, f]) => [
        run,
        { refused: f.refused, timed_out: f.timed_out, ignored: f.ignored, changes_per_s: f.changes_per_s, errors: f.errors },
      ]),
    ),
  };
  log(`${scenario}: NO VALID FIGURES, updates refused, unanswered or ignored`);
  return line;
}

async function main(): Promise<void> {
  process.env.NODE_ENV = "production";
  const { startServer } = await import("../server");
  const { createBoardFromTemplate } = await import("../app/features/boards/board.server");
  const { listEditions } = await import("../app/features/programme/edition.server");
  const { listSessionsOfEdition } = await import("../app/features/programme/session.server");
  const { getUserByEmail } = await import("../app/features/accounts/user.server");
  const { getBoardRoom } = await import("../app/features/boards/board-room.server");
  const { elementProblem } = await import("../app/features/boards/board-protocol");
  // Fail at once, with the server's own reason, when the bench's elements break the board's element rules.
  const problem = elementProblem(element("c0s0-e0", 1, now()));
  if (problem) throw new Error(`the bench's element is refused by the element rules: ${problem}`);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-bench-board-"));
  const workers = Array.from({ length: CHILDREN }, (_, i) =>
    forkWorker<Job, unknown>(fileURLToPath(import.meta.url), "--client", `board client ${i}`),
  );
  let bigBoardElements: unknown[] = [];
  const relay = await startRelay(() => bigBoardElements);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    server = await startServer({
      env: inProcessEnv(dataDir),
      log: (line) =>
        log(
          `[app] ${line
            .split("\n")
            .filter((l) => !/\S+@\S+\s+\S{4}-\S{4}/.test(l))
            .join("\n")}`,
        ),
    });
    const base = `http://127.0.0.1:${server.port}`;
    instruments.set(base, instrument(server.io));
    instruments.set(relay.url, instrument(relay.io));
    const organiser = server.boot.seeded.find((l) => l.role === "organiser")!;
    const login = await fetch(`${base}/inloggen`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: organiser.email, password: organiser.password, redirectTo: "/" }),
    });
    const cookie = login.headers.getSetCookie()[0]?.split(";")[0];
    if (login.status !== 302 || !cookie) throw new Error(`login failed: ${login.status}`);
    const sessionId = listSessionsOfEdition(listEditions()[0].id)[0].id;
    const createdBy = getUserByEmail(organiser.email)!.id;
    const newBoard = async () =>
      (await createBoardFromTemplate({ sessionId, trioId: null, template: "blank", title: "Benchmark", createdBy })).id;
    await Promise.all(workers.map((w) => w.ready));

    const scenarios: Array<{
      scenario: string;
      clients: number;
      senders: number;
      perSecond: number;
      targets: (f: LoadFigures, floor: LoadFigures) => Record<string, boolean>;
    }> = [
      {
        scenario: "class",
        clients: 100,
        senders: 20,
        perSecond: 20,
        targets: (f) => ({ p50_ms_at_most_5: f.p50_ms <= 5, p99_ms_at_most_20: f.p99_ms <= 20 }),
      },
      {
        scenario: "crowd",
        clients: 300,
        senders: 100,
        perSecond: 15,
        // The clients cannot take 448,000 deliveries a second on two cores (the generator tops out
        // near 340,000), so p99 at the clients measures them: the server is judged on server figures.
        targets: (f, floor) => ({
          delivered_ratio_at_least_0_999: f.delivered_ratio >= 0.999,
          in_server_p99_ms_at_most_50: f.in_server_p99_ms <= 50,
          server_us_per_delivery_at_most_quarter_of_relay: f.server_us_per_delivery <= 0.25 * floor.server_us_per_delivery,
        }),
      },
    ];
    // ---- idle: 1,000 clients that joined and do nothing; rss per client. Runs first, on a small heap.
    if (wanted("idle")) {
      const settledRss = async () => {
        forceGc();
        await sleep(300);
        forceGc();
        return process.memoryUsage().rss;
      };
      const measureIdle = async (t: Target) => {
        let before = 0;
        let after = 0;
        const figures = await runScenario(
          workers,
          t,
          1000,
          1,
          2,
          async () => {
            await sleep(1000);
            after = await settledRss();
          },
          async () => {
            before = await settledRss();
          },
        );
        return { figures, kbPerClient: (after - before) / 1024 / 1000, after };
      };
      log("idle: ours…");
      const ours = await measureIdle({ url: base, cookie, boardId: await newBoard(), floor: false });
      log("idle: floor…");
      const floor = await measureIdle({ url: relay.url, cookie: null, boardId: "relay-idle", floor: true });
      const line = invalidLine("idle", { ours: ours.figures, floor: floor.figures }) ?? {
        scenario: "idle",
        valid: true,
        clients: 1000,
        rss_kb_per_client: round(ours.kbPerClient, 1),
        rss_mb: round(ours.after / 1024 / 1024, 1),
        p50_ms: ours.figures.p50_ms,
        p99_ms: ours.figures.p99_ms,
        delivered_ratio: ours.figures.delivered_ratio,
        floor_rss_kb_per_client: round(floor.kbPerClient, 1),
        floor_p99_ms: floor.figures.p99_ms,
        load_avg_1m: round(os.loadavg()[0]),
        targets_met: ours.kbPerClient <= 50,
        targets: { rss_kb_per_client_at_most_50: ours.kbPerClient <= 50 },
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }

    for (const s of scenarios) {
      if (!wanted(s.scenario)) continue;
      log(`${s.scenario}: ours…`);
      const ours = await runScenario(
        workers,
        { url: base, cookie, boardId: await newBoard(), floor: false },
        s.clients,
        s.senders,
        s.perSecond,
      );
      log(`${s.scenario}: floor…`);
      const floor = await runScenario(
        workers,
        { url: relay.url, cookie: null, boardId: `relay-${s.scenario}`, floor: true },
        s.clients,
        s.senders,
        s.perSecond,
      );
      const invalid = invalidLine(s.scenario, { ours, floor });
      if (invalid) {
        process.stdout.write(`${JSON.stringify(invalid)}\n`);
        continue;
      }
      const targets = s.targets(ours, floor);
      const { errors: _errors, ...figures } = ours;
      const line = {
        scenario: s.scenario,
        valid: true,
        clients: s.clients,
        senders: s.senders,
        changes_per_s_offered: s.senders * s.perSecond,
        sent_ratio: round(ours.changes_per_s / (s.senders * s.perSecond)),
        floor_sent_ratio: round(floor.changes_per_s / (s.senders * s.perSecond)),
        ...figures,
        floor_in_server_p99_ms: floor.in_server_p99_ms,
        floor_p50_ms: floor.p50_ms,
        floor_p99_ms: floor.p99_ms,
        floor_delivered_ratio: floor.delivered_ratio,
        floor_cpu_pct: floor.cpu_pct,
        floor_server_us_per_delivery: floor.server_us_per_delivery,
        floor_achieved_per_s: floor.achieved_per_s,
        load_avg_1m: round(os.loadavg()[0]),
        targets_met: Object.values(targets).every(Boolean),
        targets,
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }

    // ---- big-board: 10,000 elements; join to full state, and op latency on it.
    if (wanted("big-board")) {
      const boardId = await newBoard();
      const { getBoard } = await import("../app/features/boards/board.server");
      const room = await getBoardRoom(getBoard(boardId)!);
      const seeded: unknown[] = [];
      for (let i = 0; i < 10_000; i++) {
        const e = {
          ...element(`big-${i}`, 1, 0),
          x: (i % 100) * 50,
          y: Math.floor(i / 100) * 50,
          customData: { kind: "sticky", authorId: createdBy, authorName: "Benchmark", authorDomain: "wijk" },
        };
        room.store.apply(e as never);
        seeded.push(e);
      }
      for (let i = 0; i < seeded.length; i += 500) await room.store.commit({ elements: seeded.slice(i, i + 500) as never });
      bigBoardElements = seeded;
      const yjs = await startYjsServer();
      yjs.fill("big-board", seeded as Array<{ id: string }>);
      log("big-board: ours…");
      const ourJoins = (await workers[0].run({ type: "joins", times: 10, url: base, cookie, boardId, floor: false })) as JoinResult;
      const ours = await runScenario(workers, { url: base, cookie, boardId, floor: false }, 20, 1, 20);
      log("big-board: floor…");
      const floorJoins = (await workers[0].run({
        type: "joins",
        times: 10,
        url: relay.url,
        cookie: null,
        boardId: "relay-big",
        floor: true,
      })) as JoinResult;
      const floor = await runScenario(workers, { url: relay.url, cookie: null, boardId: "relay-big", floor: true }, 20, 1, 20);
      log("big-board: Yjs…");
      const yjsJoins = (await workers[0].run({ type: "yjs-joins", times: 10, url: yjs.url, room: "big-board" })) as JoinResult;
      await yjs.close();
      if (yjsJoins.elements !== ourJoins.elements) throw new Error(`Yjs synced ${yjsJoins.elements} elements, ours ${ourJoins.elements}`);
      const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const joinMs = p50(ourJoins.joinMs);
      const serverMs = p50(ourJoins.serverMs);
      const yjsJoinMs = p50(yjsJoins.joinMs);
      const line = invalidLine("big-board", { ours, floor }) ?? {
        scenario: "big-board",
        valid: true,
        elements: ourJoins.elements,
        join_ms: round(joinMs, 1),
        join_ms_max: round(Math.max(...ourJoins.joinMs), 1),
        server_ms: round(serverMs, 1),
        server_ms_max: round(Math.max(...ourJoins.serverMs), 1),
        p50_ms: ours.p50_ms,
        p99_ms: ours.p99_ms,
        cpu_pct: ours.cpu_pct,
        rss_mb: ours.rss_mb,
        yjs_join_ms: round(yjsJoinMs, 1),
        yjs_join_ms_max: round(Math.max(...yjsJoins.joinMs), 1),
        join_with_connect_ms: round(p50(ourJoins.withConnectMs), 1),
        yjs_join_with_connect_ms: round(p50(yjsJoins.withConnectMs), 1),
        yjs_elements: yjsJoins.elements,
        floor_join_ms: round(p50(floorJoins.joinMs), 1),
        floor_p99_ms: floor.p99_ms,
        load_avg_1m: round(os.loadavg()[0]),
        targets_met: joinMs <= 1500 && serverMs <= 50 && joinMs <= yjsJoinMs,
        targets: { join_ms_at_most_1500: joinMs <= 1500, server_ms_at_most_50: serverMs <= 50, join_ms_at_most_yjs: joinMs <= yjsJoinMs },
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
  } finally {
    await Promise.all(workers.map((w) => w.stop().catch(() => {})));
    await relay.close();
    if (server) await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

runBenchmark(main, clientChild);
