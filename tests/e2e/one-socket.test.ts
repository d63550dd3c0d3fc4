/**
 * One socket per tab (issue 12): the header's unread counter, a board and the desk
 * share the tab's one socket.io connection. A member opens the board page and the
 * desk page in a real Chromium; on each at most one websocket is open at a time (counted
 * in the browser and on the server) while the counter, the board and the desk all
 * still update live. A tab whose contract version is older than the server's is
 * told to reload.
 */
import type { Browser, Page, WebSocket } from "playwright-core";
import { describe, expect, it } from "vitest";
import { withBoardRoles } from "~/access/policy.server";
import { getDb } from "~/data/db.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { BoardPortal, type PortalListener } from "~/features/boards/board-client";
import { listBoardsOfSession } from "~/features/boards/board.server";
import { newStickyNote } from "~/features/boards/board-elements";
import { broadcastMoves, broadcastRunState } from "~/features/exercises/desk-broadcast.server";
import { moveSliders, openDeskRun } from "~/features/exercises/desk.server";
import { notifyUsers } from "~/features/notifications/notification.server";
import { REALTIME_PROTOCOL_VERSION, ServerEvent } from "~/realtime/events";
import { getIo } from "~/realtime/io.server";
import type { TestServer } from "../setup/test-server";
import { login } from "../integration/board-helpers";
import { checkPage, loginThroughForm, openPage, visit, withServerAndBrowser } from "./helpers";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

/** socket.io websockets the page opens, and how many of them are still open. */
function trackSockets(page: Page) {
  const opened: WebSocket[] = [];
  const closed = new Set<WebSocket>();
  let mostAtOnce = 0;
  const open = () => opened.filter((s) => !closed.has(s)).length;
  page.on("websocket", (socket) => {
    if (!socket.url().includes("/socket.io/")) return;
    opened.push(socket);
    mostAtOnce = Math.max(mostAtOnce, open());
    socket.on("close", () => closed.add(socket));
  });
  return {
    /** Forget what earlier documents of this tab opened. */
    reset: () => {
      opened.splice(0);
      mostAtOnce = 0;
    },
    /**
     * The most websockets this document had open at the same time. A reconnect
     * after a dropped connection (a busy machine) opens another one, but never
     * while the first is still open: that is the property, one socket per tab.
     */
    mostAtOnce: () => mostAtOnce,
    open,
  };
}

/** The server's open sockets of one user (this user has this one tab only). */
const serverSocketsOf = (userId: string) => [...getIo()!.of("/").sockets.values()].filter((s) => s.data.userId === userId).length;

const quietListener: PortalListener = {
  elements: () => {},
  status: () => {},
  joined: () => {},
  meta: () => {},
  votes: () => {},
  peer: () => {},
  peerLeft: () => {},
  problem: () => {},
  unsaved: () => {},
  changedLocally: () => {},
};

