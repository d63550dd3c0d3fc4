import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBoardFromTemplate, getBoard, listBoardsOfSession, listBoardsOfTrio, type ListedBoard } from "~/features/boards/board.server";
import { listEditions } from "~/features/programme/edition.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { listTriosOfEdition } from "~/features/registration/trio.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { BoardLimits, type BoardElement, type BoardState, type JoinAck, type UpdateAck } from "~/features/boards/board-protocol";
import { BoardStore } from "~/data/board-store.server";
import { carryOutDeletion, deleteEditionPersonalData, requestDeletion } from "~/features/accounts/privacy.server";
import { existsSync } from "node:fs";
import { getBoardRoom, listBoardSnapshots, restoreBoard } from "~/features/boards/board-room.server";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import {
  connectBoardSocket,
  edited,
  fetchState,
  joinBoard,
  login,
  okData,
  rectangle,
  send,
  waitFor,
  type BoardSocket,
  type Person,
} from "./board-helpers";
import { withBoardRoles } from "~/access/policy.server";

/** Boards over real socket.io clients and HTTP: sync, authorization, bad input, facilitation. */

let server: TestServer;
let organiser: Person;
let speaker: Person;
let altena1: Person;
let altena2: Person;
let schiedam: Person;
let plenary1: ListedBoard;
let plenary2: ListedBoard;
let altenaBoard: ListedBoard;
let schiedamBoard: ListedBoard;
const sockets: BoardSocket[] = [];

function seeded(role: "organiser" | "speaker" | "participant", detail?: string, index = 0) {
  const matches = server.boot.seeded.filter((l) => l.role === role && (!detail || l.detail?.includes(detail)));
  return matches[index] ?? seededLogin(server, role, `${detail} #${index}`);
}

async function socketOf(person: Person): Promise<BoardSocket> {
  const socket = await connectBoardSocket(server.url, person);
  sockets.push(socket);
  return socket;
}

const userId = (person: Person) => getUserByEmail(person.email)!.id;

beforeAll(async () => {
  server = await startTestServer();
  const people = await Promise.all(
    [
      seeded("organiser"),
      seeded("speaker"),
      seeded("participant", "Altena", 0),
      seeded("participant", "Altena", 1),
      seeded("participant", "Schiedam", 0),
    ].map((l) => login(server.url, l.email, l.password)),
  );
  [organiser, speaker, altena1, altena2, schiedam] = people;
  const editionId = listEditions()[0].id;
  const sessions = listSessionsOfEdition(editionId);
  const trios = listTriosOfEdition(editionId);
  const organiserUser = getUserByEmail(organiser.email)!;
  const boards1 = withBoardRoles(organiserUser, await listBoardsOfSession(sessions[0].id));
  plenary1 = boards1.find((b) => b.scope === "plenary")!;
  altenaBoard = boards1.find((b) => b.trioId === trios.find((t) => t.municipality === "Altena")!.id)!;
  schiedamBoard = boards1.find((b) => b.trioId === trios.find((t) => t.municipality === "Schiedam")!.id)!;
  plenary2 = withBoardRoles(organiserUser, await listBoardsOfSession(sessions[1].id)).find((b) => b.scope === "plenary")!;
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.stop();
});

