/**
 * One live board: its content (BoardStore), the transient facilitation state
 * (timer, follow me), and the outgoing batch of the room.
 *
 * Batching (ADR 013): accepted changes are committed first (board-store) and then
 * queued here. A quiet room flushes at once; a busy room waits until the minimum
 * interval since its last flush has passed and sends everything queued meanwhile as
 * one board:delta, newest version per element. The interval grows with the number
 * of sockets in the room (each flush costs one write per socket) up to
 * ROOM_FLUSH_MIN_INTERVAL_MS (~30 flushes per second), so a big busy room slows
 * down gracefully instead of collapsing, and a class-sized one stays snappy.
 */
import { randomInt } from "node:crypto";
import type { AppServer } from "~/realtime/registry.server";
import { getBoard, type Board } from "./board.server";
import { recordAudit } from "~/features/audit/audit.server";
import { openBoardStore, unloadBoardStore, type BoardStore, type BoardVotes } from "~/data/board-store.server";
import { announce } from "~/utils/announcements.server";
import { getEnv } from "~/utils/env.server";
import { clearSingleton, getSingleton, singleton } from "~/utils/singleton.server";
import {
  BoardEvent,
  BoardLimits,
  type BoardDelta,
  type BoardElement,
  type BoardMeta,
  type BoardRestored,
  type BoardRole,
} from "./board-protocol";

/**
 * How hard a room coalesces: its flush interval in ms is (sockets in the room ×
 * changes arriving per second) / this, capped at ROOM_FLUSH_MIN_INTERVAL_MS. The
 * product is the socket writes per second the room would cost if every change went
 * out on its own. A trio (3 × 20/s) flushes every change at once; a class of 100
 * with 400 changes/s waits at most ~3 ms; a crowd of 300 with 1,500 changes/s hits
 * the cap of ~30 flushes per second. Tuned with `npm run bench:whiteboard` (ADR 013).
 */
export const ROOM_WRITES_PER_MS_OF_DELAY = 12_000;
/** The arrival rate is measured over windows of this length. */
const ARRIVAL_WINDOW_MS = 250;

export const roomOf = (boardId: string) => `board:${boardId}`;
export const facilitatorRoomOf = (boardId: string) => `board:${boardId}:facilitators`;
export const userRoomOf = (boardId: string, userId: string) => `board:${boardId}:user:${userId}`;

function io(): AppServer | undefined {
  return getSingleton<AppServer>("io");
}

export function privateOwner(element: BoardElement): string | null {
  const owner = element.customData?.privateTo;
  return typeof owner === "string" && owner ? owner : null;
}

/** Whether this user sees the element (private notes: only their author and the facilitators). */
export function visibleTo(element: BoardElement, userId: string, role: BoardRole): boolean {
  const owner = privateOwner(element);
  return !owner || owner === userId || role === "facilitate";
}

export function voteCounts(votes: BoardVotes): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ids of Object.values(votes)) for (const id of ids) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

export class BoardRoom {
  timer: BoardMeta["timer"] = null;
  follow: BoardMeta["follow"] = null;
  private pending = new Map<string, BoardElement>();
  private pendingSeq = 0;
  private lastFlushAt = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushSoon: NodeJS.Immediate | null = null;
  private arrivals = 0;
  private arrivalsSince = Date.now();
  /** Changes per second arriving at this room, measured over the last window. */
  private arrivalRate = 0;
  flushes = 0;

  constructor(readonly store: BoardStore) {
    // A batch the disk refused was already sent to peers: drop what is still queued and
    // make every client fetch the board as it is on disk again (ADR 028).
    store.onRollback = (ids) => {
      for (const id of ids) this.pending.delete(id);
      io()
        ?.to(roomOf(this.boardId))
        .emit(BoardEvent.restored, { boardId: this.boardId, seq: store.committedSeq, reason: "storage" } satisfies BoardRestored);
      announce({ kind: "board", boardId: this.boardId });
    };
  }

  /** No sockets, nothing queued, no running timer, and unused for `idleMs`. */
  isIdle(idleMs: number, now = Date.now()): boolean {
    if ((io()?.sockets.adapter.rooms.get(roomOf(this.boardId))?.size ?? 0) > 0) return false;
    if (this.pending.size > 0 || this.flushTimer || this.flushSoon) return false;
    if (this.timer && Date.parse(this.timer.endsAt) > now) return false;
    return this.store.idle && now - this.store.lastUsedAt >= idleMs;
  }

  get boardId(): string {
    return this.store.boardId;
  }

  meta(board: Board): BoardMeta {
    if (this.timer && Date.parse(this.timer.endsAt) < Date.now()) this.timer = null;
    return { locked: board.locked, privateMode: board.privateMode, timer: this.timer, follow: this.follow, voting: board.voting };
  }

