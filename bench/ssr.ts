/**
 * SSR throughput benchmark: the logged-in home page `/` of the real app, compared
 * with a bare `node:http` server answering a static body of the same size.
 *
 *   npm run bench:ssr        (= remix build && tsx bench/ssr.ts)
 *
 * Prints progress on stderr and ONE JSON line (the last line) on stdout.
 *
 * Fairness on a 2-core machine: the app runs in this process, but autocannon runs
 * in a separate child process (child_process.fork of this same file with
 * `--load-generator`). Server and load generator thus each have their own event
 * loop, heap and GC and the OS can give each its own core; with autocannon in the
 * server's process they would share one event loop and every millisecond the
 * client spends parsing responses would be counted as server latency. autocannon's
 * own `workers` option was not used: it puts the load in worker threads of this
 * process (shared process, per-worker connection split, functions only as file
 * paths); a child process is the plainer, better isolated setup. The bare server
 * is measured the same way (same child, same settings, same body size), so
 * `p99_ratio` compares like with like. Note: the bare server is usually limited by
 * the single-threaded load generator rather than by itself, so `bare_rps` is a
 * ceiling of this setup, not of Node.
 *
 * The app starts with NODE_ENV=production (also set in process.env *before* the
 * server is imported, because React picks its production build at load time) and
 * RATE_LIMIT_FACTOR=1000: the general limit (2,000 requests a minute per IP) would
 * otherwise answer most of the load with 429.
 *
 * Validity: every measured response must be a 200 whose body contains the
 * organiser's dashboard marker (checked in the load generator with verifyBody),
 * so redirects to /inloggen, 429s or a logged-out page cannot pass as throughput.
 * The process exits with code 1 when that is not so (the JSON line is still printed).
 * Missing a performance target does not change the exit code; see `targets_met`.
 *
 * autocannon reports latency percentiles in whole milliseconds.
 *
 * Render cache (docs/decisions/006-render-cache.md): the app is measured twice in
 * the same run, on the same server and login: first in its default configuration
 * (render cache on, unless RENDER_CACHE=off is set for this command), then with the
 * cache switched off at run time (`server.renderCache.enabled = false`), so the
 * figure of a page that is rendered on every request is always visible. The
 * required keys (rps, p50_ms, p99_ms, p99_ratio, targets) describe the default
 * configuration; `uncached_rps`, `uncached_p50_ms`, `uncached_p99_ms` (and the other
 * `uncached_*` keys) the app without the cache. Before the load, two requests check
 * that a cached page still carries a fresh nonce that matches its CSP header.
 *
 * Besides the requested keys the JSON has diagnostics: server_side_p50/p99/max_ms
 * (inside the server), server_cpu_ms_per_req (1000 / this = the rps one fully used
 * core could give), server_elu (1 = saturated), load_avg_1m (other work on the
 * machine makes every figure worse; one per phase) and render_cache (hits, misses…
 * during the cached phase). BENCH_CPU_PROFILE=/tmp/ssr.cpuprofile writes a CPU
 * profile of the server during the measured default phase, and
 * /tmp/ssr-uncached.cpuprofile during the uncached one.
 */
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { forkWorker, serveJobs } from "./child-worker";

const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 3;
const RATE_LIMIT_FACTOR = 1000;
/** Only the organiser's dashboard has this heading. */
const MARKER = "<h2>Edities</h2>";

type LoadJob = { url: string; headers: Record<string, string>; duration: number; connections: number; marker: string };
type LoadResult = {
  requestsAverage: number;
  totalCompleted: number;
  durationS: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  resets: number;
  statusCodes: Record<string, number>;
};

