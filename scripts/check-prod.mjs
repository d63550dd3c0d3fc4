/**
 * `npm run check:prod`: proves the build runs on production dependencies alone.
 * Copies the checkout (tracked and new files) and its build to a temporary folder,
 * runs `npm install --omit=dev` there, starts the compiled server with plain node
 * and expects GET / to answer 200. Run by .ci/run after the tests.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
const step = (line) => process.stdout.write(`check:prod ${line}\n`);

function fail(message) {
  process.stderr.write(`check:prod mislukt: ${message}\n`);
  process.exit(1);
}

if (!existsSync(path.join(ROOT, "build", "server.js")) || !existsSync(path.join(ROOT, "build", "index.js"))) {
  step("no build yet: npm run build");
  if (spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" }).status !== 0) fail("npm run build");
}

const dir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-prod-"));
try {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((file) => file && existsSync(path.join(ROOT, file)));
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await cp(path.join(ROOT, file), path.join(dir, file));
  }
  for (const built of ["build", "public/build", "public/editor"]) {
    if (existsSync(path.join(ROOT, built))) await cp(path.join(ROOT, built), path.join(dir, built), { recursive: true });
  }
  step(`copied ${files.length} files and the build to ${dir}`);

  const installStarted = Date.now();
  const install = spawnSync("npm", ["install", "--omit=dev", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
  if (install.status !== 0) fail("npm install --omit=dev");
  const installMs = Date.now() - installStarted;
  for (const dev of ["tsx", "@remix-run/dev", "vitest", "esbuild"]) {
    if (existsSync(path.join(dir, "node_modules", dev))) fail(`${dev} (a devDependency) was installed`);
  }

  const server = spawn(process.execPath, ["scripts/run-built.mjs", "server"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: path.join(dir, "data"),
    },
  });
  let out = "";
  let err = "";
  server.stdout.on("data", (chunk) => (out += chunk));
  server.stderr.on("data", (chunk) => (err += chunk));
  const exited = new Promise((resolve) => server.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  let origin = null;
  while (!(origin = out.match(/Werkplaats draait op (http:\/\/localhost:\d+)/)?.[1])) {
    if (server.exitCode !== null || Date.now() > deadline) fail(`the server did not start:\n${out}\n${err}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const response = await fetch(`${origin}/`);
  server.kill("SIGTERM");
  const code = await exited;
  if (response.status !== 200) fail(`GET / answered ${response.status}`);
  if (code !== 0) fail(`the server exited with ${code} after SIGTERM:\n${err}`);
  if (out.includes("wordt eerst gebouwd")) fail("the server tried to build at start");
  process.stdout.write(
    `${JSON.stringify({ check: "prod", status: response.status, install_ms: installMs, total_ms: Date.now() - started })}\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
