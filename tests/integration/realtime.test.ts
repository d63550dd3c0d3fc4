import { createCookie } from "@remix-run/node";
import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deleteAuthSession, getAuthSession } from "~/features/accounts/auth-session.server";
import { listEditions } from "~/features/programme/edition.server";
import { listTriosOfEdition } from "~/features/registration/trio.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { REALTIME_PROTOCOL_VERSION } from "~/realtime/events";
import { getIo } from "~/realtime/io.server";
import { MAX_HTTP_BUFFER_BYTES, MAX_PAYLOAD_BYTES, MAX_REFUSALS_BEFORE_DISCONNECT, RATE_BURST } from "~/realtime/limits";
import { readSessionId, SESSION_COOKIE_NAME } from "~/utils/auth-config.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";

/**
 * The realtime contract of docs/realtime.md against a real server and real
 * socket.io clients over the websocket transport.
 */

type Ack = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
type Person = { cookie: string; userId: string; name: string };
type Tracked = Socket & { received: Array<{ event: string; args: unknown[] }> };

const ACK_TIMEOUT_MS = 5_000;
const EVIL_ORIGIN = "https://evil.example";

let server: TestServer;
let organiser: Person;
let speaker: Person;
let altena: Person;
let altena2: Person;
let schiedam: Person;
let editionId: string;
let altenaId: string;
let schiedamId: string;

/** Logs in over HTTP (a fresh session each time) and returns the session cookie. */
async function login(email: string, password: string): Promise<Person> {
  const client = new Client(server.url);
  const res = await client.login(email, password);
  expect(res.status).toBe(302);
  expect(client.cookies.has(SESSION_COOKIE_NAME)).toBe(true);
  const user = getUserByEmail(email);
  if (!user) throw new Error(`no user ${email}`);
  return { cookie: client.cookieHeader, userId: user.id, name: user.name };
}

function seeded(role: "organiser" | "speaker" | "participant", detail?: string, index = 0) {
  const matches = server.boot.seeded.filter((l) => l.role === role && (!detail || l.detail?.includes(detail)));
  if (!matches[index]) return seededLogin(server, role, `${detail ?? ""} #${index}`); // throws with a clear message
  return matches[index];
}

const sockets: Socket[] = [];

/** A client socket; every event it receives is recorded in `received`. */
function connect(headers: { cookie?: string; origin?: string | null } = {}): Tracked {
  const extraHeaders: Record<string, string> = {};
  if (headers.cookie) extraHeaders.cookie = headers.cookie;
  const origin = headers.origin === undefined ? server.url : headers.origin;
  if (origin) extraHeaders.origin = origin;
  const socket = io(server.url, {
    transports: ["websocket"],
    extraHeaders,
    forceNew: true,
    reconnection: false,
    timeout: ACK_TIMEOUT_MS,
  }) as Tracked;
  socket.received = [];
  socket.onAny((event: string, ...args: unknown[]) => socket.received.push({ event, args }));
  sockets.push(socket);
  return socket;
}

/** Rejects when `promise` has not settled within `ms`, naming what was awaited. */
function within<T>(promise: Promise<T>, what: string, ms = ACK_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves with the `session:ready` payload; rejects on a refused handshake. */
function ready(socket: Socket): Promise<{ userId: string; protocol: number }> {
  return within(
    new Promise((resolve, reject) => {
      socket.once("session:ready", resolve);
      socket.once("connect_error", (error) => reject(new Error(`connect_error: ${error.message}`)));
    }),
    "session:ready",
  );
}

/** Resolves with the connect_error; rejects if the handshake succeeds instead. */
function refused(socket: Socket): Promise<Error & { description?: unknown }> {
  return within(
    new Promise((resolve, reject) => {
      socket.once("connect_error", resolve);
      socket.once("connect", () => reject(new Error("handshake was accepted")));
    }),
    "connect_error",
  );
}

async function connected(person: Person): Promise<Tracked> {
  const socket = connect({ cookie: person.cookie });
  await ready(socket);
  return socket;
}

function send(socket: Socket, event: string, ...args: unknown[]): Promise<Ack> {
  return socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, ...args) as Promise<Ack>;
}

