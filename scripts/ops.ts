/**
 * Operator commands, compiled to build/ops.js (ADR 027):
 *   npm run backup [-- <folder>]   consistent copy of DATA_DIR, also while the server runs
 *   npm run restore -- <backup>    puts a backup in place of DATA_DIR, never under a running server
 */
import { existsSync, readFileSync } from "node:fs";
import { cp, readdir, rename, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { captureDataDir, type BackupManifest } from "~/data/data-dir-backup.server";
import { LOCK_FILE_NAME as LOCK_FILE } from "~/data/data-lock.server";
import { adminSocketPath } from "~/features/setup/admin-socket.server";

export { LOCK_FILE };

class OpsError extends Error {}

function stamp(date = new Date()): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Who holds the data folder, if anyone: from werkplaats.lock ({pid, host, startedAt}). */
export function lockHolder(dataDir: string): { pid: number; host: string; startedAt?: string } | null {
  const file = path.join(dataDir, LOCK_FILE);
  if (!existsSync(file)) return null;
  let lock: { pid?: unknown; host?: unknown; startedAt?: string };
  try {
    lock = JSON.parse(readFileSync(file, "utf8")) as typeof lock;
  } catch {
    // Being written right now, or damaged: treat as held, the safe side.
    return { pid: -1, host: os.hostname() };
  }
  const pid = Number(lock.pid);
  const host = typeof lock.host === "string" ? lock.host : os.hostname();
  if (host === os.hostname() && Number.isInteger(pid) && pid > 0 && !pidAlive(pid)) return null;
  return { pid, host, startedAt: lock.startedAt };
}

/** POSTs to the running server's admin socket; null when no server answers there. */
function askServer(socketPath: string, body: object): Promise<{ status: number; json: Record<string, unknown> } | null> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: "/backup", method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || "{}") as Record<string, unknown> }));
    });
    req.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ENOENT" || error.code === "ECONNREFUSED" ? resolve(null) : reject(error),
    );
    req.end(JSON.stringify(body));
  });
}

function dataDirFromEnv(): string {
  return path.resolve(process.env.DATA_DIR || "./data");
}

export async function backup(args: string[], log: (line: string) => void): Promise<string> {
  const dataDir = dataDirFromEnv();
  if (!existsSync(path.join(dataDir, "werkplaats.json")))
    throw new OpsError(`Geen gegevensmap gevonden: ${dataDir} heeft geen werkplaats.json.`);
  const target = path.resolve(args[0] ?? "backups", `werkplaats-${stamp()}`);
  let manifest: BackupManifest;
  const answer = await askServer(adminSocketPath(dataDir), { target });
  if (answer) {
    if (answer.status !== 200) throw new OpsError(`De server kon geen back-up maken: ${String(answer.json.error)}`);
    manifest = answer.json as unknown as BackupManifest;
    log(`De draaiende server heeft de back-up gemaakt.`);
  } else {
    const holder = lockHolder(dataDir);
    if (holder)
      throw new OpsError(
        `${dataDir} is in gebruik (pid ${holder.pid} op ${holder.host}) maar die server antwoordt niet op ${adminSocketPath(dataDir)}.`,
      );
    manifest = await captureDataDir(dataDir, target);
  }
  log(`Back-up gemaakt: ${target} (${manifest.files} bestanden, ${(manifest.bytes / 1024 / 1024).toFixed(1)} MB)`);
  return target;
}

export async function restore(args: string[], log: (line: string) => void): Promise<void> {
  if (!args[0]) throw new OpsError("Gebruik: npm run restore -- <map van de back-up>");
  const source = path.resolve(args[0]);
  if (!existsSync(path.join(source, "werkplaats.json"))) throw new OpsError(`${source} is geen back-up: werkplaats.json ontbreekt.`);
  const dataDir = dataDirFromEnv();
  const holder = lockHolder(dataDir);
  if (holder) {
    const where = holder.host === os.hostname() ? "" : ` op ${holder.host}`;
    throw new OpsError(
      `Terugzetten geweigerd: een server (pid ${holder.pid}${where}) gebruikt ${dataDir}. Stop die eerst; er is niets veranderd.`,
    );
  }
  if (await askServer(adminSocketPath(dataDir), {}))
    throw new OpsError(`Terugzetten geweigerd: een server antwoordt nog op ${dataDir}. Stop die eerst; er is niets veranderd.`);

  let keptAside: string | null = null;
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    keptAside = `${dataDir}.voor-herstel-${stamp()}`;
    await rename(dataDir, keptAside);
  }
  try {
    await cp(source, dataDir, {
      recursive: true,
      errorOnExist: true,
      force: false,
      filter: (src) => path.basename(src) !== "backup-manifest.json",
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    if (keptAside) await rename(keptAside, dataDir);
    throw error;
  }
  log(`Back-up ${source} teruggezet in ${dataDir}.`);
  if (keptAside) log(`De vorige inhoud staat in ${keptAside}.`);
}

export async function runOps(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    if (command === "backup") await backup(args, log);
    else if (command === "restore") await restore(args, log);
    else throw new OpsError("Gebruik: ops.js backup [map] | restore <back-up>");
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof OpsError ? error.message : String((error as Error).stack ?? error)}\n`);
    return 1;
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  void runOps(process.argv.slice(2)).then((code) => process.exit(code));
}
