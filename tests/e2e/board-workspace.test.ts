/**
 * The board as a workspace (issue 16, points 1-5, and the drawing tool's items of
 * issue 15): notes placed apart (also an offline and an online note), the domain
 * written on every note, the offline banner counting what people did, the drawing
 * tool in Dutch with named dialogs and readable hints, the library button whole
 * at 1366 px, a maximised and full-screen layout remembered after a reload (the skip
 * link opening the folded outline), and
 * the gallery saying what is on a board. One server, one browser; screenshots go
 * to test-results/screenshots/.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { listBoardsOfSession } from "~/features/boards/board.server";
import type { BoardElement, BoardState } from "~/features/boards/board-protocol";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { domainLabels } from "~/utils/labels";
import type { TestServer } from "../setup/test-server";
import { contrastRatio } from "../unit/colour-vision";
import { checkPage, loginThroughForm, openPage, withServerAndBrowser } from "./helpers";

const SCREENSHOTS = path.resolve("test-results/screenshots");

let server: TestServer;
let browser: Browser;
let boardId: string;
let editionId: string;
let sessionId: string;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

const altena = () => server.boot.seeded.filter((l) => l.role === "participant" && l.detail === "trio Altena");
const organiser = () => server.boot.seeded.find((l) => l.role === "organiser")!;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const trio = getDb().data.trios.find((t) => t.municipality === "Altena")!;
  editionId = trio.editionId;
  sessionId = listSessionsOfEdition(editionId)[0].id;
  boardId = (await listBoardsOfSession(sessionId)).find((b) => b.trioId === trio.id)!.id;
});

/** Pages of this file: navigation gets longer than the default 10 s, the editor is heavy on a busy machine. */
async function open(width = 1366, height = 768) {
  const opened = await openPage(browser, { width, height });
  opened.page.setDefaultNavigationTimeout(30_000);
  return opened;
}

async function openBoard(page: Page) {
  await page.goto(`${server.url}/borden/${boardId}`);
  await expect.poll(() => page.locator(".board-status").innerText(), { timeout: 15_000 }).toBe("Verbonden");
  await page.locator(".excalidraw").first().waitFor({ timeout: 20_000 });
  await expect.poll(() => page.locator(".excalidraw").first().innerText(), { timeout: 15_000 }).toContain("Vormen");
}

/** The board as the server holds it (what every client's scene converges to). */
async function stateOf(page: Page): Promise<BoardElement[]> {
  const state = (await page.evaluate(async (id) => (await fetch(`/borden/${id}/staat`)).json(), boardId)) as BoardState;
  return state.elements.filter((e) => !e.isDeleted);
}
const notesIn = (elements: BoardElement[]) => elements.filter((e) => e.customData?.kind === "sticky");

type Box = { x: number; y: number; width: number; height: number };
const boxOf = (e: BoardElement): Box => ({ x: Number(e.x), y: Number(e.y), width: Number(e.width), height: Number(e.height) });
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
function overlappingPairs(notes: BoardElement[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < notes.length; i++)
    for (let j = i + 1; j < notes.length; j++) if (overlap(boxOf(notes[i]), boxOf(notes[j]))) pairs.push(`${notes[i].id}/${notes[j].id}`);
  return pairs;
}

/** Words that only appear when the drawing tool falls back to English. */
const ENGLISH =
  /\b(Arrow Key|Space|Wheel|Shapes|Library|Help|Zoom out|Reset zoom|Undo|Redo|Selection|Rectangle|Diamond|Ellipse|Arrow|Line|Draw|Text|Eraser|More tools|Frame tool|Laser pointer|Hand \(panning tool\)|Keep selected tool|Shortcuts|Tools|Editor|View|Close|Find on canvas|Toggle|Stroke|Background|Opacity|Layers|Actions|Duplicate|Delete|Export|Open|Drag|Click|Press|Hold|Circle|Triangle|Black|White|Red|Green|Blue|Yellow|Orange|Gray)\b/;

/** Every name, title, placeholder and visible text inside the drawing tool and its dialogs. */
async function editorTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    const roots = [...document.querySelectorAll<HTMLElement>(".excalidraw, .excalidraw-modal-container, [role=dialog]")];
    for (const root of roots) {
      for (const el of [root, ...root.querySelectorAll<HTMLElement>("*")]) {
        for (const attr of ["aria-label", "title", "placeholder", "alt"]) {
          const value = el.getAttribute(attr);
          if (value) out.add(value);
        }
        // Key caps (Shift, Ctrl, Delete) are printed on Dutch keyboards too; only words among them count.
        const keyCap = el.closest("kbd") !== null;
        for (const node of el.childNodes) {
          const text = node.nodeType === Node.TEXT_NODE ? node.textContent?.trim() : "";
          if (text && (!keyCap || /Arrow Key|Space|Wheel/.test(text))) out.add(text);
        }
      }
    }
    return [...out];
  });
}

