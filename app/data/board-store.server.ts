/**
 * Board content on disk: DATA_DIR/boards/<boardId>/, never lowdb (ADR 012).
 *
 * - `log.ndjson`: committed batches, one JSON line each: `{seq, elements, votes?}`.
 *   A batch is appended with one write and one fdatasync; changes that arrive
 *   while a batch is being written wait and share the next one (group commit).
 *   A promise from `commit()` resolves only once its batch is on disk.
 * - `snapshot-<seq>.json`: the whole board at `seq` (temp file, fsync, rename,
 *   fsync of the folder), written every COMPACT_AFTER_BATCHES batches or
 *   SNAPSHOT_INTERVAL_MS, after which the log starts empty again. The newest
 *   SNAPSHOTS_KEPT are kept, for restore.
 *
 * Loading takes the newest snapshot that parses and replays the log lines after
 * it. A torn last line (kill -9 during a write) is cut off, never a crash: it
 * was never acknowledged. Every element read from disk goes through
 * `normaliseStoredElement` (content written before the element rules, e.g. a
 * hostile version near Number.MAX_SAFE_INTEGER, is repaired the same way on every
 * load; ADR 023).
 */
import { constants } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat, truncate, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { normaliseStoredElement, winsOver, type BoardContent, type BoardElement } from "~/features/boards/board-protocol";
import { clearSingleton, singleton } from "~/utils/singleton.server";
import type { Board } from "./board-schema.server";
import { templateElements } from "~/features/boards/board-templates.server";
import { getDb } from "./db.server";

/** A snapshot (and a fresh log) after this many batches, so loading replays little. */
export const COMPACT_AFTER_BATCHES = 2_000;
/** ...or when the log has grown past this many bytes. */
export const COMPACT_AFTER_LOG_BYTES = 32 * 1024 * 1024;
/** ...or when the last snapshot is this old and something changed: restore points during a session. */
export const SNAPSHOT_INTERVAL_MS = 10 * 60 * 1000;
/** Restore points kept per board. */
export const SNAPSHOTS_KEPT = 30;

const LOG_FILE = "log.ndjson";
const SNAPSHOT_PATTERN = /^snapshot-(\d+)\.json$/;

/** Votes: per user, the element ids they put a dot on (an id may occur more than once). */
export type BoardVotes = Record<string, string[]>;

type LogRecord = { seq: number; elements: BoardElement[]; votes?: BoardVotes };
type SnapshotFile = { seq: number; createdAt: string; elementCount: number; reason: string; elements: BoardElement[]; votes: BoardVotes };
export type SnapshotInfo = { seq: number; createdAt: string; elementCount: number; reason: string };

type PendingBatch = {
  seq: number;
  elements: Map<string, BoardElement>;
  votes: boolean;
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
};

function boardsDir(): string {
  return path.join(getDb().dataDir, "boards");
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a file so that it is either wholly there or not at all. */
async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  await fsyncDir(path.dirname(file));
}

function isRecord(value: unknown): value is LogRecord {
  const v = value as LogRecord;
  return typeof v === "object" && v !== null && Number.isSafeInteger(v.seq) && Array.isArray(v.elements);
}

function countVisible(elements: Iterable<BoardElement>): number {
  let count = 0;
  for (const element of elements) if (!element.isDeleted) count++;
  return count;
}

/**
 * The content of one board, in memory and on disk. `elements` and `votes` are
 * the newest state, including changes whose batch is still being written;
 * `committedSeq` is the newest batch on disk.
 */
export class BoardStore implements BoardContent {
  readonly elements = new Map<string, BoardElement>();
  /** Bytes of every stored element as JSON (tombstones included), for the board's byte budget. */
  bytes = 0;
  private sizes = new Map<string, number>();
  /** Elements repaired while loading (see normaliseStoredElement). */
  repairedOnLoad = 0;
  votes: BoardVotes = {};
  committedSeq = 0;
  /** Bumped whenever `elements` changes (for caches of its serialisation). */
  revision = 0;
  private assignedSeq = 0;
  private log: FileHandle | null = null;
  private logBytes = 0;
  private batchesSinceSnapshot = 0;
  private lastSnapshotAt = Date.now();
  private next: PendingBatch | null = null;
  private writing: Promise<void> | null = null;
  private scheduled = false;
  private closed = false;

