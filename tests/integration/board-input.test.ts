/**
 * What a board accepts (issue 11, point 7; ADR 023), over real socket.io clients
 * against a real server: element types are an allowlist, customData has exactly
 * our keys and no markup, versions are bounded (also ones written to disk before
 * the bound), each board has an element and a byte budget, and socket handshakes
 * are rate-limited per login. Every refusal is an ack with a Dutch message,
 * changes nothing stored, and leaves the other people on the board unaffected.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BoardStore } from "~/data/board-store.server";
import { createBoardFromTemplate, listBoardsOfSession, type ListedBoard } from "~/features/boards/board.server";
import { listEditions } from "~/features/programme/edition.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { listTriosOfEdition } from "~/features/registration/trio.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { BoardLimits, LEGACY_VERSION, type BoardElement, type BoardState, type UpdateAck } from "~/features/boards/board-protocol";
import { getBoardRoom } from "~/features/boards/board-room.server";
import { HANDSHAKE_REFUSED } from "~/realtime/events";
import { HANDSHAKE_BURST } from "~/realtime/handshake-limit.server";
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
  type Ack,
  type BoardSocket,
  type Person,
} from "./board-helpers";

let server: TestServer;
let organiser: Person;
let altena1: Person;
let altena2: Person;
let altenaBoard: ListedBoard;
const sockets: BoardSocket[] = [];

async function socketOf(person: Person): Promise<BoardSocket> {
  const socket = await connectBoardSocket(server.url, person);
  sockets.push(socket);
  return socket;
}

const userId = (person: Person) => getUserByEmail(person.email)!.id;
const refusal = (ack: Ack) => (ack.ok ? { code: "ok", message: "" } : ack.error);
const stateOf = async (person: Person, boardId: string) => (await (await fetchState(server.url, person, boardId)).json()) as BoardState;

/** Two members on the Altena board: `a` sends, `b` watches (and must be unaffected). */
async function pair(boardId = altenaBoard.id) {
  const [a, b] = [await socketOf(altena1), await socketOf(altena2)];
  await joinBoard(server.url, altena1, a, boardId);
  const { state } = await joinBoard(server.url, altena2, b, boardId);
  return { a, b, before: state };
}

/** The refused update stored nothing, and the peer still edits and gets deltas. */
async function expectUnchangedAndPeerUnaffected(boardId: string, before: BoardState, a: BoardSocket, b: BoardSocket) {
  const after = await stateOf(altena1, boardId);
  expect(after.seq).toBe(before.seq);
  expect(after.elements.length).toBe(before.elements.length);
  const fine = rectangle();
  okData(await send(b, "board:update", { boardId, elements: [fine] }));
  await waitFor(() => a.deltas.some((d) => d.elements.some((e) => e.id === fine.id)), "the peer's change at the refused client");
  expect(a.connected && b.connected).toBe(true);
}

beforeAll(async () => {
  server = await startTestServer();
  const altena = server.boot.seeded.filter((l) => l.role === "participant" && l.detail?.includes("Altena"));
  [organiser, altena1, altena2] = await Promise.all(
    [seededLogin(server, "organiser"), altena[0], altena[1]].map((l) => login(server.url, l.email, l.password)),
  );
  const editionId = listEditions()[0].id;
  const session = listSessionsOfEdition(editionId)[0];
  const altenaTrio = listTriosOfEdition(editionId).find((t) => t.municipality === "Altena")!;
  altenaBoard = (await listBoardsOfSession(session.id)).find((b) => b.trioId === altenaTrio.id)!;
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.stop();
});

