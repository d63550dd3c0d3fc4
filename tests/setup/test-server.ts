import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { SchedulerOptions } from "~/features/homework/homework-scheduler.server";
import { startServer, type RunningServer } from "../../server";

export type TestServer = RunningServer & { dataDir: string; logs: string[]; stop: () => Promise<void> };

/**
 * A real server on port 0 with its own temporary data folder. One per test file
 * (the data layer is one instance per process); stop() before starting another.
 */
export async function startTestServer(
  options: { seed?: "demo" | "none"; env?: Record<string, string>; dataDir?: string; scheduler?: SchedulerOptions } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "werkplaats-test-")));
  const logs: string[] = [];
  const server = await startServer({
    env: {
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SEED: options.seed ?? "demo",
      ...options.env,
    },
    log: (line) => logs.push(line),
    scheduler: options.scheduler,
  });
  return {
    ...server,
    dataDir,
    logs,
    stop: async () => {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The seeded login of a role (and optionally a trio), with its generated password. */
export function seededLogin(server: TestServer, role: "organiser" | "speaker" | "participant", detail?: string) {
  const login = server.boot.seeded.find((l) => l.role === role && (!detail || l.detail?.includes(detail)));
  if (!login) throw new Error(`No seeded ${role} ${detail ?? ""}`);
  return login;
}