describe("boards of a session", () => {
  it("every session gets a plenary board and one per admitted trio, once", async () => {
    const organiserUser = getUserByEmail(organiser.email)!;
    const again = withBoardRoles(organiserUser, await listBoardsOfSession(plenary1.sessionId));
    expect(again.map((b) => b.scope)).toEqual(["plenary", "trio", "trio"]);
    expect(again.map((b) => b.id)).toContain(altenaBoard.id);
    expect(again.every((b) => b.role === "facilitate")).toBe(true);
  });

  it("a participant sees the plenary board and their own trio's board only; a speaker only their session's plenary board", async () => {
    const mine = withBoardRoles(getUserByEmail(altena1.email)!, await listBoardsOfSession(plenary1.sessionId));
    expect(mine.map((b) => [b.id, b.role])).toEqual([
      [plenary1.id, "edit"],
      [altenaBoard.id, "edit"],
    ]);
    const speakerUser = getUserByEmail(speaker.email)!;
    expect(withBoardRoles(speakerUser, await listBoardsOfSession(plenary1.sessionId)).map((b) => [b.id, b.role])).toEqual([
      [plenary1.id, "facilitate"],
    ]);
    expect(withBoardRoles(speakerUser, await listBoardsOfSession(plenary2.sessionId))).toEqual([]);
    const dossier = withBoardRoles(getUserByEmail(altena1.email)!, await listBoardsOfTrio(altenaBoard.trioId!));
    expect(dossier).toHaveLength(4);
    expect(dossier.map((b) => b.sessionNumber)).toEqual([1, 2, 3, 4]);
    expect(withBoardRoles(getUserByEmail(schiedam.email)!, await listBoardsOfTrio(altenaBoard.trioId!))).toEqual([]);
  });

  it("a board from a template starts with frames and labels Excalidraw can render", async () => {
    const board = await createBoardFromTemplate({
      sessionId: plenary1.sessionId,
      trioId: null,
      template: "kennisuitwisseling",
      createdBy: userId(organiser),
    });
    const socket = await socketOf(organiser);
    const { state } = await joinBoard(server.url, organiser, socket, board.id);
    const frames = state.elements.filter((e) => e.type === "frame");
    expect(frames.map((f) => (f as { name?: string }).name)).toEqual(["Wijk", "Fysiek", "Sociaal", "Wat leren we van elkaar?"]);
    const labels = state.elements.filter((e) => e.type === "text");
    expect(labels.map((t) => t.text)).toContain("Kennisuitwisseling");
    for (const element of state.elements) {
      for (const field of [
        "id",
        "type",
        "x",
        "y",
        "width",
        "height",
        "angle",
        "strokeColor",
        "backgroundColor",
        "fillStyle",
        "strokeWidth",
        "strokeStyle",
        "roughness",
        "opacity",
        "groupIds",
        "frameId",
        "roundness",
        "seed",
        "version",
        "versionNonce",
        "isDeleted",
        "boundElements",
        "updated",
        "link",
        "locked",
      ]) {
        expect(element, `${element.type} has ${field}`).toHaveProperty(field);
      }
    }
    for (const text of labels) {
      for (const field of [
        "text",
        "originalText",
        "fontSize",
        "fontFamily",
        "textAlign",
        "verticalAlign",
        "containerId",
        "lineHeight",
        "autoResize",
      ])
        expect(text).toHaveProperty(field);
    }
    // Labels inside a column belong to its frame.
    expect(labels.filter((t) => t.frameId).length).toBe(4);
  });
});

