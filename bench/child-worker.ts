/**
 * Benchmarks run their client (load generator, uploader) in a forked child, so it
 * does not compete with the measured server for the same event loop. The child
 * answers one job at a time over IPC.
 */
import { fork } from "node:child_process";

type Reply<R> = { ok: boolean; result?: R; error?: string };

/** In the child: answer each job with `handle`, until told to exit. */
export function serveJobs<J, R>(handle: (job: J) => Promise<R>): void {
  process.on("message", async (job: J | "exit") => {
    if (job === "exit") process.exit(0);
    try {
      process.send!({ ok: true, result: await handle(job as J) });
    } catch (error) {
      process.send!({
        ok: false,
        error: String((error as Error)?.stack ?? error),
      });
    }
  });
  process.send!({ ready: true });
}

/** In the parent: fork `file` with `flag` (tsx's loader flags are inherited) and send it jobs. */
export function forkWorker<J, R>(file: string, flag: string, label: string) {
  const child = fork(file, [flag], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${label} exited early (${code})`)));
    child.on("message", function onReady(msg: { ready?: boolean }) {
      if (msg?.ready) {
        child.off("message", onReady);
        resolve();
      }
    });
  });
  ready.catch(() => {}); // awaited later; avoid an unhandled rejection meanwhile
  const run = (job: J) =>
    new Promise<R>((resolve, reject) => {
      child.once("message", (msg: Reply<R>) => (msg.ok ? resolve(msg.result!) : reject(new Error(msg.error))));
      child.send(job as object);
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.removeAllListeners("exit");
      child.once("exit", () => resolve());
      child.send("exit");
    });
  return { ready, run, stop };
}

/**
 * The entry point of a benchmark file that is both parent and child: with `--client`
 * it serves jobs (`child`), otherwise it runs `main` and exits (1 on an error).
 */
export function runBenchmark(main: () => Promise<void>, child: () => void): void {
  if (process.argv.includes("--client")) {
    child();
    return;
  }
  main().then(
    () => process.exit(),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
