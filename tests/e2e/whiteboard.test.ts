/**
 * Whiteboards in a real browser: two members of one trio (two browser contexts)
 * edit the same board and see each other's changes, through the canvas and the
 * outline; an organiser locks the board and a participant can no longer edit;
 * axe scans of the board page and its outline; every request the page makes is
 * to our own origin (the editor's fonts and code included).
 */
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { listBoardsOfSession, listBoardsOfTrio } from "~/features/boards/board.server";
import { getDb } from "~/data/db.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { expectNoAxeViolations } from "../setup/browser";
import type { TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, withServerAndBrowser } from "./helpers";
import { withBoardRoles } from "~/access/policy.server";

let server: TestServer;
let browser: Browser;
let trioBoardId: string;
let plenaryBoardId: string;
let sessionId: string;
let editionId: string;

withServerAndBrowser((started, launched) => {
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
  const boards = withBoardRoles(user, await listBoardsOfSession(sessionId));
  trioBoardId = boards.find((b) => b.trioId === trio.id)!.id;
  plenaryBoardId = boards.find((b) => b.scope === "plenary")!.id;
  expect(withBoardRoles(user, await listBoardsOfTrio(trio.id)).some((b) => b.id === trioBoardId)).toBe(true);
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
  // The editor speaks Dutch (its Dutch translation is below Excalidraw's own threshold; we list it).
  // (Its library button shows only its icon in a canvas this narrow; its name stays "Bibliotheek".)
  await expect.poll(() => page.locator(".excalidraw").first().innerText(), { timeout: 15_000 }).toContain("Vormen");
  expect(await page.locator('.excalidraw [aria-label="Bibliotheek"]').count()).toBeGreaterThan(0);
}

const domainOf = (email: string) => {
  const user = getUserByEmail(email)!;
  const domain = getDb().data.memberships.find((m) => m.userId === user.id)!.domain;
  return { wijk: "wijk", fysiek: "fysiek domein", sociaal: "sociaal domein" }[domain];
};
const outlineTexts = (page: Page) => page.locator(".board-outline__text").allInnerTexts();

/** Two or three browser contexts with the editor each: more than the default 30 s on a busy machine. */
const BROWSER_TEST_MS = 120_000;

describe("whiteboard", () => {
  it(
    "two members of a trio see each other's notes, from the outline and from the canvas",
    async () => {
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
        await expect
          .poll(() => one.page.locator(".board-outline__meta").allInnerTexts())
          .toContain(`Plaknotitie van ${second.name} (${domainOf(second.email)})`);

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

        // Export: an SVG with the note's text (as text, escaped) and a real PNG.
        const svgDownload = one.page.waitForEvent("download");
        await one.page.getByRole("button", { name: "Download als SVG" }).click();
        const svg = await readFile((await (await svgDownload).path())!, "utf8");
        expect(svg.startsWith("<svg")).toBe(true);
        expect(svg).toContain("Bankjes bij de");
        const pngDownload = one.page.waitForEvent("download");
        await one.page.getByRole("button", { name: "Download als PNG" }).click();
        const png = await readFile((await (await pngDownload).path())!);
        expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);

        // Only tools whose elements the server accepts (ADR 023): no image tool, and the web-embed item of
        // "more tools" is hidden while frames stay.
        expect(await one.page.locator('[data-testid="toolbar-image"]').count()).toBe(0);
        await one.page.locator(".App-toolbar__extra-tools-trigger").click();
        await expect.poll(() => one.page.locator('[data-testid="toolbar-frame"]').isVisible(), { timeout: 5_000 }).toBe(true);
        expect(await one.page.locator('.App-toolbar__extra-tools-dropdown [data-testid="toolbar-embeddable"]').first().isVisible()).toBe(
          false,
        );
        await one.page.locator(".App-toolbar__extra-tools-trigger").click();

        // Offline: edits are kept, the status says so, and they arrive after reconnecting.
        await one.context.setOffline(true);
        await expect.poll(() => one.page.locator(".board-status").innerText(), { timeout: 60_000 }).toMatch(/Offline|Opnieuw verbinden/);
        await one.page.getByLabel("Inhoud", { exact: true }).fill("Geschreven zonder verbinding");
        await one.page.getByRole("button", { name: "Toevoegen" }).click();
        await one.context.setOffline(false);
        await expect.poll(() => one.page.locator(".board-status").innerText(), { timeout: 30_000 }).toBe("Verbonden");
        await expect.poll(() => outlineTexts(two.page), { timeout: 10_000 }).toContain("Geschreven zonder verbinding");
        // The disconnect logged the socket's failed requests; they are the point of this step.
        one.problems.splice(0, one.problems.length, ...one.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|socket\.io/.test(p)));

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
    },
    BROWSER_TEST_MS,
  );

  it(
    "an organiser locks the board, runs a timer and a vote; the participant follows along read-only",
    async () => {
      const lead = await openPage(browser, { width: 1400, height: 900 });
      const member = await openPage(browser, { width: 1400, height: 900 });
      try {
        const [first] = altena();
        await loginThroughForm(lead.page, server.url, organiser().email, organiser().password);
        await loginThroughForm(member.page, server.url, first.email, first.password);
        await openBoard(lead.page, trioBoardId);
        await openBoard(member.page, trioBoardId);
        await checkPage(lead.page, lead.problems, "/borden/:id (organiser)");

        // Dot voting: two votes each; the participant votes in the outline, the organiser sees the count.
        await lead.page.getByLabel("Stemmen per deelnemer").fill("2");
        await lead.page.getByRole("button", { name: "Stemronde openen" }).click();
        await expect.poll(() => member.page.locator(".board-bar").innerText()).toContain("2 stemmen per deelnemer");
        const note = member.page.locator(".board-outline__item").filter({ hasText: "Bankjes bij de school" });
        await note.getByRole("button", { name: /^Stem op/ }).click();
        await expect.poll(() => member.page.locator(".board-bar").innerText()).toContain("je hebt nog 1 stem");
        await expect.poll(() => lead.page.locator(".board-results").innerText()).toContain("Bankjes bij de school — 1 stem");
        await checkPage(member.page, member.problems, "/borden/:id (voting)");

        // Follow me: the participant is told and can stop following.
        await lead.page.getByRole("button", { name: "Volg mij" }).click();
        await expect.poll(() => member.page.locator(".board-follow").innerText()).toContain("Je volgt het beeld van");
        await member.page.getByRole("button", { name: "Stop met volgen" }).click();
        await expect.poll(() => member.page.locator(".board-follow").innerText()).toContain("vraagt iedereen het beeld te volgen");
        await lead.page.getByRole("button", { name: "Stop ‘volg mij’" }).click();
        await expect.poll(() => member.page.locator(".board-follow").count()).toBe(0);

        // A timer everyone sees.
        await lead.page.getByLabel("Minuten").selectOption("5");
        await lead.page.getByLabel("Waarvoor (niet verplicht)").fill("Brainstorm");
        await lead.page.getByRole("button", { name: "Timer starten" }).click();
        await expect.poll(() => member.page.locator(".board-timer").innerText()).toMatch(/Brainstorm\s+[45]:\d\d/);

        // Lock: the participant can read but not change, in the outline and on the canvas.
        expect(await member.page.getByRole("button", { name: "Plaknotitie", exact: true }).count()).toBe(1);
        await lead.page.getByRole("button", { name: "Bord vergrendelen" }).click();
        await expect.poll(() => member.page.getByRole("button", { name: "Plaknotitie", exact: true }).count()).toBe(0);
        await expect.poll(() => member.page.locator(".board-outline").innerText()).toContain("Dit bord is vergrendeld");
        expect(await member.page.getByRole("button", { name: "Toevoegen" }).count()).toBe(0);
        expect(
          await member.page
            .locator(".board-outline")
            .getByRole("button", { name: /^Bewerken/ })
            .count(),
        ).toBe(0);
        await expect.poll(() => member.page.locator(".excalidraw.excalidraw--view-mode").count()).toBe(1);
        await checkPage(member.page, member.problems, "/borden/:id (locked)");
        // The organiser still edits.
        expect(await lead.page.getByRole("button", { name: "Plaknotitie", exact: true }).count()).toBe(1);

        await lead.page.getByRole("button", { name: "Bord ontgrendelen" }).click();
        await expect.poll(() => member.page.getByRole("button", { name: "Plaknotitie", exact: true }).count()).toBe(1);
        // Private mode: the participant is told their new notes stay hidden until the reveal; facilitators see them.
        await lead.page.getByRole("button", { name: "Privémodus aanzetten" }).click();
        await expect.poll(() => member.page.locator(".board-bar").innerText()).toContain("Privémodus: je notities zijn verborgen");
        await member.page.getByLabel("Inhoud", { exact: true }).fill("Geheim idee");
        await member.page.getByRole("button", { name: "Toevoegen" }).click();
        await expect.poll(() => outlineTexts(lead.page), { timeout: 10_000 }).toContain("Geheim idee");
        await lead.page.getByRole("button", { name: "Notities onthullen" }).click();
        await lead.page.getByRole("button", { name: "Privémodus uitzetten" }).click();
        await expect.poll(() => member.page.locator(".board-bar").innerText()).not.toContain("Privémodus");

        await lead.page.getByRole("button", { name: "Timer stoppen" }).click();
        await expect.poll(() => member.page.locator(".board-timer").count()).toBe(0);
        expect(lead.problems).toEqual([]);
        expect(member.problems).toEqual([]);
      } finally {
        await lead.context.close();
        await member.context.close();
      }
    },
    BROWSER_TEST_MS,
  );

  it(
    "boards are listed on the session page and the dossier; another trio cannot open them; organisers add boards and see the gallery",
    async () => {
      const { context, page, problems } = await openPage(browser, { width: 360, height: 800 });
      try {
        const [first] = altena();
        await loginThroughForm(page, server.url, first.email, first.password);
        await page.goto(`${server.url}/sessies/${sessionId}`);
        await checkPage(page, problems, "/sessies/:id (boards)");
        await page
          .locator("section", { has: page.getByRole("heading", { name: "Borden" }) })
          .getByRole("link", { name: /Triobord Altena/ })
          .click();
        await page.waitForURL(`${server.url}/borden/${trioBoardId}`);
        await expect.poll(() => page.locator(".board-status").innerText(), { timeout: 15_000 }).toBe("Verbonden");
        await page.locator(".excalidraw").first().waitFor({ timeout: 20_000 });
        // Narrow screen: the outline is reachable with the skip link and passes axe on its own.
        await page.keyboard.press("Tab");
        await page.keyboard.press("Tab");
        await checkPage(page, problems, "/borden/:id (360 px)");
        await page.goto(`${server.url}/trios/${getDb().data.trios.find((t) => t.municipality === "Altena")!.id}`);
        await checkPage(page, problems, "/trios/:id (boards)");
        expect(
          await page
            .locator("section", { has: page.getByRole("heading", { name: "Borden" }) })
            .getByRole("link")
            .count(),
        ).toBeGreaterThan(0);
      } finally {
        await context.close();
      }

      const other = await openPage(browser);
      try {
        const schiedam = server.boot.seeded.find((l) => l.role === "participant" && l.detail?.includes("Schiedam"))!;
        await loginThroughForm(other.page, server.url, schiedam.email, schiedam.password);
        const response = await other.page.goto(`${server.url}/borden/${trioBoardId}`);
        expect(response?.status()).toBe(404);
        await checkPage(other.page, other.problems, "/borden/:id (other trio)", 404);
        // The plenary board of the same session is open to every participant of the edition.
        await openBoard(other.page, plenaryBoardId);
        expect(other.problems).toEqual([]);
      } finally {
        await other.context.close();
      }

      const admin = await openPage(browser);
      try {
        await loginThroughForm(admin.page, server.url, organiser().email, organiser().password);
        await admin.page.goto(`${server.url}/beheer/edities/${editionId}/sessies/${sessionId}/borden`);
        await checkPage(admin.page, admin.problems, "/beheer/…/borden");
        // The Altena board has notes from the first test: its preview is an image.
        await expect.poll(() => admin.page.getByRole("img", { name: /Voorbeeld van Triobord Altena/ }).count()).toBe(1);
        await admin.page.getByLabel("Sjabloon").selectOption("kennisuitwisseling");
        await admin.page.getByLabel("Voor wie (niet verplicht)").selectOption({ label: "Trio Altena" });
        await admin.page.getByRole("button", { name: "Bord toevoegen" }).click();
        await expect.poll(() => admin.page.getByRole("status").innerText()).toContain("Kennisuitwisseling – Altena");
        await checkPage(admin.page, admin.problems, "/beheer/…/borden (added)");
        // The new board opens with the template's frames as groups in the outline.
        await admin.page.getByRole("link", { name: "Kennisuitwisseling – Altena" }).first().click();
        await expect.poll(() => admin.page.locator(".board-status").innerText(), { timeout: 15_000 }).toBe("Verbonden");
        await expect.poll(() => admin.page.locator(".board-outline h3").count()).toBeGreaterThan(1);
        expect(admin.problems).toEqual([]);
      } finally {
        await admin.context.close();
      }
    },
    BROWSER_TEST_MS,
  );
});