describe("join, state and deltas", () => {
  it("a change is acknowledged, reaches the other members with its author stamped by the server, and is in the state", async () => {
    const [a, b] = [await socketOf(altena1), await socketOf(altena2)];
    const { ack } = await joinBoard(server.url, altena1, a, altenaBoard.id);
    expect(ack.role).toBe("edit");
    expect(ack.stateUrl).toBe(`/borden/${altenaBoard.id}/staat`);
    expect(ack.me.domain).toMatch(/wijk|fysiek|sociaal/);
    await joinBoard(server.url, altena2, b, altenaBoard.id);

    // The client claims to be someone else; the server knows better.
    const note = rectangle({ customData: { kind: "sticky", authorId: "someone-else", authorName: "Nep" } });
    const update = okData(await send<UpdateAck>(a, "board:update", { boardId: altenaBoard.id, elements: [note] }));
    expect(update).toMatchObject({ accepted: 1, ignored: 0 });
    expect(update.seq).toBeGreaterThan(ack.seq);

    await waitFor(() => b.deltas.some((d) => d.elements.some((e) => e.id === note.id)), "the delta at the peer");
    const received = b.deltas.flatMap((d) => d.elements).find((e) => e.id === note.id)!;
    expect(received.customData).toMatchObject({
      kind: "sticky",
      authorId: userId(altena1),
      authorName: getUserByEmail(altena1.email)!.name,
      authorDomain: ack.me.domain,
    });

    // An edit by another member keeps the original author.
    okData(await send(b, "board:update", { boardId: altenaBoard.id, elements: [edited(note, { x: 5 })] }));
    const res = await fetchState(server.url, altena2, altenaBoard.id);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const state = (await res.json()) as BoardState;
    const stored = state.elements.find((e) => e.id === note.id)!;
    expect(stored).toMatchObject({ version: 2, x: 5 });
    expect(stored.customData?.authorId).toBe(userId(altena1));
    expect(state.seq).toBeGreaterThanOrEqual(update.seq);
  });

  it("the state is served compressed", async () => {
    const res = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      import("node:http").then(({ get }) =>
        get(`${server.url}/borden/${altenaBoard.id}/staat`, { headers: { cookie: altena1.cookie, "accept-encoding": "gzip" } }, (r) => {
          const chunks: Buffer[] = [];
          r.on("data", (c: Buffer) => chunks.push(c));
          r.on("end", () => resolve({ encoding: r.headers["content-encoding"], body: Buffer.concat(chunks) }));
        }).on("error", reject),
      );
    });
    expect(res.encoding).toBe("gzip");
    expect(JSON.parse(gunzipSync(res.body).toString("utf8")).boardId).toBe(altenaBoard.id);
  });

  it("presence goes to the peers and is withdrawn when a socket leaves", async () => {
    const [a, b] = [await socketOf(altena1), await socketOf(altena2)];
    await joinBoard(server.url, altena1, a, altenaBoard.id);
    await joinBoard(server.url, altena2, b, altenaBoard.id);
    expect(okData(await send(a, "board:presence", { boardId: altenaBoard.id, pointer: { x: 1, y: 2 }, selectedIds: [] }))).toEqual({
      sent: true,
    });
    // Faster than ~30/s is thinned out by the server.
    expect(okData(await send(a, "board:presence", { boardId: altenaBoard.id, pointer: { x: 3, y: 4 }, selectedIds: [] }))).toEqual({
      sent: false,
    });
    await waitFor(() => b.events.some((e) => e.event === "board:peer-presence"), "presence");
    expect(b.events.find((e) => e.event === "board:peer-presence")!.args[0]).toMatchObject({
      userId: userId(altena1),
      pointer: { x: 1, y: 2 },
    });
    a.close();
    await waitFor(
      () => b.events.some((e) => e.event === "board:peer-left" && (e.args[0] as { userId: string }).userId === userId(altena1)),
      "peer-left",
    );
  });
});