  /** The minimum time between two flushes of this room, in ms. */
  flushInterval(): number {
    const sockets = io()?.sockets.adapter.rooms.get(roomOf(this.boardId))?.size ?? 0;
    return Math.min(BoardLimits.ROOM_FLUSH_MIN_INTERVAL_MS, (sockets * this.arrivalRate) / ROOM_WRITES_PER_MS_OF_DELAY);
  }

  private noteArrivals(count: number): void {
    this.arrivals += count;
    const now = Date.now();
    const span = now - this.arrivalsSince;
    if (span < ARRIVAL_WINDOW_MS) return;
    this.arrivalRate = (this.arrivals * 1000) / span;
    this.arrivals = 0;
    this.arrivalsSince = now;
  }

  /** Queues committed elements for the room. */
  broadcast(elements: BoardElement[], seq: number): void {
    this.noteArrivals(elements.length);
    for (const element of elements) this.pending.set(element.id, element);
    this.pendingSeq = Math.max(this.pendingSeq, seq);
    if (this.flushTimer || this.flushSoon) return;
    const wait = this.lastFlushAt + this.flushInterval() - Date.now();
    // Due now: still wait for the end of this turn of the event loop, so every
    // update of the same committed batch (their acks resume one by one) goes in
    // this flush instead of the next one, a whole interval later.
    if (wait <= 0) this.flushSoon = setImmediate(() => this.flush());
    else this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.flushSoon) clearImmediate(this.flushSoon);
    this.flushTimer = null;
    this.flushSoon = null;
    if (this.pending.size === 0) return;
    const elements = [...this.pending.values()];
    const seq = this.pendingSeq;
    this.pending = new Map();
    this.lastFlushAt = Date.now();
    this.flushes++;
    // Whoever shows the board elsewhere (the projector's picture) learns it changed.
    announce({ kind: "board", boardId: this.boardId });
    const server = io();
    if (!server) return;
    const open: BoardElement[] = [];
    const hidden = new Map<string, BoardElement[]>();
    for (const element of elements) {
      const owner = privateOwner(element);
      if (!owner) open.push(element);
      else hidden.set(owner, [...(hidden.get(owner) ?? []), element]);
    }
    if (open.length > 0)
      server.to(roomOf(this.boardId)).emit(BoardEvent.delta, { boardId: this.boardId, seq, elements: open } satisfies BoardDelta);
    for (const [owner, ownElements] of hidden) {
      server
        .to(facilitatorRoomOf(this.boardId))
        .to(userRoomOf(this.boardId, owner))
        .emit(BoardEvent.delta, { boardId: this.boardId, seq, elements: ownElements } satisfies BoardDelta);
    }
  }

  /** Serialised elements per audience, valid for one store revision (a class joining at once serialises once). */
  private elementsJson = { revision: -1, byAudience: new Map<string, string>() };

  /** The BoardState as JSON, with the elements' serialisation shared between joins of the same audience. */
  stateJson(board: Board, userId: string, role: BoardRole): string {
    if (this.elementsJson.revision !== this.store.revision) this.elementsJson = { revision: this.store.revision, byAudience: new Map() };
    let hasPrivate = false;
    if (role !== "facilitate") {
      for (const element of this.store.elements.values()) {
        if (privateOwner(element)) {
          hasPrivate = true;
          break;
        }
      }
    }
    const audience = role === "facilitate" ? "facilitators" : hasPrivate ? `user:${userId}` : "everyone";
    let elements = this.elementsJson.byAudience.get(audience);
    if (elements === undefined) {
      const visible: BoardElement[] = [];
      for (const element of this.store.elements.values()) if (visibleTo(element, userId, role)) visible.push(element);
      elements = JSON.stringify(visible);
      this.elementsJson.byAudience.set(audience, elements);
    }
    const head = `{"boardId":${JSON.stringify(board.id)},"seq":${this.store.committedSeq}`;
    return `${head},"elements":${elements},"meta":${JSON.stringify(this.meta(board))},"votes":${JSON.stringify(voteCounts(this.store.votes))}}`;
  }

  /**
   * Server-made changes (reveal, restore) need a new version so every client
   * takes them: one above the current, with a fresh nonce.
   */
  static bump(element: BoardElement, current: BoardElement | undefined): BoardElement {
    return {
      ...element,
      version: Math.max(element.version, current?.version ?? 0) + 1,
      versionNonce: randomInt(0, 2 ** 31 - 1),
      updated: Date.now(),
    };
  }
}

type RoomEntry = { ready: Promise<BoardRoom>; room: BoardRoom | null };
type RoomRegistry = Map<string, RoomEntry>;
const rooms = (): RoomRegistry => singleton("boardRooms", () => new Map<string, RoomEntry>());

