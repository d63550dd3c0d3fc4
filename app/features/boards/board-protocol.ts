/**
 * The whiteboard realtime contract, shared by server and browser (no server imports).
 * Server handlers: app/features/boards/board-handlers.server.ts. Documented for other
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
import { domains } from "~/data/enums";
import { domainColours as domainPalette, neutralTint } from "~/utils/domain-colours";

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
  /** What a timer is for ("Brainstorm"). */
  TIMER_LABEL_MAX: 100,
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
  /** Elements on one board, tombstones included (they are kept forever, see ADR 013). */
  MAX_ELEMENTS_PER_BOARD: 20_000,
  /**
   * Bytes of one board's elements as JSON, tombstones included (a deleted element
   * keeps its content). A class drawing for a whole session stays well below it;
   * the bound keeps one board from filling the server's memory and disk.
   */
  MAX_BOARD_BYTES: 16 * 1024 * 1024,
  /** Text inside one element. */
  MAX_TEXT_LENGTH: 10_000,
  MAX_SELECTED_IDS: 100,
  /**
   * Highest `version` an element may have. Excalidraw adds 1 per change (every
   * pointer move of a drag), so an honest element never gets near it; it also keeps
   * Excalidraw's scene version (the sum of all versions) an exact integer.
   */
  MAX_VERSION: 2 ** 40,
  /**
   * How far one update may raise an element's version above the stored one (or
   * above 0 for a new element): a client working offline for a long time on one
   * element stays far below it. With it, pushing an element to MAX_VERSION takes
   * MAX_VERSION / MAX_VERSION_STEP (11 million) accepted updates, so a normal
   * change (version + 1) can always supersede a stored element (ADR 023).
   */
  MAX_VERSION_STEP: 100_000,
  /** Coordinates and sizes (canvas pixels) of an element. */
  MAX_COORDINATE: 10_000_000,
} as const;

/**
 * What a stored `version` above MAX_VERSION (written before versions were bounded)
 * becomes when it is read from disk: far above honest versions, far below the bound,
 * the same on every load (so the log replays the same way).
 */
export const LEGACY_VERSION = 2 ** 31;

export const elementId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ongeldig element-id");

/**
 * The element types the product offers (see the toolbar in
 * app/features/boards/excalidraw-canvas.client.tsx): the shapes, arrow, line,
 * freehand, text and frames. Refused: `image` (files are not synced), `embeddable`
 * and `iframe` (they load other sites), `magicframe` (AI is off), `selection` (never
 * an element) and any unknown type.
 */
export const elementTypes = ["rectangle", "diamond", "ellipse", "arrow", "line", "freedraw", "text", "frame"] as const;
export type ElementType = (typeof elementTypes)[number];

export function isAllowedElementType(type: unknown): type is ElementType {
  return typeof type === "string" && (elementTypes as readonly string[]).includes(type);
}

/** The refusal for an element type, naming it (only safe characters, so the message cannot carry markup). */
export function typeRefusal(type: unknown): string {
  const name = typeof type === "string" && /^[A-Za-z0-9_-]{1,40}$/.test(type) ? type : "onbekend";
  return `Dit soort onderdeel (${name}) kan niet op een bord.`;
}

/** HTML tags (`<b>`, `</x>`, `<!--`, `<img …>`). A plain `<` as in "< 5 jaar" is fine. */
const TAG = /<\s*[A-Za-z!/?][^>]*>/;

/**
 * Our additions, kept in Excalidraw's `customData`: exactly these keys, nothing
 * else (no generation data). `kind: "sticky"` marks a sticky note (a rectangle
 * with bound text, coloured by domain), `"label"` a template label or a note's
 * author line. `author*` and `privateTo` are the server's: it replaces whatever a
 * client sends there with values from the session (board-handlers.server.ts), so
 * a client's value is never stored. They are only bounded, not checked for markup:
 * a client echoes the server's values back with every edit, and a person's name
 * may contain any character (it is rendered as text).
 */
export type ElementCustomData = {
  kind?: "sticky" | "label";
  authorId?: string;
  authorName?: string;
  authorDomain?: (typeof domains)[number] | null;
  /** Set by the server while the board is in private mode: only the author (and facilitators) see it until the reveal. */
  privateTo?: string | null;
};

