/**
 * The HTTP server: Express with the Remix request handler, socket.io on the same
 * port, and the security middleware. Start-up work (environment, data file, demo
 * data) lives in app/features/setup/boot.server.ts; realtime handlers in app/realtime/.
 */
import { watch } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Server as SocketServer } from "socket.io";
import { closeBoardStores } from "~/data/board-store.server";
import { closeDatabase } from "~/data/db.server";
import { isDataDirWritable } from "~/data/health.server";
import { attachRealtime } from "~/realtime/hub.server";
import { boot, firstStartMessage, type BootResult } from "~/features/setup/boot.server";
import { ensureBuild } from "~/utils/ensure-build.server";
import { getEnv, setBaseUrl, StartupError } from "~/utils/env.server";
import { resetAttemptLimits } from "~/utils/attempt-limits.server";
import { clientAddress, cspNonce, limitFormBodies, rateLimits, requireSameOrigin, securityHeaders } from "~/utils/http-security.server";
import { startHomeworkScheduler, type SchedulerOptions } from "~/features/homework/homework-scheduler.server";

installGlobals({ nativeFetch: true });

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const BUILD_PATH = path.join(ROOT, "build", "index.js");
/** After this long, connections still open at shutdown are cut. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Longest a single request (an upload on a slow line) may take. */
const UPLOAD_REQUEST_TIMEOUT_MS = 30 * 60 * 1000;

export type RunningServer = {
  url: string;
  port: number;
  httpServer: http.Server;
  io: SocketServer;
  boot: BootResult;
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

export async function startServer(
  options: { env?: Record<string, string | undefined>; log?: (line: string) => void; scheduler?: SchedulerOptions } = {},
): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const booted = await boot(options.env ?? process.env, path.join(ROOT, "content"));
  const { env } = booted;

  let build = await importBuild();
  // Set by `remix dev`; without it a development start just serves the last build.
  const devServer = env.NODE_ENV === "development" && Boolean(process.env.REMIX_DEV_ORIGIN);
  const app = express();
  app.disable("x-powered-by");
  // One proxy hop at most: trusting every hop would let clients pick their own IP for rate limits.
  app.set("trust proxy", env.TRUST_PROXY ? 1 : false);

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
  const close = () =>
    (closing ??= (async () => {
      stopWatching();
      await scheduler.stop();
      const idleSweeper = setInterval(() => httpServer.closeIdleConnections(), 50);
      const forced = setTimeout(() => httpServer.closeAllConnections(), SHUTDOWN_GRACE_MS);
      // Stops accepting, disconnects every socket and waits for in-flight requests.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      clearInterval(idleSweeper);
      clearTimeout(forced);
      await closeBoardStores();
      await closeDatabase();
    })());

  const message = firstStartMessage(booted, getEnv().baseUrl);
  if (message) log(message);
  log(`Werkplaats draait op ${url}`);
  return { url, port, httpServer, io, boot: booted, close };
}

async function main(): Promise<void> {
  // Listen for the signals before starting, so a stop that arrives while the server
  // starts (or right after its start line) still closes it cleanly instead of killing it.
  let starting: Promise<RunningServer> | null = null;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      console.log(`${signal} ontvangen: lopende verzoeken worden afgerond en de gegevens weggeschreven…`);
      if (!starting) process.exit(0);
      starting
        .then((server) => server.close())
        .then(
          () => {
            console.log("Werkplaats is netjes afgesloten.");
            process.exit(0);
          },
          (error) => {
            console.error("Afsluiten mislukt:", error);
            process.exit(1);
          },
        );
    });
  }
  try {
    if (process.env.NODE_ENV === "production") ensureBuild(ROOT, (line) => console.log(line));
    starting = startServer();
    await starting;
  } catch (error) {
    if (error instanceof StartupError || (error as Error)?.name === "StartupError") {
      console.error((error as Error).message);
      process.exit(1);
    }
    if ((error as NodeJS.ErrnoException)?.code === "EADDRINUSE") {
      console.error(`Poort ${process.env.PORT ?? 3000} is al in gebruik; stop het andere programma of kies een andere PORT.`);
      process.exit(1);
    }
    throw error;
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  void main();
}
