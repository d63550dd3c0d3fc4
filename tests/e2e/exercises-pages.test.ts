/**
 * Every exercise page and the portfolio in a real browser with an axe scan:
 * organogram (upload an image, place the marker by click, answer), local agenda,
 * competences, the portfolio (members and organisers) and the edition report.
 */
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { getOrganogram } from "~/features/exercises/organogram.server";
import { realPng } from "../setup/sample-files";
import type { TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, takeExpectedStatusLog, withServerAndBrowser, visit } from "./helpers";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

const login = (role: "organiser" | "participant", detail?: string) =>
  server.boot.seeded.filter((l) => l.role === role && (!detail || l.detail?.includes(detail)))[0];
const altenaId = () => getDb().data.trios.find((t) => t.municipality === "Altena")!.id;

describe("exercise pages", () => {
  it("a member fills in organogram, local agenda and competences, then opens the portfolio", async () => {
    const { page, problems } = await openPage(browser);
    try {
      const member = login("participant", "Altena");
      await loginThroughForm(page, server.url, member.email, member.password);
      await visit(page, server.url, `/trios/${altenaId()}`, problems);
      await page.getByRole("link", { name: "Organogram" }).click();
      await page.waitForURL(`${server.url}/trios/${altenaId()}/organogram`);
      await checkPage(page, problems, "organogram (empty)");

      const picker = page.getByLabel("Organogram uploaden", { exact: true });
      await expect.poll(() => picker.isEnabled()).toBe(true);
      await picker.setInputFiles({ name: "organogram.png", mimeType: "image/png", buffer: realPng() });
      const image = page.getByRole("img", { name: "Organogram van Altena" });
      await expect.poll(() => image.count(), { timeout: 10_000 }).toBe(1);
      // Place the marker by clicking the image; the keyboard fields follow.
      await page.getByRole("button", { name: /Klik op de plek van het wijkgerichte werken/ }).click();
      await expect.poll(() => page.getByLabel("Markering: van links (%)").inputValue()).not.toBe("");
      await page.getByLabel("Waar zit het wijkgerichte werken?").fill("Team Samenleving");
      await page
        .getByRole("group", { name: /eigen budget/ })
        .getByLabel("Ja")
        .check();
      await page.getByRole("button", { name: "Antwoorden opslaan" }).click();
      await expect.poll(() => page.getByRole("status").filter({ hasText: "zijn opgeslagen" }).count()).toBe(1);
      expect(getOrganogram(altenaId())!.marker).not.toBeNull();
      await checkPage(page, problems, "organogram (filled)");

      await visit(page, server.url, `/trios/${altenaId()}/lokale-agenda`, problems);
      // A limit is a count, not a cut: a pasted text that is too long stays whole and says by how much.
      const goals = page.getByLabel("Doelen");
      expect(await goals.getAttribute("maxlength")).toBeNull();
      await goals.fill("x".repeat(5001));
      expect((await goals.inputValue()).length).toBe(5001);
      expect(await page.locator("#veld-goals-teller").innerText()).toBe("1 teken te veel (hoogstens 5.000)");
      await goals.fill("Een skatepark, samen met de jongeren");
      expect(await page.locator("#veld-goals-teller").innerText()).toBe("36 van 5.000 tekens");
      await page.getByLabel("Actie 1: wat").fill("Plek zoeken");
      await page.getByLabel("Actie 1: wie").fill("Joost");
      await page.getByRole("button", { name: "Agenda opslaan" }).click();
      await expect.poll(() => page.getByRole("status").filter({ hasText: "is opgeslagen" }).count()).toBe(1);
      await checkPage(page, problems, "lokale agenda (saved)");

      await visit(page, server.url, `/trios/${altenaId()}/competenties`, problems);
      await page.getByRole("button", { name: "Zelfbeoordeling opslaan" }).click();
      await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
      // Nothing chosen is a 400 with the problems listed; that status is the right answer.
      await takeExpectedStatusLog(problems, 400, page.url());
      await checkPage(page, problems, "competenties (errors)");
      for (const name of [
        "Van buiten naar binnen werken",
        "Schaaldansen",
        "Klein en groot tegelijk",
        "Omgaan met paradoxen",
        "Dienstbare expertise",
      ]) {
        await page.getByRole("group", { name }).getByLabel("4: gaat goed").check();
      }
      await page.getByRole("button", { name: "Zelfbeoordeling opslaan" }).click();
      await expect.poll(() => page.getByRole("status").filter({ hasText: "is opgeslagen" }).count()).toBe(1);
      await expect.poll(() => page.locator(".competence-chart").count()).toBe(1);
      await checkPage(page, problems, "competenties (saved)");

      await visit(page, server.url, `/trios/${altenaId()}/portfolio`, problems);
      expect(await page.locator("main").innerText()).toContain("Plek zoeken");
      // Printed, the site's chrome and the buttons are gone.
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".site-header").isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "Afdrukken of bewaren als PDF" }).isVisible()).toBe(false);
      await page.emulateMedia({ media: "screen" });
    } finally {
      await page.context().close();
    }
  }, 90_000);

  it("an organiser opens any trio's portfolio and the edition report", async () => {
    const { page, problems } = await openPage(browser);
    try {
      const organiser = login("organiser");
      await loginThroughForm(page, server.url, organiser.email, organiser.password);
      const editionId = getDb().data.editions[0].id;
      await visit(page, server.url, `/beheer/edities/${editionId}`, problems);
      await page.getByRole("link", { name: "Oefeningen: deelname, spreiding en export" }).click();
      await page.waitForURL(`${server.url}/beheer/edities/${editionId}/oefeningen`);
      await checkPage(page, problems, "edition report");
      await page.getByRole("link", { name: "Portfolio van trio Schiedam" }).click();
      await page.waitForURL(/\/portfolio$/);
      await checkPage(page, problems, "portfolio (organiser, empty trio)");
      await visit(page, server.url, `/trios/${altenaId()}/organogram`, problems);
      await visit(page, server.url, `/trios/${altenaId()}/lokale-agenda`, problems);
      await visit(page, server.url, `/trios/${altenaId()}/competenties`, problems);
    } finally {
      await page.context().close();
    }
  }, 90_000);
});
