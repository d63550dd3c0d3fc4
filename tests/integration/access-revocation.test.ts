/**
 * Access that ends, ends on open sockets too (issue 11, point 2 and 3). A real
 * server and real socket.io clients: a person watches the edition room, the
 * plenary board, their trio's board and the desk; then their access changes in
 * each of the ways people lose it. Within a second their socket leaves every
 * room it may no longer be in (or is disconnected when the login ended), it
 * receives nothing sent there afterwards, and the people who keep access still do.
 */
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembership, getTrio, listMembersOfTrio, listTriosOfEdition, type Trio } from "~/features/registration/trio.server";
import { getDb } from "~/data/db.server";
import { listEditions } from "~/features/programme/edition.server";
import { listSessionsOfEdition, addSpeakerToSession, removeSpeakerFromSession, type Session } from "~/features/programme/session.server";
import { listBoardsOfSession, type Board } from "~/features/boards/board.server";
import { openDeskRun, type DeskRun } from "~/features/exercises/desk.server";
import { changeMember, decideTrio } from "~/features/registration/registration.server";
import { carryOutDeletion, requestDeletion } from "~/features/accounts/privacy.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { getIo } from "~/realtime/io.server";
import { readSessionId, SESSION_COOKIE_NAME } from "~/utils/auth-config.server";
import { Client } from "../setup/http-client";
import { startTestServer, type TestServer } from "../setup/test-server";
import { connectBoardSocket, okData, send, type BoardSocket } from "./board-helpers";

/** The bound: a socket stops receiving within a second of the change. */
const REVOKE_WITHIN_MS = 1_000;

type Login = { email: string; password: string; client: Client; cookie: string; sessionId: string };

let server: TestServer;
let session1: Session;
let plenary: Board;
let run: DeskRun;
let altena: Trio;
let schiedam: Trio;
let editionId: string;
let organiserLogin: { email: string; password: string };
let speakerLogin: { email: string; password: string };
const sockets: Socket[] = [];

function seeded(role: "organiser" | "speaker" | "participant", detail?: string, index = 0) {
  const matches = server.boot.seeded.filter((l) => l.role === role && (!detail || l.detail?.includes(detail)));
  if (!matches[index]) throw new Error(`No seeded ${role} ${detail ?? ""} #${index}`);
  return matches[index];
}

async function login(email: string, password: string): Promise<Login> {
  const client = new Client(server.url);
  expect((await client.login(email, password)).status).toBe(302);
  const cookie = client.cookieHeader;
  const sessionId = await readSessionId(cookie);
  if (!sessionId) throw new Error("no session cookie");
  return { email, password, client, cookie, sessionId };
}

function trioBoardOf(trio: Trio): Board {
  return getDb().data.boards.find((b) => b.sessionId === session1.id && b.trioId === trio.id)!;
}

/** A socket of `who` watching everything it may see: the edition room, boards, the desk. */
async function watcher(who: Login, boards: Board[], options: { desk?: boolean; edition?: boolean } = {}): Promise<BoardSocket> {
  const socket = await connectBoardSocket(server.url, { cookie: who.cookie, email: who.email });
  sockets.push(socket);
  if (options.edition ?? true) okData(await send(socket, "room:join", { room: `edition:${editionId}` }));
  for (const board of boards) okData(await send(socket, "board:join", { boardId: board.id }));
  if (options.desk ?? true) okData(await send(socket, "desk:join", { runId: run.id }));
  return socket;
}

/** The rooms the server has this client's socket in (empty once it is gone). */
function serverRooms(socket: Socket): Set<string> {
  const serverSocket = getIo()!
    .of("/")
    .sockets.get(socket.id ?? "");
  return serverSocket ? new Set([...serverSocket.rooms].filter((r) => r !== socket.id)) : new Set();
}

/** Resolves once `check` holds, failing with `what` after `ms`. */
async function eventually(check: () => boolean, what: string, ms = REVOKE_WITHIN_MS): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

