/* eslint-disable @typescript-eslint/no-explicit-any -- acks and broadcasts are read field by field against the contract */
/**
 * The schuifoefening end to end: a real server, real socket.io clients and real
 * form posts. Two members of one trio converge; answers never reach another trio
 * or the organiser before the reveal (asserted on what the sockets receive); bad
 * input and foreign trios are refused and change nothing.
 */
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDeskAnswer, getDeskRunOfSession } from "~/features/exercises/desk.server";
import { listEditions } from "~/features/programme/edition.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { listTriosOfEdition } from "~/features/registration/trio.server";
import { deskCategories } from "~/features/exercises/exercise-content";
import { Client } from "../setup/http-client";
import { connectTracked, type TrackedSocket } from "./helpers";
import { startTestServer, type TestServer } from "../setup/test-server";

type Ack = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
type Tracked = TrackedSocket;

const TIMEOUT_MS = 5_000;
let server: TestServer;
let organiser: Client;
let altena1: Client;
let altena2: Client;
let schiedam: Client;
let sessionId: string;
let session2Id: string;
let altenaId: string;
let schiedamId: string;
const sockets: Socket[] = [];

async function loginAs(role: "organiser" | "participant", detail?: string, index = 0): Promise<Client> {
  const login = server.boot.seeded.filter((l) => l.role === role && (!detail || l.detail?.includes(detail)))[index];
  const client = new Client(server.url);
  expect((await client.login(login.email, login.password)).status).toBe(302);
  return client;
}

async function connect(client: Client): Promise<Tracked> {
  return connectTracked(server.url, client.cookieHeader, sockets);
}

function send(socket: Socket, event: string, payload?: unknown): Promise<Ack> {
  return socket.timeout(TIMEOUT_MS).emitWithAck(event, payload) as Promise<Ack>;
}

function errorCode(ack: Ack): string {
  return ack.ok ? "ok" : ack.error.code;
}

/** Waits until `check` passes (socket events arrive asynchronously). */
async function eventually(check: () => void, ms = TIMEOUT_MS): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const deskPath = (id: string) => `/sessies/${id}/schuifoefening`;
const move = (runId: string, category: string, value: unknown, extra: Record<string, unknown> = {}) => ({
  exerciseId: runId,
  category,
  value,
  baseVersion: 0,
  ...extra,
});

beforeAll(async () => {
  server = await startTestServer();
  [organiser, altena1, altena2, schiedam] = await Promise.all([
    loginAs("organiser"),
    loginAs("participant", "Altena", 0),
    loginAs("participant", "Altena", 1),
    loginAs("participant", "Schiedam", 0),
  ]);
  const editionId = listEditions()[0].id;
  [sessionId, session2Id] = listSessionsOfEdition(editionId).map((s) => s.id);
  const trios = listTriosOfEdition(editionId);
  altenaId = trios.find((t) => t.municipality === "Altena")!.id;
  schiedamId = trios.find((t) => t.municipality === "Schiedam")!.id;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.stop();
});