describe("element types", () => {
  it("iframe, embeddable, image, magicframe and unknown types are refused in the ack, naming the type in Dutch; nothing is stored; a peer is unaffected", async () => {
    const { a, b, before } = await pair();
    for (const type of ["iframe", "embeddable", "image", "magicframe", "selection", "foo"]) {
      const ack = await send(a, "board:update", {
        boardId: altenaBoard.id,
        elements: [rectangle({ type, link: "https://example.org" } as never)],
      });
      expect(refusal(ack)).toEqual({
        code: "invalid_payload",
        message: `Ongeldig bericht: Dit soort onderdeel (${type}) kan niet op een bord.`,
      });
    }
    // A type that is not even a name does not end up in the message.
    const odd = await send(a, "board:update", { boardId: altenaBoard.id, elements: [rectangle({ type: "<img src=x>" } as never)] });
    expect(refusal(odd).message).toBe("Ongeldig bericht: Dit soort onderdeel (onbekend) kan niet op een bord.");
    // One bad element refuses the whole batch: the good one beside it is not stored either.
    const good = rectangle();
    const mixed = await send(a, "board:update", { boardId: altenaBoard.id, elements: [good, rectangle({ type: "iframe" } as never)] });
    expect(refusal(mixed).code).toBe("invalid_payload");
    expect((await stateOf(altena1, altenaBoard.id)).elements.some((e) => e.id === good.id)).toBe(false);
    await expectUnchangedAndPeerUnaffected(altenaBoard.id, before, a, b);
  });

  it("every type the editor offers is accepted", async () => {
    const { a } = await pair();
    const offered = ["rectangle", "diamond", "ellipse", "arrow", "line", "freedraw", "text", "frame"].map((type) =>
      rectangle({
        type,
        points: [
          [0, 0],
          [10, 10],
        ],
      } as never),
    );
    expect(okData(await send<UpdateAck>(a, "board:update", { boardId: altenaBoard.id, elements: offered })).accepted).toBe(offered.length);
  });
});

describe("customData and fields", () => {
  it("customData with unknown keys (generation data) or markup is refused; so are script links and numbers out of bounds", async () => {
    const { a, b, before } = await pair();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        { customData: { kind: "sticky", prompt: "teken een kat", generationData: { model: "x" } } },
        /Onbekend veld in customData \(prompt\)/,
      ],
      [{ customData: { kind: "<b>sticky</b>" } }, /Ongeldige waarde in customData \(kind\)/],
      [{ type: "frame", name: "<script>alert(1)</script>" }, /HTML is hier niet toegestaan/],
      [{ link: "javascript:alert(1)" }, /web- of mailadres/],
      [{ link: "data:text/html,<script>alert(1)</script>" }, /web- of mailadres/],
      [{ x: 1e300 }, /ligt buiten het bord \(x /],
      [{ width: -1e12 }, /ligt buiten het bord \(width /],
      [
        {
          points: [
            [0, 0],
            [1e200, 1],
          ],
        },
        /Punten moeten paren/,
      ],
      [{ seed: 2 ** 60 }, /Ongeldige seed/],
      [{ text: "x".repeat(BoardLimits.MAX_TEXT_LENGTH + 1), type: "text" }, /hoogstens 10\.000 tekens/],
    ];
    for (const [overrides, message] of cases) {
      const ack = await send(a, "board:update", { boardId: altenaBoard.id, elements: [rectangle(overrides as never)] });
      expect(refusal(ack).code, JSON.stringify(overrides).slice(0, 80)).toBe("invalid_payload");
      expect(refusal(ack).message).toMatch(/^Ongeldig bericht: /);
      expect(refusal(ack).message).toMatch(message);
    }
    await expectUnchangedAndPeerUnaffected(altenaBoard.id, before, a, b);
  });

  it("the product's own customData, plain links and text with a < pass; author fields (markup too) are replaced by the server's", async () => {
    const { a } = await pair();
    // Author fields are the server's: a client's markup there is replaced, never stored.
    const note = rectangle({
      customData: { kind: "sticky", authorId: "nep", authorName: '<img src=x onerror="alert(1)">', authorDomain: "wijk", privateTo: null },
      link: "www.werkplaats.nl",
    } as never);
    const text = rectangle({
      type: "text",
      text: "minder dan <5 jaar & meer",
      originalText: "minder dan <5 jaar & meer",
      link: "https://example.org/a?b=1",
    } as never);
    expect(okData(await send<UpdateAck>(a, "board:update", { boardId: altenaBoard.id, elements: [note, text] })).accepted).toBe(2);
    const stored = (await stateOf(altena1, altenaBoard.id)).elements.find((e) => e.id === note.id)!;
    expect(stored.customData).toMatchObject({ kind: "sticky", authorId: userId(altena1), authorName: getUserByEmail(altena1.email)!.name });
  });
});