describe("one socket per tab", () => {
  it("the board and the desk page each open one socket, and the counter, board and desk stay live", async () => {
    const trio = getDb().data.trios.find((t) => t.municipality === "Altena")!;
    const [first, second] = server.boot.seeded.filter((l) => l.role === "participant" && l.detail === "trio Altena");
    const organiser = getUserByEmail(server.boot.seeded.find((l) => l.role === "organiser")!.email)!;
    const member = getUserByEmail(first.email)!;
    const mate = getUserByEmail(second.email)!;
    const session = getDb()
      .data.sessions.filter((s) => s.editionId === trio.editionId)
      .sort((a, b) => a.number - b.number)[0];
    const boardId = withBoardRoles(organiser, await listBoardsOfSession(session.id)).find((b) => b.trioId === trio.id)!.id;

    const tab = await openPage(browser);
    const sockets = trackSockets(tab.page);
    // The trio-mate draws from Node with its own socket (the constructor path for tools and tests).
    const matePerson = await login(server.url, second.email, second.password);
    const matePortal = new BoardPortal(boardId, quietListener, {
      url: server.url,
      socket: { transports: ["websocket"], extraHeaders: { cookie: matePerson.cookie, origin: server.url }, forceNew: true },
      fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie: matePerson.cookie } }),
    });
    try {
      await loginThroughForm(tab.page, server.url, first.email, first.password);

      // The board page: one socket for the counter and the board together. First wait
      // for the start page's own socket, so a late one of that document is not
      // counted as the board page's.
      await expect.poll(() => sockets.open(), { timeout: 15_000 }).toBe(1);
      sockets.reset();
      await tab.page.goto(`${server.url}/borden/${boardId}`);
      await expect.poll(() => tab.page.locator(".board-status").innerText(), { timeout: 15_000 }).toBe("Verbonden");
      await checkPage(tab.page, tab.problems, "/borden/:id");
      await expect.poll(() => serverSocketsOf(member.id)).toBe(1);
      expect(sockets.mostAtOnce()).toBe(1);
      expect(sockets.open()).toBe(1);

      // Board, browser → others: a note added in the outline reaches the mate's portal.
      matePortal.start();
      await expect.poll(() => serverSocketsOf(mate.id)).toBe(1);
      await tab.page.getByLabel("Inhoud", { exact: true }).fill("Een bankje bij de school");
      await tab.page.getByRole("button", { name: "Toevoegen" }).click();
      // Text is wrapped to the note's width: compare without the line breaks.
      const mateTexts = () => matePortal.elements().map((e) => String((e as { text?: string }).text ?? "").replace(/\s+/g, " "));
      await expect.poll(mateTexts, { timeout: 10_000 }).toContain("Een bankje bij de school");
      // Board, others → browser: the mate's note shows up in the tab's outline.
      matePortal.change(newStickyNote({ x: 400, y: 400, text: "Een speeltuin", author: { id: mate.id, name: mate.name, domain: null } }));
      await expect.poll(() => tab.page.locator(".board-outline__text").allInnerTexts(), { timeout: 10_000 }).toContain("Een speeltuin");

      // The counter, on the same socket.
      await notifyUsers([member.id], { kind: "material", title: "Nieuw materiaal", href: "/" });
      await expect.poll(() => tab.page.getByRole("link", { name: "Meldingen: 1 ongelezen melding" }).count(), { timeout: 10_000 }).toBe(1);
      expect(sockets.mostAtOnce()).toBe(1);

      // The desk page: again one socket (the board page's went with its document).
      await expect.poll(() => sockets.open(), { timeout: 15_000 }).toBe(1);
      sockets.reset();
      await visit(tab.page, server.url, `/sessies/${session.id}/schuifoefening`, tab.problems);
      expect(await tab.page.getByText("nog niet geopend").count()).toBe(1);
      const run = await openDeskRun(session, organiser.id);
      broadcastRunState(run);
      await expect.poll(() => tab.page.getByText("Live: je trio-genoten").count(), { timeout: 10_000 }).toBe(1);
      const applied = await moveSliders(run.id, trio.id, mate.id, [{ category: "bestuurEnPolitiek", value: 80 }]);
      broadcastMoves(run, trio.id, mate.name, applied);
      const fader = tab.page.getByRole("slider", { name: "Bestuur en politiek" });
      await expect.poll(() => fader.inputValue(), { timeout: 10_000 }).toBe("80");
      await notifyUsers([member.id], { kind: "material", title: "Nog meer materiaal", href: "/" });
      await expect
        .poll(() => tab.page.getByRole("link", { name: "Meldingen: 2 ongelezen meldingen" }).count(), { timeout: 10_000 })
        .toBe(1);
      await checkPage(tab.page, tab.problems, "desk (live)");
      expect(sockets.mostAtOnce()).toBe(1);
      expect(sockets.open()).toBe(1);
      expect(serverSocketsOf(member.id)).toBe(1);

      // After a deploy that changed the contract, the server's session:ready says another version:
      // the old tab stops talking and asks to be reloaded.
      getIo()!
        .to(`user:${member.id}`)
        .emit(ServerEvent.ready, { userId: member.id, protocol: REALTIME_PROTOCOL_VERSION + 1 });
      const notice = tab.page.getByRole("alert").filter({ hasText: "Er is een nieuwe versie van Werkplaats. Laad de pagina opnieuw." });
      await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => serverSocketsOf(member.id)).toBe(0);
      await checkPage(tab.page, tab.problems, "desk (outdated tab)");
    } finally {
      matePortal.stop();
      await tab.context.close();
    }
  });
});
