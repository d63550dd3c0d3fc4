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
 * Acknowledged means on disk (ADR 028): a line is written whole (short writes are
 * detected) and fdatasynced before its batch resolves. A failed write (a full disk)
 * truncates the log back to its last whole line, puts the in-memory board back to
 * what is on disk, and rejects the batch (and any batch queued behind it) with a
 * BoardStorageError, so the sender is refused and peers are told to reload.
 *
 * Loading takes the newest snapshot that parses and replays the log lines after
 * it. A torn last line (kill -9 during a write) is cut off, never a crash: it
 * was never acknowledged. A bad line anywhere else is skipped, every valid line
 * before and after it is replayed, the original log is kept beside it as
 * `log.ndjson.damaged-<time>`, and the board is compacted so the bad line is gone.
 * Every element read from disk goes through
 * `normaliseStoredElement` (content written before the element rules, e.g. a
 * hostile version near Number.MAX_SAFE_INTEGER, is repaired the same way on every
 * load; ADR 023).
 */
import { constants } from "node:fs";
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, truncate, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { normaliseStoredElement, winsOver, type BoardContent, type BoardElement } from "~/features/boards/board-protocol";
import { clearSingleton, singleton } from "~/utils/singleton.server";
import type { Board } from "./board-schema.server";
import { templateElements } from "~/features/boards/board-templates.server";
import { getDb } from "./db.server";
import { isStorageError, writeAll } from "./disk.server";

/** A batch that could not be written: nothing of it was kept (in memory or on disk). */
export class BoardStorageError extends Error {
  constructor(readonly cause: unknown) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    super(
      code === "ENOSPC" || code === "EDQUOT" || code === "EFBIG"
        ? "De opslag is vol: je wijziging is niet bewaard."
        : "De opslag is niet beschikbaar: je wijziging is niet bewaard.",
    );
    this.name = "BoardStorageError";
  }
}

