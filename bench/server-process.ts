/**
 * The real server as a child process of a benchmark (`node --import tsx server.ts`,
 * what `npm start` runs), so its CPU time and memory can be read from /proc
 * without the benchmark's own work in them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import os from "node:os";
import { ROOT } from "./bench-data";

/** Linux reports utime/stime in clock ticks; 100 per second on every common kernel config. */
const CLOCK_TICKS_PER_S = 100;

export type ServerProcess = {
  child: ChildProcess;
  pid: number;
  base: string;
  /** User + system CPU time of the server process so far, in ms (10 ms resolution). */
  cpuMs: () => Promise<number>;
  rssMb: () => Promise<number>;
  stop: () => Promise<void>;
};

export async function startServerProcess(
  env: Record<string, string>,
  log: (line: string) => void,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), NODE_ENV: "production", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /draait op http:\/\/localhost:(\d+)/.exec(out);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => log(`[server] ${chunk.toString().trimEnd()}`));
    child.once("exit", (code) => reject(new Error(`server exited during start (${code}): ${out.slice(-2000)}`)));
  });
  const pid = child.pid!;
  const cpuMs = async () => {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  };
  const rssMb = async () => {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.removeAllListeners("exit");
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { child, pid, base, cpuMs, rssMb, stop };
}

/**
 * The env of a bench's in-process server on the demo data: production, a free
 * port, and warn-level logs, since request logs would land on stdout beside the
 * bench's JSON line.
 */
export function inProcessEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SEED: "demo",
    RATE_LIMIT_FACTOR: "1000",
    LOG_LEVEL: "warn",
    ...extra,
  };
}