const isString = (value: unknown, max: number): value is string => typeof value === "string" && value.length <= max;
const customDataRules: Record<keyof ElementCustomData, (value: unknown) => boolean> = {
  kind: (v) => v === "sticky" || v === "label",
  authorId: (v) => isString(v, 64),
  authorName: (v) => isString(v, 200),
  authorDomain: (v) => v === null || (domains as readonly unknown[]).includes(v),
  privateTo: (v) => v === null || isString(v, 64),
};

/** Whether one customData entry is allowed (used to keep the valid part of stored customData). */
export function customDataEntryAllowed(key: string, value: unknown): boolean {
  return Object.hasOwn(customDataRules, key) && (value === undefined || customDataRules[key as keyof ElementCustomData](value));
}

/** One element: the fields we check; every other Excalidraw field (style, bindings) passes through. */
export type BoardElement = {
  id: string;
  type: ElementType;
  version: number;
  versionNonce: number;
  isDeleted: boolean;
  seed?: number;
  updated?: number;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  angle?: number;
  points?: Array<[number, number]>;
  text?: string;
  originalText?: string;
  /** A frame's title. */
  name?: string | null;
  /** Excalidraw's hyperlink. */
  link?: string | null;
  frameId?: string | null;
  customData?: ElementCustomData;
  [field: string]: unknown;
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const isCoordinate = (n: unknown) => typeof n === "number" && n >= -BoardLimits.MAX_COORDINATE && n <= BoardLimits.MAX_COORDINATE;
const isPoint = (p: unknown) => Array.isArray(p) && p.length === 2 && isCoordinate(p[0]) && isCoordinate(p[1]);
/** Excalidraw's random integers (seed, versionNonce) are 31-bit; other clients may use 32 bits either sign. */
const isRandomInteger = (n: unknown) => Number.isInteger(n) && (n as number) >= -(2 ** 31) && (n as number) <= 2 ** 32;
const safeKey = (key: string) => (/^[A-Za-z0-9_-]{1,40}$/.test(key) ? key : "?");

/**
 * What is wrong with an element, in Dutch, or null when it follows the element
 * rules (docs/realtime.md, "Whiteboards"; ADR 023). Hand-written rather than a zod
 * object: it runs for every element of every update and for every element read
 * from disk, and a freehand stroke has thousands of points.
 */
export function elementProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "Een onderdeel moet een object zijn.";
  const e = value as Record<string, unknown>;
  if (typeof e.id !== "string" || !ID.test(e.id)) return "ongeldig element-id";
  if (!isAllowedElementType(e.type)) return typeRefusal(e.type);
  if (!Number.isInteger(e.version) || (e.version as number) < 1) return "Ongeldig versienummer.";
  if ((e.version as number) > BoardLimits.MAX_VERSION) return "Dit onderdeel heeft een te hoog versienummer.";
  if (!isRandomInteger(e.versionNonce)) return "Ongeldig versionNonce.";
  if (typeof e.isDeleted !== "boolean") return "isDeleted moet waar of onwaar zijn.";
  if (e.seed !== undefined && !isRandomInteger(e.seed)) return "Ongeldige seed.";
  if (e.updated !== undefined && !(typeof e.updated === "number" && e.updated >= 0 && e.updated <= Number.MAX_SAFE_INTEGER))
    return "Ongeldige tijd (updated).";
  for (const key of ["x", "y", "width", "height"] as const) {
    if (e[key] !== undefined && !isCoordinate(e[key]))
      return `Een onderdeel ligt buiten het bord (${key} groter dan ${BoardLimits.MAX_COORDINATE}).`;
  }
  if (e.angle !== undefined && !(typeof e.angle === "number" && e.angle >= -1000 && e.angle <= 1000)) return "Ongeldige hoek.";
  if (e.points !== undefined && !(Array.isArray(e.points) && e.points.every(isPoint)))
    return `Punten moeten paren van getallen tot ${BoardLimits.MAX_COORDINATE} zijn.`;
  for (const key of ["text", "originalText"] as const) {
    if (e[key] !== undefined && !isString(e[key], BoardLimits.MAX_TEXT_LENGTH))
      return `Een tekst mag hoogstens ${BoardLimits.MAX_TEXT_LENGTH.toLocaleString("nl-NL")} tekens hebben.`;
  }
  if (e.name !== undefined && e.name !== null && !isString(e.name, 200)) return "Een naam mag hoogstens 200 tekens hebben.";
  if (typeof e.name === "string" && TAG.test(e.name)) return "HTML is hier niet toegestaan.";
  if (e.link !== undefined && e.link !== null) {
    // A web or mail address (Excalidraw may leave out https://), never javascript:, data: or another scheme.
    if (!isString(e.link, 2000) || (/^\s*[A-Za-z][A-Za-z0-9+.-]*:/.test(e.link) && !/^\s*(https?:|mailto:)/i.test(e.link)))
      return "Een link moet een web- of mailadres zijn.";
  }
  if (e.frameId !== undefined && e.frameId !== null && !(typeof e.frameId === "string" && ID.test(e.frameId))) return "ongeldig element-id";
  if (e.customData !== undefined) {
    if (typeof e.customData !== "object" || e.customData === null || Array.isArray(e.customData)) return "customData moet een object zijn.";
    for (const [key, entry] of Object.entries(e.customData)) {
      if (!Object.hasOwn(customDataRules, key)) return `Onbekend veld in customData (${safeKey(key)}).`;
      if (!customDataEntryAllowed(key, entry)) return `Ongeldige waarde in customData (${key}).`;
    }
  }
  return null;
}