function waitFor(socket: Socket, event: string, matches: (payload: unknown) => boolean = () => true): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5_000);
    const listener = (payload: unknown) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/**
 * Sends a probe into each room and checks the control sockets get it while the
 * revoked socket does not. The probe is sent after the revocation, so anything
 * the revoked socket got would be a leak.
 */
async function probe(rooms: string[], revoked: BoardSocket, controls: BoardSocket[]): Promise<void> {
  const tag = `probe-${Math.random().toString(36).slice(2)}`;
  const arrivals = controls.map((control) => waitFor(control, "probe", (p) => (p as { tag: string }).tag === tag));
  for (const room of rooms) getIo()!.to(room).emit("probe", { tag, room });
  await Promise.all(arrivals);
  // The control got it over its own connection; give the revoked one the same chance.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const leaked = revoked.events.filter((e) => e.event === "probe" && (e.args[0] as { tag: string }).tag === tag);
  expect(leaked, "nothing reaches the socket whose access ended").toEqual([]);
}

function roomsOf(trio: Trio | null): string[] {
  const rooms = [`edition:${editionId}`, `board:${plenary.id}`, `desk:${run.id}:organisers`];
  if (trio) rooms.push(`board:${trioBoardOf(trio).id}`, `desk:${run.id}:trio:${trio.id}`);
  return rooms;
}

beforeAll(async () => {
  server = await startTestServer();
  editionId = listEditions()[0].id;
  session1 = listSessionsOfEdition(editionId)[0];
  const boards = await listBoardsOfSession(session1.id);
  plenary = boards.find((b) => b.scope === "plenary")!;
  const trios = listTriosOfEdition(editionId);
  altena = trios.find((t) => t.municipality === "Altena")!;
  schiedam = trios.find((t) => t.municipality === "Schiedam")!;
  organiserLogin = seeded("organiser");
  speakerLogin = seeded("speaker");
  run = await openDeskRun(session1, getUserByEmail(organiserLogin.email)!.id);
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.stop();
});

