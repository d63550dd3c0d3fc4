/**
 * Live-session benchmark (issue 17): a class of 100 participants on real socket.io
 * websockets, a facilitator and a projector.
 *
 *   npm run bench:live        (builds first; or `npx tsx bench/live.ts` after `npx remix build`)
 *
 * Prints ONE JSON line on stdout:
 * - block_p99_ms: from the facilitator's "next block" to each participant's `live:block`
 *   (5 blocks x 100 clients);
 * - votes_within_2s: all 100 answered (acked) within 2 s of the poll opening, spread over 1.5 s;
 *   tally_p99_ms: per vote, from its emit until the projector's `live:tally` counts it;
 *   final_count_ms: from the last vote's emit to the projector seeing all 100;
 * - upvotes: 100 per second for 10 s over 12 questions (each client once a second);
 *   delivered_ratio: accepted upvotes x clients whose list reached (at least) that upvote's count.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { startServer } from "../server";
import { getDb } from "../app/data/db.server";
import { createUser } from "../app/features/accounts/user.server";
import { hashPassword } from "../app/features/accounts/password.server";
import { addMembership, createTrio } from "../app/features/registration/trio.server";
import { createPoll } from "../app/features/live/live-polls.server";
import { inProcessEnv } from "./server-process";

const CLIENTS = 100;
const BLOCKS = 5;
const UPVOTE_SECONDS = 10;
const UPVOTES_PER_SECOND = 100;
const QUESTIONS = 12;
const PASSWORD = "bench-wachtwoord-live-2026";

type Ack<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

function p99(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] * 10) / 10;
}

async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: baseUrl },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  if (res.status !== 302) throw new Error(`login ${email} answered ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function connect(baseUrl: string, cookie: string): Promise<Socket> {
  const socket = io(baseUrl, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: baseUrl } });
  await new Promise<void>((resolve, reject) => {
    socket.once("session:ready", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

const ask = <T>(socket: Socket, event: string, payload: unknown) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>;

const dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-bench-live-"));
const server = await startServer({
  env: inProcessEnv(dataDir),
  log: () => {},
});
const sockets: Socket[] = [];
try {
  const organiser = server.boot.seeded.find((l) => l.role === "organiser")!;
  const edition = getDb().data.editions[0];
  const session = getDb().data.sessions.find((s) => s.editionId === edition.id && s.number === 1)!;

  // A class of 100: 34 admitted trios of three (one shared password hash keeps set-up quick).
  const hash = await hashPassword(PASSWORD);
  const emails: string[] = [];
  for (let t = 0; t < Math.ceil(CLIENTS / 3); t++) {
    const trio = await createTrio({
      editionId: edition.id,
      municipality: `Benchgemeente ${t + 1}`,
      status: "admitted",
      registeredBy: null,
      caseSummary: "",
    });
    for (let m = 0; m < 3 && emails.length < CLIENTS; m++) {
      const email = `bench.${t}.${m}@werkplaats.example`;
      const user = await createUser({ email, name: `Deelnemer ${t}.${m}`, role: "participant", passwordHash: hash });
      await addMembership({ trioId: trio.id, userId: user.id, domain: (["wijk", "fysiek", "sociaal"] as const)[m], jobTitle: "Bench" });
      emails.push(email);
    }
  }

  const organiserCookie = await login(server.url, organiser.email, organiser.password);
  const facilitator = await connect(server.url, organiserCookie);
  const projector = await connect(server.url, organiserCookie);
  sockets.push(facilitator, projector);
  const cookies = await Promise.all(emails.map((email) => login(server.url, email, PASSWORD)));
  const clients = await Promise.all(cookies.map((cookie) => connect(server.url, cookie)));
  sockets.push(...clients);
  for (const socket of [facilitator, projector, ...clients]) {
    const joined = await ask(socket, "live:join", { sessionId: session.id });
    if (!joined.ok) throw new Error(joined.error.message);
  }

  // 1. Blocks: every client's screen instruction.
  const blockLatencies: number[] = [];
  for (let b = 0; b < BLOCKS; b++) {
    const arrived = clients.map(
      (socket) =>
        new Promise<number>((resolve) => {
          const handler = (state: { index: number }) => {
            if (state.index !== b) return;
            socket.off("live:block", handler);
            resolve(performance.now());
          };
          socket.on("live:block", handler);
        }),
    );
    const sent = performance.now();
    const ack = await ask(facilitator, "live:facilitate", { sessionId: session.id, action: "next" });
    if (!ack.ok) throw new Error(ack.error.message);
    for (const at of await Promise.all(arrived)) blockLatencies.push(at - sent);
  }

  // 2. A poll: 100 answers within 2 s; the projector's tally.
  const poll = await createPoll(
    session.id,
    { kind: "scale", question: "Hoe ver is jullie gemeente?", options: [], per: "person", blockId: null },
    "bench",
  );
  const tallies: Array<{ at: number; responses: number }> = [];
  projector.on("live:tally", (t: { pollId: string; responses: number }) => {
    if (t.pollId === poll.id) tallies.push({ at: performance.now(), responses: t.responses });
  });
  const allCounted = new Promise<void>((resolve) => {
    const check = (t: { pollId: string; responses: number }) => {
      if (t.pollId === poll.id && t.responses >= CLIENTS) resolve();
    };
    projector.on("live:tally", check);
  });
  await ask(facilitator, "live:facilitate", { sessionId: session.id, action: "open", pollId: poll.id });
  const opened = performance.now();
  const voteEmits: number[] = [];
  const ackOrder: number[] = [];
  const acks = await Promise.all(
    clients.map(
      (socket, i) =>
        new Promise<Ack>((resolve) =>
          setTimeout(() => {
            voteEmits[i] = performance.now();
            void ask(socket, "live:vote", { pollId: poll.id, choice: i % 5 }).then((ack) => {
              ackOrder.push(i);
              resolve(ack);
            });
          }, Math.random() * 1500),
        ),
    ),
  );
  const votesDone = performance.now();
  await Promise.race([allCounted, new Promise((r) => setTimeout(r, 5_000))]);
  const accepted = acks.filter((a) => a.ok).length;
  const tallyLatencies = ackOrder.map((client, rank) => {
    const seen = tallies.find((t) => t.responses >= rank + 1);
    return seen ? seen.at - voteEmits[client] : Number.POSITIVE_INFINITY;
  });
  const finalSeen = tallies.find((t) => t.responses >= CLIENTS)?.at ?? Number.POSITIVE_INFINITY;
  const lastEmit = Math.max(...voteEmits);

  // 3. Upvotes: 12 questions, then 100 upvotes per second for 10 s.
  const questionIds: string[] = [];
  const askers = clients.slice(0, QUESTIONS);
  for (const [i, socket] of askers.entries()) {
    const asked = await ask<{ id: string }>(socket, "live:ask", {
      sessionId: session.id,
      text: `Vraag ${i + 1} van de bench`,
      anonymous: i % 2 === 0,
    });
    if (!asked.ok) throw new Error(asked.error.message);
    questionIds.push(asked.data.id);
  }
  const seen = clients.map(() => new Map<string, number>());
  clients.forEach((socket, c) =>
    socket.on("live:questions", (update: { questions: Array<{ id: string; upvotes: number }> }) => {
      for (const q of update.questions) if ((seen[c].get(q.id) ?? 0) < q.upvotes) seen[c].set(q.id, q.upvotes);
    }),
  );
  const acceptedUpvotes: Array<{ questionId: string; upvotes: number }> = [];
  let refusedUpvotes = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let round = 0; round < UPVOTE_SECONDS; round++) {
    for (let slice = 0; slice < 10; slice++) {
      const due = started + round * 1000 + slice * 100;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      for (let k = 0; k < UPVOTES_PER_SECOND / 10; k++) {
        const c = slice * 10 + k;
        // Client c upvotes a different question every second, never its own.
        let q = (c + round) % QUESTIONS;
        if (c < QUESTIONS && q === c) q = (q + QUESTIONS - 1) % QUESTIONS;
        pending.push(
          ask<{ questionId: string; upvotes: number }>(clients[c], "live:upvote", { questionId: questionIds[q] }).then((ack) => {
            if (ack.ok) acceptedUpvotes.push(ack.data);
            else refusedUpvotes++;
          }),
        );
      }
    }
  }
  await Promise.all(pending);
  const upvoteSeconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  let delivered = 0;
  for (const upvote of acceptedUpvotes) for (const view of seen) if ((view.get(upvote.questionId) ?? 0) >= upvote.upvotes) delivered++;
  const deliveredRatio = acceptedUpvotes.length === 0 ? 0 : delivered / (acceptedUpvotes.length * clients.length);

  const result = {
    bench: "live",
    clients: clients.length,
    block_p99_ms: p99(blockLatencies),
    votes_accepted: accepted,
    votes_within_2s: accepted === CLIENTS && votesDone - opened <= 2000,
    votes_done_ms: Math.round(votesDone - opened),
    tally_p99_ms: p99(tallyLatencies),
    final_count_ms: Math.round((finalSeen - lastEmit) * 10) / 10,
    upvotes_sent: UPVOTE_SECONDS * UPVOTES_PER_SECOND,
    upvotes_accepted: acceptedUpvotes.length,
    upvotes_refused: refusedUpvotes,
    upvote_seconds: Math.round(upvoteSeconds * 10) / 10,
    delivered_ratio: Math.round(deliveredRatio * 10000) / 10000,
  };
  const pass =
    result.block_p99_ms <= 250 &&
    result.votes_within_2s &&
    result.tally_p99_ms <= 250 &&
    result.final_count_ms <= 250 &&
    result.delivered_ratio >= 0.999;
  console.log(JSON.stringify({ ...result, pass }));
} finally {
  for (const socket of sockets) socket.disconnect();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
