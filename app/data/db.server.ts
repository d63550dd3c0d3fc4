import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import { Low } from "lowdb";
import { getSingleton, setSingleton, clearSingleton } from "~/utils/singleton.server";
import { DomainError } from "~/utils/domain-error.server";
import { StartupError } from "~/utils/env.server";
import { acquireDataLock, releaseDataLock } from "./data-lock.server";
import { makeBackup, newestBackup } from "./backups.server";
import { CompactJsonFile } from "./json-file-adapter.server";
import { MigrationError, migrate } from "./migrations.server";
import { dataSchema, emptyData, type Data } from "./schema.server";
import { BACKUP_INTERVAL_MS, WRITE_WINDOW_MS } from "./timing.server";

export const DATA_FILE_NAME = "werkplaats.json";

type Deferred = { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void };
function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The answer to a form whose change could not be written: nothing of it was kept. */
export const STORAGE_UNAVAILABLE_MESSAGE =
  "Er is niets opgeslagen: de opslag is op dit moment niet beschikbaar. Probeer het later opnieuw.";

export class StorageUnavailableError extends DomainError {
  constructor(readonly cause: unknown) {
    super(STORAGE_UNAVAILABLE_MESSAGE, { status: 503 });
  }
}

/** The top-level arrays copied: records are replaced, never mutated, so this is a snapshot. */
function shallowCopy(data: Data): Data {
  const copy = { ...data } as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) if (Array.isArray(value)) copy[key] = value.slice();
  return copy as Data;
}

/**
 * The one lowdb instance of the process. Changes are made synchronously in memory
 * through change(); the returned promise resolves once a serialisation that includes
 * the change has been renamed into place. Changes within WRITE_WINDOW_MS share one
 * serialisation; while one is being written the next batch waits for it.
 *
 * Durable or not applied (ADR 028): when a write fails, the in-memory data goes back
 * to the last state on disk, and every change not in it (the failed batch and any
 * made while it was written) is rejected with a StorageUnavailableError, so no caller
 * was told "saved" for data that is gone, and a retry makes exactly one record.
 */
export class Store {
  writes = 0;
  private pending: Deferred | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private backupTimer: NodeJS.Timeout | null = null;
  /** Writes that failed (and were rolled back) since start. */
  failedWrites = 0;
  private readonly changeListeners = new Set<() => void>();
  /** The data as it is in the file (a shallow snapshot; see shallowCopy). */
  private onDisk: Data;

  constructor(
    readonly dataDir: string,
    readonly file: string,
    private readonly low: Low<Data>,
    private readonly adapter: CompactJsonFile<Data>,
    onDisk: Data | null,
  ) {
    this.onDisk = onDisk ?? shallowCopy(low.data);
  }

  get data(): Readonly<Data> {
    return this.low.data;
  }

  get serialisations(): number {
    return this.adapter.serialisations;
  }

  /**
   * Applies a change and resolves when it is on disk. Records must be replaced,
   * never mutated in place (see CompactJsonFile for why).
   */
  change<R>(mutate: (data: Data) => R): Promise<R> {
    const result = mutate(this.low.data);
    // Counted before the listeners run, so what they read (indexes.server.ts) sees this change.
    const written = this.persist();
    this.announceChange();
    return written.then(() => result);
  }