describe("access re-checked live on open sockets", () => {
  it("a member who leaves their trio (through the page) stops receiving the trio board, the desk and the edition room", async () => {
    const leaver = await login(seeded("participant", "Altena", 2).email, seeded("participant", "Altena", 2).password);
    const stayer = await login(seeded("participant", "Altena", 0).email, seeded("participant", "Altena", 0).password);
    const organiser = await login(organiserLogin.email, organiserLogin.password);
    const leaving = await watcher(leaver, [plenary, trioBoardOf(altena)]);
    const staying = await watcher(stayer, [plenary, trioBoardOf(altena)]);
    const watching = await watcher(organiser, [plenary, trioBoardOf(altena)]);
    expect(serverRooms(leaving)).toContain(`board:${trioBoardOf(altena).id}`);

    const revokedEvents = waitFor(leaving, "access:revoked");
    const res = await leaver.client.post(`/trios/${altena.id}/verlaten`, {});
    expect(res.status).toBe(302);
    const took = await eventually(() => roomsOf(altena).every((room) => !serverRooms(leaving).has(room)), "the leaver leaves every room");
    expect(took).toBeLessThan(REVOKE_WITHIN_MS);
    expect(await revokedEvents).toMatchObject({ message: expect.stringMatching(/geen toegang meer/) });
    await probe(roomsOf(altena), leaving, [staying]);
    await probe([`desk:${run.id}:organisers`], leaving, [watching]);

    // A real board change reaches the stayer, not the leaver.
    const before = leaving.deltas.length;
    const delta = waitFor(staying, "board:delta");
    const element = {
      id: "na-vertrek",
      type: "rectangle",
      x: 0,
      y: 0,
      width: 10,
      height: 10,
      angle: 0,
      version: 1,
      versionNonce: 1,
      isDeleted: false,
      updated: Date.now(),
    };
    okData(await send(watching, "board:update", { boardId: trioBoardOf(altena).id, elements: [element] }));
    await delta;
    expect(leaving.deltas.length).toBe(before);
    // Their connection stays up (they are still logged in), and a new board:join is refused.
    expect(leaving.connected).toBe(true);
    const again = await send(leaving, "board:join", { boardId: trioBoardOf(altena).id });
    expect(again.ok).toBe(false);

    const user = getUserByEmail(leaver.email)!;
    await addMembership({ trioId: altena.id, userId: user.id, domain: "sociaal", jobTitle: "terug" });
  });

  it("a member who is replaced stops receiving; the new member and the others are unaffected", async () => {
    const replaced = await login(seeded("participant", "Schiedam", 1).email, seeded("participant", "Schiedam", 1).password);
    const other = await login(seeded("participant", "Schiedam", 0).email, seeded("participant", "Schiedam", 0).password);
    const goingSocket = await watcher(replaced, [plenary, trioBoardOf(schiedam)]);
    const otherSocket = await watcher(other, [plenary, trioBoardOf(schiedam)]);
    const membership = listMembersOfTrio(schiedam.id).find((m) => m.user.email === replaced.email)!;
    await changeMember({
      trioId: schiedam.id,
      removeMembershipId: membership.id,
      person: { name: "Nieuwe Collega", email: "nieuw.lid@example.nl", jobTitle: "Beleidsadviseur", domain: membership.domain },
    });
    await eventually(() => roomsOf(schiedam).every((room) => !serverRooms(goingSocket).has(room)), "the replaced member leaves every room");
    await probe(
      roomsOf(schiedam).filter((r) => !r.endsWith(":organisers")),
      goingSocket,
      [otherSocket],
    );
    // Put them back for later tests.
    const newcomer = listMembersOfTrio(schiedam.id).find((m) => m.user.email === "nieuw.lid@example.nl")!;
    await changeMember({
      trioId: schiedam.id,
      removeMembershipId: newcomer.id,
      person: { name: membership.user.name, email: membership.user.email, jobTitle: membership.jobTitle, domain: membership.domain },
    });
  });

  it("a trio that is rejected, or put on the waiting list, stops receiving the edition room and its boards; another trio still does", async () => {
    for (const status of ["rejected", "waiting"] as const) {
      const member = await login(seeded("participant", "Schiedam", 0).email, seeded("participant", "Schiedam", 0).password);
      const otherTrio = await login(seeded("participant", "Altena", 0).email, seeded("participant", "Altena", 0).password);
      const memberSocket = await watcher(member, [plenary, trioBoardOf(schiedam)]);
      const otherSocket = await watcher(otherTrio, [plenary]);
      await decideTrio(schiedam.id, status);
      await eventually(
        () => roomsOf(schiedam).every((room) => !serverRooms(memberSocket).has(room)),
        `a ${status} trio's member leaves every room`,
      );
      await probe([`edition:${editionId}`, `board:${plenary.id}`], memberSocket, [otherSocket]);
      await decideTrio(schiedam.id, "admitted");
      memberSocket.close();
      otherSocket.close();
    }
  });

  it("a speaker unlinked from their session stops receiving its plenary board and the edition room", async () => {
    const speaker = await login(speakerLogin.email, speakerLogin.password);
    const organiser = await login(organiserLogin.email, organiserLogin.password);
    const speakerSocket = await watcher(speaker, [plenary], { desk: false });
    const organiserSocket = await watcher(organiser, [plenary], { desk: false });
    expect(serverRooms(speakerSocket)).toContain(`edition:${editionId}`);
    const speakerId = getUserByEmail(speaker.email)!.id;
    await removeSpeakerFromSession(session1.id, speakerId);
    await eventually(
      () => !serverRooms(speakerSocket).has(`board:${plenary.id}`) && !serverRooms(speakerSocket).has(`edition:${editionId}`),
      "the speaker leaves",
    );
    await probe([`board:${plenary.id}`, `edition:${editionId}`, `board:${plenary.id}:facilitators`], speakerSocket, [organiserSocket]);
    await addSpeakerToSession(session1.id, speakerId);
  });

  it("a role change (participant to speaker) ends the trio rooms at once", async () => {
    const who = await login(seeded("participant", "Altena", 1).email, seeded("participant", "Altena", 1).password);
    const stayer = await login(seeded("participant", "Altena", 0).email, seeded("participant", "Altena", 0).password);
    const socket = await watcher(who, [plenary, trioBoardOf(altena)]);
    const control = await watcher(stayer, [plenary, trioBoardOf(altena)]);
    const userId = getUserByEmail(who.email)!.id;
    const setRole = (role: "speaker" | "participant") =>
      getDb().change((data) => {
        const index = data.users.findIndex((u) => u.id === userId);
        data.users[index] = { ...data.users[index], role };
      });
    await setRole("speaker");
    await eventually(() => roomsOf(altena).every((room) => !serverRooms(socket).has(room)), "the former participant leaves every room");
    await probe(
      roomsOf(altena).filter((r) => !r.endsWith(":organisers")),
      socket,
      [control],
    );
    await setRole("participant");
  });

  it("an expired login is disconnected when it expires, without sending anything", async () => {
    const who = await login(seeded("participant", "Altena", 0).email, seeded("participant", "Altena", 0).password);
    const control = await watcher(await login(seeded("participant", "Altena", 1).email, seeded("participant", "Altena", 1).password), [
      trioBoardOf(altena),
    ]);
    const socket = await watcher(who, [trioBoardOf(altena)]);
    const ended = waitFor(socket, "session:ended");
    const disconnected = new Promise((resolve) => socket.once("disconnect", resolve));
    const expiresAt = new Date(Date.now() + 300).toISOString();
    await getDb().change((data) => {
      const index = data.authSessions.findIndex((s) => s.id === who.sessionId);
      data.authSessions[index] = { ...data.authSessions[index], expiresAt };
    });
    await Promise.all([ended, disconnected]);
    expect(Date.now() - Date.parse(expiresAt)).toBeLessThan(REVOKE_WITHIN_MS);
    await probe([`board:${trioBoardOf(altena).id}`], socket, [control]);
  });

  it("a password change ends every other login of that person and its sockets; the current login keeps working", async () => {
    const person = seeded("participant", "Altena", 1);
    const here = await login(person.email, person.password);
    const elsewhere = await login(person.email, person.password);
    const hereSocket = await watcher(here, [trioBoardOf(altena)]);
    const elsewhereSocket = await watcher(elsewhere, [trioBoardOf(altena)]);
    const elsewhereGone = new Promise((resolve) => elsewhereSocket.once("disconnect", resolve));
    const newPassword = "een-nieuw-wachtwoord-2026";
    const res = await here.client.post("/account", { current: person.password, password: newPassword, confirm: newPassword });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Op je andere apparaten en browsers ben je uitgelogd.");
    await elsewhereGone;
    expect(hereSocket.connected).toBe(true);
    await probe([`board:${trioBoardOf(altena).id}`], elsewhereSocket, [hereSocket]);
    // Over HTTP too: the other login is logged out, this one is not.
    expect((await elsewhere.client.get("/account")).status).toBe(302);
    expect((await here.client.get("/account")).status).toBe(200);
    person.password = newPassword;
  });

  it("a password reset ends every login of that person and its sockets; the browser that reset it is logged in", async () => {
    const person = seeded("participant", "Schiedam", 2);
    const one = await login(person.email, person.password);
    const two = await login(person.email, person.password);
    const control = await watcher(await login(seeded("participant", "Schiedam", 0).email, seeded("participant", "Schiedam", 0).password), [
      trioBoardOf(schiedam),
    ]);
    const sockets = [await watcher(one, [trioBoardOf(schiedam)]), await watcher(two, [trioBoardOf(schiedam)])];
    const gone = sockets.map((s) => new Promise((resolve) => s.once("disconnect", resolve)));
    const anonymous = new Client(server.url);
    expect((await anonymous.post("/wachtwoord-vergeten", { email: person.email })).status).toBe(200);
    const mail = getDb()
      .data.outbox.filter((m) => m.to === person.email)
      .at(-1)!;
    const link = mail.text.match(/https?:\/\/[^\s/]+(\/wachtwoord\/[A-Za-z0-9_-]+)/)![1];
    const newPassword = "nog-een-nieuw-wachtwoord-2026";
    const res = await anonymous.post(link, { password: newPassword, confirm: newPassword });
    expect(res.status).toBe(302);
    await Promise.all(gone);
    for (const socket of sockets) await probe([`board:${trioBoardOf(schiedam).id}`], socket, [control]);
    expect(anonymous.cookies.has(SESSION_COOKIE_NAME)).toBe(true);
    expect((await anonymous.get("/account")).status).toBe(200);
    person.password = newPassword;
  });

  it("an account that is deleted (anonymised) is disconnected everywhere", async () => {
    const person = seeded("participant", "Schiedam", 2);
    const who = await login(person.email, person.password);
    const control = await watcher(await login(seeded("participant", "Schiedam", 0).email, seeded("participant", "Schiedam", 0).password), [
      trioBoardOf(schiedam),
    ]);
    const socket = await watcher(who, [plenary, trioBoardOf(schiedam)]);
    const gone = new Promise((resolve) => socket.once("disconnect", resolve));
    const request = await requestDeletion(getUserByEmail(person.email)!.id);
    const started = Date.now();
    await carryOutDeletion(request.id);
    await gone;
    expect(Date.now() - started).toBeLessThan(REVOKE_WITHIN_MS);
    await probe([`board:${trioBoardOf(schiedam).id}`, `edition:${editionId}`], socket, [control]);
  });
});

