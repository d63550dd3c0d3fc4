import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import { Low } from "lowdb";
import { getSingleton, setSingleton, clearSingleton } from "~/utils/singleton.server";
import { StartupError } from "~/utils/env.server";
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

/**
 * The one lowdb instance of the process. Changes are made synchronously in memory
 * through change(); the returned promise resolves once a serialisation that includes
 * the change has been renamed into place. Changes within WRITE_WINDOW_MS share one
 * serialisation; while one is being written the next batch waits for it.
 */
export class Store {
  writes = 0;
  private pending: Deferred | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private backupTimer: NodeJS.Timeout | null = null;
  private readonly changeListeners = new Set<() => void>();

  constructor(
    readonly dataDir: string,
    readonly file: string,
    private readonly low: Low<Data>,
    private readonly adapter: CompactJsonFile<Data>,
  ) {}

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
    const writing = this.low.write();
    this.inFlight = writing;
    try {
      await writing;
      batch.resolve();
    } catch (error) {
      batch.reject(error);
    } finally {
      this.inFlight = null;
      if (this.pending) this.schedule();
    }
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
  const file = path.join(dataDir, DATA_FILE_NAME);
  const adapter = new CompactJsonFile<Data>(file);
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
  const store = new Store(dataDir, file, low, adapter);
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

export async function closeDatabase(): Promise<void> {
  const store = getSingleton<Store>("db");
  if (!store) return;
  await store.close();
  clearSingleton("db");
}
