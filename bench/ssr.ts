/**
 * What pages cost the server, uncached, and whether that cost grows with history.
 *
 *   npm run bench:ssr        (= remix build && tsx bench/ssr.ts)
 *
 * Prints progress on stderr and ONE JSON line (the last line) on stdout.
 *
 * The server is the real one, started as a child process (`node --import tsx
 * server.ts`, NODE_ENV=production, RATE_LIMIT_FACTOR=1000) on a data folder this
 * bench generates through the model functions (bench/bench-data.ts). Its CPU time
 * is read from /proc/<pid>/stat, so the client's work never counts.
 *
 * Two data folders, one server each, both running while the pages are measured:
 * - demo: the demo edition plus this year's cohort of 100 participants (34 trios);
 * - grown: the same, after five earlier editions of 30 trios with four sessions,
 *   two handed-in versions per trio and session, feedback with replies,
 *   notifications, outbox mail, boards, a desk run, cases and local agendas,
 *   each edition archived after its year.
 *
 * Keys:
 * - cpu_ms_per_page: server CPU per rendered page (document request, no
 *   compression), the worst of the organiser's, speaker's and participant's home
 *   pages, the session page, the trio dossier and the homework page (participant's
 *   view); every page's figure is in `pages`. Per round 30 warm-up requests, then
 *   100 measured, two at a time on keep-alive connections; five rounds that
 *   interleave the two folders, the median per page. Every response must be a 200
 *   with the page's own marker, or the bench exits with 1.
 * - burst_p99_ms: the 100 cohort members (each their own login and a connection
 *   of their own) ask for their home page at the same moment; the time until
 *   the last one is complete. Five bursts; the key is the slowest, `bursts_ms` has all.
 * - growth_ratio: cpu_ms_per_page on the grown folder / on the demo folder;
 *   `page_growth` per page.
 * - idle_rss_mb: the server's resident memory on the demo folder, 5 s after start,
 *   before any request.
 * - bare_rps: autocannon (50 connections, 5 s, forked child) against a bare
 *   node:http server sending the organiser page's bytes: the machine's reference.
 *
 * BENCH_CPU_PROFILE=<dir> starts the servers with --cpu-prof into that folder.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { generateData, newSecret, type BenchData, type DataShape } from "./bench-data";
import { forkWorker, serveJobs } from "./child-worker";
import { startServerProcess, type ServerProcess } from "./server-process";
import { pagesOf, type PageSpec } from "./ssr-pages";

const WARMUP_REQUESTS = 30;
const MEASURED_REQUESTS = 100;
const ROUNDS = 5;
const CONCURRENCY = 2;
const BURSTS = 5;
const IDLE_SETTLE_MS = 5_000;
const BARE_DURATION_S = 5;
const BARE_CONNECTIONS = 50;
const TARGETS = { cpu_ms_per_page: 1.5, burst_p99_ms: 300, growth_ratio: 1.25, idle_rss_mb: 150 };

const log = (line: string) => process.stderr.write(`${line}\n`);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

type LoadJob = { url: string; duration: number; connections: number };
type LoadResult = { requestsAverage: number; non2xx: number; errors: number };

async function loadGeneratorChild(): Promise<void> {
  const { default: autocannon } = await import("autocannon");
  serveJobs<LoadJob, LoadResult>(async (job) => {
    const result = await autocannon({ url: job.url, connections: job.connections, duration: job.duration });
    return { requestsAverage: result.requests.average, non2xx: result.non2xx, errors: result.errors };
  });
}

function get(url: string, cookie: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

class InvalidResponse extends Error {}

function check(page: PageSpec, res: { status: number; body: string }): void {
  if (res.status !== 200 || !res.body.includes(page.marker)) {
    throw new InvalidResponse(`${page.name} (${page.path}): status ${res.status}, marker ${JSON.stringify(page.marker)} missing`);
  }
}

async function cpuPerPage(server: ServerProcess, page: PageSpec): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const run = async (count: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < count) check(page, await get(`${server.base}${page.path}`, page.cookie, agent));
      }),
    );
  };
  await run(WARMUP_REQUESTS);
  const before = await server.cpuMs();
  await run(MEASURED_REQUESTS);
  const used = (await server.cpuMs()) - before;
  agent.destroy();
  return round(used / MEASURED_REQUESTS, 3);
}

async function burst(server: ServerProcess, data: BenchData): Promise<number[]> {
  const home: PageSpec = { name: "cohort_home", path: "/", cookie: "", marker: "Welkom, Deelnemer" };
  // Each person's page once beforehand (warm code paths), then the bursts: every person
  // on a connection of their own, opened at the moment they ask (as browsers arriving).
  for (const login of data.cohort) check(home, await get(`${server.base}/`, login.cookie, new http.Agent()));
  const times: number[] = [];
  for (let i = 0; i < BURSTS; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const agents = data.cohort.map(() => new http.Agent({ keepAlive: false }));
    const started = performance.now();
    await Promise.all(data.cohort.map(async (login, k) => check(home, await get(`${server.base}/`, login.cookie, agents[k]))));
    times.push(round(performance.now() - started, 1));
    for (const agent of agents) agent.destroy();
  }
  return times;
}

type Folder = { label: string; dataDir: string; data: BenchData; server: ServerProcess; fileMb: number };

/** Generates a data folder and starts a server on it. */
async function openFolder(label: string, shape: DataShape): Promise<Folder> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `werkplaats-bench-ssr-${label}-`));
  const secret = newSecret();
  log(`${label}: generating data…`);
  const started = performance.now();
  const data = await generateData(dataDir, secret, shape);
  log(`${label}: ${Math.round(performance.now() - started)} ms; ${JSON.stringify(data.counts)}`);
  const fileMb = round((await readFile(path.join(dataDir, "werkplaats.json"))).length / 1024 / 1024);
  const profileDir = process.env.BENCH_CPU_PROFILE;
  const server = await startServerProcess(
    { DATA_DIR: dataDir, SESSION_SECRET: secret, SEED: "none", RATE_LIMIT_FACTOR: "1000" },
    log,
    profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  );
  return { label, dataDir, data, server, fileMb };
}

