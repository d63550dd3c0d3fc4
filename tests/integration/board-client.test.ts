/**
 * The browser's board client (BoardPortal: replica, batching, offline queue)
 * against the real server, with real socket.io clients in Node: random
 * concurrent changes from three portals, one of them cut off and editing
 * offline, end with the same board everywhere, equal to the server's state; a
 * refused change (locked board) brings the client back to the server's version.
 */
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listBoardsOfSession } from "~/features/boards/board.server";
import { getDb } from "~/data/db.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { newStickyNote, deletionOf, withText } from "~/features/boards/board-elements";
import { BoardPortal, type ConnectionStatus, type PortalListener } from "~/features/boards/board-client";
import type { BoardElement, BoardState } from "~/features/boards/board-protocol";
import { bumpElement } from "~/features/boards/board-sync";
import { fetchState, login, waitFor, type Person } from "./board-helpers";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { withBoardRoles } from "~/access/policy.server";

let server: TestServer;
let boardId: string;
const portals: BoardPortal[] = [];

type Watched = {
  portal: BoardPortal;
  person: Person;
  status: ConnectionStatus;
  problems: string[];
  author: { id: string; name: string; domain: null };
};

function open(person: Person, email: string): Watched {
  const user = getUserByEmail(email)!;
  const watched = {
    person,
    status: "connecting" as ConnectionStatus,
    problems: [] as string[],
    author: { id: user.id, name: user.name, domain: null },
  } as Watched;
  const listener: PortalListener = {
    elements: () => {},
    status: (s) => (watched.status = s),
    joined: () => {},
    meta: () => {},
    votes: () => {},
    peer: () => {},
    peerLeft: () => {},
    problem: (m) => watched.problems.push(m),
    unsaved: () => {},
    changedLocally: () => {},
  };
  watched.portal = new BoardPortal(boardId, listener, {
    url: server.url,
    socket: {
      transports: ["websocket"],
      extraHeaders: { cookie: person.cookie, origin: server.url },
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    },
    fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie: person.cookie } }),
  });
  portals.push(watched.portal);
  watched.portal.start();
  return watched;
}

const fingerprint = (elements: readonly BoardElement[]) =>
  elements
    .map((e) => `${e.id}@${e.version}:${e.versionNonce}:${e.isDeleted}`)
    .sort()
    .join("\n");

/** One random local change: a new note, an edit of a live text, or a deletion. */
function randomChange(client: Watched): void {
  const { portal } = client;
  const live = portal.elements().filter((e) => !e.isDeleted);
  const texts = live.filter((e) => e.type === "text");
  const roll = randomInt(10);
  if (roll < 4 || texts.length === 0) {
    portal.change(newStickyNote({ x: randomInt(2000), y: randomInt(2000), text: `notitie ${randomInt(1e6)}`, author: client.author }));
  } else if (roll < 8) {
    portal.change([withText(texts[randomInt(texts.length)], `gewijzigd ${randomInt(1e6)}`)]);
  } else {
    const target = live[randomInt(live.length)];
    portal.change(deletionOf(target, portal.elements()));
  }
}

beforeAll(async () => {
  server = await startTestServer();
  const trio = getDb().data.trios.find((t) => t.municipality === "Altena")!;
  const organiser = getUserByEmail(seededLogin(server, "organiser").email)!;
  const sessionId = listSessionsOfEdition(trio.editionId)[1].id;
  boardId = withBoardRoles(organiser, await listBoardsOfSession(sessionId)).find((b) => b.trioId === trio.id)!.id;
});

afterAll(async () => {
  for (const portal of portals) portal.stop();
  await server?.stop();
});

describe("the browser's board client against the real server", () => {
  it("converges with concurrent random changes and offline edits, and loses nothing acknowledged", async () => {
    const altena = server.boot.seeded.filter((l) => l.role === "participant" && l.detail === "trio Altena");
    const organiser = seededLogin(server, "organiser");
    const people = [
      [await login(server.url, altena[0].email, altena[0].password), altena[0].email],
      [await login(server.url, altena[1].email, altena[1].password), altena[1].email],
      [await login(server.url, organiser.email, organiser.password), organiser.email],
    ] as const;
    const clients = people.map(([person, email]) => open(person, email));
    await waitFor(() => clients.every((c) => c.status === "connected"), "all portals connected");

    const offline = clients[1];
    for (let round = 0; round < 60; round++) {
      for (const client of clients) randomChange(client);
      if (round === 20) offline.portal.connection!.io.engine.close(); // the network drops: socket.io reconnects by itself
      await new Promise((resolve) => setTimeout(resolve, randomInt(5, 25)));
    }
    // A stale client: an old version of an element the others moved on from must not win.
    const someone = clients[0].portal.elements().find((e) => e.version > 2);
    if (someone) clients[2].portal.change([{ ...someone, version: 1, versionNonce: 0 }]);

    await waitFor(
      () => clients.every((c) => c.status === "connected" && c.portal.replica.unacknowledged() === 0),
      "everything acknowledged",
      20_000,
    );
    const res = await fetchState(server.url, people[0][0], boardId);
    const state = (await res.json()) as BoardState;
    await waitFor(
      () => clients.every((c) => fingerprint(c.portal.elements()) === fingerprint(state.elements)),
      "every replica equal to the server's state",
      10_000,
    );
    expect(state.elements.length).toBeGreaterThan(50);
    expect(clients.flatMap((c) => c.problems)).toEqual([]);
  }, 60_000);

  it("returns to the server's version when a change is refused (locked board)", async () => {
    const altena = server.boot.seeded.filter((l) => l.role === "participant" && l.detail === "trio Altena");
    const organiser = seededLogin(server, "organiser");
    const member = open(await login(server.url, altena[0].email, altena[0].password), altena[0].email);
    const lead = open(await login(server.url, organiser.email, organiser.password), organiser.email);
    await waitFor(() => member.status === "connected" && lead.status === "connected", "both connected");
    const target = member.portal.elements().find((e) => !e.isDeleted && e.type === "text")!;
    const locked = await lead.portal.facilitate({ type: "lock", locked: true });
    expect(locked.ok).toBe(true);
    await waitFor(() => member.portal.meta?.locked === true, "the member sees the lock");

    member.portal.change([bumpElement(target, { text: "mag niet", originalText: "mag niet" } as Partial<BoardElement>)]);
    await waitFor(() => member.problems.length > 0, "a refusal");
    expect(member.problems[0]).toContain("vergrendeld");
    await waitFor(
      () => member.portal.replica.get(target.id)?.version === target.version && member.portal.replica.unacknowledged() === 0,
      "back to the server's version",
    );
    expect(member.portal.replica.get(target.id)?.originalText).toBe(target.originalText);
    expect((await lead.portal.facilitate({ type: "lock", locked: false })).ok).toBe(true);
  }, 30_000);
});
