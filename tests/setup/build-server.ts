/** Vitest global setup: compiles build/server.js fresh, so process tests never run a stale server. */
import { buildServer } from "../../scripts/build-server.mjs";

export default async function setup(): Promise<void> {
  await buildServer();
}
