import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { BACKUPS_KEPT } from "./timing.server";

const BACKUP_PATTERN = /^werkplaats-\d{8}T\d{6}(\d{3})?Z\.json$/;

export function backupDir(dataDir: string): string {
  return path.join(dataDir, "backups");
}

/** Sortable and free of characters Windows or shells dislike. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(".", "");
}

/** Newest first. */
export async function listBackups(dataDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(backupDir(dataDir));
  } catch {
    return [];
  }
  return names
    .filter((name) => BACKUP_PATTERN.test(name))
    .sort()
    .reverse()
    .map((name) => path.join(backupDir(dataDir), name));
}

export async function newestBackup(dataDir: string): Promise<string | null> {
  return (await listBackups(dataDir))[0] ?? null;
}

/** Copies the data file (which is always whole: writes are atomic renames) and prunes old copies. */
export async function makeBackup(dataDir: string, file: string, now = new Date()): Promise<string> {
  await mkdir(backupDir(dataDir), { recursive: true });
  const target = path.join(backupDir(dataDir), `werkplaats-${stamp(now)}.json`);
  await copyFile(file, target);
  const all = await listBackups(dataDir);
  await Promise.all(all.slice(BACKUPS_KEPT).map((old) => rm(old, { force: true })));
  return target;
}
