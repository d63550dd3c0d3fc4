/**
 * The whiteboard realtime contract, shared by server and browser (no server imports).
 * Server handlers: app/realtime/board-handlers.server.ts. Documented for other
 * clients and load generators in docs/realtime.md ("Whiteboards").
 *
 * Model: a board is a set of elements (Excalidraw's element JSON). Every change to
 * an element bumps its `version` and picks a random `versionNonce`. The server is
 * authoritative; it reconciles element by element with `winsOver` below (higher
 * version wins; on a tie a deletion wins, then the lower versionNonce), so every
 * client that applies the same rule converges. Deleted elements stay as tombstones
 * (`isDeleted: true`) so an old version can never bring them back.
 *
 * Flow: `board:join` (ack: seq and the state URL) → GET the state over HTTP
 * (compressed JSON, not one huge socket message) → apply `board:delta` events with
 * a seq above the state's seq (earlier ones are already in the state; applying one
 * twice is harmless because reconciliation is idempotent) → send `board:update`
 * for local changes; its ack means the change is durable on the server.
 */
import { z } from "zod";
import { domains } from "~/models/enums";

export const BoardEvent = {
  // client → server (each answered in an ack, see app/realtime/events.ts `Ack`)
  join: "board:join",
  leave: "board:leave",
  update: "board:update",
  presence: "board:presence",
  facilitate: "board:facilitate",
  vote: "board:vote",
  // server → client
  delta: "board:delta",
  peerPresence: "board:peer-presence",
  peerLeft: "board:peer-left",
  meta: "board:meta",
  votes: "board:votes",
  restored: "board:restored",
} as const;

/** Timing and size constants, with units and reasons. */
export const BoardLimits = {
  /** Presence (pointer, selection) is sent at most ~30 times per second per client. */
  PRESENCE_MIN_INTERVAL_MS: 33,
  /** A quiet room flushes a change at once; a busy one at most ~30 times per second. */
  ROOM_FLUSH_MIN_INTERVAL_MS: 33,
  /** Elements in one board:update. */
  MAX_ELEMENTS_PER_UPDATE: 200,
  /** One element as JSON (a long freehand stroke is the biggest). */
  MAX_ELEMENT_BYTES: 48 * 1024,
  /** One board:update as JSON. */
  MAX_UPDATE_BYTES: 512 * 1024,
  /** Elements on one board, tombstones included. */
  MAX_ELEMENTS_PER_BOARD: 20_000,
  /** Text inside one element. */
  MAX_TEXT_LENGTH: 10_000,
  MAX_SELECTED_IDS: 100,
} as const;

export const elementId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "ongeldig element-id");

/** Excalidraw element types we accept; anything else is refused. */
export const elementTypes = [
  "rectangle",
  "diamond",
  "ellipse",
  "arrow",
  "line",
  "freedraw",
  "text",
  "image",
  "frame",
  "magicframe",
  "embeddable",
  "iframe",
  "selection",
] as const;

/**
 * Our additions, kept in Excalidraw's `customData`. `author*` is stamped by the
 * server from the session (a client cannot claim to be someone else); `kind:
 * "sticky"` marks a sticky note (a rectangle with bound text, coloured by domain).
 */
export const elementCustomData = z
  .object({
    kind: z.enum(["sticky", "label"]).optional(),
    authorId: z.string().max(64).optional(),
    authorName: z.string().max(200).optional(),
    authorDomain: z.enum(domains).nullable().optional(),
    /** Set by the server while the board is in private mode: only the author (and facilitators) see it until the reveal. */
    privateTo: z.string().max(64).nullable().optional(),
  })
  .passthrough();

/**
 * One element. The fields the sync logic relies on are checked strictly; the
 * rest of Excalidraw's element (geometry, style, points, text) passes through,
 * bounded by MAX_ELEMENT_BYTES (checked by the server on the serialised element).
 */
export const boardElement = z
  .object({
    id: elementId,
    type: z.enum(elementTypes),
    version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    versionNonce: z.number().int().min(-(2 ** 31)).max(2 ** 32),
    isDeleted: z.boolean(),
    text: z.string().max(BoardLimits.MAX_TEXT_LENGTH).optional(),
    originalText: z.string().max(BoardLimits.MAX_TEXT_LENGTH).optional(),
    frameId: elementId.nullable().optional(),
    customData: elementCustomData.optional(),
  })
  .passthrough();
export type BoardElement = z.infer<typeof boardElement>;

