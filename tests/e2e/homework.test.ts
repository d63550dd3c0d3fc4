/**
 * The homework cycle in a real browser: a member drafts (saved as they type),
 * closes the tab; a second member finishes and hands in; the organiser gives
 * feedback while the first member's header counts it live; the trio reads the
 * feedback and replies. Every page visited gets an axe scan.
 */
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import type { TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, takeExpectedStatusLog, withServerAndBrowser, visit } from "./helpers";

let server: TestServer;
let browser: Browser;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

const altena = () => server.boot.seeded.filter((l) => l.role === "participant" && l.detail === "trio Altena");
const trio = () => getDb().data.trios.find((t) => t.municipality === "Altena")!;
const session1 = () =>
  getDb()
    .data.sessions.filter((s) => s.editionId === trio().editionId)
    .sort((a, b) => a.number - b.number)[0];
const handIn = () => `/trios/${trio().id}/huiswerk/${session1().id}`;

describe("homework cycle", () => {
  it("member drafts, second member submits, organiser gives feedback, the trio sees it live and replies", async () => {
    const [first, second] = altena();
    const organiser = server.boot.seeded.find((l) => l.role === "organiser")!;

    // 1. The first member drafts; the draft is saved as they type.
    const one = await openPage(browser);
    await loginThroughForm(one.page, server.url, first.email, first.password);
    await one.page.getByRole("link", { name: "Naar ons trio-dossier" }).click();
    await one.page.getByRole("link", { name: /Huiswerk bijeenkomst 1/ }).click();
    await one.page.waitForURL(`${server.url}${handIn()}`);
    await checkPage(one.page, one.problems, "hand-in (empty)");
    await one.page.getByLabel("Jullie antwoord").fill("Ons organogram: de kernregisseur valt onder team Samenleving.");
    await expect
      .poll(() => one.page.locator("#concept-status").innerText(), { timeout: 10_000 })
      .toContain(`Laatst gewijzigd door ${first.name} om`);
    expect(getDb().data.submissions[0].draftText).toContain("team Samenleving");
    await checkPage(one.page, one.problems, "hand-in (draft saved)");
    await one.page.goto(`${server.url}/trios/${trio().id}`);
    await checkPage(one.page, one.problems, "dossier with homework block");
    await visit(one.page, server.url, `/sessies/${session1().id}`, one.problems);
    expect(await one.page.getByRole("link", { name: "Naar jullie huiswerk" }).getAttribute("href")).toBe(handIn());

    // 2. A second member finishes the same draft and hands it in as the trio.
    const two = await openPage(browser);
    try {
      await loginThroughForm(two.page, server.url, second.email, second.password);
      await visit(two.page, server.url, handIn(), two.problems);
      const answer = two.page.getByLabel("Jullie antwoord");
      expect(await answer.inputValue()).toContain("team Samenleving");
      await answer.press("End");
      await answer.pressSequentially(" Volgende stap: de wethouder spreken.");
      await expect
        .poll(() => two.page.locator("#concept-status").innerText(), { timeout: 10_000 })
        .toContain(`Laatst gewijzigd door ${second.name}`);
      await two.page.getByRole("button", { name: "Inleveren als trio" }).click();
      await expect.poll(() => two.page.getByRole("status").filter({ hasText: "Jullie huiswerk is ingeleverd" }).count()).toBe(1);
      await expect.poll(() => two.page.getByRole("heading", { name: /Versie 1/ }).count()).toBe(1);
      await checkPage(two.page, two.problems, "hand-in (submitted)");
    } finally {
      await two.context.close();
    }

    // 3. The organiser follows progress and gives feedback; the first member's header updates live.
    const org = await openPage(browser);
    try {
      await loginThroughForm(org.page, server.url, organiser.email, organiser.password);
      await visit(org.page, server.url, `/beheer/edities/${trio().editionId}/huiswerk`, org.problems);
      await expect.poll(() => org.page.getByRole("region", { name: "Per trio", exact: true }).innerText()).toContain("Ingeleverd");
      await visit(org.page, server.url, `/beheer/edities/${trio().editionId}/huiswerk/${session1().id}`, org.problems);
      await visit(org.page, server.url, `/sessies/${session1().id}/huiswerk`, org.problems);
      await expect.poll(() => org.page.locator("main").innerText()).toContain("Trio Altena");
      await org.page.goto(`${server.url}/beheer/edities/${trio().editionId}/huiswerk`);
      await org.page.getByRole("link", { name: "Ingeleverd (trio Altena)" }).first().click();
      await org.page.waitForURL(`${server.url}/sessies/${session1().id}/huiswerk/${trio().id}`);
      await checkPage(org.page, org.problems, "review page");
      await org.page.getByLabel("Feedback", { exact: true }).fill("Sterk begin. Maak de **volgende stap** concreet.");
      await org.page.getByLabel("Status").selectOption("besproken");
      await org.page.getByRole("button", { name: "Feedback plaatsen" }).click();
      await expect.poll(() => org.page.getByRole("status").filter({ hasText: "Je feedback is geplaatst" }).count()).toBe(1);
      await checkPage(org.page, org.problems, "review page (feedback given)");
    } finally {
      await org.context.close();
    }
    await expect.poll(() => one.page.getByRole("link", { name: "Meldingen: 1 ongelezen melding" }).count(), { timeout: 10_000 }).toBe(1);

    // 4. The trio reads the feedback and replies.
    try {
      await one.page.getByRole("link", { name: "Meldingen: 1 ongelezen melding" }).click();
      await one.page.waitForURL(`${server.url}/meldingen`);
      await checkPage(one.page, one.problems, "notifications");
      await one.page.getByRole("button", { name: /Nieuwe feedback op jullie huiswerk/ }).click();
      await one.page.waitForURL(`${server.url}${handIn()}`);
      await expect.poll(() => one.page.getByRole("link", { name: "Meldingen: geen ongelezen meldingen" }).count()).toBe(1);
      const feedback = one.page.getByRole("article", { name: `Feedback van ${organiser.name}` });
      await expect.poll(() => feedback.innerText()).toContain("volgende stap");
      expect(await feedback.innerText()).toContain("Besproken");
      await checkPage(one.page, one.problems, "hand-in (feedback)");
      await feedback.getByLabel("Reageren op deze feedback").fill("Dank! We plannen het gesprek met de wethouder.");
      await feedback.getByRole("button", { name: "Reactie plaatsen" }).click();
      await expect.poll(() => one.page.getByRole("status").filter({ hasText: "Je reactie is geplaatst" }).count()).toBe(1);
      await expect.poll(() => feedback.innerText()).toContain("We plannen het gesprek met de wethouder.");
      await checkPage(one.page, one.problems, "hand-in (reply)");
    } finally {
      await one.context.close();
    }
    expect(getDb().data.feedback[0].replies).toHaveLength(1);
    // Four people, a dozen pages with axe scans: more than the default 30 s on a loaded machine.
  }, 120_000);

  it("two members typing at once at 360 px: the second is shown both versions and merges, nothing is lost", async () => {
    const [first, , third] = altena();
    const session2 = getDb()
      .data.sessions.filter((s) => s.editionId === trio().editionId)
      .sort((a, b) => a.number - b.number)[1];
    const path = `/trios/${trio().id}/huiswerk/${session2.id}`;
    const one = await openPage(browser, { width: 360, height: 800 });
    const three = await openPage(browser, { width: 360, height: 800 });
    try {
      await loginThroughForm(one.page, server.url, first.email, first.password);
      await loginThroughForm(three.page, server.url, third.email, third.password);
      await visit(one.page, server.url, path, one.problems);
      await visit(three.page, server.url, path, three.problems);
      expect(await one.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      await one.page.getByLabel("Jullie antwoord").fill("De wijkagenda volgens Sanne.");
      await expect
        .poll(() => one.page.locator("#concept-status").innerText(), { timeout: 10_000 })
        .toContain(`Laatst gewijzigd door ${first.name}`);
      // The third member still has the empty version open and types too.
      await three.page.getByLabel("Jullie antwoord").fill("De wijkagenda volgens Fatima.");
      await expect
        .poll(() => three.page.getByRole("alert").innerText(), { timeout: 10_000 })
        .toContain(`${first.name} heeft het concept om`);
      await takeExpectedStatusLog(three.problems, 409, `${server.url}${path}`);
      expect(await three.page.getByLabel(`Versie van ${first.name}`, { exact: false }).inputValue()).toBe("De wijkagenda volgens Sanne.");
      expect(await three.page.getByLabel("Jullie antwoord").inputValue()).toBe("De wijkagenda volgens Fatima.");
      expect(getDb().data.submissions.find((s) => s.sessionId === session2.id)!.draftText).toBe("De wijkagenda volgens Sanne.");
      await checkPage(three.page, three.problems, "hand-in (merge view)");
      expect(await three.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      await three.page.getByLabel("Jullie antwoord").fill("De wijkagenda volgens Sanne en Fatima.");
      await three.page.getByRole("button", { name: "Mijn samengevoegde tekst opslaan" }).click();
      await expect
        .poll(() => three.page.locator("#concept-status").innerText(), { timeout: 10_000 })
        .toContain(`Laatst gewijzigd door ${third.name}`);
      expect(await three.page.getByRole("heading", { name: "Twee versies samenvoegen" }).count()).toBe(0);
      expect(getDb().data.submissions.find((s) => s.sessionId === session2.id)!.draftText).toBe("De wijkagenda volgens Sanne en Fatima.");
      await checkPage(three.page, three.problems, "hand-in (merged)");
    } finally {
      await one.context.close();
      await three.context.close();
    }
  }, 120_000);
});
