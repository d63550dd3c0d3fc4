/**
 * The browser's copy of one board and what it still owes the server. Pure (no
 * socket, no DOM): app/features/boards/board-client.ts drives it, tests/unit/board-sync.test.ts
 * checks it. Every merge uses `winsOver` from the shared contract, so the replica
 * ends in the same state as the server and every other client.
 *
 * - `known`: the newest version of every element this client has seen (tombstones included).
 * - `pending`: local changes not yet sent; `inflight`: sent, not yet acknowledged.
 *   On a disconnect inflight goes back to pending (the offline queue); after a
 *   resync, whatever the server already has (same or newer version) is dropped.
 */
import { BoardLimits, winsOver, type BoardElement } from "./board-protocol";

type Versioned = Pick<BoardElement, "id" | "version" | "versionNonce" | "isDeleted">;

export class BoardReplica<E extends Versioned = BoardElement> {
  private known = new Map<string, E>();
  private pending = new Map<string, E>();
  private inflight = new Map<number, Map<string, E>>();
  private nextBatch = 1;
  /** Bumped on every change of `known`, so views can memoise on it. */
  revision = 0;

  get size(): number {
    return this.known.size;
  }

  get(id: string): E | undefined {
    return this.known.get(id);
  }

  /** Every element including tombstones, in insertion order. */
  all(): E[] {
    return [...this.known.values()];
  }

  /** Elements that are not deleted. */
  visible(): E[] {
    return this.all().filter((e) => !e.isDeleted);
  }

  /**
   * Merges elements from the server (the state or a delta). Returns the ones that
   * changed the replica. A pending local change that loses is dropped: the server's
   * newer version replaces it everywhere.
   */
  applyRemote(elements: readonly E[]): E[] {
    const changed: E[] = [];
    for (const incoming of elements) {
      if (!winsOver(incoming, this.known.get(incoming.id))) continue;
      this.known.set(incoming.id, incoming);
      const mine = this.pending.get(incoming.id);
      if (mine && !winsOver(mine, incoming)) this.pending.delete(incoming.id);
      changed.push(incoming);
    }
    if (changed.length) this.revision++;
    return changed;
  }

