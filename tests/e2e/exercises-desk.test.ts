/**
 * The schuifoefening in a real browser: an organiser opens it; one member of a trio
 * works the desk with the keyboard only and another member of the same trio sees
 * the fader move live; after the reveal the overlay chart shows every trio. Every
 * page state gets an axe scan and must log no console problems.
 */
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDeskAnswer, getDeskRunOfSession } from "~/features/exercises/desk.server";
import { getDb } from "~/data/db.server";
import type { TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, withServerAndBrowser, visit } from "./helpers";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

const login = (role: "organiser" | "participant", detail?: string, index = 0) =>
  server.boot.seeded.filter((l) => l.role === role && (!detail || l.detail?.includes(detail)))[index];
const firstSession = () => getDb().data.sessions.find((s) => s.number === 1)!;
const trioId = (name: string) => getDb().data.trios.find((t) => t.municipality === name)!.id;

/** Presses Tab until the element with `id` has focus (keyboard only, no clicks). */
async function tabTo(page: Page, id: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((target) => document.activeElement?.id === target, id)) return;
  }
  throw new Error(`could not reach #${id} with Tab`);
}

describe("schuifoefening in the browser", () => {
  it("an organiser opens it, a member works the desk with the keyboard only, a trio-mate sees it live", async () => {
    const path = `/sessies/${firstSession().id}/schuifoefening`;
    const organiser = await openPage(browser);
    const member = await openPage(browser);
    const mate = await openPage(browser, { width: 360, height: 800 });
    try {
      // The members wait on the page; it shows the desk by itself once the organiser opens it.
      const [m1, m2] = [login("participant", "Altena", 0), login("participant", "Altena", 1)];
      await loginThroughForm(member.page, server.url, m1.email, m1.password);
      await loginThroughForm(mate.page, server.url, m2.email, m2.password);
      await visit(member.page, server.url, path, member.problems);
      expect(await member.page.getByText("nog niet geopend").count()).toBe(1);
      await visit(mate.page, server.url, path, mate.problems);

      await loginThroughForm(organiser.page, server.url, login("organiser").email, login("organiser").password);
      await visit(organiser.page, server.url, path, organiser.problems);
      await organiser.page.getByRole("button", { name: "Schuifoefening openen" }).click();
      await expect.poll(() => organiser.page.getByRole("status").filter({ hasText: "De schuifoefening is open" }).count()).toBe(1);
      await checkPage(organiser.page, organiser.problems, "desk (organiser, open)");
      const runId = getDeskRunOfSession(firstSession().id)!.id;

      await expect.poll(() => member.page.getByText("Live: je trio-genoten").count(), { timeout: 5_000 }).toBe(1);
      await expect.poll(() => mate.page.getByText("Live: je trio-genoten").count(), { timeout: 5_000 }).toBe(1);

      // Slider semantics: a labelled vertical slider whose value is read out in words.
      const fader = member.page.getByRole("slider", { name: "Bestuur en politiek" });
      expect(await fader.getAttribute("aria-valuetext")).toBe("midden: geen keuze (50 van 100)");
      expect(await fader.getAttribute("aria-orientation")).toBe("vertical");

      // Keyboard only: Tab to the fader, arrows and Page Up/End move it.
      await tabTo(member.page, "schuif-bestuurEnPolitiek");
      await member.page.keyboard.press("ArrowUp");
      await member.page.keyboard.press("ArrowUp");
      await member.page.keyboard.press("ArrowUp");
      await expect.poll(() => fader.inputValue()).toBe("65");
      expect(await fader.getAttribute("aria-valuetext")).toBe("iets hoger dan midden (65 van 100)");
      await member.page.keyboard.press("End");
      await expect.poll(() => fader.inputValue()).toBe("100");
      await member.page.keyboard.press("ArrowDown");
      await expect.poll(() => fader.getAttribute("aria-valuetext")).toBe("helemaal hoog (95 van 100)");
      // Tab on to the reason and type it.
      await tabTo(member.page, "schuif-bestuurEnPolitiek-reden", 5);
      await member.page.keyboard.type("Wijkwethouders");

      // The trio-mate's fader follows, live, without reloading.
      const mateFader = mate.page.getByRole("slider", { name: "Bestuur en politiek" });
      await expect.poll(() => mateFader.inputValue(), { timeout: 5_000 }).toBe("95");
      await expect.poll(() => mate.page.getByLabel("Waarom hier? (Bestuur en politiek)").inputValue()).toBe("Wijkwethouders");
      await expect.poll(() => getDeskAnswer(runId, trioId("Altena"))?.sliders.bestuurEnPolitiek.reason).toBe("Wijkwethouders");
      expect(getDeskAnswer(runId, trioId("Altena"))!.sliders.bestuurEnPolitiek.value).toBe(95);
      await checkPage(member.page, member.problems, "desk (member, moved)");
      await checkPage(mate.page, mate.problems, "desk (mate, 360 px)");

      // "We zijn klaar" with the keyboard; the organiser sees it live, without values.
      await member.page.getByRole("button", { name: "We zijn klaar" }).focus();
      await member.page.keyboard.press("Enter");
      await expect.poll(() => organiser.page.locator(".progress-list").innerText(), { timeout: 5_000 }).toContain("klaar");
      expect(await organiser.page.locator("main").innerText()).not.toContain("Wijkwethouders");

      // The reveal: every page gets all desks and the overlay chart.
      await organiser.page.getByRole("button", { name: "Antwoorden tonen" }).click();
      await expect.poll(() => organiser.page.locator(".desk-chart__mark").count()).toBe(5);
      await expect.poll(() => mate.page.getByRole("heading", { name: "Alle mengpanelen" }).count(), { timeout: 5_000 }).toBe(1);
      await expect.poll(() => mate.page.getByRole("table", { name: /Spreiding per categorie/ }).innerText()).toContain("Wijkwethouders");
      await checkPage(organiser.page, organiser.problems, "desk (organiser, revealed)");
      await checkPage(mate.page, mate.problems, "desk (mate, revealed)");

      // The desk in the portfolio and the spread in the edition report.
      await visit(member.page, server.url, `/trios/${trioId("Altena")}/portfolio`, member.problems);
      expect(await member.page.locator("main").innerText()).toContain("Wijkwethouders");
      await visit(organiser.page, server.url, `/beheer/edities/${getDb().data.editions[0].id}/oefeningen`, organiser.problems);
      expect(await organiser.page.locator(".desk-chart__mark").count()).toBe(5);
    } finally {
      await organiser.context.close();
      await member.context.close();
      await mate.context.close();
    }
  }, 90_000);
});
