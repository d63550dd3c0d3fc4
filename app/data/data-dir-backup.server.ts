/**
 * A consistent copy of a data folder while the server may be writing to it (ADR 027).
 *
 * Every file in DATA_DIR is either replaced whole by a rename (the data file, board
 * snapshots, a compacted board log), only appended to (board logs), or never changed
 * (uploads). So one synchronous pass that hard-links every file into a staging folder
 * freezes one moment: a rename afterwards gets a new inode, and of an appended log
 * only the length seen in that pass is kept. Copying out of the staging folder can
 * then take as long as it likes.
 */
import { LOCK_FILE_NAME } from "./data-lock.server";
import { linkSync, lstatSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { cp, mkdir, rm, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** Names in DATA_DIR that are not part of a backup. */
const SKIPPED_TOP = new Set(["backups", LOCK_FILE_NAME, "admin.sock", "files/incoming"]);
const STAGING_PREFIX = ".backup-staging-";

export type BackupManifest = {
  createdAt: string;
  source: string;
  host: string;
  files: number;
  bytes: number;
  /** Board logs cut back to the length they had at the moment of the backup. */
  logs: Record<string, number>;
};

function skipped(relative: string): boolean {
  return SKIPPED_TOP.has(relative) || path.basename(relative).startsWith(STAGING_PREFIX) || path.basename(relative).includes(".tmp-");
}

/** Hard-links the tree below `dir` into `into`; records the length of every board log. */
function linkTree(root: string, relative: string, into: string, manifest: BackupManifest): void {
  const from = path.join(root, relative);
  for (const name of readdirSync(from)) {
    const rel = relative ? path.join(relative, name) : name;
    if (skipped(rel)) continue;
    const stat = lstatSync(path.join(root, rel));
    if (stat.isDirectory()) {
      mkdirSync(path.join(into, rel), { recursive: true });
      linkTree(root, rel, into, manifest);
    } else if (stat.isFile()) {
      linkSync(path.join(root, rel), path.join(into, rel));
      manifest.files++;
      manifest.bytes += stat.size;
      if (rel.split(path.sep)[0] === "boards" && (name.endsWith(".log") || name.endsWith(".ndjson"))) manifest.logs[rel.split(path.sep).join("/")] = stat.size;
    }
  }
}

/**
 * Copies `dataDir` to `target` (which must not exist yet) as it was at the moment
 * of the call. The first part runs without yielding, so call it right after the
 * store's flush to catch the data file with nothing pending.
 */
export async function captureDataDir(dataDir: string, target: string): Promise<BackupManifest> {
  const manifest: BackupManifest = { createdAt: new Date().toISOString(), source: dataDir, host: os.hostname(), files: 0, bytes: 0, logs: {} };
  const staging = path.join(dataDir, `${STAGING_PREFIX}${process.pid}-${Date.now()}`);
  mkdirSync(staging);
  try {
    linkTree(dataDir, "", staging, manifest);
    if (statSync(target, { throwIfNoEntry: false })) throw new Error(`${target} bestaat al`);
    await mkdir(path.dirname(target), { recursive: true });
    await cp(staging, target, { recursive: true, errorOnExist: true, force: false });
    // Appends after the moment of the backup are not part of it.
    for (const [rel, size] of Object.entries(manifest.logs)) await truncate(path.join(target, rel), size);
    await writeFile(path.join(target, "backup-manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