describe("leaving what a socket watched", () => {
  it("desk:leave gives the desk's rooms back, but a room another watch still gives stays", async () => {
    const person = seeded("participant", "Altena", 0);
    const socket = await watcher(await login(person.email, person.password), [], { desk: true, edition: true });
    expect(serverRooms(socket)).toContain(`desk:${run.id}:trio:${altena.id}`);
    okData(await send(socket, "desk:leave", { runId: run.id }));
    expect(serverRooms(socket)).not.toContain(`desk:${run.id}:trio:${altena.id}`);
    // room:join edition still gives the edition room.
    expect(serverRooms(socket)).toContain(`edition:${editionId}`);
    okData(await send(socket, "room:leave", { room: `edition:${editionId}` }));
    expect(serverRooms(socket)).not.toContain(`edition:${editionId}`);
  });
});

describe("the edition room", () => {
  it("admits members of admitted trios, organisers and the edition's speakers; a registered trio's member is refused", async () => {
    const speaker = await connectBoardSocket(server.url, await login(speakerLogin.email, speakerLogin.password));
    sockets.push(speaker);
    expect((await send(speaker, "room:join", { room: `edition:${editionId}` })).ok).toBe(true);

    const person = seeded("participant", "Altena", 0);
    const member = await login(person.email, person.password);
    const setStatus = (status: "registered" | "admitted") =>
      getDb().change((data) => {
        const index = data.trios.findIndex((t) => t.id === altena.id);
        data.trios[index] = { ...data.trios[index], status };
      });
    await setStatus("registered");
    const socket = await connectBoardSocket(server.url, member);
    sockets.push(socket);
    const refused = await send(socket, "room:join", { room: `edition:${editionId}` });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await send(socket, "board:join", { boardId: plenary.id })).ok).toBe(false);
    expect((await send(socket, "desk:join", { runId: run.id })).ok).toBe(false);
    expect(getTrio(altena.id)?.status).toBe("registered");
    await setStatus("admitted");
    expect((await send(socket, "room:join", { room: `edition:${editionId}` })).ok).toBe(true);
  });
});