  private constructor(
    readonly boardId: string,
    readonly dir: string,
  ) {}

  static async open(board: Pick<Board, "id" | "template">): Promise<BoardStore> {
    const dir = path.join(boardsDir(), board.id);
    const store = new BoardStore(board.id, dir);
    await mkdir(dir, { recursive: true });
    // Temp files of a write that a crash interrupted were never renamed into place.
    for (const name of await readdir(dir)) if (name.includes(".tmp-")) await rm(path.join(dir, name), { force: true });
    const snapshots = await store.snapshotSeqs();
    let loaded: SnapshotFile | null = null;
    for (const seq of snapshots) {
      try {
        const parsed = JSON.parse(await readFile(store.snapshotPath(seq), "utf8")) as SnapshotFile;
        if (isRecord(parsed)) {
          loaded = parsed;
          break;
        }
      } catch {
        // A snapshot that does not parse was never renamed into place whole; try the one before.
      }
    }
    if (loaded) {
      for (const element of store.fromDisk(loaded.elements)) store.put(element);
      store.votes = loaded.votes ?? {};
      store.committedSeq = loaded.seq;
      store.lastSnapshotAt = Date.parse(loaded.createdAt) || Date.now();
    }
    const hadLog = await store.replayLog();
    if (!loaded && !hadLog) {
      // A new board: its template is the first restore point.
      for (const element of templateElements(board.template)) store.put(element);
      await store.writeSnapshot("start");
    }
    if (store.repairedOnLoad > 0) {
      console.warn(`Bord ${board.id}: ${store.repairedOnLoad} onderdelen bij het laden hersteld (buiten de regels voor bordonderdelen).`);
    }
    store.assignedSeq = store.committedSeq;
    store.log = await open(path.join(dir, LOG_FILE), "a");
    store.logBytes = (await store.log.stat()).size;
    return store;
  }

  private snapshotPath(seq: number): string {
    return path.join(this.dir, `snapshot-${String(seq).padStart(12, "0")}.json`);
  }

  /** Newest first. */
  private async snapshotSeqs(): Promise<number[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names
      .map((name) => SNAPSHOT_PATTERN.exec(name)?.[1])
      .filter((s): s is string => s !== undefined)
      .map(Number)
      .sort((a, b) => b - a);
  }

