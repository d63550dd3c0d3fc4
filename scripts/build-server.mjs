/**
 * Compiles server.ts and scripts/ops.ts (with the app modules they import) to
 * build/server.js and build/ops.js: plain JavaScript that `node` runs without tsx.
 * Packages stay imports, so they must be declared dependencies (npm run check:prod).
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function buildServer() {
  await build({
    absWorkingDir: ROOT,
    entryPoints: { server: "server.ts", ops: "scripts/ops.ts" },
    outdir: "build",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Every package stays an import (only the app's own "~/" modules are bundled).
    plugins: [
      { name: "packages-external", setup: (b) => b.onResolve({ filter: /^[^./~]/ }, (args) => ({ path: args.path, external: true })) },
    ],
    sourcemap: true,
    logLevel: "warning",
  });
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  await buildServer();
}
