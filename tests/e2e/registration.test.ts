/**
 * Trio registration in a real browser against a real server with the demo seed:
 * a visitor finds "Aanmelden" in the header, registers a trio (first tripping the
 * one-of-each-domain rule in the browser), lands on a page saying the registration
 * was received (not logged in: the answer is the same whatever accounts exist, ADR 021);
 * all three set their passwords from the outbox mails; the organiser admits the trio. Every page visited gets an axe scan and must produce no console
 * errors, page errors or failed requests; the form fits a 360 px screen.
 */
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { listOutbox } from "~/features/notifications/outbox.server";
import { seededLogin, type TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, visit, waitForHydration, withServerAndBrowser } from "./helpers";

let server: TestServer;
let browser: Browser;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

const PASSWORD = "de wijk is van iedereen";
const MEMBERS = [
  { name: "Noor Peters", email: "noor.peters@venlo.example", jobTitle: "Gebiedsregisseur", domain: "Wijk" },
  { name: "Daan Willems", email: "daan.willems@venlo.example", jobTitle: "Beleidsmedewerker verkeer", domain: "Fysiek domein" },
  { name: "Lotte Hendriks", email: "lotte.hendriks@venlo.example", jobTitle: "Consulent welzijn", domain: "Sociaal domein" },
];