const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------- load generator
async function loadGeneratorChild(): Promise<void> {
  const { default: autocannon } = await import("autocannon");
  serveJobs<LoadJob, LoadResult>(async (job) => {
    const result = await autocannon({
      url: job.url,
      connections: job.connections,
      duration: job.duration,
      headers: job.headers,
      verifyBody: (body: string) => body.includes(job.marker),
    });
    const statusCodes: Record<string, number> = {};
    for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (stats as { count: number }).count;
    const out: LoadResult = {
      requestsAverage: result.requests.average,
      totalCompleted: result.latency.totalCount,
      durationS: result.duration,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      mismatches: result.mismatches,
      resets: result.resets,
      statusCodes,
    };
    return out;
  });
}

function startLoadGenerator() {
  return forkWorker<LoadJob, LoadResult>(fileURLToPath(import.meta.url), "--load-generator", "load generator");
}

// ---------------------------------------------------------------- helpers
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/**
 * BENCH_CPU_PROFILE=/tmp/ssr.cpuprofile profiles this process (the server) during
 * the measured app phase only; open the file in Chrome DevTools or speedscope.
 */
async function startProfiler() {
  const { Session } = await import("node:inspector/promises");
  const { writeFile } = await import("node:fs/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  return {
    async stop(file: string) {
      const { profile } = await session.post("Profiler.stop");
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
      return file;
    },
  };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * build/ is shared with `remix dev` (which writes a development build there) and
 * with anyone else building in this tree; refuse to measure a development build.
 */
async function assertProductionBuild(): Promise<void> {
  const { readFile } = await import("node:fs/promises");
  const file = fileURLToPath(new URL("../build/index.js", import.meta.url));
  const code = await readFile(file, "utf8").catch(() => "");
  if (!code) throw new Error(`${file} is missing: run \`npx remix build\` first (npm run bench:ssr does)`);
  if (code.includes("jsx-dev-runtime")) {
    throw new Error(`${file} is a development build (from \`remix dev\`?): run \`npx remix build\` first (npm run bench:ssr does)`);
  }
}

type PhaseResult = {
  load: LoadResult;
  serverP50: number;
  serverP99: number;
  serverMax: number;
  cpuMsPerReq: number;
  elu: number;
  loadAvg: number;
};

/** Percentile of an ascending list (nearest rank). */
function percentile(sorted: number[], p: number): number {
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0, 1);
}

const NONCE = /<script nonce="([^"]+)"/;
function nonceOf(html: string): string | null {
  return NONCE.exec(html)?.[1] ?? null;
}