/** After a failed compaction (full disk), the next try waits this long. */
const COMPACT_RETRY_MS = 60_000;

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
  /** Each element's value before this batch (undefined: it did not exist), for a rollback. */
  before: Map<string, BoardElement | undefined>;
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
  batchesSinceSnapshot = 0;
  private lastSnapshotAt = Date.now();
  private compactFailedAt = 0;
  private next: PendingBatch | null = null;
  private writing: Promise<void> | null = null;
  private scheduled = false;
  closed = false;
  /** Values before changes applied but not yet in a batch (see apply and enqueue). */
  private staged = new Map<string, BoardElement | undefined>();
  /** The votes as they are on disk. */
  private diskVotes: BoardVotes = {};
  /** When the board was last read or written (for unloading idle boards). */
  lastUsedAt = Date.now();
  /** Batches refused because the disk failed, since load. */
  failedBatches = 0;
  /** Lines of the log skipped at load because they were damaged. */
  skippedOnLoad = 0;
  /** Called with the ids of elements that were put back after a failed write. */
  onRollback: ((ids: string[]) => void) | null = null;

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
    const replay = await store.replayLog();
    if (!loaded && !replay.existed) {
      // A new board: its template is the first restore point.
      for (const element of templateElements(board.template)) store.put(element);
      await store.writeSnapshot("start");
    }
    if (store.repairedOnLoad > 0) {
      console.warn(`Bord ${board.id}: ${store.repairedOnLoad} onderdelen bij het laden hersteld (buiten de regels voor bordonderdelen).`);
    }
    store.diskVotes = store.votes;
    store.assignedSeq = store.committedSeq;
    store.log = await open(path.join(dir, LOG_FILE), "a");
    store.logBytes = (await store.log.stat()).size;
    // A damaged log is replaced by a snapshot at once, so the bad line is not met again;
    // a log that is already due (e.g. a board that crash-looped) is compacted now too.
    if (replay.damaged || store.compactionDue()) {
      store.writing = store.compact(replay.damaged ? "herstel na beschadigde log" : "automatisch").finally(() => {
        store.writing = null;
      });
      await store.writing;
    }
    return store;
  }

  private compactionDue(): boolean {
    return (
      this.batchesSinceSnapshot >= COMPACT_AFTER_BATCHES ||
      this.logBytes >= COMPACT_AFTER_LOG_BYTES ||
      (this.batchesSinceSnapshot > 0 && Date.now() - this.lastSnapshotAt >= SNAPSHOT_INTERVAL_MS)
    );
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

  /**
   * Applies the log after the loaded snapshot. A torn last line (no newline: a
   * write cut off by a crash, never acknowledged) is cut off. A damaged whole line
   * is skipped and every valid line before and after it is applied; the original
   * is kept as log.ndjson.damaged-<time> and the caller compacts the board.
   */
  private async replayLog(): Promise<{ existed: boolean; damaged: boolean }> {
    const file = path.join(this.dir, LOG_FILE);
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return { existed: false, damaged: false };
    }
    let offset = 0;
    let lineNumber = 0;
    const skipped: string[] = [];
    let skippedBytes = 0;
    let lines = 0;
    while (offset < content.length) {
      const end = content.indexOf(0x0a, offset);
      // No newline: the last write was cut off by a crash before it was acknowledged.
      if (end === -1) break;
      lineNumber++;
      let record: unknown = null;
      try {
        record = JSON.parse(content.subarray(offset, end).toString("utf8"));
      } catch {
        // handled below
      }
      if (isRecord(record)) {
        lines++;
        if (record.seq > this.committedSeq) {
          this.applyRecord(record);
          this.committedSeq = record.seq;
        }
      } else if (end > offset) {
        skipped.push(`regel ${lineNumber} (${end - offset} bytes)`);
        skippedBytes += end - offset;
      }
      offset = end + 1;
    }
    this.batchesSinceSnapshot = lines;
    this.skippedOnLoad = skipped.length;
    const damaged = skipped.length > 0;
    if (damaged) {
      const copy = `${file}.damaged-${new Date().toISOString().replace(/[-:.]/g, "")}`;
      await copyFile(file, copy);
      console.warn(
        `Bord ${this.boardId}: beschadigde log; ${skipped.length} regel(s) overgeslagen (${skipped.join(", ")}; ${skippedBytes} bytes), ` +
          `${lines} geldige regel(s) ervoor en erna hersteld. Het origineel is bewaard als ${copy}.`,
      );
    }
    if (offset < content.length) {
      console.warn(`Bord ${this.boardId}: ${content.length - offset} bytes onvolledige log aan het eind weggeknipt (onderbroken schrijfactie).`);
      await truncate(file, offset);
    }
    return { existed: true, damaged };
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
    this.lastUsedAt = Date.now();
    let batch = this.next;
    if (!batch) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Nobody may be waiting on a batch that fails (a caller that only fires and forgets).
      done.catch(() => {});
      batch = this.next = { seq: ++this.assignedSeq, elements: new Map(), before: new Map(), votes: false, done, resolve, reject };
    }
    for (const [id, before] of this.staged) if (!batch.before.has(id)) batch.before.set(id, before);
    this.staged.clear();
    for (const element of change.elements ?? []) batch.elements.set(element.id, element);
    if (change.votes) batch.votes = true;
    this.schedule();
    const seq = batch.seq;
    return { seq, durable: batch.done.then(() => seq) };
  }

  /** Puts an element into the in-memory state if it wins; returns whether it did. */
  apply(element: BoardElement): boolean {
    const current = this.elements.get(element.id);
    if (!winsOver(element, current)) return false;
    if (!this.staged.has(element.id)) this.staged.set(element.id, current);
    this.put(element);
    this.revision++;
    return true;
  }

  sizeOf(id: string): number {
    return this.sizes.get(id) ?? 0;
  }

  private remove(id: string): void {
    this.bytes -= this.sizes.get(id) ?? 0;
    this.sizes.delete(id);
    this.elements.delete(id);
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
      .then(
        () => batch.resolve(),
        (error: unknown) => this.failBatch(batch, error),
      )
      .finally(() => {
        this.writing = null;
        if (this.next) this.schedule();
      });
  }

  private async writeBatch(batch: PendingBatch): Promise<void> {
    const record: LogRecord = { seq: batch.seq, elements: [...batch.elements.values()] };
    const votes = this.votes;
    if (batch.votes) record.votes = votes;
    const line = Buffer.from(`${JSON.stringify(record)}\n`, "utf8");
    const logPath = path.join(this.dir, LOG_FILE);
    if (!this.log) throw new Error(`Board ${this.boardId} has no open log`);
    await writeAll(this.log, line, "board-log", logPath);
    await this.log.datasync();
    this.committedSeq = batch.seq;
    if (batch.votes) this.diskVotes = votes;
    this.logBytes += line.length;
    this.batchesSinceSnapshot++;
    // The batch is on disk: a compaction that fails now (a full disk) is tried again later.
    if (this.compactionDue() && Date.now() - this.compactFailedAt >= COMPACT_RETRY_MS) {
      try {
        await this.compact("automatisch");
      } catch (error) {
        this.compactFailedAt = Date.now();
        console.warn(`Bord ${this.boardId}: snapshot maken mislukt (${(error as NodeJS.ErrnoException)?.code ?? String(error)}); later opnieuw.`);
      }
    }
  }

  /**
   * A batch could not be written. The log goes back to its last whole line; the
   * in-memory board goes back to what is on disk (this batch and the one queued
   * behind it, whose values were based on it, are both undone); both are refused.
   * If even the truncate fails, the store closes: the next use loads it from disk.
   */
  private async failBatch(failed: PendingBatch, error: unknown): Promise<void> {
    const later = this.next;
    this.next = null;
    const undo = [...(this.staged.size ? [{ before: this.staged }] : []), ...(later ? [later] : []), failed];
    const ids = new Set<string>();
    for (const batch of undo) {
      for (const [id, before] of batch.before) {
        ids.add(id);
        if (before) this.put(before);
        else this.remove(id);
      }
    }
    this.staged = new Map();
    this.votes = this.diskVotes;
    this.revision++;
    this.failedBatches += later ? 2 : 1;
    const refusal = new BoardStorageError(error);
    try {
      await this.log?.truncate(this.logBytes);
      await this.log?.datasync();
    } catch (truncateError) {
      console.error(`Bord ${this.boardId}: log kon niet worden teruggezet na een mislukte schrijfactie; het bord wordt opnieuw geladen.`, truncateError);
      this.closed = true;
      await this.log?.close().catch(() => {});
      this.log = null;
    }
    console.error(
      `Bord ${this.boardId}: schrijven mislukt (${(error as NodeJS.ErrnoException)?.code ?? String(error)}); ` +
        `${ids.size} onderdeel/onderdelen teruggezet naar de versie op schijf, wijziging geweigerd.`,
    );
    if (!isStorageError(error)) console.error(error);
    failed.reject(refusal);
    later?.reject(refusal);
    if (ids.size > 0) this.onRollback?.([...ids]);
  }

  /**
   * Writes the state as a snapshot at committedSeq and starts an empty log. Runs
   * inside the write chain, so no batch is half-written meanwhile. The in-memory
   * state may hold changes of the next batch too; they are written to the new
   * log as well, and applying them twice is harmless. The new (empty) log replaces
   * the old one atomically before the old handle is closed, so a failure leaves
   * the old log in use.
   */
  private async compact(reason: string): Promise<void> {
    await this.writeSnapshot(reason);
    const logPath = path.join(this.dir, LOG_FILE);
    await writeAtomically(logPath, "");
    await this.log?.close();
    this.log = await open(logPath, "a");
    this.logBytes = 0;
    this.batchesSinceSnapshot = 0;
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

  /** Whether nothing is being or waiting to be written. */
  get idle(): boolean {
    return !this.next && !this.writing && !this.scheduled;
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

/** Stores that finished loading, by registry key (to see at once whether one was closed). */
const loaded = (): Map<string, BoardStore> => singleton("boardStoresLoaded", () => new Map<string, BoardStore>());

/**
 * The board's content, loaded on first use and kept in memory until it is unloaded
 * (idle, see unloadBoardStore) or closed after a disk failure; then loaded again.
 */
export function openBoardStore(board: Pick<Board, "id" | "template">): Promise<BoardStore> {
  const key = `${getDb().dataDir}\0${board.id}`;
  let store = registry().get(key);
  if (store && loaded().get(key)?.closed) {
    registry().delete(key);
    loaded().delete(key);
    store = undefined;
  }
  if (!store) {
    const opening = BoardStore.open(board);
    store = opening;
    registry().set(key, opening);
    opening.then(
      (open) => {
        if (registry().get(key) === opening) loaded().set(key, open);
      },
      () => {
        if (registry().get(key) === opening) registry().delete(key);
      },
    );
  }
  return store.then((open) => {
    open.lastUsedAt = Date.now();
    return open;
  });
}

/** Forgets a loaded board and closes its files, if nothing is waiting to be written. Returns whether it did. */
export async function unloadBoardStore(store: BoardStore): Promise<boolean> {
  if (!store.idle) return false;
  const key = `${getDb().dataDir}\0${store.boardId}`;
  if (loaded().get(key) === store) {
    registry().delete(key);
    loaded().delete(key);
  }
  await store.close();
  return true;
}

/** How many boards are in memory (for diagnostics, the soak and tests). */
export function loadedBoardCount(): number {
  return loaded().size;
}

/** Writes what is pending and closes every board (at shutdown). */
export async function closeBoardStores(): Promise<void> {
  const stores = [...registry().values()];
  registry().clear();
  loaded().clear();
  // The live rooms (app/features/boards/board-room.server.ts) hold these stores: forget them too.
  clearSingleton("boardRooms");
  for (const store of stores) await (await store.catch(() => null))?.close();
}

/** Bytes on disk of a board (for diagnostics and tests). */
export async function boardLogSize(boardId: string): Promise<number> {
  return (await stat(path.join(boardsDir(), boardId, LOG_FILE)).catch(() => ({ size: 0 }))).size;
}

/**
 * Removes board folders that no board record names (called at start). A deletion
 * of an edition's boards removes the records first and the folders after; a crash
 * in between would otherwise keep their content (personal data) on disk for good.
 * Returns how many were removed.
 */
export async function removeUnrecordedBoardFolders(): Promise<number> {
  const recorded = new Set(getDb().data.boards.map((b) => b.id));
  const entries = await readdir(boardsDir(), { withFileTypes: true }).catch(() => []);
  const strays = entries.filter((entry) => entry.isDirectory() && !recorded.has(entry.name));
  for (const entry of strays) await rm(path.join(boardsDir(), entry.name), { recursive: true, force: true });
  if (strays.length > 0) await fsyncDir(boardsDir());
  return strays.length;
}
