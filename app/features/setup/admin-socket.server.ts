/**
 * A local-only control socket (a Unix socket in the data folder, mode 0600) that
 * `npm run backup` asks for a consistent copy of the data folder while the server
 * runs (ADR 027). It is not reachable over the network and has no other commands.
 */
import { createHash } from "node:crypto";
import { chmod, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { captureDataDir } from "~/data/data-dir-backup.server";
import { getDb } from "~/data/db.server";
import { getLogger } from "~/utils/logger.server";

/** Unix socket paths are limited to about 104 bytes; a deep data folder gets one in the temp folder. */
export function adminSocketPath(dataDir: string): string {
  const inside = path.join(dataDir, "admin.sock");
  if (Buffer.byteLength(inside) <= 100) return inside;
  const hash = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `werkplaats-${hash}.sock`);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error("te groot");
  }
  return body;
}

export async function startAdminSocket(dataDir: string): Promise<{ path: string; close: () => Promise<void> }> {
  const socketPath = adminSocketPath(dataDir);
  let busy = false;
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: object) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.method !== "POST" || req.url !== "/backup") return reply(404, { error: "onbekend" });
    if (busy) return reply(409, { error: "Er loopt al een back-up." });
    busy = true;
    void (async () => {
      try {
        const { target } = JSON.parse(await readBody(req)) as { target?: unknown };
        if (typeof target !== "string" || !path.isAbsolute(target)) return reply(400, { error: "target moet een absoluut pad zijn" });
        await getDb().flush();
        // No await between the flush and the capture's first (synchronous) pass.
        const manifest = await captureDataDir(dataDir, target);
        getLogger().info({ files: manifest.files, bytes: manifest.bytes }, "Back-up gemaakt");
        reply(200, manifest);
      } catch (error) {
        getLogger().error({ err: error }, "Back-up mislukt");
        reply(500, { error: (error as Error).message });
      } finally {
        busy = false;
      }
    })();
  });
  // A socket left by a process that is gone (the data-folder lock keeps a live one from being here).
  await rm(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  await chmod(socketPath, 0o600);
  return {
    path: socketPath,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(socketPath, { force: true });
    },
  };
}