  /**
   * Calls `listener` after every change (synchronously, so keep it to scheduling
   * work). The realtime layer uses it to ask the access policy again for every
   * open socket: the data layer knows nothing of who listens. Returns an unsubscribe.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private announceChange(): void {
    for (const listener of this.changeListeners) {
      try {
        listener();
      } catch (error) {
        console.error("A data change listener failed:", error);
      }
    }
  }

  persist(): Promise<void> {
    this.writes++;
    if (!this.pending) {
      this.pending = deferred();
      this.schedule();
    }
    return this.pending.promise;
  }

  /** Resolves when nothing is waiting to be written. */
  async flush(): Promise<void> {
    while (this.pending || this.inFlight) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        void this.runBatch();
      }
      await (this.inFlight ?? this.pending?.promise)?.catch(() => {});
    }
  }

  startDailyBackups(): void {
    this.backupTimer ??= setInterval(() => {
      this.flush()
        .then(() => makeBackup(this.dataDir, this.file))
        .catch((error) => console.error(`Back-up van ${this.file} mislukt:`, error));
    }, BACKUP_INTERVAL_MS);
    this.backupTimer.unref();
  }

  async close(): Promise<void> {
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = null;
    await this.flush();
  }

  private schedule(): void {
    if (this.timer || this.inFlight) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runBatch();
    }, WRITE_WINDOW_MS);
  }

  private async runBatch(): Promise<void> {
    const batch = this.pending;
    if (!batch) return;
    this.pending = null;
    const snapshot = shallowCopy(this.low.data);
    const writing = this.adapter.write(snapshot);
    this.inFlight = writing;
    try {
      await writing;
      this.onDisk = snapshot;
      batch.resolve();
    } catch (error) {
      this.rollBack(batch, error);
    } finally {
      this.inFlight = null;
      if (this.pending) this.schedule();
    }
  }

  /** Puts the data back to what is on disk and refuses every change that is not in it. */
  private rollBack(failed: Deferred, error: unknown): void {
    this.failedWrites++;
    const later = this.pending;
    this.pending = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const restored = shallowCopy(this.onDisk);
    const data = this.low.data as Record<string, unknown>;
    for (const key of Object.keys(data)) if (!(key in restored)) delete data[key];
    Object.assign(data, restored);
    console.error(
      `Schrijven van ${this.file} mislukt (${(error as NodeJS.ErrnoException)?.code ?? String(error)}); ` +
        "de wijzigingen sinds de laatste geslaagde schrijfactie zijn teruggedraaid.",
    );
    const refusal = new StorageUnavailableError(error);
    failed.reject(refusal);
    later?.reject(refusal);
    this.announceChange();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function failStart(dataDir: string, file: string, problem: string): Promise<never> {
  const backup = await newestBackup(dataDir);
  throw new StartupError(
    `Het databestand ${file} is niet bruikbaar: ${problem}. Het bestand is niet aangeraakt. ` +
      (backup
        ? `Nieuwste back-up: ${backup}; zet die terug om verder te gaan.`
        : "Er is geen back-up gevonden."),
  );
}

/**
 * Opens (or creates) the data file at start. A file that cannot be read, parsed,
 * migrated or validated stops the start and is never overwritten.
 */
export async function openDatabase(dataDir: string): Promise<{ store: Store; created: boolean }> {
  const existing = getSingleton<Store>("db");
  if (existing) {
    if (existing.dataDir === dataDir) return { store: existing, created: false };
    throw new Error(`The database is already open on ${existing.dataDir}`);
  }
  await mkdir(dataDir, { recursive: true });
  await acquireDataLock(dataDir);
  try {
    return await openLocked(dataDir);
  } catch (error) {
    await releaseDataLock(dataDir).catch(() => {});
    throw error;
  }
}

async function openLocked(dataDir: string): Promise<{ store: Store; created: boolean }> {
  const file = path.join(dataDir, DATA_FILE_NAME);
  const adapter = new CompactJsonFile<Data>(file);
  const stale = await adapter.removeStaleTempFiles();
  if (stale.length > 0) console.warn(`Onvoltooide schrijfacties opgeruimd in ${dataDir}: ${stale.join(", ")}.`);
  const created = !(await exists(file));

  let data: Data;
  let migrated = false;
  if (created) {
    data = emptyData();
  } else {
    let raw: unknown;
    try {
      raw = await adapter.read();
    } catch (error) {
      const reason =
        error instanceof SyntaxError
          ? `het is geen geldige JSON (${error.message})`
          : `het kan niet gelezen worden (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
      return failStart(dataDir, file, reason);
    }
    let upgraded: unknown;
    try {
      ({ data: upgraded, migrated } = migrate(raw));
    } catch (error) {
      if (error instanceof MigrationError) return failStart(dataDir, file, error.message);
      throw error;
    }
    const parsed = dataSchema.safeParse(upgraded);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return failStart(dataDir, file, `veld ${issue.path.join(".")}: ${issue.message}`);
    }
    data = parsed.data;
    // A copy of every file that opened cleanly, taken before anything writes to it.
    await makeBackup(dataDir, file);
  }

  const low = new Low<Data>(adapter, data);
  const store = new Store(dataDir, file, low, adapter, null);
  if (created || migrated) await store.persist();
  setSingleton("db", store);
  return { store, created };
}

/** The open database; server.ts (or a test) opens it first. */
export function getDb(): Store {
  const store = getSingleton<Store>("db");
  if (!store) throw new Error("getDb() called before openDatabase()");
  return store;
}

/** False after closeDatabase(): for timers that may fire after a shutdown has begun. */
export function isDatabaseOpen(): boolean {
  return Boolean(getSingleton<Store>("db"));
}

export async function closeDatabase(): Promise<void> {
  const store = getSingleton<Store>("db");
  if (!store) return;
  await store.close();
  clearSingleton("db");
  await releaseDataLock(store.dataDir);
}
