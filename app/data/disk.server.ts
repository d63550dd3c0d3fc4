/**
 * The one place the data layer writes bytes to a file handle, so a short or failed
 * write is always detected, and so tests can make the disk "full" at exactly this
 * call (ADR 028). A fault injector lives on globalThis (the Remix build and
 * server.ts each load their own copy of this module).
 */
import type { FileHandle } from "node:fs/promises";
import { getSingleton, setSingleton, clearSingleton } from "~/utils/singleton.server";

/** What is being written: a board log line, the data file (temp copy) or an uploaded file. */
export type WriteTarget = "board-log" | "data-file";

/**
 * Returns how many of `bytes` may be written before the disk "fills up" (then the
 * write fails with ENOSPC after writing that many), or undefined to let it through.
 */
export type WriteFaultInjector = (target: WriteTarget, file: string, bytes: number) => number | undefined;

const KEY = "diskWriteFault";

export function injectWriteFault(injector: WriteFaultInjector | null): void {
  if (injector) setSingleton(KEY, injector);
  else clearSingleton(KEY);
}

function noSpace(file: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`ENOSPC: no space left on device, write '${file}'`);
  error.code = "ENOSPC";
  error.errno = -28;
  error.syscall = "write";
  error.path = file;
  return error;
}

/**
 * Writes the whole buffer or throws. A write that stores fewer bytes than asked is
 * retried for the rest (POSIX allows that); one that stores nothing is a full disk.
 */
export async function writeAll(handle: FileHandle, buffer: Buffer, target: WriteTarget, file: string): Promise<void> {
  const allowed = getSingleton<WriteFaultInjector>(KEY)?.(target, file, buffer.length);
  const limit = allowed === undefined ? buffer.length : Math.max(0, Math.min(allowed, buffer.length));
  let offset = 0;
  while (offset < limit) {
    const { bytesWritten } = await handle.write(buffer, offset, limit - offset);
    if (bytesWritten === 0) throw noSpace(file);
    offset += bytesWritten;
  }
  if (limit < buffer.length) throw noSpace(file);
}

/** Whether an error means the disk cannot take our data right now (full, quota, file too large, I/O). */
export function isStorageError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === "ENOSPC" || code === "EDQUOT" || code === "EFBIG" || code === "EIO" || code === "EROFS" || code === "EACCES" || code === "EPERM";
}