async function main(): Promise<void> {
  await assertProductionBuild();
  process.env.NODE_ENV = "production";
  const { startServer } = await import("../server");

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-bench-ssr-"));
  const generator = startLoadGenerator();
  let bare: http.Server | null = null;
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    server = await startServer({
      env: {
        NODE_ENV: "production",
        PORT: "0",
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        SEED: "demo",
        RATE_LIMIT_FACTOR: String(RATE_LIMIT_FACTOR),
        RENDER_CACHE: process.env.RENDER_CACHE,
      },
      log: (line) =>
        log(
          `[app] ${line
            .split("\n")
            .filter((l) => !/\S+@\S+\s+\S{4}-\S{4}/.test(l))
            .join("\n")}`,
        ),
    });
    const running = server;
    const base = `http://127.0.0.1:${running.port}`;
    const renderCache = running.renderCache;
    log(`render cache in the default configuration: ${renderCache ? "on" : "off (RENDER_CACHE=off)"}`);

    // ---- log in as the seeded organiser
    const organiser = running.boot.seeded.find((l) => l.role === "organiser");
    if (!organiser) throw new Error("no seeded organiser (SEED=demo on a fresh folder should create one)");
    const form = new URLSearchParams({ email: organiser.email, password: organiser.password, redirectTo: "/" }).toString();
    const login = await request(`${base}/inloggen`, {
      method: "POST",
      headers: {
        origin: base,
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(Buffer.byteLength(form)),
      },
      body: form,
    });
    const setCookie = (login.headers["set-cookie"] ?? []).find((c) => c.startsWith("werkplaats_sessie="));
    if (login.status !== 302 || !setCookie) throw new Error(`login failed: ${login.status} ${login.body.toString().slice(0, 300)}`);
    const cookie = setCookie.split(";")[0];
    const headers = { cookie };

    // ---- one request by hand: the logged-in dashboard, uncompressed (as autocannon asks for it)
    const page = await request(`${base}/`, { headers });
    const html = page.body.toString("utf8");
    if (page.status !== 200 || !html.includes(MARKER)) {
      throw new Error(`GET / with the session cookie is not the organiser dashboard (status ${page.status})`);
    }
    if (page.headers["content-encoding"]) throw new Error(`unexpected content-encoding ${page.headers["content-encoding"]}`);
    const pageBytes = page.body.length;
    log(`logged in as organiser; GET / = ${page.status}, ${pageBytes} bytes`);

    // ---- a second request (from the cache when it is on) must carry its own nonce, the one in its CSP
    const again = await request(`${base}/`, { headers });
    const firstNonce = nonceOf(html);
    const secondNonce = nonceOf(again.body.toString("utf8"));
    const csp = String(again.headers["content-security-policy"] ?? "");
    if (!firstNonce || !secondNonce || firstNonce === secondNonce || !csp.includes(`'nonce-${secondNonce}'`)) {
      throw new Error(`the second GET / does not carry a fresh nonce matching its CSP header (${firstNonce} / ${secondNonce})`);
    }

    await generator.ready;
    const job = (url: string, duration: number): LoadJob => ({ url, headers, duration, connections: CONNECTIONS, marker: MARKER });

    /** Warm-up, then the measured run against the app, with server-side diagnostics. */
    const measureApp = async (label: string, profileFile: string | null): Promise<PhaseResult> => {
      log(`${label}: warm-up ${WARMUP_S}s…`);
      await generator.run(job(`${base}/`, WARMUP_S));
      log(`${label}: ${CONNECTIONS} connections for ${DURATION_S}s…`);
      const profiler = profileFile ? await startProfiler() : null;
      // Server-side time of each request (headers parsed -> response finished), to tell
      // time spent inside the server from time spent queued in sockets or in the client.
      const serverTimes: number[] = [];
      const onRequest = (_req: http.IncomingMessage, res: http.ServerResponse) => {
        const started = performance.now();
        res.once("finish", () => serverTimes.push(performance.now() - started));
      };
      running.httpServer.prependListener("request", onRequest);
      const loadAvg = os.loadavg()[0];
      const cpuBefore = process.cpuUsage();
      const eluBefore = performance.eventLoopUtilization();
      const load = await generator.run(job(`${base}/`, DURATION_S));
      const elu = performance.eventLoopUtilization(eluBefore).utilization;
      const cpu = process.cpuUsage(cpuBefore);
      running.httpServer.off("request", onRequest);
      // A copy: requests still in flight finish (and push) after this.
      const times = serverTimes.slice().sort((a, b) => a - b);
      if (profiler && profileFile) log(`${label}: CPU profile of the measured phase written to ${await profiler.stop(profileFile)}`);
      log(`${label}: ${JSON.stringify(load)}`);
      return {
        load,
        serverP50: percentile(times, 50),
        serverP99: percentile(times, 99),
        serverMax: percentile(times, 100),
        cpuMsPerReq: round((cpu.user + cpu.system) / 1000 / Math.max(load.totalCompleted, 1), 3),
        elu: round(elu, 3),
        loadAvg: round(loadAvg),
      };
    };

    const profileBase = process.env.BENCH_CPU_PROFILE ?? null;
    // ---- the app in its default configuration (render cache on unless RENDER_CACHE=off)
    const statsBefore = renderCache ? { ...renderCache.stats } : null;
    const app = await measureApp(renderCache ? "app (render cache on)" : "app (render cache off)", profileBase);
    const cacheStats =
      renderCache && statsBefore
        ? Object.fromEntries(Object.entries(renderCache.stats).map(([k, v]) => [k, v - statsBefore[k as keyof typeof statsBefore]]))
        : null;
    // ---- the same app rendering every request
    let uncached = app;
    if (renderCache) {
      renderCache.enabled = false;
      uncached = await measureApp(
        "app (render cache off)",
        profileBase ? profileBase.replace(/(\.cpuprofile)?$/, "-uncached.cpuprofile") : null,
      );
      renderCache.enabled = true;
    }

    // ---- the bare server: same body (so same byte size), same headers shape as a plain page
    const body = page.body;
    bare = http.createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => bare!.listen(0, "127.0.0.1", resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    log(`bare: warm-up ${WARMUP_S}s…`);
    await generator.run(job(bareUrl, WARMUP_S));
    log(`bare: ${CONNECTIONS} connections for ${DURATION_S}s…`);
    const bareLoadAvg = os.loadavg()[0];
    const baseline = await generator.run(job(bareUrl, DURATION_S));
    log(`bare: ${JSON.stringify(baseline)}`);

    const invalid = (r: LoadResult) => r.non2xx + r.errors + r.timeouts + r.mismatches;
    const ratio = (p99: number) => (baseline.p99 > 0 ? round(p99 / baseline.p99) : null);
    const p99Ratio = ratio(app.load.p99);
    const targets = {
      rps_at_least_500: app.load.requestsAverage >= 500,
      p99_within_10x_bare: p99Ratio !== null && p99Ratio <= 10,
    };
    const figures = {
      render_cache: renderCache ? "on" : "off",
      rps: round(app.load.requestsAverage, 1),
      p50_ms: app.load.p50,
      p99_ms: app.load.p99,
      bare_rps: round(baseline.requestsAverage, 1),
      bare_p99_ms: baseline.p99,
      p99_ratio: p99Ratio,
      uncached_rps: round(uncached.load.requestsAverage, 1),
      uncached_p50_ms: uncached.load.p50,
      uncached_p99_ms: uncached.load.p99,
      uncached_p99_ratio: ratio(uncached.load.p99),
      non2xx: app.load.non2xx,
      errors: app.load.errors,
      timeouts: app.load.timeouts,
      body_mismatches: app.load.mismatches,
      status_codes: app.load.statusCodes,
      requests: app.load.totalCompleted,
      uncached_invalid: invalid(uncached.load),
      uncached_requests: uncached.load.totalCompleted,
      bare_p50_ms: baseline.p50,
      bare_non2xx: baseline.non2xx,
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      warmup_s: WARMUP_S,
      page_bytes: pageBytes,
      rate_limit_factor: RATE_LIMIT_FACTOR,
      // Diagnostics: time inside the server per request (headers parsed -> finished),
      // CPU time of this (server) process per measured request, its event-loop
      // utilisation, and the machine's 1-minute load average when each phase began.
      server_side_p50_ms: app.serverP50,
      server_side_p99_ms: app.serverP99,
      server_side_max_ms: app.serverMax,
      server_cpu_ms_per_req: app.cpuMsPerReq,
      server_elu: app.elu,
      uncached_server_side_p50_ms: uncached.serverP50,
      uncached_server_side_p99_ms: uncached.serverP99,
      uncached_server_cpu_ms_per_req: uncached.cpuMsPerReq,
      uncached_server_elu: uncached.elu,
      render_cache_stats: cacheStats,
      load_avg_1m: app.loadAvg,
      uncached_load_avg_1m: uncached.loadAvg,
      bare_load_avg_1m: round(bareLoadAvg),
      load_generator: "autocannon in a forked child process",
      targets_met: targets.rps_at_least_500 && targets.p99_within_10x_bare,
      targets,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    if (invalid(app.load) > 0 || invalid(uncached.load) > 0 || invalid(baseline) > 0) {
      log("INVALID: some responses were not a 200 with the expected page (see non2xx/errors/timeouts/body_mismatches)");
      process.exitCode = 1;
    }
  } finally {
    await generator.stop().catch(() => {});
    if (bare) await new Promise<void>((resolve) => bare!.close(() => resolve()));
    if (server) await server.close();
    await rm(dataDir, { recursive: true, force: true });
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
