/**
 * The organiser's versions page of a board in a real browser (also at 360 px):
 * restore points listed, a restore asks for confirmation first, the result is
 * announced. Every state gets an axe scan and must produce no console problems.
 */
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createBoardFromTemplate, getBoard } from "~/features/boards/board.server";
import { getDb } from "~/data/db.server";
import { listBoardSnapshots } from "~/features/boards/board-room.server";
import type { TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, withServerAndBrowser, visit } from "./helpers";

let server: TestServer;
let browser: Browser;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

describe("board versions", () => {
  for (const width of [1280, 360]) {
    it(`an organiser restores a restore point after confirming (${width} px)`, async () => {
      const organiser = server.boot.seeded.find((l) => l.role === "organiser")!;
      const data = getDb().data;
      const session = data.sessions.find((s) => s.number === 1)!;
      const createdBy = data.users.find((u) => u.email === organiser.email)!.id;
      const board = await createBoardFromTemplate({ sessionId: session.id, trioId: null, template: "intervisie", createdBy });
      const { context, page, problems } = await openPage(browser, { width });
      try {
        await loginThroughForm(page, server.url, organiser.email, organiser.password);
        await visit(page, server.url, `/borden/${board.id}/versies`, problems);
        await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(`Versies van ${getBoard(board.id)!.title}`);
        expect(await page.getByRole("row").count()).toBe(2);
        await page.getByRole("link", { name: /^Terugzetten/ }).click();
        await expect.poll(() => page.getByRole("button", { name: "Ja, zet deze versie terug" }).count()).toBe(1);
        await checkPage(page, problems, "versies (confirm)");
        await page.getByRole("button", { name: "Ja, zet deze versie terug" }).click();
        await expect.poll(() => page.getByRole("status").innerText()).toContain("De versie is teruggezet.");
        await checkPage(page, problems, "versies (restored)");
        // Nothing had changed since the start, so the start stays the one restore point (not overwritten).
        expect((await listBoardSnapshots(board.id)).map((s) => s.reason)).toEqual(["start"]);
      } finally {
        await context.close();
      }
    });
  }
});