describe("schuifoefening", () => {
  let runId: string;

  it("only an organiser opens the exercise; a participant sees it is not open yet", async () => {
    const page = await (await altena1.get(deskPath(sessionId))).text();
    expect(page).toContain("nog niet geopend");
    expect((await altena1.post(deskPath(sessionId), { intent: "open" })).status).toBe(403);
    expect(getDeskRunOfSession(sessionId)).toBeNull();
    const res = await organiser.post(deskPath(sessionId), { intent: "open" });
    expect(res.status).toBe(200);
    runId = getDeskRunOfSession(sessionId)!.id;
    expect(getDeskRunOfSession(sessionId)!.open).toBe(true);
  });

  it("two members of one trio move sliders concurrently and converge on the server's state", async () => {
    const [a, b, s, o] = await Promise.all([connect(altena1), connect(altena2), connect(schiedam), connect(organiser)]);
    for (const socket of [a, b, s, o]) expect(errorCode(await send(socket, "desk:join", { runId }))).toBe("ok");
    const joinA = (await send(a, "desk:join", { runId })) as Extract<Ack, { ok: true }>;
    expect(joinA.data.trioId).toBe(altenaId);
    expect(joinA.data.desk.communicatie).toEqual({ value: 50, reason: "", version: 0 });
    const joinO = (await send(o, "desk:join", { runId })) as Extract<Ack, { ok: true }>;
    expect(joinO.data.desk).toBeNull();
    expect(joinO.data.progress.trios.map((t: any) => t.municipality)).toEqual(["Altena", "Schiedam"]);

    // Both move the same slider at once, many times, plus one each on their own slider.
    const moves: Promise<Ack>[] = [];
    for (let i = 0; i < 10; i++) {
      moves.push(send(a, "desk:move", move(runId, "positioneringIntern", 10 + i * 5)));
      moves.push(send(b, "desk:move", move(runId, "positioneringIntern", 95 - i * 5, { reason: `b${i}` })));
    }
    moves.push(send(a, "desk:move", move(runId, "communicatie", 80, { reason: "ALTENA-GEHEIM-1" })));
    moves.push(send(b, "desk:move", move(runId, "bestuurEnPolitiek", 70, { trioId: altenaId })));
    const acks = await Promise.all(moves);
    expect(acks.map(errorCode).every((c) => c === "ok")).toBe(true);
    // A sender learns its own moves' versions from the acks, the others' from broadcasts.
    const ownAcks = new Map<Socket, Array<Record<string, any>>>([
      [a, []],
      [b, []],
    ]);
    acks.forEach((ack, i) => {
      const sender = i < 20 ? (i % 2 === 0 ? a : b) : i === 20 ? a : b;
      if (ack.ok) ownAcks.get(sender)!.push(ack.data);
    });

    const stored = getDeskAnswer(runId, altenaId)!.sliders;
    expect(stored.positioneringIntern.version).toBe(20);
    expect(stored.communicatie).toMatchObject({ value: 80, reason: "ALTENA-GEHEIM-1", version: 1 });
    expect(stored.bestuurEnPolitiek).toMatchObject({ value: 70, version: 1 });

    // Each client applies broadcasts by version: both end at the server's state.
    const converge = (socket: Tracked) => {
      const view: Record<string, { value: number; reason: string; version: number }> = {};
      const seen = [...socket.received.filter((e) => e.event === "desk:slider").map((e) => e.payload), ...ownAcks.get(socket)!];
      expect(socket.received.filter((e) => e.event === "desk:slider").every((e) => e.payload.by !== undefined)).toBe(true);
      for (const payload of seen) {
        const current = view[payload.category];
        if (!current || payload.version > current.version)
          view[payload.category] = { value: payload.value, reason: payload.reason, version: payload.version };
      }
      return view;
    };
    const expected = Object.fromEntries(
      ["positioneringIntern", "communicatie", "bestuurEnPolitiek"].map((c) => {
        const { value, reason, version } = stored[c as keyof typeof stored];
        return [c, { value, reason, version }];
      }),
    );
    await eventually(() => expect(converge(a)).toEqual(expected));
    await eventually(() => expect(converge(b)).toEqual(expected));
    // Nobody gets their own move echoed (it could pull a fader back mid-drag).
    expect(a.received.some((e) => e.event === "desk:slider" && e.payload.category === "communicatie")).toBe(false);
    expect(b.received.some((e) => e.event === "desk:slider" && e.payload.category === "communicatie")).toBe(true);

    // Progress for the organiser, without values; nothing about Altena's values for Schiedam or the organiser.
    await eventually(() =>
      expect(
        o.received.some((e) => e.event === "desk:progress" && e.payload.trios.find((t: any) => t.trioId === altenaId).moved === 3),
      ).toBe(true),
    );
    const leaks = (socket: Tracked) =>
      socket.received.filter(
        (e) => e.event === "desk:slider" || e.event === "desk:revealed" || JSON.stringify(e.payload ?? null).includes("ALTENA-GEHEIM-1"),
      );
    expect(leaks(s)).toEqual([]);
    expect(leaks(o)).toEqual([]);
    for (const e of o.received.filter((e) => e.event === "desk:progress")) {
      expect(Object.keys(e.payload.trios[0]).sort()).toEqual(["done", "moved", "municipality", "trioId"]);
    }
    // The organiser's page shows progress, not values, before the reveal.
    const organiserPage = await (await organiser.get(deskPath(sessionId))).text();
    expect(organiserPage).toContain("bezig (3 van 5 schuiven gezet)");
    expect(organiserPage).not.toContain("ALTENA-GEHEIM-1");
    const schiedamPage = await (await schiedam.get(deskPath(sessionId))).text();
    expect(schiedamPage).not.toContain("ALTENA-GEHEIM-1");

    // Schiedam's own move reaches neither Altena member.
    expect(errorCode(await send(s, "desk:move", move(runId, "communicatie", 20, { reason: "SCHIEDAM-GEHEIM" })))).toBe("ok");
    await new Promise((r) => setTimeout(r, 200));
    expect(a.received.some((e) => JSON.stringify(e.payload ?? null).includes("SCHIEDAM-GEHEIM"))).toBe(false);
  });

  it("bad input over the socket gets a clear refusal and changes nothing", async () => {
    const a = await connect(altena1);
    await send(a, "desk:join", { runId });
    // The ack says whether the move was made on a stale view of the slider.
    const current = getDeskAnswer(runId, altenaId)!.sliders.procesMetBewoners.version;
    const fresh = (await send(a, "desk:move", move(runId, "procesMetBewoners", 60, { baseVersion: current }))) as Extract<
      Ack,
      { ok: true }
    >;
    expect(fresh.data).toMatchObject({ version: current + 1, stale: false });
    const stale = (await send(a, "desk:move", move(runId, "procesMetBewoners", 65, { baseVersion: current }))) as Extract<
      Ack,
      { ok: true }
    >;
    expect(stale.data).toMatchObject({ value: 65, version: current + 2, stale: true });
    const before = JSON.stringify(getDeskAnswer(runId, altenaId));
    const cases: Array<[unknown, string]> = [
      [move(runId, "communicatie", 101), "invalid_payload"],
      [move(runId, "communicatie", -1), "invalid_payload"],
      [move(runId, "communicatie", "50"), "invalid_payload"],
      [move(runId, "communicatie", 12.5), "invalid_payload"],
      [move(runId, "communicatie", Number.NaN), "invalid_payload"],
      [move(runId, "onbekend", 50), "invalid_payload"],
      [move(runId, "communicatie", 50, { extra: 1 }), "invalid_payload"],
      [move(runId, "communicatie", 50, { reason: "x".repeat(501) }), "invalid_payload"],
      // Nearly 1 MB: under the transport's limit, far over the move's own limit.
      [move(runId, "communicatie", 50, { reason: "x".repeat(990_000) }), "too_large"],
      [move(runId, "communicatie", 50, { trioId: schiedamId }), "forbidden"],
      [move("bestaatniet", "communicatie", 50), "forbidden"],
    ];
    for (const [payload, code] of cases) {
      const ack = await send(a, "desk:move", payload);
      expect(errorCode(ack), JSON.stringify(payload).slice(0, 80)).toBe(code);
      if (!ack.ok) expect(ack.error.message.length).toBeGreaterThan(5);
    }
    expect((await send(a, "desk:move", move(runId, "communicatie", 50, { trioId: schiedamId }))) as any).toMatchObject({
      error: { message: expect.stringContaining("eigen trio") },
    });
    expect(JSON.stringify(getDeskAnswer(runId, altenaId))).toBe(before);
    expect(getDeskAnswer(runId, schiedamId)!.sliders.communicatie.value).toBe(20);
    // An organiser is no trio member and cannot move anyone's sliders.
    const o = await connect(organiser);
    expect(errorCode(await send(o, "desk:move", move(runId, "communicatie", 90, { trioId: altenaId })))).toBe("forbidden");
    // A participant cannot reveal.
    expect(errorCode(await send(a, "desk:reveal", { runId, revealed: true }))).toBe("forbidden");
    expect(getDeskRunOfSession(sessionId)!.revealedAt).toBeNull();
    // A flood of moves runs into the desk's own budget (burst 40), not the server.
    const flooder = await connect(altena2);
    const flood = await Promise.all(
      Array.from({ length: 60 }, (_, i) => send(flooder, "desk:move", move(runId, "procesBinnenGemeente", (i % 20) * 5))),
    );
    const codes = flood.map(errorCode);
    expect(codes.filter((c) => c === "ok").length).toBeGreaterThanOrEqual(40);
    expect(codes.filter((c) => c === "rate_limited").length).toBeGreaterThan(0);
    // Other events of that socket still have their own budget.
    expect(errorCode(await send(flooder, "desk:join", { runId }))).toBe("ok");
  });

  it("bad input over HTTP gets a Dutch 4xx and changes nothing", async () => {
    const before = JSON.stringify(getDeskAnswer(runId, altenaId));
    const full = (overrides: Record<string, string>) => ({
      intent: "save",
      ...Object.fromEntries(
        deskCategories.flatMap((c) => [
          [`value-${c}`, "50"],
          [`reason-${c}`, ""],
        ]),
      ),
      ...overrides,
    });
    const notNumber = await altena1.post(deskPath(sessionId), full({ "value-communicatie": "hoog" }));
    expect(notNumber.status).toBe(400);
    expect(await notNumber.text()).toContain("moet een geheel getal zijn");
    expect((await altena1.post(deskPath(sessionId), full({ "value-communicatie": "150" }))).status).toBe(400);
    expect([400, 413]).toContain(
      (await altena1.post(deskPath(sessionId), full({ "reason-communicatie": "x".repeat(1024 * 1024) }))).status,
    );
    const foreign = await altena1.post(deskPath(sessionId), full({ trioId: schiedamId }));
    expect(foreign.status).toBe(403);
    expect((await altena1.post(deskPath(sessionId), { intent: "reveal" })).status).toBe(403);
    expect(JSON.stringify(getDeskAnswer(runId, altenaId))).toBe(before);

    // A valid post saves the whole desk and reaches the other member live.
    const b = await connect(altena2);
    await send(b, "desk:join", { runId });
    const ok = await altena1.post(deskPath(sessionId), full({ "value-communicatie": "85", "reason-communicatie": "ALTENA-GEHEIM-2" }));
    expect(ok.status).toBe(200);
    expect(getDeskAnswer(runId, altenaId)!.sliders.communicatie).toMatchObject({ value: 85, reason: "ALTENA-GEHEIM-2" });
    await eventually(() => expect(b.received.some((e) => e.event === "desk:slider" && e.payload.value === 85)).toBe(true));
    expect((await altena1.post(deskPath(sessionId), { intent: "done" })).status).toBe(200);
    expect(getDeskAnswer(runId, altenaId)!.doneAt).not.toBeNull();
  });

  it("a closed exercise refuses answers; the reveal sends every desk to the edition and draws one mark per trio per category", async () => {
    const s = await connect(schiedam);
    await send(s, "desk:join", { runId });
    expect((await organiser.post(deskPath(sessionId), { intent: "close" })).status).toBe(200);
    const before = JSON.stringify(getDeskAnswer(runId, altenaId));
    const a = await connect(altena1);
    await send(a, "desk:join", { runId });
    const closed = await send(a, "desk:move", move(runId, "communicatie", 10));
    expect(errorCode(closed)).toBe("forbidden");
    expect(closed.ok ? "" : closed.error.message).toContain("gesloten");
    const closedPost = await altena1.post(deskPath(sessionId), {
      intent: "save",
      ...Object.fromEntries(deskCategories.map((c) => [`value-${c}`, "10"])),
    });
    expect(closedPost.status).toBe(409);
    expect(JSON.stringify(getDeskAnswer(runId, altenaId))).toBe(before);
    expect(s.received.some((e) => e.event === "desk:revealed")).toBe(false);

    const o = await connect(organiser);
    expect(errorCode(await send(o, "desk:reveal", { runId, revealed: true }))).toBe("ok");
    await eventually(() => expect(s.received.some((e) => e.event === "desk:revealed")).toBe(true));
    const revealed = s.received.find((e) => e.event === "desk:revealed")!.payload;
    expect(revealed.desks.map((d: any) => d.label)).toEqual(["Altena", "Schiedam"]);
    expect(revealed.desks[0].desk.communicatie.value).toBe(85);

    const html = await (await schiedam.get(deskPath(sessionId))).text();
    const overlay = html.slice(html.indexOf('class="desk-chart"'), html.indexOf("</figure>"));
    expect(overlay.match(/class="desk-chart__mark"/g)).toHaveLength(2 * deskCategories.length);
    expect(html).toContain("ALTENA-GEHEIM-2");

    // Anonymised: the names are gone from what the sockets receive.
    const anon = await connect(schiedam);
    await send(anon, "desk:join", { runId });
    expect((await organiser.post(deskPath(sessionId), { intent: "anonymise" })).status).toBe(200);
    await eventually(() => expect(anon.received.some((e) => e.event === "desk:revealed" && e.payload.anonymised)).toBe(true));
    const anonymous = anon.received.find((e) => e.event === "desk:revealed" && e.payload.anonymised)!.payload;
    expect(JSON.stringify(anonymous)).not.toContain("Altena");
    expect(anonymous.desks.map((d: any) => d.label).sort()).toEqual(["Gemeente A", "Gemeente B"]);
  });

  it("a later session repeats the desk and the trio sees how it moved", async () => {
    expect((await organiser.post(deskPath(session2Id), { intent: "open" })).status).toBe(200);
    const run2 = getDeskRunOfSession(session2Id)!;
    expect(run2.id).not.toBe(runId);
    const a = await connect(altena1);
    const join = (await send(a, "desk:join", { runId: run2.id })) as Extract<Ack, { ok: true }>;
    expect(join.data.desk.communicatie.value).toBe(50);
    expect(errorCode(await send(a, "desk:move", { exerciseId: run2.id, category: "communicatie", value: 30, baseVersion: 0 }))).toBe("ok");
    const html = await (await altena1.get(deskPath(session2Id))).text();
    expect(html).toContain("Zo bewoog jullie mengpaneel van bijeenkomst 1 naar bijeenkomst 2");
    expect(html).toContain("55 omlaag");
  });
});