describe("authorization", () => {
  it("a board of another trio, a guessed id and another session's plenary board are refused over the socket and over HTTP", async () => {
    const s = await socketOf(schiedam);
    for (const boardId of [altenaBoard.id, "Zm9vYmFyYmF6cXV4", `${altenaBoard.id}x`]) {
      const ack = await send(s, "board:join", { boardId });
      expect(ack).toEqual({ ok: false, error: { code: "forbidden", message: "Dit bord bestaat niet of je hebt er geen toegang toe." } });
      const res = await fetchState(server.url, schiedam, boardId);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("elements");
    }
    // Their own board works.
    expect((await send(s, "board:join", { boardId: schiedamBoard.id })).ok).toBe(true);
    // Sending to a board you have not joined (or may not) changes nothing.
    const ack = await send(s, "board:update", { boardId: altenaBoard.id, elements: [rectangle()] });
    expect(ack.ok ? "ok" : ack.error.code).toBe("forbidden");

    const sp = await socketOf(speaker);
    expect((await send(sp, "board:join", { boardId: plenary2.id })).ok).toBe(false);
    expect((await send(sp, "board:join", { boardId: altenaBoard.id })).ok).toBe(false);
    expect(okData(await send<JoinAck>(sp, "board:join", { boardId: plenary1.id })).role).toBe("facilitate");
    expect((await fetchState(server.url, speaker, plenary2.id)).status).toBe(404);
    expect((await fetch(`${server.url}/borden/${plenary1.id}/staat`)).status).toBe(401);
  });

  it("a locked board is read-only for participants and tells everyone", async () => {
    const [o, a] = [await socketOf(organiser), await socketOf(altena1)];
    await joinBoard(server.url, organiser, o, plenary1.id);
    await joinBoard(server.url, altena1, a, plenary1.id);
    const lock = await send(a, "board:facilitate", { boardId: plenary1.id, action: { type: "lock", locked: true } });
    expect(lock.ok ? "ok" : lock.error.code).toBe("forbidden");
    okData(await send(o, "board:facilitate", { boardId: plenary1.id, action: { type: "lock", locked: true } }));
    await waitFor(() => a.events.some((e) => e.event === "board:meta" && (e.args[0] as { meta: { locked: boolean } }).meta.locked), "meta");
    expect(getBoard(plenary1.id)!.locked).toBe(true);
    const element = rectangle();
    const refused = await send(a, "board:update", { boardId: plenary1.id, elements: [element] });
    expect(refused).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Dit bord is vergrendeld: je kunt meekijken, maar niets veranderen." },
    });
    expect(okData(await send<JoinAck>(a, "board:join", { boardId: plenary1.id })).role).toBe("view");
    // Facilitators still draw.
    okData(await send(o, "board:update", { boardId: plenary1.id, elements: [rectangle()] }));
    okData(await send(o, "board:facilitate", { boardId: plenary1.id, action: { type: "lock", locked: false } }));
    const state = (await (await fetchState(server.url, altena1, plenary1.id)).json()) as BoardState;
    expect(state.elements.some((e) => e.id === element.id)).toBe(false);
  });
});