function disconnected(socket: Socket): Promise<string> {
  return within(new Promise((resolve) => socket.once("disconnect", (reason) => resolve(reason))), "disconnect");
}

function code(ack: Ack): string {
  return ack.ok ? "ok" : ack.error.code;
}

beforeAll(async () => {
  server = await startTestServer();
  const o = seeded("organiser");
  const s = seeded("speaker");
  const a1 = seeded("participant", "Altena", 0);
  const a2 = seeded("participant", "Altena", 1);
  const sc = seeded("participant", "Schiedam", 0);
  organiser = await login(o.email, o.password);
  speaker = await login(s.email, s.password);
  altena = await login(a1.email, a1.password);
  altena2 = await login(a2.email, a2.password);
  schiedam = await login(sc.email, sc.password);

  const editions = listEditions();
  expect(editions).toHaveLength(1);
  editionId = editions[0].id;
  const trios = listTriosOfEdition(editionId);
  altenaId = trios.find((t) => t.municipality === "Altena")!.id;
  schiedamId = trios.find((t) => t.municipality === "Schiedam")!.id;
  expect(altenaId).toBeTruthy();
  expect(schiedamId).toBeTruthy();
  expect(altenaId).not.toBe(schiedamId);
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

afterAll(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server?.stop();
});

describe("handshake", () => {
  it("refuses a connection without a session cookie", async () => {
    const error = await refused(connect({}));
    expect(error.message).toBe("unauthorized");
  });

  it("refuses tampered and forged cookies", async () => {
    const value = altena.cookie.slice(`${SESSION_COOKIE_NAME}=`.length);
    const last = value.at(-1) === "A" ? "B" : "A";
    const sessionId = await readSessionId(altena.cookie);
    expect(sessionId).toBeTruthy();
    // Same real session id, but signed with another secret, and not signed at all.
    const forger = createCookie(SESSION_COOKIE_NAME, { secrets: ["not-the-secret"] });
    const unsigned = createCookie(SESSION_COOKIE_NAME);
    const variants = [
      `${SESSION_COOKIE_NAME}=${value.slice(0, -1)}${last}`,
      `${SESSION_COOKIE_NAME}=${value.replace(/\.[^.]*$/, ".!!!not-base64***")}`,
      await forger.serialize(sessionId),
      await unsigned.serialize(sessionId),
      `${SESSION_COOKIE_NAME}=`,
    ];
    for (const cookie of variants) {
      expect(cookie).not.toBe(altena.cookie);
      const error = await refused(connect({ cookie }));
      expect(error.message, cookie).toBe("unauthorized");
    }
  });

  it("refuses a foreign or missing Origin even with a valid cookie", async () => {
    const engineErrors: Array<{ code: number; origin: string | undefined }> = [];
    const onError = (e: { code: number; req: { headers: Record<string, string | undefined> } }) =>
      engineErrors.push({ code: e.code, origin: e.req.headers.origin });
    server.io.engine.on("connection_error", onError);
    try {
      const evil = await refused(connect({ cookie: altena.cookie, origin: EVIL_ORIGIN }));
      expect(evil.message).toBe("websocket error");
      const none = await refused(connect({ cookie: altena.cookie, origin: null }));
      expect(none.message).toBe("websocket error");
      // 4 is engine.io's "Forbidden": refused by allowRequest, i.e. the Origin check.
      expect(engineErrors).toEqual([
        { code: 4, origin: EVIL_ORIGIN },
        { code: 4, origin: undefined },
      ]);
    } finally {
      server.io.engine.off("connection_error", onError);
    }

    // The polling transport (a browser's first request) gets the same check.
    const handshake = `${server.url}/socket.io/?EIO=4&transport=polling`;
    const foreign = await fetch(handshake, { headers: { cookie: altena.cookie, origin: EVIL_ORIGIN } });
    expect(foreign.status).toBe(403);
    const same = await fetch(handshake, { headers: { cookie: altena.cookie, origin: server.url } });
    expect(same.status).toBe(200);
    expect(await same.text()).toContain('"sid"');
  });

  it("accepts a valid cookie from the same origin and sends session:ready", async () => {
    const socket = connect({ cookie: altena.cookie });
    const payload = await ready(socket);
    expect(payload).toEqual({ userId: altena.userId, protocol: REALTIME_PROTOCOL_VERSION });
    expect(socket.connected).toBe(true);
    expect(socket.received.map((r) => r.event)).toEqual(["session:ready"]);
  });
});

describe("client events", () => {
  it("session:whoami answers with the user's id, name and role", async () => {
    for (const [person, role] of [
      [altena, "participant"],
      [organiser, "organiser"],
      [speaker, "speaker"],
    ] as const) {
      const socket = await connected(person);
      const ack = await send(socket, "session:whoami");
      expect(ack).toEqual({ ok: true, data: { id: person.userId, name: person.name, role } });
    }
    // An empty object is also a valid whoami payload.
    const socket = await connected(altena);
    expect(await send(socket, "session:whoami", {})).toMatchObject({ ok: true, data: { id: altena.userId } });
  });

  it("refuses unknown events and malformed payloads without harming the server or other clients", async () => {
    const bystander = await connected(schiedam);
    const bad = await connected(altena);

    const unknown = await send(bad, "foo:bar", { a: 1 });
    expect(unknown).toMatchObject({ ok: false, error: { code: "unknown_event" } });
    expect(unknown.ok === false && unknown.error.message).toMatch(/foo:bar/);
    // The wire format allows numeric event names; they must be refused, not crash the server.
    const withNumericNames = bad.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck: (event: number) => Promise<Ack> };
    const numeric = await withNumericNames.emitWithAck(42);
    expect(numeric).toMatchObject({ ok: false, error: { code: "unknown_event" } });

    const malformed: unknown[][] = [
      [42],
      [{ room: `trio:${altenaId}`, extra: true }],
      [{ room: "trio:../../x" }],
      [{ room: `user:${altena.userId}` }],
      [{ room: `session:abc` }],
      [{ room: "organisers" }],
      [{}],
      [],
      [null],
      [{ room: `trio:${altenaId}` }, 2],
    ];
    for (const args of malformed) {
      const ack = await send(bad, "room:join", ...args);
      expect(ack, JSON.stringify(args)).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    }
    expect(await send(bad, "session:whoami", "hallo")).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(await send(bad, "room:leave", { room: 5 })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });

    // Just over the handler limit (but well under the transport limit): refused in the ack.
    const big = { room: "x".repeat(MAX_PAYLOAD_BYTES) };
    expect(MAX_PAYLOAD_BYTES + 100).toBeLessThan(MAX_HTTP_BUFFER_BYTES);
    expect(await send(bad, "room:join", big)).toMatchObject({ ok: false, error: { code: "too_large" } });
    expect(await send(bad, "session:whoami", { pad: "y".repeat(MAX_PAYLOAD_BYTES) })).toMatchObject({
      ok: false,
      error: { code: "too_large" },
    });

    // The offender itself is still served, and still connected.
    expect(bad.connected).toBe(true);
    expect(await send(bad, "session:whoami")).toMatchObject({ ok: true, data: { id: altena.userId } });
    // The bystander is unaffected and received nothing but its own ready event.
    expect(await send(bystander, "session:whoami")).toMatchObject({ ok: true, data: { id: schiedam.userId } });
    expect(bystander.received.map((r) => r.event)).toEqual(["session:ready"]);
    expect(bystander.connected).toBe(true);
  });

  it("closes the connection of a message over the transport limit", async () => {
    const socket = await connected(altena);
    const gone = disconnected(socket);
    socket.emit("session:whoami", { pad: "z".repeat(MAX_HTTP_BUFFER_BYTES + 1) });
    expect(await gone).toBe("transport close");
    // The server itself is fine.
    const other = await connected(altena);
    expect(await send(other, "session:whoami")).toMatchObject({ ok: true });
  });
});

describe("rooms", () => {
  it("lets trio members, and organisers, join exactly the rooms they belong to", async () => {
    const participant = await connected(altena);
    expect(await send(participant, "room:join", { room: `trio:${altenaId}` })).toEqual({
      ok: true,
      data: { room: `trio:${altenaId}` },
    });
    expect(await send(participant, "room:join", { room: `edition:${editionId}` })).toEqual({
      ok: true,
      data: { room: `edition:${editionId}` },
    });
    expect(code(await send(participant, "room:join", { room: `trio:${schiedamId}` }))).toBe("forbidden");
    expect(code(await send(participant, "room:join", { room: "trio:does-not-exist" }))).toBe("forbidden");
    expect(code(await send(participant, "room:join", { room: "edition:does-not-exist" }))).toBe("forbidden");

    const org = await connected(organiser);
    expect(code(await send(org, "room:join", { room: `trio:${altenaId}` }))).toBe("ok");
    expect(code(await send(org, "room:join", { room: `trio:${schiedamId}` }))).toBe("ok");
    expect(code(await send(org, "room:join", { room: `edition:${editionId}` }))).toBe("ok");
    expect(code(await send(org, "room:join", { room: "trio:does-not-exist" }))).toBe("forbidden");

    const spk = await connected(speaker);
    expect(code(await send(spk, "room:join", { room: `trio:${altenaId}` }))).toBe("forbidden");
    expect(code(await send(spk, "room:join", { room: `trio:${schiedamId}` }))).toBe("forbidden");

    // What the server holds, not just what it answered.
    const ioServer = getIo();
    expect(ioServer).toBe(server.io);
    const members = async (room: string) =>
      (await ioServer!.in(room).fetchSockets()).map((s) => (s.data as { userId: string }).userId).sort();
    expect(await members(`trio:${altenaId}`)).toEqual([altena.userId, organiser.userId].sort());
    expect(await members(`trio:${schiedamId}`)).toEqual([organiser.userId]);
    expect(await members(`edition:${editionId}`)).toEqual([altena.userId, organiser.userId].sort());
  });

  it("delivers a room emit only to the sockets that joined it, and stops after room:leave", async () => {
    const member = await connected(altena);
    const sameTrioNotJoined = await connected(altena2);
    const otherTrio = await connected(schiedam);
    const org = await connected(organiser);
    expect(code(await send(member, "room:join", { room: `trio:${altenaId}` }))).toBe("ok");
    expect(code(await send(otherTrio, "room:join", { room: `trio:${schiedamId}` }))).toBe("ok");
    const all = [member, sameTrioNotJoined, otherTrio, org];

    // Emits on one socket arrive in order, so once the barrier is in, the probe would be too.
    const barrier = async (n: number) => {
      const arrived = all.map((s) => new Promise((resolve) => s.once("test:barrier", resolve)));
      getIo()!.emit("test:barrier", { n });
      await within(Promise.all(arrived), `barrier ${n}`);
    };
    const probes = (socket: Tracked) => socket.received.filter((r) => r.event === "test:probe").map((r) => r.args[0]);

    getIo()!.to(`trio:${altenaId}`).emit("test:probe", { n: 1 });
    await barrier(1);
    expect(probes(member)).toEqual([{ n: 1 }]);
    expect(probes(sameTrioNotJoined)).toEqual([]);
    expect(probes(otherTrio)).toEqual([]);
    expect(probes(org)).toEqual([]);

    // Automatic rooms: user:<id> and organisers.
    getIo()!.to(`user:${altena2.userId}`).emit("test:probe", { n: 2 });
    getIo()!.to("organisers").emit("test:probe", { n: 3 });
    await barrier(2);
    expect(probes(member)).toEqual([{ n: 1 }]);
    expect(probes(sameTrioNotJoined)).toEqual([{ n: 2 }]);
    expect(probes(otherTrio)).toEqual([]);
    expect(probes(org)).toEqual([{ n: 3 }]);

    expect(await send(member, "room:leave", { room: `trio:${altenaId}` })).toEqual({
      ok: true,
      data: { room: `trio:${altenaId}` },
    });
    getIo()!.to(`trio:${altenaId}`).emit("test:probe", { n: 4 });
    await barrier(3);
    expect(probes(member)).toEqual([{ n: 1 }]);
    expect(all.every((s) => !probes(s).some((p) => (p as { n: number }).n === 4))).toBe(true);
  });
});

