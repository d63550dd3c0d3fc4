import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listBoardsOfSession } from "~/features/boards/board.server";
import { listEditions } from "~/features/programme/edition.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { winsOver, type BoardElement, type BoardState, type UpdateAck } from "~/features/boards/board-protocol";
import { startTestServer, type TestServer } from "../setup/test-server";
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

/**
 * Several real socket.io clients make random concurrent changes (creates, edits,
 * deletes) to one board, with disconnects, offline edits and reconnects. In the
 * end every client and the server hold exactly the same elements.
 */

let server: TestServer;

afterAll(async () => {
  await server?.stop();
});

/** A client as a browser runs it: a local copy reconciled with the same rule as the server. */
class SimClient {
  local = new Map<string, BoardElement>();
  offline: BoardElement[] = [];
  socket: BoardSocket | null = null;
  inFlight: Array<Promise<unknown>> = [];

  constructor(
    readonly person: Person,
    readonly boardId: string,
  ) {}

  apply(elements: BoardElement[]): void {
    for (const element of elements) if (winsOver(element, this.local.get(element.id))) this.local.set(element.id, element);
  }

  async connect(): Promise<void> {
    const socket = await connectBoardSocket(server.url, this.person);
    socket.on("board:delta", (delta: { elements: BoardElement[] }) => this.apply(delta.elements));
    const { state } = await joinBoard(server.url, this.person, socket, this.boardId);
    this.apply(state.elements);
    this.socket = socket;
    // Offline edits go out after the resync; the server reconciles them like any other.
    const pending = this.offline.splice(0);
    for (let i = 0; i < pending.length; i += 50) this.push(pending.slice(i, i + 50).map((e) => this.local.get(e.id)!));
  }

  disconnect(): void {
    this.socket?.close();
    this.socket = null;
  }

  private push(elements: BoardElement[]): void {
    if (!this.socket) {
      this.offline.push(...elements);
      return;
    }
    const socket = this.socket;
    this.inFlight.push(
      send<UpdateAck>(socket, "board:update", { boardId: this.boardId, elements }).then(okData, (error: Error) => {
        // Not acknowledged before the connection dropped: send it again after the reconnect.
        if (socket.connected) throw error;
        this.offline.push(...elements);
      }),
    );
  }

  randomChange(): void {
    const existing = [...this.local.values()].filter((e) => !e.isDeleted);
    const roll = randomInt(10);
    let element: BoardElement;
    if (existing.length < 3 || roll < 4) element = rectangle();
    else if (roll < 8) element = edited(existing[randomInt(existing.length)], { x: randomInt(2000), y: randomInt(2000) });
    else element = edited(existing[randomInt(existing.length)], { isDeleted: true });
    this.local.set(element.id, element);
    this.push([element]);
  }
}

const fingerprint = (elements: Iterable<BoardElement>) =>
  JSON.stringify([...elements].map((e) => [e.id, e.version, e.versionNonce, e.isDeleted, e.x, e.y]).sort());

beforeAll(async () => {
  server = await startTestServer();
});

describe("convergence", () => {
  it("random concurrent changes with disconnects and offline edits end identical everywhere", async () => {
    const logins = server.boot.seeded.filter((l) => l.detail?.includes("Altena") || l.role === "organiser");
    const people = await Promise.all(logins.map((l) => login(server.url, l.email, l.password)));
    const sessionId = listSessionsOfEdition(listEditions()[0].id)[0].id;
    const organiser = getUserByEmail(logins.find((l) => l.role === "organiser")!.email)!;
    const board = withBoardRoles(organiser, await listBoardsOfSession(sessionId)).find((b) => b.trioId && b.title.includes("Altena"))!;
    // Two clients (tabs) per person.
    const clients = people.flatMap((p) => [new SimClient(p, board.id), new SimClient(p, board.id)]);
    expect(clients.length).toBe(8);
    await Promise.all(clients.map((c) => c.connect()));

    for (let round = 0; round < 12; round++) {
      // A few clients drop out and keep editing offline.
      const dropping = clients.filter(() => randomInt(4) === 0);
      for (const c of dropping) c.disconnect();
      for (let i = 0; i < 15; i++) {
        for (const c of clients) if (randomInt(2) === 0) c.randomChange();
        await new Promise((r) => setTimeout(r, randomInt(5)));
      }
      // Some edit the same elements at the same moment (same version, different nonce).
      const shared = [...clients[0].local.values()].filter((e) => !e.isDeleted).slice(0, 3);
      for (const c of clients.slice(0, 3)) {
        for (const e of shared) {
          const mine = c.local.get(e.id);
          if (mine && !mine.isDeleted) {
            const next = edited(mine, { x: randomInt(500) });
            c.local.set(next.id, next);
            (c as unknown as { push: (e: BoardElement[]) => void }).push([next]);
          }
        }
      }
      await Promise.all(dropping.map((c) => c.connect()));
    }
    // Changes whose ack was lost with a dropped connection are still pending: send them again.
    for (const c of clients) await Promise.all(c.inFlight);
    for (const c of clients.filter((c) => c.offline.length > 0)) {
      c.disconnect();
      await c.connect();
    }
    for (const c of clients) await Promise.all(c.inFlight);
    expect(clients.every((c) => c.offline.length === 0)).toBe(true);

    const res = await fetchState(server.url, people[0], board.id);
    const serverState = (await res.json()) as BoardState;
    const expected = fingerprint(serverState.elements);
    expect(serverState.elements.length).toBeGreaterThan(50);
    expect(serverState.elements.some((e) => e.isDeleted)).toBe(true);
    // Deltas are asynchronous: wait until every client has caught up, then compare.
    await waitFor(() => clients.every((c) => fingerprint(c.local.values()) === expected), "every client to converge", 15_000).catch(
      () => {},
    );
    for (const c of clients) expect(fingerprint(c.local.values())).toBe(expected);
    for (const c of clients) c.disconnect();
  });
});