/** Whether `incoming` replaces `current` (the same element id). Deterministic and symmetric. */
export function winsOver(incoming: Pick<BoardElement, "version" | "versionNonce" | "isDeleted">, current: Pick<BoardElement, "version" | "versionNonce" | "isDeleted"> | undefined): boolean {
  if (!current) return true;
  if (incoming.version !== current.version) return incoming.version > current.version;
  if (incoming.isDeleted !== current.isDeleted) return incoming.isDeleted;
  return incoming.versionNonce < current.versionNonce;
}

export const boardIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "ongeldig bord-id");

export const viewport = z
  .object({
    scrollX: z.number().finite(),
    scrollY: z.number().finite(),
    zoom: z.number().finite().min(0.01).max(100),
  })
  .strict();
export type Viewport = z.infer<typeof viewport>;

const point = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();

export const boardPayloads = {
  [BoardEvent.join]: z.object({ boardId: boardIdSchema }).strict(),
  [BoardEvent.leave]: z.object({ boardId: boardIdSchema }).strict(),
  [BoardEvent.update]: z
    .object({ boardId: boardIdSchema, elements: z.array(boardElement).min(1).max(BoardLimits.MAX_ELEMENTS_PER_UPDATE) })
    .strict(),
  [BoardEvent.presence]: z
    .object({
      boardId: boardIdSchema,
      pointer: point.nullable(),
      selectedIds: z.array(elementId).max(BoardLimits.MAX_SELECTED_IDS),
      viewport: viewport.optional(),
    })
    .strict(),
  [BoardEvent.facilitate]: z
    .object({
      boardId: boardIdSchema,
      action: z.discriminatedUnion("type", [
        /** Bring everyone to my view (sent again when the facilitator moves); null viewport stops following. */
        z.object({ type: z.literal("follow"), viewport: viewport.nullable() }).strict(),
        /** A countdown shown to everyone; null stops it. */
        z.object({ type: z.literal("timer"), seconds: z.number().int().min(10).max(4 * 3600).nullable(), label: z.string().max(100).optional() }).strict(),
        z.object({ type: z.literal("lock"), locked: z.boolean() }).strict(),
        /** Private mode: new notes are hidden from other participants until the reveal. */
        z.object({ type: z.literal("private"), enabled: z.boolean() }).strict(),
        z.object({ type: z.literal("reveal") }).strict(),
        /** Dot voting: open with a number of votes per participant, or close (results stay). */
        z.object({ type: z.literal("voting"), open: z.boolean(), votesPerParticipant: z.number().int().min(1).max(20).optional() }).strict(),
        z.object({ type: z.literal("clear-votes") }).strict(),
      ]),
    })
    .strict(),
  [BoardEvent.vote]: z.object({ boardId: boardIdSchema, elementId, add: z.boolean() }).strict(),
} as const;

export type BoardRole = "edit" | "view" | "facilitate";

export type BoardMeta = {
  locked: boolean;
  privateMode: boolean;
  timer: { endsAt: string; label: string } | null;
  follow: { userId: string; name: string; viewport: Viewport } | null;
  voting: { open: boolean; votesPerParticipant: number } | null;
};

/** Ack data of board:join. */
export type JoinAck = {
  boardId: string;
  /** The seq of the newest committed change at the moment of joining. */
  seq: number;
  /** GET this (same origin, with the cookie) for { boardId, seq, elements, meta, votes }. */
  stateUrl: string;
  /** What this user may do: facilitate (organisers, and the speaker on a plenary board), edit, or view (locked board). */
  role: BoardRole;
  meta: BoardMeta;
  me: { id: string; name: string; domain: (typeof domains)[number] | null };
};

/** Body of the state URL. */
export type BoardState = {
  boardId: string;
  seq: number;
  elements: BoardElement[];
  meta: BoardMeta;
  /** Votes per element id, as counts. */
  votes: Record<string, number>;
};

/** Ack data of board:update: the seq under which the accepted elements were committed (durable). */
export type UpdateAck = { seq: number; accepted: number; ignored: number };

/** Server → client payloads. */
export type BoardDelta = { boardId: string; seq: number; elements: BoardElement[] };
export type PeerPresence = {
  boardId: string;
  userId: string;
  name: string;
  domain: (typeof domains)[number] | null;
  pointer: { x: number; y: number } | null;
  selectedIds: string[];
};
export type PeerLeft = { boardId: string; userId: string };
export type BoardMetaEvent = { boardId: string; meta: BoardMeta };
export type BoardVotes = { boardId: string; votes: Record<string, number>; myVotesLeft?: number };
export type BoardRestored = { boardId: string; seq: number };

/** Colours of sticky notes per domain (background), readable with dark text. */
export const domainColours: Record<(typeof domains)[number], string> = {
  wijk: "#ffe08a",
  fysiek: "#a5d8ff",
  sociaal: "#b2f2bb",
};
export const neutralStickyColour = "#eeeeee";
