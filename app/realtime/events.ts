import { z } from "zod";

/**
 * The realtime contract shared by server and browser. Every event a client may
 * send is listed here with its payload schema; anything else is refused in the
 * ack. See docs/realtime.md.
 */
export const ClientEvent = {
  whoami: "session:whoami",
  joinRoom: "room:join",
  leaveRoom: "room:leave",
} as const;
export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent];

/**
 * The `connect_error` message of a handshake refused because this login opened
 * too many sockets in a short time (app/realtime/handshake-limit.server.ts). The
 * socket does not retry by itself after a refused handshake: wait, then connect again.
 */
export const HANDSHAKE_REFUSED = "too_many_connections";
export const HANDSHAKE_RETRY_MS = 5_000;
export const handshakeRefusedMessage = "Er zijn vanaf deze login te veel verbindingen geopend in korte tijd. We proberen het zo opnieuw.";

/**
 * The version of this contract, sent in `session:ready`. A tab loaded before a deploy
 * that changed the contract compares it with its own and asks the user to reload,
 * instead of sending messages the new server no longer understands. Raise it with
 * every change to an event's name or payload that an open tab would trip over.
 */
export const REALTIME_PROTOCOL_VERSION = 2;

export const ServerEvent = {
  /** Sent once right after connecting; the server ends the connection when a session ends. */
  ready: "session:ready",
  /** The login ended (logout, expiry, password changed elsewhere, account removed); the server then disconnects. */
  sessionEnded: "session:ended",
  /** Access to something the socket watched ended; it no longer receives anything about it. */
  accessRevoked: "access:revoked",
} as const;

/** `session:ready`: who this socket is, and which version of the contract the server speaks. */
export type SessionReady = { userId: string; protocol: number };
/** `session:ended`: a Dutch message for the user. */
export type SessionEnded = { message: string };

/** `access:revoked`: which watched resource (kind and id, as in room:join or board:join) ended. */
export type AccessRevoked = { kind: string; id: string; message: string };

/** Rooms a client may ask to join; user:, session: and role rooms are joined by the server. */
export const roomName = z
  .string()
  .max(80)
  .regex(/^(edition|trio):[A-Za-z0-9_-]{1,64}$/, "onbekende ruimte");

export const clientPayloads = {
  [ClientEvent.whoami]: z.undefined().or(z.object({}).strict()),
  [ClientEvent.joinRoom]: z.object({ room: roomName }).strict(),
  [ClientEvent.leaveRoom]: z.object({ room: roomName }).strict(),
} satisfies Record<ClientEventName, z.ZodTypeAny>;

export type ClientPayload<E extends ClientEventName> = z.infer<(typeof clientPayloads)[E]>;

export const errorCodes = [
  "unknown_event",
  "invalid_payload",
  "too_large",
  "rate_limited",
  "forbidden",
  "unauthorized",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };
