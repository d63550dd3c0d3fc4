import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // One module graph per worker: importing the server and app through vite cost 5-10 s per file.
    isolate: false,
    // Browser tests start Chromium and a server each; two at a time suits 2 cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: { deps: { external: [/\/build\/index\.js/] } },
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    globalSetup: ["tests/setup/build-server.ts"],
    reporters: ["default"],
  },
});