/** The live room of a board, loading its content on first use (again after it was unloaded or closed). */
export function getBoardRoom(board: Pick<Board, "id" | "template">): Promise<BoardRoom> {
  let entry = rooms().get(board.id);
  if (entry?.room?.store.closed) {
    rooms().delete(board.id);
    entry = undefined;
  }
  if (!entry) {
    const created: RoomEntry = { ready: openBoardStore(board).then((store) => new BoardRoom(store)), room: null };
    entry = created;
    rooms().set(board.id, created);
    created.ready.then(
      (room) => (created.room = room),
      () => {
        if (rooms().get(board.id) === created) rooms().delete(board.id);
      },
    );
    startIdleSweep();
  }
  if (entry.room) entry.room.store.lastUsedAt = Date.now();
  return entry.ready;
}

/**
 * Unloads boards nobody used for BOARD_IDLE_SECONDS (no sockets in the room, no
 * reads or writes), so memory does not grow with every board opened since start.
 * The next use loads the board from disk again. Returns how many were unloaded.
 */
export async function unloadIdleBoards(now = Date.now()): Promise<number> {
  const idleMs = getEnv().BOARD_IDLE_SECONDS * 1000;
  let unloaded = 0;
  for (const [boardId, entry] of [...rooms()]) {
    const room = entry.room;
    if (!room || !room.isIdle(idleMs, now)) continue;
    rooms().delete(boardId);
    if (await unloadBoardStore(room.store)) unloaded++;
  }
  return unloaded;
}

function startIdleSweep(): void {
  singleton("boardIdleSweep", () => {
    const every = Math.min(60_000, Math.max(250, (getEnv().BOARD_IDLE_SECONDS * 1000) / 4));
    const timer = setInterval(() => {
      unloadIdleBoards().catch((error) => console.error("Ongebruikte borden opruimen mislukt:", error));
    }, every);
    timer.unref();
    return timer;
  });
}

/** Forgets every room and stops the idle sweep (at shutdown, after the stores are closed). */
export function forgetBoardRooms(): void {
  rooms().clear();
  const sweep = getSingleton<NodeJS.Timeout>("boardIdleSweep");
  if (sweep) clearInterval(sweep);
  clearSingleton("boardIdleSweep");
}

/** Sends the board's meta (lock, private mode, timer, follow, voting) to everyone in the room. */
export function broadcastMeta(room: BoardRoom, board: Board): void {
  io()
    ?.to(roomOf(board.id))
    .emit(BoardEvent.meta, { boardId: board.id, meta: room.meta(board) });
}

export function broadcastVotes(room: BoardRoom): void {
  io()
    ?.to(roomOf(room.boardId))
    .emit(BoardEvent.votes, { boardId: room.boardId, votes: voteCounts(room.store.votes) });
}

/**
 * Restores a board to a snapshot (organisers): the current state is kept as a
 * snapshot first, then every element is set to its content in the snapshot (or
 * deleted when it did not exist then), with a version above the current one so
 * every client converges on it. The room is told with board:restored (clients
 * fetch the state again) and the changed elements go out as a delta too.
 */
export async function restoreBoard(boardId: string, snapshotSeq: number, actorId: string | null = null): Promise<{ seq: number } | null> {
  const board = getBoard(boardId);
  if (!board) return null;
  const room = await getBoardRoom(board);
  const snapshot = await room.store.readSnapshot(snapshotSeq);
  if (!snapshot) return null;
  await room.store.snapshotNow("voor herstel");
  const target = new Map(snapshot.elements.map((e) => [e.id, e]));
  const changed: BoardElement[] = [];
  for (const current of room.store.elements.values()) {
    const wanted = target.get(current.id) ?? { ...current, isDeleted: true };
    if (contentOf(wanted) === contentOf(current)) continue;
    changed.push(BoardRoom.bump(wanted, current));
  }
  for (const element of target.values()) if (!room.store.elements.has(element.id)) changed.push(BoardRoom.bump(element, undefined));
  for (const element of changed) room.store.apply(element);
  room.store.votes = snapshot.votes;
  const seq = await room.store.commit({ elements: changed, votes: true });
  room.broadcast(changed, seq);
  room.flush();
  io()?.to(roomOf(boardId)).emit(BoardEvent.restored, { boardId, seq });
  broadcastVotes(room);
  // The board's content lives in its own log, not the data file: the entry follows the committed restore.
  await recordAudit({
    editionId: board.editionId,
    kind: "board.restored",
    actorId,
    trioId: board.trioId ?? null,
    sessionId: board.sessionId,
    detail: `bord “${board.title}” teruggezet naar versie ${snapshotSeq}`,
  });
  return { seq };
}

function contentOf(element: BoardElement): string {
  const { version: _version, versionNonce: _nonce, updated: _updated, ...rest } = element as BoardElement & { updated?: number };
  return JSON.stringify(rest);
}

/** The restore points of a board, newest first. */
export async function listBoardSnapshots(boardId: string) {
  const board = getBoard(boardId);
  if (!board) return [];
  return (await getBoardRoom(board)).store.listSnapshots();
}
