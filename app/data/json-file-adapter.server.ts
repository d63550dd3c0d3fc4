import { open, readFile, rename, rm, type FileHandle } from "node:fs/promises";
import type { Adapter } from "lowdb";
import { SERIALISE_SLICE_MS } from "./timing.server";

/**
 * A lowdb adapter that writes compact JSON, serialised in slices so a large file
 * does not block the event loop, and replaced atomically (temp file, fsync, rename):
 * the file on disk is always either the old or the new version, never half of one.
 *
 * Each slice is written to the temp file as soon as it is made (awaiting that write
 * is what yields to the event loop), so a 10 MB file is never joined into one string
 * or encoded in one go, and the short-lived chunks keep garbage-collection pauses small.
 *
 * Consistency: write() copies every top-level array synchronously before its first
 * await, and models replace records instead of mutating them, so the file is the
 * state at the moment write() was called even when changes arrive while it runs.
 */
export class CompactJsonFile<T extends object> implements Adapter<T> {
  serialisations = 0;

  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    const snapshot = Object.entries(data).map(
      ([key, value]) => [key, Array.isArray(value) ? value.slice() : value] as const,
    );
    this.serialisations++;
    const temp = `${this.file}.${process.pid}.tmp`;
    const handle = await open(temp, "w");
    try {
      for (const chunk of serialise(snapshot)) await writeAll(handle, chunk);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => {});
      await rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    await rename(temp, this.file);
  }
}

async function writeAll(handle: FileHandle, chunk: string): Promise<void> {
  const buffer = Buffer.from(chunk, "utf8");
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    offset += bytesWritten;
  }
}

/**
 * A chunk is cut at about this many characters (or after SERIALISE_SLICE_MS of work,
 * whichever comes first), so joining and encoding it stays well under a millisecond.
 */
const CHUNK_CHARS = 256 * 1024;

/**
 * The compact JSON of the entries (the same text as JSON.stringify of the object),
 * in chunks of at most about CHUNK_CHARS characters or SERIALISE_SLICE_MS of work.
 */
function* serialise(entries: ReadonlyArray<readonly [string, unknown]>): Generator<string> {
  let parts: string[] = ["{"];
  let size = 1;
  let sliceStart = performance.now();
  for (let e = 0; e < entries.length; e++) {
    const [key, value] = entries[e];
    parts.push(`${e > 0 ? "," : ""}${JSON.stringify(key)}:`);
    if (!Array.isArray(value)) {
      parts.push(JSON.stringify(value));
      continue;
    }
    parts.push("[");
    for (let i = 0; i < value.length; i++) {
      const item = JSON.stringify(value[i]);
      if (i > 0) parts.push(",");
      parts.push(item);
      size += item.length + 1;
      // Checking every 64 records keeps the checks themselves cheap.
      if ((i & 63) === 63 && (size >= CHUNK_CHARS || performance.now() - sliceStart > SERIALISE_SLICE_MS)) {
        yield parts.join("");
        parts = [];
        size = 0;
        sliceStart = performance.now();
      }
    }
    parts.push("]");
  }
  parts.push("}");
  yield parts.join("");
}
