/**
 * Keeps a long streamed request body from piling up freed socket buffers.
 *
 * Node reads a socket into a fresh 64 KiB buffer per read. Once the upload pipeline
 * has written a chunk to disk nothing refers to it, but V8 only returns such
 * buffers at its next young-generation collection, and a byte stream allocates so
 * little JavaScript that this collection waits until about 32 MiB of buffers have
 * piled up (V8's external-memory trigger for the young generation on x64). A 50 MB
 * upload would then hold ~35 MB of dead buffers at its peak, per upload.
 *
 * `BodyMemoryGuard` asks V8 for a minor (young-generation) collection after every
 * `stepBytes` of body read: about 0.2 ms each, six times for 50 MB, which bounds
 * the dead buffers of one upload to about one step. The collector is reached through
 * V8's `gc` function, exposed at runtime; if that is unavailable the guard does
 * nothing and memory falls back to V8's own schedule. See
 * docs/decisions/007-uploads.md ("Memory").
 */
import v8 from "node:v8";
import vm from "node:vm";

type GcFunction = (options?: { type?: "major" | "minor"; execution?: "sync" | "async" }) => void;

export const DEFAULT_GC_STEP_BYTES = 8 * 1024 * 1024;

let collector: GcFunction | null | undefined;

function minorCollector(): GcFunction | null {
  if (collector !== undefined) return collector;
  try {
    const existing = (globalThis as { gc?: GcFunction }).gc;
    if (typeof existing === "function") {
      collector = existing;
    } else {
      v8.setFlagsFromString("--expose-gc");
      collector = vm.runInNewContext("gc") as GcFunction;
    }
  } catch {
    collector = null;
  }
  return collector;
}

export class BodyMemoryGuard {
  private sinceCollection = 0;

  constructor(private readonly stepBytes = DEFAULT_GC_STEP_BYTES) {}

  /** Count bytes read; collects the young generation once per step. */
  count(bytes: number): void {
    this.sinceCollection += bytes;
    if (this.sinceCollection < this.stepBytes) return;
    this.sinceCollection = 0;
    minorCollector()?.({ type: "minor" });
  }
}
