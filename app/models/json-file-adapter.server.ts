import { open, readFile, rename, rm } from "node:fs/promises";
import type { Adapter } from "lowdb";
import { SERIALISE_SLICE_MS } from "./timing.server";

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A lowdb adapter that writes compact JSON, serialised in slices so a large file
 * does not block the event loop, and replaced atomically (temp file, fsync, rename):
 * the file on disk is always either the old or the new version, never half of one.
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
    const text = await serialise(snapshot);
    const temp = `${this.file}.${process.pid}.tmp`;
    const handle = await open(temp, "w");
    try {
      await handle.writeFile(text, "utf8");
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

async function serialise(entries: ReadonlyArray<readonly [string, unknown]>): Promise<string> {
  const members: string[] = [];
  let sliceStart = performance.now();
  for (const [key, value] of entries) {
    if (!Array.isArray(value)) {
      members.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
      continue;
    }
    const items: string[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      items[i] = JSON.stringify(value[i]);
      // Checking the clock every 64 records keeps the check itself cheap.
      if ((i & 63) === 63 && performance.now() - sliceStart > SERIALISE_SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    members.push(`${JSON.stringify(key)}:[${items.join(",")}]`);
  }
  return `{${members.join(",")}}`;
}
