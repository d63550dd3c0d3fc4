/**
 * Upload benchmark: one 50 MiB PDF-headed file through the real HTTP stack into
 * POST /upload, measuring in the server what streaming costs it.
 *
 *   npm run bench:upload        (= tsx bench/upload.ts; builds first when the build is stale)
 *
 * Prints progress on stderr and ONE JSON line (the last line) on stdout.
 *
 * Setup: the app runs in this process (NODE_ENV=production, a temporary DATA_DIR,
 * RATE_LIMIT_FACTOR=1000), logs in as the seeded speaker, and a forked child
 * process sends the upload, so the client's work (generating and hashing 50 MiB)
 * does not run on the server's event loop. The child generates the body while
 * sending it: a multipart header, `%PDF-1.7` and random filler (one random MiB
 * reused), never the whole file in memory, with a fixed Content-Length as a
 * browser sends it.
 *
 * Measured in the server process, from the moment the upload request arrives
 * until its response has been sent:
 * - bytes: the size of the stored file (checked against the record and the sha256
 *   the client computed);
 * - seconds: that server-side duration;
 * - peak_rss_delta_mb: the highest process.memoryUsage().rss sampled every 10 ms,
 *   minus the rss just before the upload (after a warm-up upload and a settle pause);
 * - event_loop_p99_ms: p99 of perf_hooks.monitorEventLoopDelay (resolution 1 ms,
 *   so an idle loop reads about 1 ms) over the same period.
 * Targets: peak_rss_delta_mb <= 32 and event_loop_p99_ms <= 20 (see targets_met).
 * A failed upload exits with code 1 (the JSON line is still printed).
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { forkWorker, serveJobs, runBenchmark } from "./child-worker";

const FILE_BYTES = 50 * 1024 * 1024;
const WARMUP_BYTES = 2 * 1024 * 1024;
const RATE_LIMIT_FACTOR = 1000;
const SAMPLE_MS = 10;

type UploadJob = { url: string; cookie: string; bytes: number; name: string };
type UploadDone = { status: number; body: string; sha256: string; clientSeconds: number };

const log = (line: string) => process.stderr.write(`${line}\n`);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------- the client (child process)
function sendUpload(job: UploadJob): Promise<UploadDone> {
  const boundary = `----werkplaatsbench${randomBytes(8).toString("hex")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nmateriaal\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${job.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const pdfHeader = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1");
  const filler = randomBytes(1024 * 1024);
  const hash = createHash("sha256");
  const target = new URL(job.url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: "POST",
        path: "/upload",
        headers: {
          origin: job.url,
          cookie: job.cookie,
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": String(head.length + job.bytes + tail.length),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            sha256: hash.digest("hex"),
            clientSeconds: (performance.now() - started) / 1000,
          }),
        );
      },
    );
    req.on("error", reject);
    const write = (chunk: Buffer) => (req.write(chunk) ? Promise.resolve() : new Promise<void>((r) => req.once("drain", () => r())));
    (async () => {
      await write(head);
      let left = job.bytes;
      const first = pdfHeader.subarray(0, Math.min(pdfHeader.length, left));
      hash.update(first);
      await write(first);
      left -= first.length;
      while (left > 0) {
        const chunk = filler.subarray(0, Math.min(filler.length, left));
        hash.update(chunk);
        await write(chunk);
        left -= chunk.length;
      }
      req.end(tail);
    })().catch(reject);
  });
}

function clientChild(): void {
  serveJobs<UploadJob, UploadDone>(sendUpload);
}

function startClient() {
  return forkWorker<UploadJob, UploadDone>(fileURLToPath(import.meta.url), "--client", "upload client");
}

// ---------------------------------------------------------------- the server side
function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

async function main(): Promise<void> {
  process.env.NODE_ENV = "production";
  const { startServer } = await import("../server");
  const { getStoredFile } = await import("../app/data/file-store.server");

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-bench-upload-"));
  const client = startClient();
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
      },
      log: (line) =>
        log(
          `[app] ${line
            .split("\n")
            .filter((l) => !/\S+@\S+\s+\S{4}-\S{4}/.test(l))
            .join("\n")}`,
        ),
    });
    const base = `http://127.0.0.1:${server.port}`;

    const speaker = server.boot.seeded.find((l) => l.role === "speaker");
    if (!speaker) throw new Error("no seeded speaker (SEED=demo on a fresh folder should create one)");
    const form = new URLSearchParams({ email: speaker.email, password: speaker.password, redirectTo: "/" }).toString();
    const login = await request(`${base}/inloggen`, {
      method: "POST",
      headers: { origin: base, "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(form)) },
      body: form,
    });
    const setCookie = (login.headers["set-cookie"] ?? []).find((c) => c.startsWith("werkplaats_sessie="));
    if (login.status !== 302 || !setCookie) throw new Error(`login failed: ${login.status}`);
    const cookie = setCookie.split(";")[0];
    await client.ready;

    log(`warm-up: ${WARMUP_BYTES / 1024 / 1024} MiB…`);
    const warm = await client.run({ url: base, cookie, bytes: WARMUP_BYTES, name: "warm-up.pdf" });
    if (warm.status !== 200) throw new Error(`warm-up upload failed: ${warm.status} ${warm.body}`);
    await new Promise((r) => setTimeout(r, 500));

    // ---- measure the one big upload, inside the server process
    let requestStart = 0;
    let requestEnd = 0;
    let peakRss = 0;
    let peakArrayBuffers = 0;
    let peakHeapTotal = 0;
    let samples = 0;
    let sampler: NodeJS.Timeout | null = null;
    const eventLoop = monitorEventLoopDelay({ resolution: 1 });
    const responded = new Promise<void>((resolve) => {
      const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (req.url !== "/upload") return;
        server!.httpServer.off("request", onRequest);
        requestStart = performance.now();
        eventLoop.enable();
        res.once("finish", () => {
          requestEnd = performance.now();
          eventLoop.disable();
          resolve();
        });
      };
      server!.httpServer.prependListener("request", onRequest);
    });
    const baseline = process.memoryUsage();
    const baselineRss = baseline.rss;
    peakRss = baselineRss;
    peakArrayBuffers = baseline.arrayBuffers;
    peakHeapTotal = baseline.heapTotal;
    sampler = setInterval(() => {
      samples++;
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakArrayBuffers = Math.max(peakArrayBuffers, usage.arrayBuffers);
      peakHeapTotal = Math.max(peakHeapTotal, usage.heapTotal);
    }, SAMPLE_MS);
    const cpuBefore = process.cpuUsage();
    log(`upload: ${FILE_BYTES / 1024 / 1024} MiB…`);
    const done = await client.run({ url: base, cookie, bytes: FILE_BYTES, name: "bench.pdf" });
    await responded;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const cpu = process.cpuUsage(cpuBefore);

    let storedBytes = 0;
    let valid = false;
    let problem = "";
    try {
      const body = JSON.parse(done.body) as { ok: boolean; file?: { id: string; size: number } };
      const record = body.ok && body.file ? getStoredFile(body.file.id) : null;
      storedBytes = record?.size ?? 0;
      valid = done.status === 200 && record !== null && record.size === FILE_BYTES && record.sha256 === done.sha256;
      if (!valid) problem = `status ${done.status}, record ${JSON.stringify(record)}, client sha256 ${done.sha256}`;
    } catch {
      problem = `status ${done.status}: ${done.body.slice(0, 300)}`;
    }
    if (!valid) log(`INVALID: ${problem}`);

    const seconds = (requestEnd - requestStart) / 1000;
    const peakRssDeltaMb = (peakRss - baselineRss) / (1024 * 1024);
    const p99 = eventLoop.percentile(99) / 1e6;
    const targets = { peak_rss_delta_mb_at_most_32: peakRssDeltaMb <= 32, event_loop_p99_ms_at_most_20: p99 <= 20 };
    const figures = {
      bytes: storedBytes,
      seconds: round(seconds, 3),
      peak_rss_delta_mb: round(peakRssDeltaMb, 1),
      event_loop_p99_ms: round(p99, 2),
      // Diagnostics.
      throughput_mb_s: round(FILE_BYTES / 1024 / 1024 / seconds, 1),
      event_loop_max_ms: round(eventLoop.max / 1e6, 2),
      event_loop_mean_ms: round(eventLoop.mean / 1e6, 2),
      event_loop_resolution_ms: 1,
      baseline_rss_mb: round(baselineRss / (1024 * 1024), 1),
      // What the rss delta is made of: Buffers not yet collected, and the JS heap.
      peak_array_buffers_delta_mb: round((peakArrayBuffers - baseline.arrayBuffers) / (1024 * 1024), 1),
      peak_heap_total_delta_mb: round((peakHeapTotal - baseline.heapTotal) / (1024 * 1024), 1),
      rss_samples: samples,
      server_cpu_ms: round((cpu.user + cpu.system) / 1000, 0),
      client_seconds: round(done.clientSeconds, 3),
      sha256_verified: valid,
      load_avg_1m: round(os.loadavg()[0]),
      client: "node:http in a forked child process, streamed body with Content-Length",
      targets_met: targets.peak_rss_delta_mb_at_most_32 && targets.event_loop_p99_ms_at_most_20,
      targets,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    if (!valid) process.exitCode = 1;
  } finally {
    await client.stop().catch(() => {});
    if (server) await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

runBenchmark(main, clientChild);