async function closeFolder(folder: Folder): Promise<void> {
  await folder.server.stop();
  await rm(folder.dataDir, { recursive: true, force: true });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * CPU per page on both folders, interleaved: ROUNDS rounds, in each every page on
 * one folder and then the other (the order flips each round), and per page the
 * median of the rounds. The machine's speed drifts over a minute (another guest on
 * the host, the CPU's clock); measured side by side, the drift falls on both.
 */
async function cpuPerPageSideBySide(demo: Folder, grown: Folder) {
  const pages = { demo: {} as Record<string, number[]>, grown: {} as Record<string, number[]> };
  const specs = { demo: pagesOf(demo.data), grown: pagesOf(grown.data) };
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < specs.demo.length; i++) {
      const order: Array<["demo" | "grown", Folder]> = [
        ["demo", demo],
        ["grown", grown],
      ];
      if (r % 2) order.reverse();
      for (const [key, folder] of order) {
        const spec = specs[key][i];
        (pages[key][spec.name] ??= []).push(await cpuPerPage(folder.server, spec));
      }
    }
    log(`round ${r + 1}/${ROUNDS} done`);
  }
  const summarise = (rounds: Record<string, number[]>) => {
    const figures = Object.fromEntries(Object.entries(rounds).map(([name, values]) => [name, round(median(values), 3)]));
    const worst = Object.entries(figures).sort((a, b) => b[1] - a[1])[0];
    return { pages: figures, worstPage: worst[0], cpuMsPerPage: worst[1] };
  };
  return { demo: summarise(pages.demo), grown: summarise(pages.grown) };
}

