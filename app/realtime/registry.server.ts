/**
 * The realtime handler registry: what each client event does. Core events live in
 * core-handlers.server.ts; each feature (homework, whiteboards, exercises) adds its
 * own module to `features` below and owns it. The hub (hub.server.ts) applies the
 * common checks (rate, session, size, schema) before any handler runs.
 */
import type { Server, Socket } from "socket.io";
import type { z } from "zod";
import { decide, type Action, type Actor, type ResourceOf } from "~/access/policy.server";
import type { User } from "~/features/accounts/user.server";
import type { ErrorCode } from "./events";
import { RATE_BURST, RATE_PER_SECOND } from "./limits";
import type { ClientToServerEvents, ServerEmitEvents } from "./server-events";

export type SocketData = { userId: string; sessionId: string };
/** Emits are checked against ServerToClientEvents (server-events.ts); client messages go through the hub's dispatcher. */
export type AppSocket = Socket<ClientToServerEvents, ServerEmitEvents, Record<string, never>, SocketData>;
export type AppServer = Server<ClientToServerEvents, ServerEmitEvents, Record<string, never>, SocketData>;

export class RealtimeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Asks the access policy; a refusal becomes the ack's `forbidden` error with the policy's Dutch message. */
export function allowOrRefuse<A extends Action>(actor: Actor, action: A, resource: ResourceOf<A>): void {
  const decision = decide(actor, action, resource);
  if (!decision.allowed) throw new RealtimeError("forbidden", decision.message);
}

/** A token bucket budget; sockets get one bucket per distinct `name`. */
export type RateBudget = { name: string; burst: number; perSecond: number };
export const DEFAULT_RATE: RateBudget = { name: "default", burst: RATE_BURST, perSecond: RATE_PER_SECOND };

export type HandlerDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> = {
  /** Validates the payload (use strict objects, bounded strings and arrays). */
  schema: S;
  /** Its return value becomes the ack's `data`; throw RealtimeError to refuse. */
  handle: (socket: AppSocket, user: User, payload: z.infer<S>) => unknown | Promise<unknown>;
  /** Which budget the message takes a token from (default: DEFAULT_RATE). */
  rate?: RateBudget;
  /** Largest JSON payload in bytes (default MAX_PAYLOAD_BYTES). */
  maxBytes?: number;
};

/** Typed helper so a definition's handler sees the parsed payload type. */
export function defineHandler<S extends z.ZodTypeAny>(definition: HandlerDefinition<S>): HandlerDefinition {
  return definition as unknown as HandlerDefinition;
}

export type HandlerTable = Record<string, HandlerDefinition>;

/** Called when a socket disconnects (e.g. to drop presence); registered by features. */
export type DisconnectHook = (socket: AppSocket, user: User) => void;