const scrollWidth = (page: import("playwright-core").Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** The steps build on each other: the trio registered in the first is admitted in the last. */
describe("registering a trio", () => {
  const venlo = () => getDb().data.trios.find((t) => t.municipality === "Venlo")!;

  it("a visitor registers a trio on a phone-sized screen and lands on the 'received' page", async () => {
    const edition = getDb().data.editions[0];
    const visitor = await openPage(browser, { width: 360, height: 740 });
    try {
      const { page, problems } = visitor;
      await visit(page, server.url, "/", problems);
      await page.getByRole("banner").getByRole("link", { name: "Aanmelden" }).click();
      await page.waitForURL(`${server.url}/aanmelden`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Aanmelden als trio");
      await checkPage(page, problems, "/aanmelden");
      await page.getByRole("link", { name: `Trio aanmelden voor ${edition.name}` }).click();
      await page.waitForURL(`${server.url}/aanmelden/${edition.id}`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(`Trio aanmelden voor ${edition.name}`);
      await checkPage(page, problems, "/aanmelden/:id");
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);

      await page.getByLabel("Gemeente").fill("Venlo");
      for (const [i, m] of MEMBERS.entries()) {
        const group = page.getByRole("group", { name: i === 0 ? "Lid 1: jij" : `Lid ${i + 1}` });
        await group.getByLabel("Naam").fill(m.name);
        await group.getByLabel("E-mailadres").fill(m.email);
        await group.getByLabel("Functie").fill(m.jobTitle);
      }
      // Two people from the physical domain: refused in the browser, nothing sent.
      await page.getByRole("group", { name: "Lid 3" }).getByLabel("Domein").selectOption({ label: "Fysiek domein" });
      await page
        .getByLabel("Jullie casus in het kort")
        .fill("Rond het station willen bewoners meer groen en een veilige fietsroute naar school.");
      expect(await page.getByLabel("Wachtwoord", { exact: true }).count()).toBe(0);
      const trioCount = getDb().data.trios.length;
      await page.getByRole("button", { name: "Trio aanmelden" }).click();
      const summary = page.getByRole("alert");
      await expect.poll(() => summary.count()).toBe(1);
      expect(await summary.getByRole("link").allInnerTexts()).toEqual([
        "Domeinen: Een trio bestaat uit één persoon uit de wijk, één uit het fysieke domein en één uit het sociale domein. Nu ontbreekt: sociaal domein.",
      ]);
      expect(getDb().data.trios.length).toBe(trioCount);
      await checkPage(page, problems, "/aanmelden/:id with errors");
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);

      await page.getByRole("group", { name: "Lid 3" }).getByLabel("Domein").selectOption({ label: "Sociaal domein" });
      await page.getByRole("button", { name: "Trio aanmelden" }).click();
      await page.waitForURL(`${server.url}/aanmelden/${edition.id}?ontvangen=1`);
      await waitForHydration(page);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Aanmelding ontvangen");
      await expect.poll(() => page.getByRole("status").innerText()).toContain(`De aanmelding voor ${edition.name} is ontvangen.`);
      await checkPage(page, problems, "/aanmelden/:id?ontvangen=1");
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    } finally {
      await visitor.context.close();
    }
    expect(venlo().status).toBe("registered");
  }, 60_000);

  it("all three set their passwords from the outbox mails", async () => {
    const edition = getDb().data.editions[0];
    for (const member of MEMBERS) {
      const mail = listOutbox().find((m) => m.to === member.email && m.subject === "Uitnodiging voor de werkplaats wijkgericht werken")!;
      expect(mail.text).toContain(`trio “Venlo” in ${edition.name}`);
      const link = mail.text.match(/https?:\/\/\S+\/wachtwoord\/[A-Za-z0-9_-]+/)![0];
      const invitee = await openPage(browser);
      try {
        const { page, problems } = invitee;
        await visit(page, server.url, new URL(link).pathname, problems);
        await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Welkom! Kies je wachtwoord");
        await page.getByLabel("Nieuw wachtwoord").fill(PASSWORD);
        await page.getByLabel("Herhaal het wachtwoord").fill(PASSWORD);
        await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
        await page.waitForURL(`${server.url}/?welkom=1`);
        await waitForHydration(page);
        await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(`Welkom, ${member.name}`);
        await expect.poll(() => page.getByRole("heading", { level: 2, name: /Trio Venlo/ }).innerText()).toContain("Aangemeld");
        await checkPage(page, problems, `/?welkom=1 (${member.name})`);
      } finally {
        await invitee.context.close();
      }
    }
  }, 60_000);

  it("the organiser admits the trio, and every member is told", async () => {
    const edition = getDb().data.editions[0];
    const trio = venlo();
    const organiserSide = await openPage(browser);
    try {
      const { page, problems } = organiserSide;
      const login = seededLogin(server, "organiser");
      await loginThroughForm(page, server.url, login.email, login.password);
      await checkPage(page, problems, "/ (organiser)");
      await page.getByRole("link", { name: `Trio's bekijken van ${edition.name}` }).click();
      await page.waitForURL(`${server.url}/beheer/edities/${edition.id}/trios`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(`Trio's van ${edition.name}`);
      await checkPage(page, problems, "/beheer/edities/:id/trios");
      const card = page.getByRole("region", { name: /^Trio Venlo/ });
      const rows = card.locator("tbody tr");
      expect(await rows.count()).toBe(3);
      for (const member of MEMBERS) expect(await rows.filter({ hasText: member.email }).innerText()).toContain("Actief");
      await card.getByRole("button", { name: "Toelaten trio Venlo" }).click();
      await expect
        .poll(() => page.getByRole("status").innerText())
        .toBe("Trio Venlo is toegelaten. Alle leden hebben een e-mail gekregen.");
      await expect.poll(() => card.getByRole("heading", { level: 2 }).innerText()).toContain("Toegelaten");
      await checkPage(page, problems, "/beheer/edities/:id/trios after admitting");
      expect(getDb().data.trios.find((t) => t.id === trio.id)!.status).toBe("admitted");
      for (const member of MEMBERS) {
        expect(listOutbox().find((m) => m.to === member.email)!.subject).toBe(`Jullie trio doet mee aan ${edition.name}`);
      }

      // The replace form opens for one member and validates in the browser.
      await card.getByRole("link", { name: "Vervangen Daan Willems" }).click();
      await expect.poll(() => page.getByRole("heading", { name: "Daan Willems vervangen" }).count()).toBe(1);
      await checkPage(page, problems, "/beheer/edities/:id/trios?vervang=…");
      await page.getByRole("button", { name: "Vervangen en e-mail sturen" }).click();
      await expect.poll(() => page.getByRole("alert").count()).toBe(1);
      await checkPage(page, problems, "replace form with errors");
      await page.getByRole("link", { name: "Annuleren" }).click();
      await expect.poll(() => page.getByRole("heading", { name: "Daan Willems vervangen" }).count()).toBe(0);
    } finally {
      await organiserSide.context.close();
    }
  }, 60_000);
});