describe("bad input", () => {
  it("malformed and oversized updates are refused and change nothing", async () => {
    const a = await socketOf(altena1);
    const { state: before } = await joinBoard(server.url, altena1, a, altenaBoard.id);
    const codeOf = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? "ok" : ack.error!.code);
    const { version: _omit, ...noVersion } = rectangle();
    expect(codeOf(await send(a, "board:update", { boardId: altenaBoard.id, elements: [noVersion] }))).toBe("invalid_payload");
    expect(codeOf(await send(a, "board:update", { boardId: altenaBoard.id, elements: [rectangle({ type: "script" as never })] }))).toBe(
      "invalid_payload",
    );
    expect(codeOf(await send(a, "board:update", { boardId: altenaBoard.id, elements: [rectangle({ id: "../../etc/passwd" })] }))).toBe(
      "invalid_payload",
    );
    expect(codeOf(await send(a, "board:update", { boardId: altenaBoard.id, elements: [] }))).toBe("invalid_payload");
    expect(codeOf(await send(a, "board:update", "nonsense"))).toBe("invalid_payload");
    const huge = rectangle({ type: "freedraw", points: Array.from({ length: 4000 }, (_, i) => [i, i * 2.5]) });
    const tooBig = await send(a, "board:update", { boardId: altenaBoard.id, elements: [huge] });
    expect(tooBig.ok ? "ok" : tooBig.error.code).toBe("too_large");
    expect(tooBig.ok ? "" : tooBig.error.message).toMatch(/te groot/);
    const manySmall = Array.from({ length: BoardLimits.MAX_ELEMENTS_PER_UPDATE }, () => rectangle({ text: "x".repeat(3000) } as never));
    expect(codeOf(await send(a, "board:update", { boardId: altenaBoard.id, elements: manySmall }))).toBe("too_large");
    const after = (await (await fetchState(server.url, altena1, altenaBoard.id)).json()) as BoardState;
    expect(after.elements.length).toBe(before.elements.length);
    expect(after.seq).toBe(before.seq);
  });

  it("a flood from one socket is rate-limited while another client carries on", async () => {
    const [flooder, other, watcher] = [await socketOf(altena1), await socketOf(altena2), await socketOf(organiser)];
    for (const [p, s] of [
      [altena1, flooder],
      [altena2, other],
      [organiser, watcher],
    ] as const)
      await joinBoard(server.url, p, s, altenaBoard.id);
    const flood = Array.from({ length: 400 }, () => send(flooder, "board:update", { boardId: altenaBoard.id, elements: [rectangle()] }));
    const honest = rectangle();
    const honestAck = await send<UpdateAck>(other, "board:update", { boardId: altenaBoard.id, elements: [honest] });
    expect(honestAck.ok).toBe(true);
    const results = await Promise.all(flood);
    const limited = results.filter((r) => !r.ok && r.error.code === "rate_limited").length;
    expect(limited).toBeGreaterThan(100);
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(50);
    await waitFor(() => watcher.deltas.some((d) => d.elements.some((e) => e.id === honest.id)), "the honest change at a peer");
    expect(flooder.connected).toBe(true);
  });

  it("hostile text is stored and served as plain text", async () => {
    const a = await socketOf(altena1);
    await joinBoard(server.url, altena1, a, altenaBoard.id);
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>&amp;';
    const text = rectangle({ type: "text", text: hostile, originalText: hostile } as never);
    okData(await send(a, "board:update", { boardId: altenaBoard.id, elements: [text] }));
    const res = await fetchState(server.url, altena1, altenaBoard.id);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const state = (await res.json()) as BoardState;
    expect(state.elements.find((e) => e.id === text.id)!.text).toBe(hostile);
  });

  it("a stale client cannot bring back a deleted element; on equal versions the deletion wins", async () => {
    const [a, stale] = [await socketOf(altena1), await socketOf(altena2)];
    await joinBoard(server.url, altena1, a, altenaBoard.id);
    await joinBoard(server.url, altena2, stale, altenaBoard.id);
    const v1 = rectangle();
    okData(await send(a, "board:update", { boardId: altenaBoard.id, elements: [v1] }));
    const v2 = edited(v1, { x: 10 });
    const v3 = edited(v2, { isDeleted: true });
    okData(await send(a, "board:update", { boardId: altenaBoard.id, elements: [v2] }));
    okData(await send(a, "board:update", { boardId: altenaBoard.id, elements: [v3] }));
    const old = okData(await send<UpdateAck>(stale, "board:update", { boardId: altenaBoard.id, elements: [edited(v1, { x: 99 })] }));
    expect(old).toMatchObject({ accepted: 0, ignored: 1 });
    const tie = okData(
      await send<UpdateAck>(stale, "board:update", { boardId: altenaBoard.id, elements: [{ ...v3, isDeleted: false, versionNonce: 0 }] }),
    );
    expect(tie.accepted).toBe(0);
    const state = (await (await fetchState(server.url, altena1, altenaBoard.id)).json()) as BoardState;
    expect(state.elements.find((e) => e.id === v1.id)).toMatchObject({ isDeleted: true, version: 3 });
  });
});

