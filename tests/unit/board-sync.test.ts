import { describe, expect, it } from "vitest";
import { BoardLimits, type BoardElement } from "~/features/boards/board-protocol";
import { BoardReplica, bumpElement, createFlushScheduler, createThrottle } from "~/features/boards/board-sync";

const el = (id: string, version: number, versionNonce = 1, isDeleted = false, extra: Record<string, unknown> = {}): BoardElement =>
  ({ id, type: "rectangle", version, versionNonce, isDeleted, ...extra }) as BoardElement;

/** A fake clock whose timers run when time is advanced. */
function fakeClock() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let ids = 0;
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      const id = ++ids;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id: unknown) => {
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
}

describe("BoardReplica", () => {
  it("keeps the higher version, and on a tie the deletion, then the lower nonce", () => {
    const replica = new BoardReplica();
    replica.applyRemote([el("a", 2, 50)]);
    expect(replica.applyRemote([el("a", 1, 1)])).toEqual([]);
    expect(replica.applyRemote([el("a", 2, 10)])).toHaveLength(1);
    expect(replica.get("a")!.versionNonce).toBe(10);
    expect(replica.applyRemote([el("a", 2, 90, true)])).toHaveLength(1);
    expect(replica.get("a")!.isDeleted).toBe(true);
    // A stale client cannot resurrect a deleted element with an old version.
    expect(replica.applyRemote([el("a", 2, 1, false)])).toEqual([]);
    expect(replica.visible()).toEqual([]);
  });

  it("converges whatever order the same changes arrive in", () => {
    const changes = [el("a", 1, 5), el("a", 3, 7), el("a", 3, 2), el("b", 1, 1), el("b", 2, 9, true), el("b", 2, 3)];
    const orders = [changes, [...changes].reverse(), [changes[3], changes[1], changes[5], changes[0], changes[4], changes[2]]];
    const states = orders.map((order) => {
      const replica = new BoardReplica();
      for (const change of order) replica.applyRemote([change]);
      return JSON.stringify(replica.all().sort((x, y) => (x.id < y.id ? -1 : 1)));
    });
    expect(new Set(states).size).toBe(1);
    expect(JSON.parse(states[0])).toEqual([el("a", 3, 2), el("b", 2, 9, true)]);
  });

  it("queues only local changes that are newer than what it knows, and acknowledges batches", () => {
    const replica = new BoardReplica();
    replica.applyRemote([el("a", 1)]);
    expect(replica.applyLocal([el("a", 1), el("b", 1)])).toBe(1);
    expect(replica.applyLocal([el("a", 2)])).toBe(1);
    const batches = replica.takeBatches();
    expect(batches).toHaveLength(1);
    expect(batches[0].elements.map((e) => e.id).sort()).toEqual(["a", "b"]);
    expect(replica.unacknowledged()).toBe(2);
    replica.acknowledge(batches[0].batch);
    expect(replica.unacknowledged()).toBe(0);
    expect(replica.takeBatches()).toEqual([]);
  });

  it("splits batches by element count and size", () => {
    const replica = new BoardReplica();
    replica.applyLocal(Array.from({ length: BoardLimits.MAX_ELEMENTS_PER_UPDATE + 5 }, (_, i) => el(`e${i}`, 1)));
    expect(replica.takeBatches().map((b) => b.elements.length)).toEqual([BoardLimits.MAX_ELEMENTS_PER_UPDATE, 5]);
    const big = "x".repeat(40_000);
    replica.applyLocal(Array.from({ length: 30 }, (_, i) => el(`big${i}`, 1, 1, false, { text: big })));
    const sized = replica.takeBatches();
    expect(sized.length).toBeGreaterThan(2);
    for (const batch of sized) expect(JSON.stringify(batch.elements).length).toBeLessThan(BoardLimits.MAX_UPDATE_BYTES);
  });

  it("keeps offline edits across a reconnect and merges them with the server's state", () => {
    const replica = new BoardReplica();
    replica.applyRemote([el("shared", 1), el("gone", 1)]);
    replica.applyLocal([el("mine", 1), el("shared", 2, 4)]);
    replica.takeBatches(); // sent, then the connection drops before the ack
    replica.applyLocal([el("later", 1)]);
    // Meanwhile someone else deleted "gone" and edited "shared" further.
    const server = [el("shared", 3, 1), el("gone", 2, 1, true)];
    replica.resync(server);
    const resend = replica
      .takeBatches()
      .flatMap((b) => b.elements.map((e) => `${e.id}@${e.version}`))
      .sort();
    expect(resend).toEqual(["later@1", "mine@1"]);
    expect(replica.get("shared")!.version).toBe(3);
    expect(replica.get("gone")!.isDeleted).toBe(true);
  });

  it("drops a resend the server already committed", () => {
    const replica = new BoardReplica();
    replica.applyLocal([el("a", 1, 3)]);
    replica.takeBatches();
    replica.resync([el("a", 1, 3)]);
    expect(replica.hasPending()).toBe(false);
  });

  it("does not resend a stale in-flight element after a newer remote version", () => {
    const replica = new BoardReplica();
    replica.applyLocal([el("a", 2, 3)]);
    replica.takeBatches();
    replica.applyRemote([el("a", 5, 1)]);
    replica.requeueInflight();
    expect(replica.hasPending()).toBe(false);
  });

  it("bumpElement raises the version so the change wins", () => {
    const replica = new BoardReplica();
    const a = el("a", 4, 10);
    replica.applyRemote([a]);
    expect(replica.applyLocal([bumpElement(a, { isDeleted: true })])).toBe(1);
    expect(replica.get("a")!.version).toBe(5);
  });
});

describe("flush scheduling", () => {
  it("flushes a quiet room at once and a busy one at most once per interval", () => {
    const clock = fakeClock();
    let flushes = 0;
    const scheduler = createFlushScheduler(() => flushes++, BoardLimits.ROOM_FLUSH_MIN_INTERVAL_MS, clock);
    scheduler.request();
    expect(flushes).toBe(1);
    for (let t = 0; t < 1000; t += 5) {
      scheduler.request();
      clock.advance(5);
    }
    // 1 s of constant changes: about 30 flushes, never more.
    expect(flushes).toBeGreaterThanOrEqual(25);
    expect(flushes).toBeLessThanOrEqual(Math.ceil(1000 / BoardLimits.ROOM_FLUSH_MIN_INTERVAL_MS) + 1);
    clock.advance(1000);
    const before = flushes;
    scheduler.request();
    expect(flushes).toBe(before + 1);
  });

  it("throttles presence to 30 per second and sends the newest position last", () => {
    const clock = fakeClock();
    const sent: number[] = [];
    const throttle = createThrottle((x: number) => sent.push(x), BoardLimits.PRESENCE_MIN_INTERVAL_MS, clock);
    for (let x = 0; x < 200; x++) {
      throttle.call(x);
      clock.advance(5);
    }
    clock.advance(100);
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(1000 / BoardLimits.PRESENCE_MIN_INTERVAL_MS) + 1);
    expect(sent.length).toBeGreaterThan(20);
    expect(sent[0]).toBe(0);
    expect(sent.at(-1)).toBe(199);
  });
});
