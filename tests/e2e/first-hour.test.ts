/**
 * Issue 16, the first hour in a real browser (one server, one browser): the landing page,
 * the registration form's dates, live counter and draft, the edition dashboard with its
 * checklist, the trios page's bulk bar and the import and message pages; axe on each.
 */
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { seededLogin, type TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, visit, withServerAndBrowser } from "./helpers";

let server: TestServer;
let browser: Browser;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

describe("the first hour", () => {
  it("a visitor sees the programme, the four dates, and a registration form that counts and keeps a draft", async () => {
    const edition = getDb().data.editions[0];
    const { page, problems } = await openPage(browser);
    try {
      await visit(page, server.url, "/", problems);
      expect(await page.getByRole("heading", { level: 2, name: "Wat een trio toezegt" }).count()).toBe(1);
      expect(await page.getByText("Platform31").count()).toBeGreaterThan(0);
      const dates = page.locator(".session-dates__item");
      expect(await dates.count()).toBe(4);
      const landingDates = await dates.allInnerTexts();

      await visit(page, server.url, `/aanmelden/${edition.id}`, problems);
      expect(await page.locator(".session-dates__item").allInnerTexts()).toEqual(landingDates);
      const summary = page.getByLabel("Jullie casus in het kort");
      await summary.fill("Jongeren in onze kern willen een skatepark bouwen.");
      await expect.poll(() => page.locator("#veld-caseSummary-teller").innerText()).toBe("50 van 2.000 tekens");
      await expect
        .poll(() => page.locator("[data-counter-for='veld-caseSummary-teller']").innerText(), { timeout: 5_000 })
        .toBe("50 van 2.000 tekens");
      await page.getByLabel("Gemeente", { exact: true }).fill("Zaltbommel");
      await page.locator("#veld-name2").fill("Collega Twee");
      await page.waitForTimeout(700); // the draft is saved at most every 500 ms
      await page.reload();
      await checkPage(page, problems, "/aanmelden (reloaded)");
      await expect.poll(() => page.getByLabel("Gemeente", { exact: true }).inputValue()).toBe("Zaltbommel");
      expect(await page.locator("#veld-name2").inputValue()).toBe("Collega Twee");
      expect(await page.locator("#veld-caseSummary-teller").innerText()).toBe("50 van 2.000 tekens");
      const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
      expect(stored).not.toMatch(/password|wachtwoord/i);

      // All errors at once, including the cross-field rule, without a round trip.
      await page.locator("#veld-email2").fill("zelfde@gemeente.example");
      await page.locator("#veld-email3").fill("zelfde@gemeente.example");
      await page.getByRole("button", { name: "Trio aanmelden" }).click();
      const errors = page.locator(".error-summary");
      await expect.poll(() => errors.innerText()).toContain("Dit e-mailadres staat al bij lid 2");
      expect(await errors.innerText()).toContain("Vul je e-mailadres in.");
    } finally {
      await page.context().close();
    }
  });

  it("an organiser reads the edition as a dashboard and reaches the bulk, import and message pages", async () => {
    const edition = getDb().data.editions[0];
    const login = seededLogin(server, "organiser");
    const { page, problems } = await openPage(browser);
    try {
      await loginThroughForm(page, server.url, login.email, login.password);
      await visit(page, server.url, `/beheer/edities/${edition.id}`, problems);
      const steps = page.locator(".checklist-steps__item");
      expect(await steps.count()).toBe(5);
      const states = await steps.evaluateAll((items) => items.map((i) => i.getAttribute("data-state")));
      expect(states.filter((s) => s === "next").length).toBeLessThanOrEqual(1);
      expect(states.every((s) => ["done", "next", "todo"].includes(s!))).toBe(true);
      expect(await page.getByRole("heading", { name: "Vraagt aandacht" }).count()).toBe(1);
      expect(await page.getByLabel("Naam van de editie").isVisible()).toBe(false);
      await page.getByText("Gegevens wijzigen…").click();
      expect(await page.getByLabel("Naam van de editie").isVisible()).toBe(true);

      await visit(page, server.url, `/beheer/edities/${edition.id}/trios`, problems);
      const boxes = page.locator("input[type=checkbox][form=bulk]");
      expect(await boxes.count()).toBeGreaterThan(0);
      await boxes.first().check();
      await page.getByRole("button", { name: "Op de wachtlijst…" }).click();
      await expect.poll(() => page.locator("#bevestigen").innerText()).toBe("1 trio op de wachtlijst zetten?");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("bevestig-bulk");
      await checkPage(page, problems, "bulk confirmation");

      await visit(page, server.url, `/beheer/edities/${edition.id}/trios/importeren`, problems);
      await page
        .getByLabel(/Of plak de regels hier/)
        .fill("gemeente;naam;e-mail;functie;domein\nTiel;=1+1;a@tiel.example;Wijkmanager;wijk\n");
      await page.getByRole("button", { name: "Voorbeeld bekijken" }).click();
      await expect.poll(() => page.locator(".error-summary").innerText()).toContain("Rij 2: de kolom naam begint met");
      await checkPage(page, problems, "import preview", 400);

      await visit(page, server.url, `/beheer/edities/${edition.id}/berichten`, problems);
      await page.getByRole("button", { name: "Bericht versturen" }).click();
      const summary = page.locator(".error-summary");
      await expect.poll(() => summary.innerText()).toContain("Vul een onderwerp in.");
      expect(await summary.innerText()).toContain("Schrijf het bericht.");
    } finally {
      await page.context().close();
    }
  });
});