describe("facilitation", () => {
  it("private mode hides new notes from other participants until the reveal", async () => {
    const [o, a, b] = [await socketOf(organiser), await socketOf(altena1), await socketOf(altena2)];
    await joinBoard(server.url, organiser, o, altenaBoard.id);
    await joinBoard(server.url, altena1, a, altenaBoard.id);
    await joinBoard(server.url, altena2, b, altenaBoard.id);
    okData(await send(o, "board:facilitate", { boardId: altenaBoard.id, action: { type: "private", enabled: true } }));
    const secret = rectangle({ customData: { kind: "sticky" } });
    okData(await send(a, "board:update", { boardId: altenaBoard.id, elements: [secret] }));
    await waitFor(() => o.deltas.some((d) => d.elements.some((e) => e.id === secret.id)), "the note at the facilitator");
    await waitFor(() => a.deltas.some((d) => d.elements.some((e) => e.id === secret.id)), "the note at its author");
    // The other participant's state and deltas do not contain it; nor can they change it.
    const hidden = (await (await fetchState(server.url, altena2, altenaBoard.id)).json()) as BoardState;
    expect(hidden.elements.some((e) => e.id === secret.id)).toBe(false);
    expect(b.deltas.some((d) => d.elements.some((e) => e.id === secret.id))).toBe(false);
    expect(
      okData(await send<UpdateAck>(b, "board:update", { boardId: altenaBoard.id, elements: [edited(secret, { version: 50 })] })).accepted,
    ).toBe(0);

    okData(await send(o, "board:facilitate", { boardId: altenaBoard.id, action: { type: "reveal" } }));
    await waitFor(() => b.deltas.some((d) => d.elements.some((e) => e.id === secret.id)), "the revealed note");
    const revealed = b.deltas.flatMap((d) => d.elements).find((e) => e.id === secret.id)!;
    expect(revealed.customData?.privateTo).toBeUndefined();
    expect(revealed.customData?.authorId).toBe(userId(altena1));
    okData(await send(o, "board:facilitate", { boardId: altenaBoard.id, action: { type: "private", enabled: false } }));
  });

  it("dot voting: a set number of votes per participant, counts for everyone", async () => {
    const [o, a, b] = [await socketOf(organiser), await socketOf(altena1), await socketOf(altena2)];
    await joinBoard(server.url, organiser, o, altenaBoard.id);
    await joinBoard(server.url, altena1, a, altenaBoard.id);
    await joinBoard(server.url, altena2, b, altenaBoard.id);
    const [n1, n2] = [rectangle(), rectangle()];
    okData(await send(a, "board:update", { boardId: altenaBoard.id, elements: [n1, n2] }));
    expect((await send(a, "board:vote", { boardId: altenaBoard.id, elementId: n1.id, add: true })).ok).toBe(false);
    okData(await send(o, "board:facilitate", { boardId: altenaBoard.id, action: { type: "voting", open: true, votesPerParticipant: 2 } }));
    expect(
      okData(await send<{ myVotesLeft: number }>(a, "board:vote", { boardId: altenaBoard.id, elementId: n1.id, add: true })).myVotesLeft,
    ).toBe(1);
    okData(await send(a, "board:vote", { boardId: altenaBoard.id, elementId: n1.id, add: true }));
    const third = await send(a, "board:vote", { boardId: altenaBoard.id, elementId: n2.id, add: true });
    expect(third.ok ? "" : third.error.message).toMatch(/al je 2 stemmen/);
    okData(await send(b, "board:vote", { boardId: altenaBoard.id, elementId: n2.id, add: true }));
    await waitFor(
      () => b.events.some((e) => e.event === "board:votes" && (e.args[0] as { votes: Record<string, number> }).votes[n2.id] === 1),
      "the vote counts",
    );
    const state = (await (await fetchState(server.url, altena2, altenaBoard.id)).json()) as BoardState;
    expect(state.votes[n1.id]).toBe(2);
    expect(state.votes[n2.id]).toBe(1);
    expect(state.meta.voting).toEqual({ open: true, votesPerParticipant: 2 });
  });

  it("timer and follow me reach everyone on the board", async () => {
    const [sp, a] = [await socketOf(speaker), await socketOf(altena1)];
    await joinBoard(server.url, speaker, sp, plenary1.id);
    await joinBoard(server.url, altena1, a, plenary1.id);
    okData(await send(sp, "board:facilitate", { boardId: plenary1.id, action: { type: "timer", seconds: 300, label: "Brainstorm" } }));
    okData(
      await send(sp, "board:facilitate", {
        boardId: plenary1.id,
        action: { type: "follow", viewport: { scrollX: 10, scrollY: 20, zoom: 1 } },
      }),
    );
    await waitFor(
      () => a.events.some((e) => e.event === "board:meta" && (e.args[0] as { meta: { follow: unknown } }).meta.follow !== null),
      "follow",
    );
    const meta = (a.events.filter((e) => e.event === "board:meta").at(-1)!.args[0] as { meta: JoinAck["meta"] }).meta;
    expect(meta.timer?.label).toBe("Brainstorm");
    expect(Date.parse(meta.timer!.endsAt) - Date.now()).toBeGreaterThan(290_000);
    expect(meta.follow).toMatchObject({ userId: userId(speaker), viewport: { scrollX: 10, scrollY: 20, zoom: 1 } });
  });
});

