/**
 * `npm start`, `npm run backup` and `npm run restore`: runs the compiled server or
 * operator commands with plain node. Builds once when there is no build yet (a fresh
 * clone); an existing build is used as it is (`npm run build` makes a new one).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [what, ...args] = process.argv.slice(2);
const needed = ["build/index.js", "build/server.js", "build/ops.js"];

if (needed.some((file) => !existsSync(path.join(ROOT, file)))) {
  process.stdout.write("Nog geen build: de app wordt eerst gebouwd (npm run build)…\n");
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, "run", "build"], { cwd: ROOT, stdio: "inherit" })
    : spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32" });
  if (result.status !== 0) {
    process.stderr.write(`De build is mislukt (exitcode ${result.status}).\n`);
    process.exit(1);
  }
}

if (what === "server") {
  const { main } = await import(pathToFileURL(path.join(ROOT, "build", "server.js")).href);
  await main();
} else {
  const { runOps } = await import(pathToFileURL(path.join(ROOT, "build", "ops.js")).href);
  process.exit(await runOps([what, ...args]));
}
