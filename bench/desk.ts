/**
 * Mixing-desk benchmark: the three members of one trio drag the same fader at the
 * sustained rate the server allows (20 moves per second each, the `desk-move`
 * budget) for DURATION_S seconds, over real socket.io websockets.
 *
 *   npx tsx bench/desk.ts        (needs `npx remix build` first)
 *
 * Prints ONE JSON line on stdout:
 * - moves: accepted moves; refused: refused ones (should be 0);
 * - ack_p50_ms / ack_p99_ms: time from emit to ack, per move;
 * - converge_ms: from the last ack until every client's view (own acks plus broadcasts,
 *   applied by version) equals the server's stored slider;
 * - converged: whether all three ended equal to the server.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { startServer } from "../server";
import { getDeskAnswer, getDeskRunOfSession } from "../app/features/exercises/desk.server";
import { getDb } from "../app/data/db.server";
import { inProcessEnv } from "./server-process";

const DURATION_S = 5;
const MOVES_PER_SECOND = 20;

async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: baseUrl },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-bench-desk-"));
const server = await startServer({
  env: inProcessEnv(dataDir),
  log: () => {},
});
try {
  const seeded = server.boot.seeded;
  const organiser = seeded.find((l) => l.role === "organiser")!;
  const members = seeded.filter((l) => l.detail === "trio Altena");
  const session = getDb().data.sessions.find((s) => s.number === 1)!;
  const organiserCookie = await login(server.url, organiser.email, organiser.password);
  await fetch(`${server.url}/sessies/${session.id}/schuifoefening`, {
    method: "POST",
    headers: { cookie: organiserCookie, origin: server.url },
    body: new URLSearchParams({ intent: "open" }),
  });
  const runId = getDeskRunOfSession(session.id)!.id;
  const trioId = getDb().data.trios.find((t) => t.municipality === "Altena")!.id;

  type View = { value: number; version: number };
  const clients: Array<{ socket: Socket; view: View }> = [];
  for (const m of members) {
    const socket = io(server.url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie: await login(server.url, m.email, m.password), origin: server.url },
    });
    await new Promise((r) => socket.once("session:ready", r));
    const client = { socket, view: { value: 50, version: 0 } };
    socket.on("desk:slider", (p: { version: number; value: number }) => {
      if (p.version > client.view.version) client.view = { value: p.value, version: p.version };
    });
    await socket.emitWithAck("desk:join", { runId });
    clients.push(client);
  }

  const latencies: number[] = [];
  let refused = 0;
  const total = DURATION_S * MOVES_PER_SECOND;
  await Promise.all(
    clients.map(async (client, c) => {
      const pending: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const value = (c * 35 + i * 5) % 101;
        const started = performance.now();
        pending.push(
          client.socket
            .emitWithAck("desk:move", {
              exerciseId: runId,
              category: "positioneringIntern",
              value: value - (value % 5),
              baseVersion: client.view.version,
            })
            .then((ack: { ok: boolean; data?: { value: number; version: number } }) => {
              latencies.push(performance.now() - started);
              if (!ack.ok) refused++;
              else if (ack.data!.version > client.view.version) client.view = { value: ack.data!.value, version: ack.data!.version };
            }),
        );
        await new Promise((r) => setTimeout(r, 1000 / MOVES_PER_SECOND));
      }
      await Promise.all(pending);
    }),
  );
  const lastAck = performance.now();
  const stored = getDeskAnswer(runId, trioId)!.sliders.positioneringIntern;
  let converged = false;
  while (performance.now() - lastAck < 5_000) {
    if (clients.every((c) => c.view.version === stored.version && c.view.value === stored.value)) {
      converged = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  const convergeMs = performance.now() - lastAck;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] * 10) / 10;
  for (const c of clients) c.socket.disconnect();
  console.log(
    JSON.stringify({
      clients: clients.length,
      moves: latencies.length - refused,
      refused,
      ack_p50_ms: pct(50),
      ack_p99_ms: pct(99),
      converge_ms: Math.round(convergeMs * 10) / 10,
      converged,
      final_version: stored.version,
    }),
  );
} finally {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