/** The element rules as a zod schema (for payload schemas); the element itself is passed on unchanged. */
export const boardElement = z.custom<BoardElement>().superRefine((value, ctx) => {
  const problem = elementProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

/** Whether `incoming` replaces `current` (the same element id). Deterministic and symmetric. */
export function winsOver(
  incoming: Pick<BoardElement, "version" | "versionNonce" | "isDeleted">,
  current: Pick<BoardElement, "version" | "versionNonce" | "isDeleted"> | undefined,
): boolean {
  if (!current) return true;
  if (incoming.version !== current.version) return incoming.version > current.version;
  if (incoming.isDeleted !== current.isDeleted) return incoming.isDeleted;
  return incoming.versionNonce < current.versionNonce;
}

/**
 * An element read from disk, made to satisfy `boardElement` so that an honest
 * client can always send its next version: content written before these rules
 * (or by an older server) is repaired the same way on every load, so the log
 * replays identically. A version above MAX_VERSION becomes LEGACY_VERSION; unknown
 * customData keys (and values that break the rules) are dropped; an element that
 * still does not pass (a type the product does not offer, a number out of bounds)
 * becomes a plain tombstone with the same id and version, so it disappears for
 * everyone and an old copy cannot bring it back. Null for something without a
 * usable id. `repaired` tells whether anything changed.
 */
export function normaliseStoredElement(raw: unknown): { element: BoardElement; repaired: boolean } | null {
  if (typeof raw !== "object" || raw === null) return null;
  if (elementProblem(raw) === null) return { element: raw as BoardElement, repaired: false };
  const element = { ...(raw as Record<string, unknown>) };
  if (typeof element.id !== "string" || !ID.test(element.id)) return null;
  const version = element.version;
  element.version =
    typeof version === "number" && Number.isFinite(version) && version > BoardLimits.MAX_VERSION
      ? LEGACY_VERSION
      : Number.isSafeInteger(version) && (version as number) >= 1
        ? version
        : 1;
  if (!isRandomInteger(element.versionNonce)) element.versionNonce = 0;
  if (typeof element.isDeleted !== "boolean") element.isDeleted = true;
  if (typeof element.customData === "object" && element.customData !== null && !Array.isArray(element.customData)) {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(element.customData)) if (customDataEntryAllowed(key, value)) kept[key] = value;
    element.customData = kept;
  } else if (element.customData !== undefined) {
    delete element.customData;
  }
  if (elementProblem(element) === null) return { element: element as BoardElement, repaired: true };
  const tombstone = {
    id: element.id as string,
    type: isAllowedElementType(element.type) ? element.type : "rectangle",
    version: element.version as number,
    versionNonce: element.versionNonce as number,
    isDeleted: true,
  };
  return { element: tombstone as BoardElement, repaired: true };
}

/** Why a board:update is refused as a whole (nothing of it is stored); null when it may go on. */
export type UpdateRefusal = { code: "invalid_payload" | "too_large"; message: string };

/** What the budget check needs to know of a board's stored content. */
export type BoardContent = {
  readonly elements: ReadonlyMap<string, Pick<BoardElement, "version" | "isDeleted">>;
  /** Bytes of all stored elements as JSON. */
  readonly bytes: number;
  /** Bytes of one stored element as JSON (0 when unknown). */
  sizeOf(id: string): number;
};

/**
 * The checks of a board:update that depend on what is stored (the payload schema
 * has passed): how far versions jump, and the board's element and byte budgets. One
 * bad element refuses the whole update, so a client never has half a change stored.
 * Deleting never counts against a budget and an edit that does not grow the board
 * is accepted on a full board, so a full board can still be tidied up.
 * `sizes[i]` is the serialised size of `elements[i]` in bytes.
 */
export function updateRefusal(elements: readonly BoardElement[], sizes: readonly number[], board: BoardContent): UpdateRefusal | null {
  const newIds = new Set<string>();
  const growthById = new Map<string, number>();
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    const current = board.elements.get(element.id);
    if (element.version > (current?.version ?? 0) + BoardLimits.MAX_VERSION_STEP) {
      return {
        code: "invalid_payload",
        message: "Een onderdeel springt te ver vooruit in versie. Er is niets opgeslagen; laad het bord opnieuw.",
      };
    }
    if (!current) newIds.add(element.id);
    // A deletion of a stored element never needs room; otherwise the difference in size counts.
    growthById.set(element.id, current && element.isDeleted ? 0 : sizes[i] - board.sizeOf(element.id));
  }
  let growth = 0;
  for (const grows of growthById.values()) growth += grows;
  if (board.elements.size + newIds.size > BoardLimits.MAX_ELEMENTS_PER_BOARD) {
    return {
      code: "too_large",
      message: `Dit bord is vol: er passen ${BoardLimits.MAX_ELEMENTS_PER_BOARD.toLocaleString("nl-NL")} onderdelen op (verwijderde tellen mee). Je kunt bestaande onderdelen nog wijzigen of verwijderen; begin voor nieuw werk een nieuw bord. Er is niets opgeslagen.`,
    };
  }
  if (growth > 0 && board.bytes + growth > BoardLimits.MAX_BOARD_BYTES) {
    return {
      code: "too_large",
      message: `Dit bord is vol: er past niet meer dan ${BoardLimits.MAX_BOARD_BYTES / 1024 / 1024} MB aan tekeningen op (verwijderde tellen mee). Je kunt bestaande onderdelen nog wijzigen of verwijderen; begin voor nieuw werk een nieuw bord. Er is niets opgeslagen.`,
    };
  }
  return null;
}

