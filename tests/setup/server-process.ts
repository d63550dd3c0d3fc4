import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** The real server as its own process: the compiled build/server.js that `npm start` runs (tests/setup/build-server.ts compiles it). */
export type ServerProcess = { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> };

const ROOT = path.resolve(__dirname, "../..");
const running: ChildProcess[] = [];

/** Starts build/server.js with a test environment plus `env` (DATA_DIR at least); logs at info, so the start line shows. */
export function runServerProcess(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ["build/server.js"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", ...env },
  });
  running.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk) => (out += chunk));
  child.stderr!.on("data", (chunk) => (err += chunk));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Waits for the start line and returns the server's origin (http://localhost:<port>). */
export async function serverOrigin(proc: ServerProcess, attempts = 1200): Promise<string> {
  for (let i = 0; i < attempts; i++) {
    const match = proc.stdout().match(/Werkplaats draait op (http:\/\/localhost:\d+)/);
    if (match) return match[1];
    if (proc.child.exitCode !== null) throw new Error(`exited early: ${proc.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`did not start: ${proc.stdout()} ${proc.stderr()}`);
}

/** Kills every server process a test left running (call from afterEach). */
export function killServerProcesses(): void {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
}
