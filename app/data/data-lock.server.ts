/**
 * One server per data folder (ADR 028): DATA_DIR/werkplaats.lock holds the pid, host
 * and start time of the process that has the folder open. A second process refuses
 * to start and names the holder; a lock whose process is gone (kill -9, power cut)
 * is taken over, so a crash never leaves the folder stuck.
 */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { StartupError } from "~/utils/env.server";

export const LOCK_FILE_NAME = "werkplaats.lock";

export type LockHolder = { pid: number; host: string; startedAt: string };

export function lockPath(dataDir: string): string {
  return path.join(dataDir, LOCK_FILE_NAME);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(file: string): Promise<LockHolder | null> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as LockHolder;
    return Number.isSafeInteger(parsed.pid) && typeof parsed.host === "string" ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The process that holds the folder, if it is still running (a lock of another
 * host counts as held: we cannot see its processes). Null when free or stale.
 */
export async function activeLockHolder(dataDir: string): Promise<LockHolder | null> {
  const holder = await readHolder(lockPath(dataDir));
  if (!holder) return null;
  if (holder.host !== os.hostname()) return holder;
  if (holder.pid === process.pid) return null;
  return isAlive(holder.pid) ? holder : null;
}

export function describeHolder(holder: LockHolder): string {
  return `proces ${holder.pid} op ${holder.host}, gestart ${holder.startedAt}`;
}

/** Takes the folder's lock or throws a StartupError naming the holder. */
export async function acquireDataLock(dataDir: string): Promise<LockHolder> {
  const file = lockPath(dataDir);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  const refuse = (holder: LockHolder) =>
    new StartupError(
      `De datamap ${dataDir} is al in gebruik door een andere Werkplaats-server (${describeHolder(holder)}). ` +
        `Stop die eerst of kies een andere DATA_DIR${holder.host === me.host ? "" : `; draait die server niet meer, verwijder dan ${file}`}.`,
    );
  try {
    await writeFile(file, JSON.stringify(me), { flag: "wx" });
    return me;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const holder = await activeLockHolder(dataDir);
  if (holder) throw refuse(holder);
  // Stale (its process is gone) or unreadable: take it over with an atomic rename,
  // then check that no other starter took it over at the same moment.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(me));
  await rename(temp, file);
  const now = await readHolder(file);
  if (!now || now.pid !== me.pid || now.host !== me.host || now.startedAt !== me.startedAt) throw refuse(now ?? me);
  return me;
}

/** Removes the lock if it is ours (at shutdown). */
export async function releaseDataLock(dataDir: string): Promise<void> {
  const holder = await readHolder(lockPath(dataDir));
  if (holder && holder.pid === process.pid && holder.host === os.hostname()) await rm(lockPath(dataDir), { force: true });
}
