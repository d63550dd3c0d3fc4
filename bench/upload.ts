/**
 * Upload benchmark: ten 50 MiB PDF-headed files at the same moment through the real
 * HTTP stack into POST /upload, measuring in the server what streaming costs it.
 * No collection is forced anywhere (ADR 029); memory follows V8's own schedule.
 *
 *   npm run bench:upload        (= tsx bench/upload.ts; builds first when the build is stale)
 *
 * Prints progress on stderr and ONE JSON line (the last line) on stdout.
 *
 * Setup: the app runs in this process (NODE_ENV=production, a temporary DATA_DIR,
 * RATE_LIMIT_FACTOR=1000), logs in as the seeded speaker, and a forked child
 * process sends the ten uploads at once, so the client's work (generating and
 * hashing 500 MiB) does not run on the server's event loop. The child generates
 * each body while sending it (a multipart header, `%PDF-1.7` and random filler),
 * never a whole file in memory, with a fixed Content-Length as a browser sends it.
 *
 * Measured in the server process, from the first upload request until the last
 * response is done:
 * - peak_rss_delta_mb: the highest process.memoryUsage().rss sampled every 10 ms,
 *   minus the rss just before (after a warm-up upload and a settle pause);
 *   target <= 160 (buffering the files would need 500);
 * - event_loop_p99_ms: p99 of perf_hooks.monitorEventLoopDelay (resolution 1 ms,
 *   so an idle loop reads about 1 ms); target <= 20;
 * - files_verified_on_disk: every stored file read back from DATA_DIR/files and
 *   its size and sha256 compared with what the client sent.
 * A failed or wrong upload exits with code 1 (the JSON line is still printed).
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { forkWorker, serveJobs, runBenchmark } from "./child-worker";
import { inProcessEnv } from "./server-process";

const FILE_BYTES = 50 * 1024 * 1024;
const UPLOADS = 10;
/** A server that buffered the files would need 500 MB. */
const TARGET_RSS_DELTA_MB = 160;
const TARGET_EVENT_LOOP_P99_MS = 20;
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

type UploadBatch = { uploads: UploadJob[] };

function clientChild(): void {
  serveJobs<UploadBatch, UploadDone[]>((batch) => Promise.all(batch.uploads.map(sendUpload)));
}

function startClient() {
  return forkWorker<UploadBatch, UploadDone[]>(fileURLToPath(import.meta.url), "--client", "upload client");
}

async function hashFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { bytes, sha256: hash.digest("hex") };
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
  const { getStoredFile, storedFilePath } = await import("../app/data/file-store.server");

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-bench-upload-"));
  const client = startClient();
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    server = await startServer({
      env: inProcessEnv(dataDir, { RATE_LIMIT_FACTOR: String(RATE_LIMIT_FACTOR) }),
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
    const [warm] = await client.run({ uploads: [{ url: base, cookie, bytes: WARMUP_BYTES, name: "warm-up.pdf" }] });
    if (warm.status !== 200) throw new Error(`warm-up upload failed: ${warm.status} ${warm.body}`);
    await new Promise((r) => setTimeout(r, 500));

    // ---- measure the concurrent uploads, inside the server process
    let firstStart = 0;
    let lastEnd = 0;
    let peakRss = 0;
    let peakArrayBuffers = 0;
    let peakHeapTotal = 0;
    let samples = 0;
    const eventLoop = monitorEventLoopDelay({ resolution: 1 });
    const responded = new Promise<void>((resolve) => {
      let started = 0;
      let finished = 0;
      const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (req.url !== "/upload") return;
        if (started++ === 0) {
          firstStart = performance.now();
          eventLoop.enable();
        }
        if (started === UPLOADS) server!.httpServer.off("request", onRequest);
        res.once("close", () => {
          if (++finished < UPLOADS) return;
          lastEnd = performance.now();
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
    const sampler = setInterval(() => {
      samples++;
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakArrayBuffers = Math.max(peakArrayBuffers, usage.arrayBuffers);
      peakHeapTotal = Math.max(peakHeapTotal, usage.heapTotal);
    }, SAMPLE_MS);
    const cpuBefore = process.cpuUsage();
    log(`upload: ${UPLOADS} × ${FILE_BYTES / 1024 / 1024} MiB at once…`);
    const jobs = Array.from({ length: UPLOADS }, (_, i) => ({ url: base, cookie, bytes: FILE_BYTES, name: `bench-${i + 1}.pdf` }));
    const done = await client.run({ uploads: jobs });
    await responded;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const cpu = process.cpuUsage(cpuBefore);

    // Every file's bytes, read back from disk, against what the client sent.
    let storedBytes = 0;
    const problems: string[] = [];
    for (const [i, upload] of done.entries()) {
      try {
        const body = JSON.parse(upload.body) as { ok: boolean; file?: { id: string } };
        const record = body.ok && body.file ? getStoredFile(body.file.id) : null;
        if (upload.status !== 200 || !record) throw new Error(`status ${upload.status}: ${upload.body.slice(0, 200)}`);
        const onDisk = await hashFile(storedFilePath(record));
        if (onDisk.bytes !== FILE_BYTES || onDisk.sha256 !== upload.sha256) {
          throw new Error(`on disk ${onDisk.bytes} bytes, sha256 ${onDisk.sha256}; sent ${FILE_BYTES}, ${upload.sha256}`);
        }
        storedBytes += onDisk.bytes;
      } catch (error) {
        problems.push(`upload ${i + 1}: ${(error as Error).message}`);
      }
    }
    const valid = problems.length === 0 && done.length === UPLOADS;
    if (!valid) log(`INVALID: ${problems.join("; ")}`);

    const seconds = (lastEnd - firstStart) / 1000;
    const peakRssDeltaMb = (peakRss - baselineRss) / (1024 * 1024);
    const p99 = eventLoop.percentile(99) / 1e6;
    const targets = { peak_rss_delta_mb: peakRssDeltaMb <= TARGET_RSS_DELTA_MB, event_loop_p99_ms: p99 <= TARGET_EVENT_LOOP_P99_MS };
    const figures = {
      uploads: UPLOADS,
      bytes: storedBytes,
      seconds: round(seconds, 3),
      peak_rss_delta_mb: round(peakRssDeltaMb, 1),
      event_loop_p99_ms: round(p99, 2),
      files_verified_on_disk: valid,
      // Diagnostics.
      throughput_mb_s: round((UPLOADS * FILE_BYTES) / 1024 / 1024 / seconds, 1),
      event_loop_max_ms: round(eventLoop.max / 1e6, 2),
      event_loop_mean_ms: round(eventLoop.mean / 1e6, 2),
      event_loop_resolution_ms: 1,
      baseline_rss_mb: round(baselineRss / (1024 * 1024), 1),
      // What the rss delta is made of: Buffers not yet collected, and the JS heap.
      peak_array_buffers_delta_mb: round((peakArrayBuffers - baseline.arrayBuffers) / (1024 * 1024), 1),
      peak_heap_total_delta_mb: round((peakHeapTotal - baseline.heapTotal) / (1024 * 1024), 1),
      rss_samples: samples,
      server_cpu_ms: round((cpu.user + cpu.system) / 1000, 0),
      client_seconds_max: round(Math.max(...done.map((d) => d.clientSeconds)), 3),
      load_avg_1m: round(os.loadavg()[0]),
      client: "node:http in a forked child process, ten streamed bodies with Content-Length at once",
      targets_met: targets.peak_rss_delta_mb && targets.event_loop_p99_ms,
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
