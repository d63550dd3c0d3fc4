import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server, type Socket } from "socket.io";
import { getAuthSession } from "~/models/auth-session.server";
import { getTrio, isTrioMember, listMembershipsOfUser } from "~/models/trio.server";
import { getUserById, type User } from "~/models/user.server";
import { readSessionId } from "~/utils/auth-config.server";
import { getEnv } from "~/utils/env.server";
import { isAllowedOrigin } from "~/utils/origin.server";
import { setSingleton } from "~/utils/singleton.server";
import { ClientEvent, ServerEvent, clientPayloads, type Ack, type ClientEventName, type ErrorCode } from "./events";
import {
  MAX_HTTP_BUFFER_BYTES,
  MAX_PAYLOAD_BYTES,
  MAX_REFUSALS_BEFORE_DISCONNECT,
  REFUSAL_WINDOW_MS,
  RATE_BURST,
  RATE_PER_SECOND,
} from "./limits";
import { TokenBucket } from "./token-bucket";

type SocketData = { userId: string; sessionId: string };
type AppSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

export class RealtimeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (socket: AppSocket, user: User, payload: unknown) => unknown | Promise<unknown>;

function mayJoin(user: User, room: string): boolean {
  const [kind, id] = room.split(":");
  if (kind === "trio") {
    const trio = getTrio(id);
    return Boolean(trio) && (user.role === "organiser" || isTrioMember(user.id, id));
  }
  if (kind === "edition") {
    if (user.role === "organiser") return true;
    return listMembershipsOfUser(user.id).some((m) => getTrio(m.trioId)?.editionId === id);
  }
  return false;
}

const handlers: Record<ClientEventName, Handler> = {
  [ClientEvent.whoami]: (_socket, user) => ({ id: user.id, name: user.name, role: user.role }),
  [ClientEvent.joinRoom]: async (socket, user, payload) => {
    const { room } = payload as { room: string };
    if (!mayJoin(user, room)) throw new RealtimeError("forbidden", "Je hebt geen toegang tot deze ruimte.");
    await socket.join(room);
    return { room };
  },
  [ClientEvent.leaveRoom]: async (socket, _user, payload) => {
    const { room } = payload as { room: string };
    await socket.leave(room);
    return { room };
  },
};

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
export function attachRealtime(httpServer: HttpServer): Server {
  const io = new Server(httpServer, {
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
    socket.data = { userId: user.id, sessionId };
    next();
  });

  io.on("connection", (rawSocket) => {
    const socket = rawSocket as unknown as AppSocket;
    const user = getUserById(socket.data.userId);
    if (!user) {
      socket.disconnect(true);
      return;
    }
    void socket.join([`user:${user.id}`, `session:${socket.data.sessionId}`]);
    if (user.role === "organiser") void socket.join("organisers");

    const bucket = new TokenBucket(RATE_BURST, RATE_PER_SECOND);
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

      if (!bucket.take()) return refused("rate_limited", "Te veel berichten; probeer het zo weer.");
      // The session may have ended (logout, expiry) since the handshake.
      const current = getAuthSession(socket.data.sessionId);
      const currentUser = current ? getUserById(current.userId) : null;
      if (!currentUser) {
        reply(refuse("unauthorized", "Je sessie is verlopen; log opnieuw in."));
        socket.disconnect(true);
        return;
      }
      if (!Object.hasOwn(handlers, event)) return refused("unknown_event", `Onbekend bericht: ${String(event).slice(0, 60)}`);
      if (args.length > 1) return refused("invalid_payload", "Een bericht heeft hoogstens één argument.");
      const payload = args[0];
      if (payloadSize(payload) > MAX_PAYLOAD_BYTES) return refused("too_large", "Dit bericht is te groot.");
      const name = event as ClientEventName;
      const parsed = clientPayloads[name].safeParse(payload);
      if (!parsed.success) {
        return refused("invalid_payload", `Ongeldig bericht: ${parsed.error.issues[0]?.message ?? "onbekende fout"}`);
      }
      try {
        reply({ ok: true, data: await handlers[name](socket, currentUser, parsed.data) });
      } catch (error) {
        if (error instanceof RealtimeError) return refused(error.code, error.message);
        console.error(`Realtime handler ${name} failed:`, error);
        reply(refuse("internal", "Er ging iets mis op de server."));
      }
    });

    rawSocket.emit(ServerEvent.ready, { userId: user.id });
  });

  return setSingleton("io", io);
}
