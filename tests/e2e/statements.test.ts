/**
 * One lean browser pass (issue 15.2–15.4, 16.13): the three statement pages reached
 * through the footer links, the organiser's audit trail and the unsubscribe page, each
 * with an axe scan and no console errors; the account page's e-mail choices too.
 */
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { listEditions } from "~/features/programme/edition.server";
import { unsubscribeUrl } from "~/features/notifications/preferences.server";
import { seededLogin, type TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, visit, withServerAndBrowser } from "./helpers";

let server: TestServer;
let browser: Browser;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

describe("statements, audit trail and mail choices in a browser", () => {
  it("an organiser follows the footer links to the statements and opens the audit trail and account page", async () => {
    const { context, page, problems } = await openPage(browser);
    const login = seededLogin(server, "organiser");
    await loginThroughForm(page, server.url, login.email, login.password);
    for (const [link, heading] of [
      ["Toegankelijkheid", "Toegankelijkheidsverklaring"],
      ["Privacy", "Privacyverklaring"],
      ["Contact", "Contact"],
    ]) {
      await page.locator("footer").getByRole("link", { name: link, exact: true }).click();
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(heading);
      await checkPage(page, problems, heading);
    }
    const edition = listEditions()[0];
    await visit(page, server.url, `/beheer/edities/${edition.id}/logboek`, problems);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Logboek");
    await page.getByLabel("Handeling").selectOption("session.scheduled");
    await page.getByRole("button", { name: "Filteren" }).click();
    await page.waitForURL(/soort=session\.scheduled/);
    await checkPage(page, problems, "logboek gefilterd");
    expect(await page.locator("tbody tr").count()).toBeGreaterThan(0);

    await visit(page, server.url, "/account", problems);
    await page.getByLabel("Het dagoverzicht van ingeleverd huiswerk (begeleiders)").uncheck();
    await page.getByRole("button", { name: "Voorkeuren opslaan" }).click();
    await expect.poll(() => page.getByText("Je e-mailvoorkeuren zijn opgeslagen.").isVisible()).toBe(true);
    await checkPage(page, problems, "account na opslaan");
    await context.close();
  });

  it("the unsubscribe page works without login", async () => {
    const { context, page, problems } = await openPage(browser);
    const participant = getDb().data.users.find((u) => u.role === "participant")!;
    await visit(page, server.url, new URL(unsubscribeUrl(participant.id, "material")).pathname, problems);
    await page.getByRole("button", { name: "Ja, meld mij af" }).click();
    await expect.poll(() => page.getByText("Je krijgt geen e-mail meer over nieuw materiaal van sprekers.").isVisible()).toBe(true);
    await checkPage(page, problems, "afgemeld");
    await context.close();
  });
});