  /** Applies the log after the loaded snapshot; cuts off a torn or corrupt tail. Returns whether a log existed. */
  private async replayLog(): Promise<boolean> {
    const file = path.join(this.dir, LOG_FILE);
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return false;
    }
    let offset = 0;
    while (offset < content.length) {
      const end = content.indexOf(0x0a, offset);
      // No newline: the last write was cut off by a crash before it was acknowledged.
      if (end === -1) break;
      let record: unknown;
      try {
        record = JSON.parse(content.subarray(offset, end).toString("utf8"));
      } catch {
        break;
      }
      if (!isRecord(record)) break;
      if (record.seq > this.committedSeq) {
        this.applyRecord(record);
        this.committedSeq = record.seq;
      }
      offset = end + 1;
    }
    if (offset < content.length) {
      console.warn(`Bord ${this.boardId}: ${content.length - offset} bytes onvolledige log aan het eind weggeknipt (onderbroken schrijfactie).`);
      await truncate(file, offset);
    }
    return true;
  }

  private applyRecord(record: LogRecord): void {
    for (const element of this.fromDisk(record.elements)) {
      if (winsOver(element, this.elements.get(element.id))) this.put(element);
    }
    if (record.votes) this.votes = record.votes;
  }

  /**
   * Records elements (already reconciled and applied by the caller with `apply`)
   * and/or the current votes in the next batch; resolves with the batch's seq once
   * it is on disk.
   */
  commit(change: { elements?: BoardElement[]; votes?: boolean }): Promise<number> {
    if (this.closed) return Promise.reject(new Error(`Board ${this.boardId} is closed`));
    return this.enqueue(change).durable;
  }

  /**
   * Like commit, but returns the batch's seq at once beside the promise that it is
   * on disk, so peers can be told before the disk is done (the sender's ack still waits).
   */
  enqueue(change: { elements?: BoardElement[]; votes?: boolean }): { seq: number; durable: Promise<number> } {
    if (this.closed) return { seq: this.committedSeq, durable: Promise.reject(new Error(`Board ${this.boardId} is closed`)) };
    let batch = this.next;
    if (!batch) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      batch = this.next = { seq: ++this.assignedSeq, elements: new Map(), votes: false, done, resolve, reject };
    }
    for (const element of change.elements ?? []) batch.elements.set(element.id, element);
    if (change.votes) batch.votes = true;
    this.schedule();
    const seq = batch.seq;
    return { seq, durable: batch.done.then(() => seq) };
  }

  /** Puts an element into the in-memory state if it wins; returns whether it did. */
  apply(element: BoardElement): boolean {
    if (!winsOver(element, this.elements.get(element.id))) return false;
    this.put(element);
    this.revision++;
    return true;
  }

  sizeOf(id: string): number {
    return this.sizes.get(id) ?? 0;
  }

  private put(element: BoardElement): void {
    const size = Buffer.byteLength(JSON.stringify(element));
    this.bytes += size - (this.sizes.get(element.id) ?? 0);
    this.sizes.set(element.id, size);
    this.elements.set(element.id, element);
  }

  /** Elements as read from a file, repaired where they break the element rules. */
  private fromDisk(elements: readonly unknown[]): BoardElement[] {
    const result: BoardElement[] = [];
    for (const raw of elements) {
      const normalised = normaliseStoredElement(raw);
      if (!normalised) continue;
      if (normalised.repaired) this.repairedOnLoad++;
      result.push(normalised.element);
    }
    return result;
  }

  /** Messages handled in the same turn of the event loop share a batch. */
  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.writeNext();
    });
  }

  private writeNext(): void {
    const batch = this.next;
    if (!batch || this.writing) return;
    this.next = null;
    this.writing = this.writeBatch(batch)
      .then(batch.resolve, batch.reject)
      .finally(() => {
        this.writing = null;
        if (this.next) this.schedule();
      });
  }

  private async writeBatch(batch: PendingBatch): Promise<void> {
    const record: LogRecord = { seq: batch.seq, elements: [...batch.elements.values()] };
    if (batch.votes) record.votes = this.votes;
    const line = `${JSON.stringify(record)}\n`;
    await this.log!.write(line);
    await this.log!.datasync();
    this.committedSeq = batch.seq;
    this.logBytes += Buffer.byteLength(line);
    this.batchesSinceSnapshot++;
    if (
      this.batchesSinceSnapshot >= COMPACT_AFTER_BATCHES ||
      this.logBytes >= COMPACT_AFTER_LOG_BYTES ||
      Date.now() - this.lastSnapshotAt >= SNAPSHOT_INTERVAL_MS
    ) {
      await this.compact("automatisch");
    }
  }

  /**
   * Writes the state as a snapshot at committedSeq and starts an empty log. Runs
   * inside the write chain, so no batch is half-written meanwhile. The in-memory
   * state may hold changes of the next batch too; they are written to the new
   * log as well, and applying them twice is harmless.
   */
  private async compact(reason: string): Promise<void> {
    await this.writeSnapshot(reason);
    const logPath = path.join(this.dir, LOG_FILE);
    await this.log?.close();
    await writeAtomically(logPath, "");
    this.log = await open(logPath, "a");
    this.logBytes = 0;
  }

  private async writeSnapshot(reason: string): Promise<void> {
    // Nothing committed since the last snapshot: it already is this state (and keeps its own reason).
    if (await stat(this.snapshotPath(this.committedSeq)).then(() => true, () => false)) return;
    const snapshot: SnapshotFile = {
      seq: this.committedSeq,
      createdAt: new Date().toISOString(),
      elementCount: countVisible(this.elements.values()),
      reason,
      elements: [...this.elements.values()],
      votes: this.votes,
    };
    // The small fields first, so listing snapshots reads only the head of each file.
    await writeAtomically(this.snapshotPath(snapshot.seq), JSON.stringify(snapshot));
    this.batchesSinceSnapshot = 0;
    this.lastSnapshotAt = Date.now();
    const seqs = await this.snapshotSeqs();
    for (const old of seqs.slice(SNAPSHOTS_KEPT)) await rm(this.snapshotPath(old), { force: true });
  }

  /** Waits for every pending batch, then takes a snapshot (e.g. before a restore). */
  async snapshotNow(reason: string): Promise<void> {
    await this.flushed();
    await (this.writing = this.compact(reason).finally(() => {
      this.writing = null;
      if (this.next) this.schedule();
    }));
  }

  /** Resolves when nothing is waiting to be written. */
  async flushed(): Promise<void> {
    while (this.next || this.writing) {
      if (this.next && !this.writing) this.writeNext();
      await (this.writing ?? this.next?.done)?.catch(() => {});
    }
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    const result: SnapshotInfo[] = [];
    for (const seq of await this.snapshotSeqs()) {
      const handle = await open(this.snapshotPath(seq), "r").catch(() => null);
      if (!handle) continue;
      try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(300), 0, 300, 0);
        const head = buffer.subarray(0, bytesRead).toString("utf8");
        const createdAt = /"createdAt":"([^"]+)"/.exec(head)?.[1];
        const elementCount = Number(/"elementCount":(\d+)/.exec(head)?.[1]);
        const reason = /"reason":"([^"]*)"/.exec(head)?.[1] ?? "";
        if (createdAt && Number.isFinite(elementCount)) result.push({ seq, createdAt, elementCount, reason });
      } finally {
        await handle.close();
      }
    }
    return result;
  }

  /** Deletes restore points older than `seq` (after anonymising, they still hold a name). */
  async pruneSnapshotsBefore(seq: number): Promise<void> {
    for (const old of await this.snapshotSeqs()) if (old < seq) await rm(this.snapshotPath(old), { force: true });
  }

  async readSnapshot(seq: number): Promise<{ elements: BoardElement[]; votes: BoardVotes } | null> {
    try {
      const parsed = JSON.parse(await readFile(this.snapshotPath(seq), "utf8")) as SnapshotFile;
      return isRecord(parsed) ? { elements: this.fromDisk(parsed.elements), votes: parsed.votes ?? {} } : null;
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    await this.flushed();
    this.closed = true;
    await this.log?.close();
    this.log = null;
  }
}

type StoreRegistry = Map<string, Promise<BoardStore>>;
/** One registry per process: the Remix build and server.ts share it (see singleton.server.ts). */
const registry = (): StoreRegistry => singleton("boardStores", () => new Map<string, Promise<BoardStore>>());

/** The board's content, loaded on first use and kept in memory. */
export function openBoardStore(board: Pick<Board, "id" | "template">): Promise<BoardStore> {
  const key = `${getDb().dataDir}\0${board.id}`;
  let store = registry().get(key);
  if (!store) {
    store = BoardStore.open(board);
    registry().set(key, store);
    store.catch(() => registry().delete(key));
  }
  return store;
}

/** Writes what is pending and closes every board (at shutdown). */
export async function closeBoardStores(): Promise<void> {
  const stores = [...registry().values()];
  registry().clear();
  // The live rooms (app/features/boards/board-room.server.ts) hold these stores: forget them too.
  clearSingleton("boardRooms");
  for (const store of stores) await (await store.catch(() => null))?.close();
}

/** Bytes on disk of a board (for diagnostics and tests). */
export async function boardLogSize(boardId: string): Promise<number> {
  return (await stat(path.join(boardsDir(), boardId, LOG_FILE)).catch(() => ({ size: 0 }))).size;
}