export const boardIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ongeldig bord-id");

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
        z
          .object({
            type: z.literal("timer"),
            seconds: z
              .number()
              .int()
              .min(10)
              .max(4 * 3600)
              .nullable(),
            label: z
              .string()
              .max(BoardLimits.TIMER_LABEL_MAX, `Houd de omschrijving korter: hoogstens ${BoardLimits.TIMER_LABEL_MAX} tekens.`)
              .optional(),
          })
          .strict(),
        z.object({ type: z.literal("lock"), locked: z.boolean() }).strict(),
        /** Private mode: new notes are hidden from other participants until the reveal. */
        z.object({ type: z.literal("private"), enabled: z.boolean() }).strict(),
        z.object({ type: z.literal("reveal") }).strict(),
        /** Dot voting: open with a number of votes per participant, or close (results stay). */
        z
          .object({ type: z.literal("voting"), open: z.boolean(), votesPerParticipant: z.number().int().min(1).max(20).optional() })
          .strict(),
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
/** `reason: "storage"`: the disk refused a batch peers had already seen; fetch the state on disk. */
export type BoardRestored = { boardId: string; seq: number; reason?: "storage" };

/** Sticky-note backgrounds per domain: the app's one set of domain colours (app/utils/domain-colours.ts). */
export const domainColours: Record<(typeof domains)[number], string> = {
  wijk: domainPalette.wijk.tint,
  fysiek: domainPalette.fysiek.tint,
  sociaal: domainPalette.sociaal.tint,
};
export const neutralStickyColour = neutralTint;