describe("limits", () => {
  it("rate-limits a flooding socket while another client is served promptly", async () => {
    const flooder = await connected(altena);
    const calm = await connected(schiedam);

    const flood = Array.from({ length: 500 }, () => send(flooder, "session:whoami"));
    const latencies: number[] = [];
    const calmAnswers: Ack[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      calmAnswers.push(await send(calm, "session:whoami"));
      latencies.push(performance.now() - started);
    }
    const answers = await Promise.all(flood);

    const counts = { ok: 0, rate_limited: 0, other: 0 };
    for (const a of answers) {
      const c = code(a);
      if (c === "ok" || c === "rate_limited") counts[c]++;
      else counts.other++;
    }
    expect(counts.other).toBe(0);
    expect(counts.rate_limited).toBeGreaterThan(0);
    expect(counts.ok).toBeGreaterThanOrEqual(RATE_BURST);
    expect(counts.ok).toBeLessThan(500 - 100);
    expect(flooder.connected).toBe(true);

    expect(calmAnswers.map(code)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    expect(calm.received.map((r) => r.event)).toEqual(["session:ready"]);

    // The bucket refills: after a short pause the flooder is served again.
    await new Promise((r) => setTimeout(r, 200));
    expect(code(await send(flooder, "session:whoami"))).toBe("ok");
  });

  it("disconnects a socket that keeps flooding past the refusal limit", async () => {
    const flooder = await connected(altena);
    const gone = disconnected(flooder);
    const total = RATE_BURST + MAX_REFUSALS_BEFORE_DISCONNECT + 50;
    for (let i = 0; i < total; i++) flooder.emit("session:whoami");
    expect(await gone).toBe("io server disconnect");
  });
});

describe("session end", () => {
  it("logout disconnects that session's sockets and the old cookie no longer connects", async () => {
    const credentials = seeded("participant", "Altena", 0);
    const client = new Client(server.url);
    expect((await client.login(credentials.email, credentials.password)).status).toBe(302);
    const cookie = client.cookieHeader;
    const sessionId = await readSessionId(cookie);
    expect(sessionId && getAuthSession(sessionId)).toBeTruthy();

    const socket = connect({ cookie });
    await ready(socket);
    const secondTab = connect({ cookie });
    await ready(secondTab);
    const otherSession = await connected(altena); // same person, another login
    const gone = Promise.all([disconnected(socket), disconnected(secondTab)]);

    const res = await client.post("/uitloggen", {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/inloggen?uitgelogd=1");
    expect(await gone).toEqual(["io server disconnect", "io server disconnect"]);
    expect(getAuthSession(sessionId!)).toBeNull();

    // Another login of the same person is not ended.
    expect(otherSession.connected).toBe(true);
    expect(await send(otherSession, "session:whoami")).toMatchObject({ ok: true, data: { id: altena.userId } });

    const again = await refused(connect({ cookie }));
    expect(again.message).toBe("unauthorized");
  });

  it("a session that ends without a logout is never served again: the socket is told and disconnected", async () => {
    const credentials = seeded("participant", "Schiedam", 0);
    const person = await login(credentials.email, credentials.password);
    const socket = await connected(person);
    expect(code(await send(socket, "session:whoami"))).toBe("ok");

    const gone = disconnected(socket);
    const started = Date.now();
    // Not awaited: the message races the server's own re-check of open sockets (watch.server.ts).
    const ended = deleteAuthSession((await readSessionId(person.cookie))!);
    const noAnswer = "no answer (already disconnected)";
    const answer = Promise.race([
      send(socket, "session:whoami").then(code, () => noAnswer),
      gone.then(() => new Promise((resolve) => setTimeout(() => resolve(noAnswer), 200))),
    ]);
    await ended;
    expect(await gone).toBe("io server disconnect");
    expect(Date.now() - started).toBeLessThan(1_000);
    // Whichever came first, the message was not served: refused at the message, or the socket had gone.
    expect(["unauthorized", noAnswer]).toContain(await answer);
  });
});
