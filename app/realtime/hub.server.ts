import type { Server as HttpServer, IncomingMessage } from "node:http";
import { getLogger } from "~/utils/logger.server";
import { Server } from "socket.io";
import { getAuthSession } from "~/features/accounts/auth-session.server";
import { getDb } from "~/data/db.server";
import { getUserById } from "~/features/accounts/user.server";
import { readSessionId } from "~/utils/auth-config.server";
import { getEnv } from "~/utils/env.server";
import { isAllowedOrigin } from "~/utils/origin.server";
import { onAnnouncement } from "~/utils/announcements.server";
import { setSingleton } from "~/utils/singleton.server";
import { REALTIME_PROTOCOL_VERSION, ServerEvent, type Ack, type ErrorCode } from "./events";
import { announcementPushers, disconnectHooks, handlers } from "./features.server";
import { allowHandshake, HANDSHAKE_REFUSED } from "./handshake-limit.server";
import { MAX_HTTP_BUFFER_BYTES, MAX_PAYLOAD_BYTES, MAX_REFUSALS_BEFORE_DISCONNECT, REFUSAL_WINDOW_MS } from "./limits";
import { DEFAULT_RATE, RealtimeError, type AppServer, type RateBudget } from "./registry.server";
import { TokenBucket } from "./token-bucket";
import { startAccessSync, startWatching, stopWatching } from "./watch.server";

export { RealtimeError };

function refuse(code: ErrorCode, message: string): Ack<never> {
  return { ok: false, error: { code, message } };
}

function payloadSize(payload: unknown): number {
  if (payload === undefined) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(payload));
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function originAllowed(req: IncomingMessage): boolean {
  return isAllowedOrigin({
    origin: req.headers.origin,
    referer: req.headers.referer,
    host: req.headers.host,
    baseUrl: getEnv().baseUrl,
  });
}

/** Attaches socket.io to the app's HTTP server: same port, same session cookie. */
export function attachRealtime(httpServer: HttpServer): AppServer {
  const io: AppServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_HTTP_BUFFER_BYTES,
    serveClient: false,
    // WebSockets are not covered by CORS, so the handshake checks Origin itself.
    allowRequest: (req, callback) => callback(null, originAllowed(req)),
  });

  io.use(async (socket, next) => {
    const sessionId = await readSessionId(socket.request.headers.cookie);
    const session = sessionId ? getAuthSession(sessionId) : null;
    const user = session ? getUserById(session.userId) : null;
    if (!sessionId || !user) {
      next(new Error("unauthorized"));
      return;
    }
    // Reconnects per login are rate-limited (a script reconnecting in a loop); the client shows this in Dutch.
    if (!allowHandshake(sessionId)) {
      next(new Error(HANDSHAKE_REFUSED));
      return;
    }
    socket.data = { userId: user.id, sessionId };
    next();
  });

  // Rooms follow the access policy: derived again after every data change (watch.server.ts).
  // The listener lives as long as this process's store; a closed server's store goes with it.
  startAccessSync(io, (listener) => getDb().onChange(listener));

  // Models announce what changed; this server pushes it, until it closes.
  const stopPushing = onAnnouncement((announcement) => {
    for (const push of announcementPushers) push(io, announcement);
  });
  httpServer.once("close", stopPushing);

  io.on("connection", (socket) => {
    // Joins the login's base rooms, or disconnects when the login ended during the handshake.
    const user = startWatching(socket);
    if (!user) return;

    // One bucket per budget: a drawing client's board messages do not starve its other events.
    const buckets = new Map<string, TokenBucket>();
    const bucketFor = (budget: RateBudget) => {
      let bucket = buckets.get(budget.name);
      if (!bucket) buckets.set(budget.name, (bucket = new TokenBucket(budget.burst, budget.perSecond)));
      return bucket;
    };
    let refusals = 0;
    let refusalWindowStart = Date.now();

    // The wire allows numeric event names too, so `event` is not always a string.
    socket.onAny(async (event: string | number, ...args: unknown[]) => {
      const ack = typeof args.at(-1) === "function" ? (args.pop() as (reply: Ack) => void) : null;
      const reply = (answer: Ack) => ack?.(answer);
      const refused = (code: ErrorCode, message: string) => {
        reply(refuse(code, message));
        const now = Date.now();
        if (now - refusalWindowStart > REFUSAL_WINDOW_MS) {
          refusalWindowStart = now;
          refusals = 0;
        }
        if (++refusals > MAX_REFUSALS_BEFORE_DISCONNECT) socket.disconnect(true);
      };

      const definition = Object.hasOwn(handlers, event) ? handlers[event as string] : undefined;
      if (!bucketFor(definition?.rate ?? DEFAULT_RATE).take()) return refused("rate_limited", "Te veel berichten; probeer het zo weer.");
      // The session may have ended (logout, expiry) since the handshake.
      const current = getAuthSession(socket.data.sessionId);
      const currentUser = current ? getUserById(current.userId) : null;
      if (!currentUser) {
        reply(refuse("unauthorized", "Je sessie is verlopen; log opnieuw in."));
        socket.disconnect(true);
        return;
      }
      if (!definition) return refused("unknown_event", `Onbekend bericht: ${String(event).slice(0, 60)}`);
      if (args.length > 1) return refused("invalid_payload", "Een bericht heeft hoogstens één argument.");
      const payload = args[0];
      if (payloadSize(payload) > (definition.maxBytes ?? MAX_PAYLOAD_BYTES)) return refused("too_large", "Dit bericht is te groot.");
      const parsed = definition.schema.safeParse(payload);
      if (!parsed.success) {
        return refused("invalid_payload", `Ongeldig bericht: ${parsed.error.issues[0]?.message ?? "onbekende fout"}`);
      }
      try {
        reply({ ok: true, data: await definition.handle(socket, currentUser, parsed.data) });
      } catch (error) {
        if (error instanceof RealtimeError) return refused(error.code, error.message);
        getLogger().error({ err: error, event: String(event) }, "Realtime handler failed");
        reply(refuse("internal", "Er ging iets mis op de server."));
      }
    });

    socket.on("disconnect", () => {
      stopWatching(socket, user);
      for (const hook of disconnectHooks) {
        try {
          hook(socket, user);
        } catch (error) {
          getLogger().error({ err: error }, "Realtime disconnect hook failed");
        }
      }
    });

    socket.emit(ServerEvent.ready, { userId: user.id, protocol: REALTIME_PROTOCOL_VERSION });
  });

  return setSingleton("io", io);
}
