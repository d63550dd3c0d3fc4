import { describe, expect, it } from "vitest";
import { BodyMemoryGuard } from "~/features/files/stream-memory.server";

const CHUNK = 64 * 1024;
const TOTAL = 48 * 1024 * 1024;

/** Allocates buffers the way a socket read does and drops them; returns the peak of live ArrayBuffer memory. */
function peakWhileStreaming(guard: BodyMemoryGuard | null): number {
  const base = process.memoryUsage().arrayBuffers;
  let peak = 0;
  for (let read = 0; read < TOTAL; read += CHUNK) {
    const chunk = Buffer.allocUnsafeSlow(CHUNK);
    chunk[0] = 1;
    guard?.count(chunk.length);
    if ((read / CHUNK) % 16 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
  }
  return peak / (1024 * 1024);
}

describe("BodyMemoryGuard", () => {
  it("keeps the dead buffers of a long body to about one step", () => {
    const guarded = peakWhileStreaming(new BodyMemoryGuard(8 * 1024 * 1024));
    expect(guarded).toBeLessThan(20);
  });

  it("does nothing before a step is full", () => {
    const guard = new BodyMemoryGuard(Number.MAX_SAFE_INTEGER);
    expect(() => guard.count(1024)).not.toThrow();
  });
});