  /**
   * Takes the editor's elements (all of them, or just the changed ones) and queues
   * those that are newer than what is known. Returns how many were queued.
   */
  applyLocal(elements: readonly E[]): number {
    let queued = 0;
    for (const original of elements) {
      if (!winsOver(original, this.known.get(original.id))) continue;
      // A copy: the editor mutates its element objects in place.
      const element = { ...original };
      this.known.set(element.id, element);
      this.pending.set(element.id, element);
      queued++;
    }
    if (queued) this.revision++;
    return queued;
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** The local changes the server has not acknowledged yet (newest version of each). */
  unacknowledgedElements(): E[] {
    const all = new Map<string, E>();
    for (const batch of this.inflight.values()) for (const [id, e] of batch) all.set(id, e);
    for (const [id, e] of this.pending) all.set(id, e);
    return [...all.values()];
  }

  /** Number of local element changes the server has not acknowledged yet. */
  unacknowledged(): number {
    let count = this.pending.size;
    for (const batch of this.inflight.values()) count += batch.size;
    return count;
  }

  /**
   * Moves pending changes into batches that fit one board:update (element count
   * and serialised size). Each batch gets a number for `acknowledge`/`refuse`.
   */
  takeBatches(
    limits = { maxElements: BoardLimits.MAX_ELEMENTS_PER_UPDATE, maxBytes: BoardLimits.MAX_UPDATE_BYTES - 1024 },
  ): Array<{ batch: number; elements: E[] }> {
    const batches: Array<{ batch: number; elements: E[] }> = [];
    let current: E[] = [];
    let bytes = 0;
    const close = () => {
      if (!current.length) return;
      const batch = this.nextBatch++;
      this.inflight.set(batch, new Map(current.map((e) => [e.id, e])));
      batches.push({ batch, elements: current });
      current = [];
      bytes = 0;
    };
    for (const element of this.pending.values()) {
      const size = JSON.stringify(element).length + 1;
      if (current.length >= limits.maxElements || (current.length && bytes + size > limits.maxBytes)) close();
      current.push(element);
      bytes += size;
    }
    close();
    this.pending.clear();
    return batches;
  }

  /** The server committed this batch: it is durable, nothing to resend. */
  acknowledge(batch: number): void {
    this.inflight.delete(batch);
  }

  /** The server refused this batch (invalid, too large): resending would be refused again. */
  refuse(batch: number): E[] {
    const refused = [...(this.inflight.get(batch)?.values() ?? [])];
    this.inflight.delete(batch);
    return refused;
  }

  /** One batch was not processed (rate limited, no answer): queue it again unless something newer is known. */
  requeueInflightBatch(batch: number): void {
    const elements = this.inflight.get(batch);
    this.inflight.delete(batch);
    for (const element of elements?.values() ?? []) {
      const known = this.known.get(element.id);
      if (known && winsOver(known, element)) continue;
      const queued = this.pending.get(element.id);
      if (!queued || winsOver(element, queued)) this.pending.set(element.id, element);
    }
  }

  /** Forgets elements (after the server refused them), so the server's version is taken again. */
  forget(ids: readonly string[]): void {
    for (const id of ids) {
      this.known.delete(id);
      this.pending.delete(id);
    }
    this.revision++;
  }

  /** Connection lost: everything in flight may not have arrived, so it is queued again. */
  requeueInflight(): void {
    for (const batch of this.inflight.values()) {
      for (const element of batch.values()) {
        // A newer version arrived meanwhile (from the server): this one is stale.
        const known = this.known.get(element.id);
        if (known && winsOver(known, element)) continue;
        const queued = this.pending.get(element.id);
        if (!queued || winsOver(element, queued)) this.pending.set(element.id, element);
      }
    }
    this.inflight.clear();
  }

  /**
   * After a reconnect: merge the server's full state. Local changes the server
   * lacks stay queued (offline edits are merged, not lost); local changes the
   * server already has, or that lost to a newer version, are dropped.
   */
  resync(serverElements: readonly E[]): E[] {
    this.requeueInflight();
    const server = new Map(serverElements.map((e) => [e.id, e]));
    const changed = this.applyRemote(serverElements);
    for (const [id, mine] of this.pending) {
      const theirs = server.get(id);
      if (theirs && !winsOver(mine, theirs)) this.pending.delete(id);
    }
    return changed;
  }
}

/**
 * Calls `flush` at once when it has been quiet for `minIntervalMs`, otherwise once
 * at the end of the interval: a quiet board sends every change immediately, a busy
 * one at most 1000/minIntervalMs times per second with the changes coalesced.
 */
export type Clock = { now: () => number; setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (handle: unknown) => void };

export function createFlushScheduler(flush: () => void, minIntervalMs: number, clock: Clock = defaultClock) {
  let last = -Infinity;
  let timer: unknown = null;
  const run = () => {
    timer = null;
    last = clock.now();
    flush();
  };
  return {
    request() {
      if (timer !== null) return;
      const wait = last + minIntervalMs - clock.now();
      if (wait <= 0) run();
      else timer = clock.setTimeout(run, wait);
    },
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * Throttle with a trailing call: the first call goes out at once, later ones within
 * `intervalMs` are merged into one that carries the newest arguments.
 */
export function createThrottle<A extends unknown[]>(fn: (...args: A) => void, intervalMs: number, clock: Clock = defaultClock) {
  let latest: A | null = null;
  const scheduler = createFlushScheduler(
    () => {
      const args = latest;
      latest = null;
      if (args) fn(...args);
    },
    intervalMs,
    clock,
  );
  return {
    call(...args: A) {
      latest = args;
      scheduler.request();
    },
    cancel() {
      latest = null;
      scheduler.cancel();
    },
  };
}

const defaultClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A fresh random versionNonce, as Excalidraw makes them (a 31-bit integer). */
export function randomNonce(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** The next version of an element, changed as given: version bumped, new nonce. */
export function bumpElement<E extends Versioned>(element: E, changes: Partial<E>): E {
  return { ...element, ...changes, version: element.version + 1, versionNonce: randomNonce(), updated: Date.now() };
}