async function bareRps(body: string): Promise<number> {
  const generator = forkWorker<LoadJob, LoadResult>(fileURLToPath(import.meta.url), "--load-generator", "load generator");
  const bytes = Buffer.from(body);
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": bytes.length });
    res.end(bytes);
  });
  try {
    await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
    await generator.ready;
    const url = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    const result = await generator.run({ url, duration: BARE_DURATION_S, connections: BARE_CONNECTIONS });
    if (result.non2xx || result.errors) throw new Error(`bare server: ${JSON.stringify(result)}`);
    return round(result.requestsAverage, 1);
  } finally {
    await generator.stop().catch(() => {});
    await new Promise<void>((resolve) => bare.close(() => resolve()));
  }
}

async function assertProductionBuild(): Promise<void> {
  const file = fileURLToPath(new URL("../build/index.js", import.meta.url));
  const code = await readFile(file, "utf8").catch(() => "");
  if (!code || code.includes("jsx-dev-runtime"))
    throw new Error(`${file} is missing or a development build: run \`npx remix build\` first`);
}

async function main(): Promise<void> {
  await assertProductionBuild();
  const demo = await openFolder("demo", { pastEditions: 0, triosPerEdition: 30, cohort: 100 });
  let grown: Folder | null = null;
  try {
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    const idleRssMb = round(await demo.server.rssMb(), 1);
    log(`demo: idle rss ${idleRssMb} MB`);
    grown = await openFolder("grown", { pastEditions: 5, triosPerEdition: 30, cohort: 100 });
    const cpu = await cpuPerPageSideBySide(demo, grown);
    const demoBursts = await burst(demo.server, demo.data);
    log(`demo: bursts of ${demo.data.cohort.length} ${JSON.stringify(demoBursts)} ms`);
    const grownBursts = await burst(grown.server, grown.data);
    log(`grown: bursts of ${grown.data.cohort.length} ${JSON.stringify(grownBursts)} ms`);
    const organiser = pagesOf(demo.data).find((p) => p.name === "organiser_home")!;
    const organiserPage = (await get(`${demo.server.base}/`, organiser.cookie, http.globalAgent)).body;
    const bare = await bareRps(organiserPage);
    const pageGrowth = Object.fromEntries(Object.keys(cpu.demo.pages).map((k) => [k, round(cpu.grown.pages[k] / cpu.demo.pages[k])]));
    const growth = cpu.grown.cpuMsPerPage / cpu.demo.cpuMsPerPage;
    const figures = {
      cpu_ms_per_page: cpu.demo.cpuMsPerPage,
      worst_page: cpu.demo.worstPage,
      pages: cpu.demo.pages,
      burst_p99_ms: Math.max(...demoBursts),
      bursts_ms: demoBursts,
      grown_burst_p99_ms: Math.max(...grownBursts),
      growth_ratio: round(growth),
      grown_cpu_ms_per_page: cpu.grown.cpuMsPerPage,
      grown_worst_page: cpu.grown.worstPage,
      grown_pages: cpu.grown.pages,
      page_growth: pageGrowth,
      idle_rss_mb: idleRssMb,
      bare_rps: bare,
      data_file_mb: { demo: demo.fileMb, grown: grown.fileMb },
      grown_counts: grown.data.counts,
      cpu_per_page_method: `/proc/<pid>/stat of the server child over ${MEASURED_REQUESTS} requests (${CONCURRENCY} at a time) after ${WARMUP_REQUESTS} warm-up, ${ROUNDS} rounds interleaving both folders, median per page; no compression`,
      load_avg_1m: round(os.loadavg()[0]),
      targets: {
        cpu_ms_per_page: cpu.demo.cpuMsPerPage <= TARGETS.cpu_ms_per_page,
        burst_p99_ms: Math.max(...demoBursts) <= TARGETS.burst_p99_ms,
        growth_ratio: growth <= TARGETS.growth_ratio,
        idle_rss_mb: idleRssMb <= TARGETS.idle_rss_mb,
      },
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await closeFolder(demo);
    if (grown) await closeFolder(grown);
  }
}

if (process.argv.includes("--load-generator")) {
  void loadGeneratorChild();
} else {
  main().then(
    () => process.exit(),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