describe("versions", () => {
  it("a version above the bound, or a jump far above the stored one, is refused; a normal edit then still wins", async () => {
    const { a, b, before } = await pair();
    const huge = await send(a, "board:update", { boardId: altenaBoard.id, elements: [rectangle({ version: Number.MAX_SAFE_INTEGER })] });
    expect(refusal(huge)).toEqual({ code: "invalid_payload", message: "Ongeldig bericht: Dit onderdeel heeft een te hoog versienummer." });
    const fresh = await send(a, "board:update", {
      boardId: altenaBoard.id,
      elements: [rectangle({ version: BoardLimits.MAX_VERSION_STEP + 1 })],
    });
    expect(refusal(fresh).message).toMatch(/springt te ver vooruit/);
    await expectUnchangedAndPeerUnaffected(altenaBoard.id, before, a, b);

    const v1 = rectangle();
    okData(await send(a, "board:update", { boardId: altenaBoard.id, elements: [v1] }));
    const jump = await send(a, "board:update", {
      boardId: altenaBoard.id,
      elements: [{ ...edited(v1), version: 1 + BoardLimits.MAX_VERSION_STEP + 1 }],
    });
    expect(refusal(jump).code).toBe("invalid_payload");
    // The largest allowed jump (a long offline session) passes; the next honest edit (+1) wins over it.
    const far = { ...edited(v1), version: 1 + BoardLimits.MAX_VERSION_STEP, versionNonce: 0 };
    okData(await send(a, "board:update", { boardId: altenaBoard.id, elements: [far] }));
    const deletion = edited(far, { isDeleted: true });
    expect(okData(await send<UpdateAck>(b, "board:update", { boardId: altenaBoard.id, elements: [deletion] })).accepted).toBe(1);
    expect((await stateOf(altena1, altenaBoard.id)).elements.find((e) => e.id === v1.id)).toMatchObject({
      isDeleted: true,
      version: deletion.version,
    });
  });

  it("an element stored with a version near MAX_SAFE_INTEGER by the old path is repaired on load; an honest deletion wins and survives a reload", async () => {
    const organiserId = userId(organiser);
    const board = await createBoardFromTemplate({
      sessionId: altenaBoard.sessionId,
      trioId: altenaBoard.trioId,
      template: "blank",
      createdBy: organiserId,
    });
    // Written as the server did before this fix: straight into the log, before the board is first opened.
    const hostile = rectangle({ version: Number.MAX_SAFE_INTEGER, versionNonce: -(2 ** 31) });
    const embed = rectangle({ type: "iframe", link: "https://evil.example" } as never);
    const generated = rectangle({ customData: { kind: "sticky", authorId: organiserId, generationData: { prompt: "x" } } } as never);
    const dir = path.join(server.dataDir, "boards", board.id);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "log.ndjson"), `${JSON.stringify({ seq: 1, elements: [hostile, embed, generated] })}\n`);

    const [a, b] = [await socketOf(altena1), await socketOf(altena2)];
    const { state } = await joinBoard(server.url, altena1, a, board.id);
    await joinBoard(server.url, altena2, b, board.id);
    const seen = state.elements.find((e) => e.id === hostile.id)!;
    expect(seen).toMatchObject({ version: LEGACY_VERSION, isDeleted: false });
    // The embed is gone for everyone (a tombstone, so an old copy cannot bring it back); generation data is dropped.
    expect(state.elements.find((e) => e.id === embed.id)).toMatchObject({ isDeleted: true, type: "rectangle" });
    expect(state.elements.find((e) => e.id === generated.id)!.customData).toEqual({ kind: "sticky", authorId: organiserId });

    // The honest client deletes what it sees, as Excalidraw does: version + 1, a new nonce.
    const deletion = edited(seen, { isDeleted: true });
    expect(okData(await send<UpdateAck>(a, "board:update", { boardId: board.id, elements: [deletion] })).accepted).toBe(1);
    await waitFor(() => b.deltas.some((d) => d.elements.some((e) => e.id === hostile.id && e.isDeleted)), "the deletion at the peer");

    // Reloading replays the old line (repaired the same way) and then the deletion: it still wins.
    const reloaded = await BoardStore.open(board);
    expect(reloaded.elements.get(hostile.id)).toMatchObject({ isDeleted: true, version: LEGACY_VERSION + 1 });
    await reloaded.close();
    expect((await stateOf(altena1, board.id)).elements.find((e) => e.id === hostile.id)!.isDeleted).toBe(true);
  });
});

