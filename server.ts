/**
 * The HTTP server: Express with the Remix request handler, socket.io on the same
 * port, and the security middleware. Start-up work (environment, data file, demo
 * data) lives in app/features/setup/boot.server.ts; realtime handlers in app/realtime/.
 * `npm run build` compiles this file to build/server.js; `npm start` runs that with node.
 */
import { randomUUID } from "node:crypto";
import { existsSync, watch } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { pinoHttp } from "pino-http";
import type { Server as SocketServer } from "socket.io";
import { closeBoardStores } from "~/data/board-store.server";
import { forgetBoardRooms } from "~/features/boards/board-room.server";
import { closeDatabase } from "~/data/db.server";
import { isDataDirWritable } from "~/data/health.server";
import { attachRealtime } from "~/realtime/hub.server";
import { boot, firstStartMessage, type BootResult } from "~/features/setup/boot.server";
import { startAdminSocket } from "~/features/setup/admin-socket.server";
import { startMailQueue } from "~/features/notifications/mail-queue.server";
import { getEnv, setBaseUrl, StartupError } from "~/utils/env.server";
import { resetAttemptLimits } from "~/utils/attempt-limits.server";
import { clientAddress, cspNonce, limitFormBodies, rateLimits, requireSameOrigin, securityHeaders } from "~/utils/http-security.server";
import { configureLogger, getLogger } from "~/utils/logger.server";
import { loggablePath } from "~/utils/loggable-path";
import { startHomeworkScheduler, type SchedulerOptions } from "~/features/homework/homework-scheduler.server";

installGlobals({ nativeFetch: true });

/** The checkout: this file's folder, or its parent when running as build/server.js. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const ROOT = findRoot();
const BUILD_PATH = path.join(ROOT, "build", "index.js");
/** Longest a single request (an upload on a slow line) may take. */
const UPLOAD_REQUEST_TIMEOUT_MS = 30 * 60 * 1000;

export type RunningServer = {
  url: string;
  port: number;
  httpServer: http.Server;
  io: SocketServer;
  boot: BootResult;
  /** SHUTDOWN_GRACE_MS: close() cuts whatever still runs after this long. */
  shutdownGraceMs: number;
  close: () => Promise<void>;
};

/**
 * Paths that may name a file in public/: a last segment with a dot (favicon.svg,
 * build/_assets/app-1234.css) and /build itself. Extensionless files or folders
 * in public/ would not be served; keep public/ to files with an extension.
 */
function looksLikeAsset(urlPath: string): boolean {
  return /\.[^/]*$/.test(urlPath) || urlPath === "/build" || urlPath.startsWith("/build/");
}

async function importBuild(bust = ""): Promise<ServerBuild> {
  return (await import(`${pathToFileURL(BUILD_PATH).href}${bust}`)) as ServerBuild;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());