describe("restore", () => {
  it("an organiser restores an earlier snapshot; later elements become tombstones and everyone is told", async () => {
    const board = await createBoardFromTemplate({
      sessionId: plenary1.sessionId,
      trioId: altenaBoard.trioId,
      template: "intervisie",
      createdBy: userId(organiser),
    });
    const [o, a] = [await socketOf(organiser), await socketOf(altena1)];
    const { state: initial } = await joinBoard(server.url, organiser, o, board.id);
    await joinBoard(server.url, altena1, a, board.id);
    const [start] = await listBoardSnapshots(board.id);
    expect(start).toMatchObject({ reason: "start", elementCount: initial.elements.length });
    const later = rectangle();
    const label = initial.elements.find((e) => e.type === "text")!;
    okData(
      await send(a, "board:update", {
        boardId: board.id,
        elements: [later, edited(label, { text: "gewijzigd", originalText: "gewijzigd" })],
      }),
    );

    await restoreBoard(board.id, start.seq);
    await waitFor(() => a.events.some((e) => e.event === "board:restored"), "board:restored");
    const state = (await (await fetchState(server.url, altena1, board.id)).json()) as BoardState;
    expect(state.elements.find((e) => e.id === later.id)?.isDeleted).toBe(true);
    expect(state.elements.find((e) => e.id === label.id)).toMatchObject({ text: label.text, version: 3 });
    // The state before the restore is kept as a restore point too.
    expect((await listBoardSnapshots(board.id)).map((s) => s.reason)).toEqual(["voor herstel", "start"]);
    // The participant's client converges through the delta as well.
    const seen = a.deltas
      .flatMap((d) => d.elements)
      .filter((e: BoardElement) => e.id === later.id)
      .at(-1);
    expect(seen?.isDeleted).toBe(true);
  });

  it("the versions page lists restore points for organisers only and restores after a confirmation", async () => {
    const board = await createBoardFromTemplate({
      sessionId: plenary1.sessionId,
      trioId: null,
      template: "organogram",
      createdBy: userId(organiser),
    });
    const o = await socketOf(organiser);
    await joinBoard(server.url, organiser, o, board.id);
    const extra = rectangle();
    okData(await send(o, "board:update", { boardId: board.id, elements: [extra] }));
    const web = new Client(server.url);
    web.cookies.set("werkplaats_sessie", organiser.cookie.split("=").slice(1).join("="));
    const page = await web.get(`/borden/${board.id}/versies`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Begin van het bord");
    const [start] = await listBoardSnapshots(board.id);
    expect(html).toContain(`?herstel=${start.seq}`);
    expect(await (await web.get(`/borden/${board.id}/versies?herstel=${start.seq}`)).text()).toContain("Ja, zet deze versie terug");

    const unconfirmed = await web.post(`/borden/${board.id}/versies`, { seq: String(start.seq) });
    expect(unconfirmed.status).toBe(400);
    expect(
      (await (await fetchState(server.url, organiser, board.id)).json()).elements.find((e: BoardElement) => e.id === extra.id).isDeleted,
    ).toBe(false);
    const done = await web.post(`/borden/${board.id}/versies`, { seq: String(start.seq), bevestig: "ja" });
    expect(done.status).toBe(302);
    expect(
      (await (await fetchState(server.url, organiser, board.id)).json()).elements.find((e: BoardElement) => e.id === extra.id).isDeleted,
    ).toBe(true);

    for (const [person, status] of [
      [altena1, 404],
      [speaker, 404],
    ] as const) {
      const other = new Client(server.url);
      other.cookies.set("werkplaats_sessie", person.cookie.split("=").slice(1).join("="));
      expect((await other.get(`/borden/${board.id}/versies`)).status).toBe(status);
      expect((await other.post(`/borden/${board.id}/versies`, { seq: String(start.seq), bevestig: "ja" })).status).toBe(status);
    }
  });

  it("compaction writes a snapshot and starts an empty log; reloading gives the same board", async () => {
    const board = await createBoardFromTemplate({
      sessionId: plenary1.sessionId,
      trioId: null,
      template: "lokale-agenda",
      createdBy: userId(organiser),
    });
    const o = await socketOf(organiser);
    await joinBoard(server.url, organiser, o, board.id);
    const first = rectangle();
    okData(await send(o, "board:update", { boardId: board.id, elements: [first] }));
    const room = await getBoardRoom(board);
    await room.store.snapshotNow("test");
    const dir = path.join(server.dataDir, "boards", board.id);
    expect(await readFile(path.join(dir, "log.ndjson"), "utf8")).toBe("");
    const second = rectangle();
    okData(await send(o, "board:update", { boardId: board.id, elements: [second, edited(first, { isDeleted: true })] }));
    expect((await readFile(path.join(dir, "log.ndjson"), "utf8")).trim().split("\n")).toHaveLength(1);

    const reloaded = await BoardStore.open(board);
    expect(reloaded.committedSeq).toBe(room.store.committedSeq);
    const fingerprint = (s: BoardStore) => JSON.stringify([...s.elements.values()].map((e) => [e.id, e.version, e.isDeleted]).sort());
    expect(fingerprint(reloaded)).toBe(fingerprint(room.store));
    expect(reloaded.elements.get(first.id)?.isDeleted).toBe(true);
    await reloaded.close();
  });
});

// Last: these remove people and boards the tests above use.
describe("privacy", () => {
  it("a deleted person's notes lose their name (also in old restore points); an edition's deletion removes its boards from disk", async () => {
    const b = await socketOf(altena2);
    await joinBoard(server.url, altena2, b, altenaBoard.id);
    const note = rectangle({ customData: { kind: "sticky" } });
    okData(await send(b, "board:update", { boardId: altenaBoard.id, elements: [note] }));
    b.close();
    const altena2Id = userId(altena2);
    await carryOutDeletion((await requestDeletion(altena2Id)).id);
    const state = (await (await fetchState(server.url, altena1, altenaBoard.id)).json()) as BoardState;
    const stored = state.elements.find((e) => e.id === note.id)!;
    expect(stored.customData).toMatchObject({ authorId: "verwijderd", authorName: "Verwijderde gebruiker", authorDomain: null });
    const dir = path.join(server.dataDir, "boards", altenaBoard.id);
    const { readdir } = await import("node:fs/promises");
    for (const name of await readdir(dir)) expect(await readFile(path.join(dir, name), "utf8")).not.toContain(altena2Id);

    const board = getBoard(altenaBoard.id)!;
    await deleteEditionPersonalData(board.editionId, new Date(Date.now() + 400 * 24 * 3600 * 1000));
    expect(getBoard(altenaBoard.id)).toBeNull();
    expect(existsSync(dir)).toBe(false);
    expect((await fetchState(server.url, organiser, altenaBoard.id)).status).toBe(404);
  });
});
