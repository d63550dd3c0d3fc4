import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Newest modification time (ms) of any file below `dir`. */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(dir)) newest = Math.max(newest, newestMtime(path.join(dir, entry)));
  return newest;
}

/**
 * `npm start` builds only when needed: when there is no build yet, or a source
 * file is newer than it. A failed build stops the start.
 */
export function ensureBuild(root: string, log: (line: string) => void): void {
  // The whiteboard editor's fonts are copied from node_modules, not committed (ADR 015).
  const assets = spawnSync(process.execPath, [path.join(root, "scripts", "copy-editor-assets.mjs")], { cwd: root, stdio: "inherit" });
  if (assets.status !== 0) throw new Error(`Het kopiëren van de lettertypen van de tekentool is mislukt (exitcode ${assets.status}).`);
  const marker = path.join(root, "build", "version.txt");
  const built = existsSync(marker) && existsSync(path.join(root, "build", "index.js")) ? statSync(marker).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(root, "app")),
    newestMtime(path.join(root, "remix.config.js")),
    newestMtime(path.join(root, "package.json")),
  );
  if (built > sources) return;
  log(built ? "Broncode gewijzigd sinds de vorige build; opnieuw bouwen…" : "Eerste start: de app wordt gebouwd…");
  const cli = path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js");
  const result = spawnSync(process.execPath, [cli, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`De build is mislukt (exitcode ${result.status}).`);
}