export async function startServer(
  options: { env?: Record<string, string | undefined>; log?: (line: string) => void; scheduler?: SchedulerOptions } = {},
): Promise<RunningServer> {
  const source = options.env ?? process.env;
  const logger = configureLogger(source);
  const log = options.log ?? ((line: string) => logger.info(line));
  const booted = await boot(source, path.join(ROOT, "content"));
  const { env } = booted;

  let build = await importBuild();
  // Set by `remix dev`; without it a development start just serves the last build.
  const devServer = env.NODE_ENV === "development" && Boolean(process.env.REMIX_DEV_ORIGIN);
  const app = express();
  app.disable("x-powered-by");
  // One proxy hop at most: trusting every hop would let clients pick their own IP for rate limits.
  app.set("trust proxy", env.TRUST_PROXY ? 1 : false);

  let shuttingDown = false;
  // Requests that still arrive (on a kept-alive connection) once shutdown began.
  app.use((_req, res, next) => {
    if (!shuttingDown) return next();
    res
      .set({ Connection: "close", "Retry-After": "5" })
      .status(503)
      .type("text/plain")
      .send("De server wordt herstart; probeer het zo opnieuw.");
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers["x-request-id"];
        const id = env.TRUST_PROXY && typeof given === "string" && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      // Only the method, a path without query string or secret tokens, and the status: no cookies, addresses or bodies.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: loggablePath(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (req, res, error) =>
        error || res.statusCode >= 500 ? "error" : looksLikeAsset(loggablePath(req.url ?? "")) || req.url === "/healthz" ? "debug" : "info",
      customSuccessMessage: (req, res) => `${req.method} ${loggablePath(req.url ?? "")} ${res.statusCode}`,
      customErrorMessage: (req, res) => `${req.method} ${loggablePath(req.url ?? "")} ${res.statusCode}`,
    }),
  );
  app.use(cspNonce());
  app.use(securityHeaders(env));
  app.use(compression());
  app.use("/build", express.static(path.join(ROOT, "public", "build"), { immutable: true, maxAge: "1y" }));
  // Pages have no file extension: only asset-looking paths reach the file system,
  // so a page request does not pay for a failing stat of public/<path>.
  const servePublic = express.static(path.join(ROOT, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (looksLikeAsset(req.path) ? servePublic(req, res, next) : next()));

  const httpServer = http.createServer(app);
  // Node's default (5 minutes) would cut off a 50 MB upload on a connection slower than ~1.4 Mbit/s.
  httpServer.requestTimeout = UPLOAD_REQUEST_TIMEOUT_MS;
  const io = attachRealtime(httpServer);
  app.get("/healthz", async (_req, res) => {
    const writable = await isDataDirWritable();
    const realtime = httpServer.listening && io.engine !== undefined;
    res
      .status(writable && realtime ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json({
        status: writable && realtime ? "ok" : "error",
        data: writable ? "writable" : "not writable",
        realtime: realtime ? "up" : "down",
        connections: io.engine?.clientsCount ?? 0,
      });
  });

  app.use(requireSameOrigin(env));
  app.use(limitFormBodies());
  app.use(rateLimits(env));
  // The account forms count their attempts per address and per account in their actions.
  resetAttemptLimits(env.RATE_LIMIT_FACTOR);
  app.all(
    "*",
    createRequestHandler({
      build: devServer ? async () => build : build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: clientAddress(req, env) }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(env.PORT, env.HOST, () => resolve());
  });
  const port = (httpServer.address() as { port: number }).port;
  // Without BASE_URL, links in mails point at the port we actually got (PORT=0 in tests).
  if (!env.BASE_URL) setBaseUrl(`http://localhost:${port}`);
  const url = `http://localhost:${port}`;
  // Homework reminders and digests; catches up at start on what fell due while down (ADR 011).
  const scheduler = startHomeworkScheduler({ log, ...options.scheduler });
  // Mail waits in the outbox's queue and goes out in the background, with retries (ADR 027).
  const mailQueue = startMailQueue();
  // Local-only control socket for `npm run backup` (ADR 027).
  const admin = await startAdminSocket(env.dataDir);

  let stopWatching = () => {};
  if (devServer) {
    // `remix dev --manual`: load the new build when it lands, then tell the dev server.
    const watcher = watch(path.join(ROOT, "build", "version.txt"), async () => {
      build = await importBuild(`?t=${Date.now()}`);
      await broadcastDevReady(build);
    });
    stopWatching = () => watcher.close();
    await broadcastDevReady(build);
  }

  let closing: Promise<void> | null = null;
  /**
   * Stops accepting at once, lets in-flight requests and mail finish until the
   * grace is up, cuts what is left, then writes the data and board logs.
   */
  const close = () =>
    (closing ??= (async () => {
      const deadline = Date.now() + env.SHUTDOWN_GRACE_MS;
      shuttingDown = true;
      stopWatching();
      // Closes the listener and every realtime socket; resolves when the last HTTP connection ended.
      const httpClosed = new Promise<void>((resolve) => void io.close(() => resolve()));
      httpServer.closeIdleConnections();
      const idleSweeper = setInterval(() => httpServer.closeIdleConnections(), 50);
      await Promise.race([
        Promise.all([admin.close(), scheduler.stop(), mailQueue.stop(deadline), httpClosed]),
        sleep(deadline - Date.now()),
      ]);
      clearInterval(idleSweeper);
      httpServer.closeAllConnections();
      await Promise.race([httpClosed, sleep(100)]);
      await closeBoardStores();
      forgetBoardRooms();
      await closeDatabase();
    })());

  const message = firstStartMessage(booted, getEnv().baseUrl);
  // Not a log record: the one-time logins and setup link are for the operator's terminal only.
  if (message) (options.log ?? ((text: string) => process.stdout.write(`${text}\n`)))(message);
  log(`Werkplaats draait op ${url}`);
  return { url, port, httpServer, io, boot: booted, shutdownGraceMs: env.SHUTDOWN_GRACE_MS, close };
}

/** Runs the server as a process: signals, one-line start errors, exit codes. `npm start` runs the compiled copy. */
export async function main(): Promise<void> {
  const logger = getLogger();
  // Listen for the signals before starting, so a stop that arrives while the server
  // starts (or right after its start line) still closes it cleanly instead of killing it.
  let starting: Promise<RunningServer> | null = null;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      const since = Date.now();
      getLogger().info({ signal }, `${signal} ontvangen: lopende verzoeken worden afgerond en de gegevens weggeschreven…`);
      if (!starting) process.exit(0);
      starting
        .then((server) => {
          // A last resort should closing itself hang: the grace is a promise to the operator.
          setTimeout(() => {
            getLogger().error({ ms: Date.now() - since }, "Afsluiten duurde langer dan de wachttijd; het proces stopt nu.");
            process.exit(1);
          }, server.shutdownGraceMs + 800).unref();
          return server.close();
        })
        .then(
          () => {
            getLogger().info({ ms: Date.now() - since }, "Werkplaats is netjes afgesloten.");
            process.exit(0);
          },
          (error: unknown) => {
            getLogger().error({ err: error }, "Afsluiten mislukt");
            process.exit(1);
          },
        );
    });
  }
  try {
    starting = startServer();
    await starting;
  } catch (error) {
    // One plain line on stderr: what an operator reads when the start fails.
    if (error instanceof StartupError || (error as Error)?.name === "StartupError") {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    }
    if ((error as NodeJS.ErrnoException)?.code === "EADDRINUSE") {
      process.stderr.write(`Poort ${process.env.PORT ?? 3000} is al in gebruik; stop het andere programma of kies een andere PORT.\n`);
      process.exit(1);
    }
    logger.fatal({ err: error }, "Starten mislukt");
    process.exit(1);
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  void main();
}