describe("the board as a workspace", () => {
  it("places notes apart, also an offline and an online one, writes the domain on them and counts offline work as people did it", async () => {
    const one = await open();
    const two = await open();
    try {
      const [anna, bram] = altena();
      await loginThroughForm(one.page, server.url, anna.email, anna.password);
      await loginThroughForm(two.page, server.url, bram.email, bram.password);
      await openBoard(one.page);
      await openBoard(two.page);
      expect(notesIn(await stateOf(one.page))).toHaveLength(0);
      await checkPage(one.page, one.problems, "/borden/:id at 1366 px");

      // Dutch: no English in the tool's names, titles and texts, also in its Help dialog, which has a name.
      const english = (texts: string[]) => texts.filter((t) => ENGLISH.test(t));
      expect(english(await editorTexts(one.page))).toEqual([]);
      await one.page.locator(".excalidraw .help-icon").click();
      const help = one.page.getByRole("dialog", { name: "Hulp" });
      await help.waitFor();
      await expect.poll(async () => english(await editorTexts(one.page))).toEqual([]);
      expect(await help.innerText()).toContain("Spatiebalk");
      await one.page.keyboard.press("Escape");
      await help.waitFor({ state: "detached" });
      // The zoom reset's name contains what it shows; the hint line is readable (>= 4.5:1 on the white canvas).
      const reset = one.page.locator(".excalidraw .reset-zoom-button");
      expect(await reset.innerText()).toBe("100%");
      expect(await reset.getAttribute("aria-label")).toContain("100%");
      const hintColour = await one.page.locator(".excalidraw .HintViewer").evaluate((el) => getComputedStyle(el).color);
      const hex = `#${(hintColour.match(/\d+/g) ?? [])
        .slice(0, 3)
        .map((n) => Number(n).toString(16).padStart(2, "0"))
        .join("")}`;
      expect(contrastRatio(hex, "#ffffff")).toBeGreaterThanOrEqual(4.5);
      // The library button lies whole inside the canvas at 1366 px.
      const clipping = await one.page.evaluate(() => {
        const canvas = document.querySelector<HTMLElement>(".board-canvas")!;
        const trigger = document.querySelector<HTMLElement>('.excalidraw [aria-label="Bibliotheek"]')!;
        const c = canvas.getBoundingClientRect();
        const t = trigger.getBoundingClientRect();
        return {
          scroll: canvas.scrollWidth,
          client: canvas.clientWidth,
          inside: t.left >= c.left && t.right <= c.right,
          name: trigger.getAttribute("aria-label"),
        };
      });
      expect(clipping.scroll).toBeLessThanOrEqual(clipping.client);
      expect(clipping.inside).toBe(true);
      expect(clipping.name).toBe("Bibliotheek");

      // Offline: two notes by Anna, counted as two; meanwhile Bram adds one online at the same view centre.
      await one.context.setOffline(true);
      await expect.poll(() => one.page.locator(".board-status").innerText(), { timeout: 60_000 }).toMatch(/Offline|Opnieuw verbinden/);
      const sticky = (page: Page) => page.getByRole("button", { name: "Plaknotitie", exact: true });
      await sticky(one.page).click();
      await sticky(one.page).click();
      await expect.poll(() => one.page.locator(".board-status").innerText()).toContain("(2 wijzigingen nog niet opgeslagen)");
      await sticky(two.page).click();
      await expect.poll(async () => notesIn(await stateOf(two.page)).length).toBe(1);
      await one.context.setOffline(false);
      await expect.poll(() => one.page.locator(".board-status").innerText(), { timeout: 30_000 }).toBe("Verbonden");
      // After the sync all three are there and none covers another (the later one was moved by its author).
      await expect.poll(async () => notesIn(await stateOf(two.page)).length, { timeout: 10_000 }).toBe(3);
      await expect.poll(async () => overlappingPairs(notesIn(await stateOf(two.page))), { timeout: 30_000 }).toEqual([]);
      one.problems.splice(0, one.problems.length, ...one.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|socket\.io/.test(p)));

      // Anna's browser places new notes around what it knows: wait until it has seen the moved note too.
      await expect.poll(async () => overlappingPairs(notesIn(await stateOf(one.page))), { timeout: 30_000 }).toEqual([]);

      // Eight clicks on "Plaknotitie": eight more notes, none on top of another, all near the centre.
      for (let i = 0; i < 8; i++) await sticky(one.page).click();
      await expect.poll(async () => notesIn(await stateOf(one.page)).length, { timeout: 10_000 }).toBe(11);
      await expect.poll(async () => overlappingPairs(notesIn(await stateOf(one.page))), { timeout: 30_000 }).toEqual([]);
      const scene = await stateOf(one.page);
      const notes = notesIn(scene);
      expect(overlappingPairs(notes)).toEqual([]);
      await one.page.screenshot({ path: path.join(SCREENSHOTS, "board-eight-notes.png") });

      // The domain is written on each note (its author line), in the one set of colours.
      const domains = getDb().data.memberships.filter((m) => m.trioId === getDb().data.trios.find((t) => t.municipality === "Altena")!.id);
      for (const note of notes) {
        const group = (note.groupIds as string[])[0];
        const byline = scene.find((e) => e.customData?.kind === "label" && (e.groupIds as string[]).includes(group))!;
        const author = getDb().data.users.find((u) => u.id === note.customData?.authorId)!;
        const domain = domains.find((m) => m.userId === author.id)!.domain;
        expect(String(byline.text).replace(/\n/g, " ")).toBe(`${author.name} · ${domainLabels[domain]}`);
      }
      expect(new Set(notes.map((n) => n.backgroundColor)).size).toBe(2);

      await checkPage(one.page, one.problems, "/borden/:id (notes)");
      expect(two.problems).toEqual([]);
    } finally {
      await one.context.close();
      await two.context.close();
    }
  });

  it("keeps a maximised layout with a foldable outline after a reload and offers the browser's full screen", async () => {
    const { context, page, problems } = await open();
    try {
      const [anna] = altena();
      await loginThroughForm(page, server.url, anna.email, anna.password);
      await openBoard(page);
      const normalWidth = await page.locator(".board-canvas").evaluate((el) => el.clientWidth);

      await page.getByRole("button", { name: "Groot scherm" }).click();
      await expect.poll(() => page.evaluate(() => document.body.classList.contains("board-maximised"))).toBe(true);
      expect(await page.locator(".site-header").isVisible()).toBe(false);
      await page.getByRole("button", { name: "Overzicht", exact: true }).click();
      await expect.poll(() => page.locator("#overzicht-paneel").isHidden()).toBe(true);
      const maxWidth = await page.locator(".board-canvas").evaluate((el) => el.clientWidth);
      expect(maxWidth).toBeGreaterThan(1300);
      expect(maxWidth).toBeGreaterThan(normalWidth);

      // Remembered for this person after a reload.
      await openBoard(page);
      await expect.poll(() => page.evaluate(() => document.body.classList.contains("board-maximised"))).toBe(true);
      expect(await page.getByRole("button", { name: "Groot scherm" }).getAttribute("aria-pressed")).toBe("true");
      expect(await page.getByRole("button", { name: "Overzicht", exact: true }).getAttribute("aria-expanded")).toBe("false");
      expect(await page.locator("#overzicht-paneel").isHidden()).toBe(true);
      const canvasBox = (await page.locator(".board-canvas").boundingBox())!;
      expect(canvasBox.height).toBeGreaterThan(600);
      // The library button shows its word again in the wide canvas.
      expect(await page.locator(".default-sidebar-trigger").innerText()).toContain("Bibliotheek");

      // The skip link to the folded outline opens the panel and puts focus in it.
      await page.locator('a.skip-link[href="#overzicht"]').focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator("#overzicht").isVisible()).toBe(true);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("overzicht");
      expect(await page.getByRole("button", { name: "Overzicht", exact: true }).getAttribute("aria-expanded")).toBe("true");
      await page.getByRole("button", { name: "Volledig scherm" }).click();
      await expect.poll(() => page.evaluate(() => Boolean(document.fullscreenElement))).toBe(true);
      expect(await page.getByRole("button", { name: "Volledig scherm" }).getAttribute("aria-pressed")).toBe("true");
      await page.screenshot({ path: path.join(SCREENSHOTS, "board-fullscreen.png") });
      await checkPage(page, problems, "/borden/:id (maximised)");
      await page.getByRole("button", { name: "Volledig scherm" }).click();
      await expect.poll(() => page.evaluate(() => Boolean(document.fullscreenElement))).toBe(false);
      await page.getByRole("button", { name: "Groot scherm" }).click();
      await expect.poll(() => page.locator(".site-header").isVisible()).toBe(true);
      // Someone else on this computer starts with the normal page.
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("werkplaats:bordindeling:")).length)).toBe(1);

      await context.close();
    } finally {
      await context.close();
    }
  });

  it("the gallery says what is on a board and its thumbnail shows the whole board", async () => {
    const { context, page, problems } = await open();
    try {
      await loginThroughForm(page, server.url, organiser().email, organiser().password);
      await page.goto(`${server.url}/beheer/edities/${editionId}/sessies/${sessionId}/borden`);
      await checkPage(page, problems, "gallery");
      const board = getDb().data.boards.find((b) => b.id === boardId)!;
      const entry = page.locator(".board-list li").filter({ hasText: board.title });
      expect(await entry.innerText()).toContain("11 notities");
      expect(await entry.innerText()).not.toContain("Leeg bord");
      const card = page.locator(".board-gallery li").filter({ hasText: board.title });
      expect(await card.innerText()).toContain("11 notities");
      const fit = await card.locator(".board-preview").evaluate((box) => {
        const img = box.querySelector("img")!;
        const b = box.getBoundingClientRect();
        const i = img.getBoundingClientRect();
        return {
          complete: img.complete && img.naturalWidth > 0,
          inside: i.left >= b.left - 0.5 && i.right <= b.right + 0.5 && i.top >= b.top - 0.5 && i.bottom <= b.bottom + 0.5,
          ratio: i.width / i.height,
          natural: img.naturalWidth / img.naturalHeight,
        };
      });
      expect(fit.complete).toBe(true);
      expect(fit.inside).toBe(true);
      expect(Math.abs(fit.ratio - fit.natural)).toBeLessThan(0.05);
    } finally {
      await context.close();
    }
  });
});