describe("budgets", () => {
  it("a board at its byte budget refuses growth in Dutch and changes nothing; edits that do not grow it and deletions still work; a peer is unaffected", async () => {
    const board = await createBoardFromTemplate({
      sessionId: altenaBoard.sessionId,
      trioId: altenaBoard.trioId,
      template: "blank",
      createdBy: userId(organiser),
    });
    const { a, b } = await pair(board.id);
    const existing = rectangle({ type: "text", text: "kort", originalText: "kort" } as never);
    okData(await send(a, "board:update", { boardId: board.id, elements: [existing] }));
    const room = await getBoardRoom(board);
    // Fill the board to within 2 KB of its budget with freehand strokes, stored the normal way.
    const stroke = (i: number, points = 3000) =>
      rectangle({ id: `fill-${i}`, type: "freedraw", points: Array.from({ length: points }, (_, k) => [k, k * 1.5]) } as never);
    const strokes: BoardElement[] = [];
    for (let points = 3000; points >= 1;) {
      const element = stroke(strokes.length, points);
      if (room.store.bytes + Buffer.byteLength(JSON.stringify(element)) > BoardLimits.MAX_BOARD_BYTES - 1000) {
        points = Math.floor(points / 2);
        continue;
      }
      room.store.apply(element);
      strokes.push(element);
    }
    await room.store.commit({ elements: strokes });
    expect(BoardLimits.MAX_BOARD_BYTES - room.store.bytes).toBeLessThan(2000);
    // (The board's state is 16 MB: compared in the store rather than fetched.)
    const before = { seq: room.store.committedSeq, bytes: room.store.bytes, count: room.store.elements.size };

    const tooMuch = await send(a, "board:update", { boardId: board.id, elements: [stroke(999_999, 1000), stroke(999_998, 1000)] });
    expect(refusal(tooMuch).code).toBe("too_large");
    expect(refusal(tooMuch).message).toMatch(/^Dit bord is vol: er past niet meer dan 16 MB .* Er is niets opgeslagen\.$/);
    const growing = await send(a, "board:update", {
      boardId: board.id,
      elements: [edited(existing, { text: "x".repeat(9000), originalText: "x".repeat(9000) })],
    });
    expect(refusal(growing).code).toBe("too_large");
    await room.store.flushed();
    expect({ seq: room.store.committedSeq, bytes: room.store.bytes, count: room.store.elements.size }).toEqual(before);
    expect(room.store.elements.get(existing.id)).toMatchObject({ text: "kort", version: 1 });

    // Others edit existing elements without growing the board, and anyone may delete.
    okData(await send(b, "board:update", { boardId: board.id, elements: [edited(existing, { x: 42 })] }));
    const moved = edited(strokes[0], { x: 7 });
    okData(await send(b, "board:update", { boardId: board.id, elements: [moved] }));
    okData(await send(a, "board:update", { boardId: board.id, elements: [edited(moved, { isDeleted: true })] }));
    await waitFor(() => a.deltas.some((d) => d.elements.some((e) => e.id === existing.id && e.x === 42)), "the peer's edit");
    await waitFor(() => b.deltas.some((d) => d.elements.some((e) => e.id === strokes[0].id && e.isDeleted)), "the deletion at the peer");
    expect(room.store.elements.get(strokes[0].id)!.isDeleted).toBe(true);
  }, 60_000);

  it("a board at its element budget refuses new elements in Dutch and changes nothing; existing ones can still be edited and deleted", async () => {
    const board = await createBoardFromTemplate({
      sessionId: altenaBoard.sessionId,
      trioId: altenaBoard.trioId,
      template: "blank",
      createdBy: userId(organiser),
    });
    const { a, b } = await pair(board.id);
    const room = await getBoardRoom(board);
    const small = Array.from({ length: BoardLimits.MAX_ELEMENTS_PER_BOARD }, (_, i) => rectangle({ id: `n-${board.id}-${i}` }));
    for (const element of small) room.store.apply(element);
    await room.store.commit({ elements: small });
    const before = await stateOf(altena1, board.id);

    const refused = await send(a, "board:update", { boardId: board.id, elements: [edited(small[0], { x: 1 }), rectangle()] });
    expect(refusal(refused).code).toBe("too_large");
    expect(refusal(refused).message).toMatch(
      /^Dit bord is vol: er passen 20\.000 onderdelen op \(verwijderde tellen mee\)\..*Er is niets opgeslagen\.$/,
    );
    const after = await stateOf(altena1, board.id);
    expect(after.seq).toBe(before.seq);
    expect(after.elements.length).toBe(BoardLimits.MAX_ELEMENTS_PER_BOARD);
    expect(after.elements.find((e) => e.id === small[0].id)!.version).toBe(1);

    okData(await send(b, "board:update", { boardId: board.id, elements: [edited(small[0], { x: 1 })] }));
    okData(await send(a, "board:update", { boardId: board.id, elements: [edited(small[1], { isDeleted: true })] }));
  });
});

