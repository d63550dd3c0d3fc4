/**
 * Where a page's server time goes: generates a data folder (`--grown` for five
 * earlier editions), starts the server with --cpu-prof, requests the bench:ssr
 * pages 200 times each and stops it. The profiles land in the folder given as
 * the first argument (one per thread; the largest is the main thread).
 *
 *   npx tsx bench/profile-pages.ts /tmp/prof [--grown]
 *   npx tsx bench/profile-summary.ts /tmp/prof/<largest>.cpuprofile
 */
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { generateData, newSecret } from "./bench-data";
import { startServerProcess } from "./server-process";
import { pagesOf } from "./ssr-pages";

const dir = process.argv[2];
const grown = process.argv.includes("--grown");
const dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-profile-"));
const secret = newSecret();
const data = await generateData(dataDir, secret, { pastEditions: grown ? 5 : 0, triosPerEdition: 30, cohort: 100 });
const server = await startServerProcess(
  { DATA_DIR: dataDir, SESSION_SECRET: secret, SEED: "none", RATE_LIMIT_FACTOR: "1000" },
  (line) => process.stderr.write(`${line}\n`),
  ["--cpu-prof", `--cpu-prof-dir=${dir}`],
);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
for (const page of pagesOf(data)) {
  for (let i = 0; i < 200; i++) {
    await new Promise<void>((resolve, reject) =>
      http
        .get(`${server.base}${page.path}`, { agent, headers: { cookie: page.cookie } }, (res) => res.resume().on("end", resolve))
        .on("error", reject),
    );
  }
  process.stderr.write(`${page.name} done\n`);
}
agent.destroy();
await server.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(0);
