import { constants } from "node:fs";
import { open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Adapter } from "lowdb";
import { writeAll } from "./disk.server";
import { SERIALISE_SLICE_MS } from "./timing.server";

/**
 * A lowdb adapter that writes compact JSON, serialised in slices so a large file
 * does not block the event loop, and replaced atomically (temp file, fsync, rename):
 * the file on disk is always either the old or the new version, never half of one.
 * The folder is synced after the rename, so the new name survives a power cut too.
 * A short or failed write (a full disk) removes the temp file and rejects.
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
      for (const chunk of serialise(snapshot)) await writeAll(handle, Buffer.from(chunk, "utf8"), "data-file", this.file);
      await handle.sync();
      await handle.close();
      await rename(temp, this.file);
    } catch (error) {
      await handle.close().catch(() => {});
      await rm(temp, { force: true }).catch(() => {});
      throw error;
    }
    await syncDirectory(path.dirname(this.file));
  }

  /** Removes temp files of writes that a kill interrupted (before the rename: never the data). */
  async removeStaleTempFiles(): Promise<string[]> {
    const dir = path.dirname(this.file);
    const prefix = `${path.basename(this.file)}.`;
    const removed: string[] = [];
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (name.startsWith(prefix) && name.endsWith(".tmp")) {
        await rm(path.join(dir, name), { force: true });
        removed.push(name);
      }
    }
    return removed;
  }
}

/** fsync of a folder, so a rename in it is on disk. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
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