describe("socket handshakes", () => {
  function connect(person: Person): Promise<{ ok: true; close: () => void } | { ok: false; message: string }> {
    const socket = io(server.url, {
      transports: ["websocket"],
      extraHeaders: { cookie: person.cookie, origin: server.url },
      forceNew: true,
      reconnection: false,
    });
    return new Promise((resolve) => {
      socket.once("session:ready", () => resolve({ ok: true, close: () => socket.close() }));
      socket.once("connect_error", (error) => {
        socket.close();
        resolve({ ok: false, message: error.message });
      });
    });
  }

  it("a reconnect flood from one login is refused after its budget while another login still connects and an open socket keeps working", async () => {
    const flooder = await login(server.url, altena1.email, server.boot.seeded.find((l) => l.email === altena1.email)!.password);
    const working = await socketOf(flooder);
    await joinBoard(server.url, flooder, working, altenaBoard.id);
    // Several tabs at once are fine.
    const tabs = await Promise.all(Array.from({ length: 10 }, () => connect(flooder)));
    expect(tabs.every((t) => t.ok)).toBe(true);
    for (const t of tabs) if (t.ok) t.close();

    const results: Array<{ ok: boolean; message?: string }> = [];
    for (let i = 0; i < HANDSHAKE_BURST + 10; i++) {
      const result = await connect(flooder);
      if (result.ok) result.close();
      results.push(result);
    }
    const refused = results.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused.every((r) => r.message === HANDSHAKE_REFUSED)).toBe(true);
    expect(results.at(-1)!.ok).toBe(false);

    // Another login connects.
    const other = await connect(altena2);
    expect(other.ok).toBe(true);
    if (other.ok) other.close();
    // The socket that was already open is not touched.
    expect(okData(await send<UpdateAck>(working, "board:update", { boardId: altenaBoard.id, elements: [rectangle()] })).accepted).toBe(1);
    // After a pause the login connects again.
    await new Promise((r) => setTimeout(r, 1100));
    const later = await connect(flooder);
    expect(later.ok).toBe(true);
    if (later.ok) later.close();
  });
});
