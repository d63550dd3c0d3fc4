/**
 * A whole session run from Werkplaats in one browser: a facilitator (run sheet), a
 * projector and two participants in separate contexts, from the first block to the
 * last, with axe on every view. The realtime rules themselves are covered by
 * tests/integration/live.test.ts; this checks that the screens follow.
 */
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { listEditions } from "~/features/programme/edition.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { seededLogin, type TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, visit, withServerAndBrowser } from "./helpers";

let server: TestServer;
let browser: Browser;
withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

async function as(role: "organiser" | "participant", detail?: string) {
  const { page, problems } = await openPage(browser);
  const login = seededLogin(server, role, detail);
  await loginThroughForm(page, server.url, login.email, login.password);
  return { page, problems };
}

const groupBlock = (page: Page) => page.getByTestId("groep-blok");

describe("a live session", () => {
  it("runs from the first block to the last; every screen follows", async () => {
    const sessionId = listSessionsOfEdition(listEditions()[0].id)[0].id;
    const editionId = listEditions()[0].id;
    const [facilitator, projector, alice, bob] = await Promise.all([
      as("organiser"),
      as("organiser"),
      as("participant", "Altena"),
      as("participant", "Schiedam"),
    ]);
    await visit(facilitator.page, server.url, `/beheer/edities/${editionId}/sessies/${sessionId}/draaiboek`, facilitator.problems);
    await visit(projector.page, server.url, `/sessies/${sessionId}/scherm`, projector.problems);
    await expect.poll(() => projector.page.locator("header.site-header, nav").count()).toBe(0);
    for (const p of [alice, bob]) await visit(p.page, server.url, `/sessies/${sessionId}`, p.problems);
    await expect.poll(() => groupBlock(alice.page).textContent()).toContain("nog niet begonnen");

    // Welkom: start, and check in with the code on the projector.
    await facilitator.page.getByRole("button", { name: "Bijeenkomst starten" }).click();
    for (const p of [alice.page, bob.page]) await expect.poll(() => groupBlock(p).textContent()).toContain("Welkom");
    await expect.poll(() => projector.page.getByTestId("scherm-blok").textContent()).toContain("Welkom");
    const code = (await projector.page.getByTestId("incheckcode").textContent())!.trim();
    await alice.page.getByLabel("Code op het scherm (mag leeg)").fill(code);
    await alice.page.getByRole("button", { name: "Ik ben er: inchecken" }).click();
    await alice.page.getByText("Je bent ingecheckt.").waitFor();
    await checkPage(alice.page, alice.problems);

    // Spreker: a question, hostile text shown as text, an upvote seen on the projector.
    await facilitator.page.getByRole("button", { name: "Volgend onderdeel" }).click();
    await expect.poll(() => groupBlock(bob.page).textContent()).toContain("Spreker");
    const hostile = '<b id="x">vet?</b> Hoe houd je de wethouder betrokken?';
    await alice.page.getByLabel("Je vraag aan de spreker").fill(hostile);
    await alice.page.getByRole("button", { name: "Vraag stellen" }).click();
    await bob.page.locator(".question__text", { hasText: hostile }).waitFor();
    expect(await bob.page.locator("#x").count()).toBe(0);
    await bob.page.getByRole("button", { name: /Steun deze vraag/ }).click();
    await bob.page.getByRole("button", { name: /Gesteund/ }).waitFor();
    await projector.page.getByText("1 steunbetuiging").waitFor();
    await checkPage(bob.page, bob.problems);
    await checkPage(projector.page, projector.problems);

    // Bob looks elsewhere; when the group moves on he is offered the way back.
    await bob.page.getByRole("button", { name: /Bekijk.*Pauze/ }).click();
    await facilitator.page.getByRole("button", { name: "Volgend onderdeel" }).click();
    await expect.poll(() => groupBlock(bob.page).textContent()).toContain("Kennisuitwisseling");
    await bob.page.getByRole("button", { name: "Terug naar waar de groep is" }).click();
    await expect.poll(() => bob.page.getByRole("button", { name: "Terug naar waar de groep is" }).count()).toBe(0);

    // A poll: prepared, opened, answered, revealed on the projector.
    await facilitator.page.getByText("Nieuwe peiling").click();
    await facilitator.page.getByLabel("Vraag", { exact: true }).fill("Staat wijkgericht werken in jullie organogram?");
    await facilitator.page.getByLabel("Soort").selectOption("agree");
    await facilitator.page.getByRole("button", { name: "Peiling klaarzetten" }).click();
    await facilitator.page.getByRole("button", { name: /^Openen/ }).click();
    await facilitator.page.getByRole("button", { name: /^Op het scherm/ }).click();
    await alice.page.getByLabel("Eens", { exact: true }).check();
    await alice.page.getByRole("button", { name: "Antwoord geven" }).click();
    await alice.page.getByText("Je hebt geantwoord.").waitFor();
    await expect.poll(() => projector.page.getByTestId("scherm-antwoorden").textContent()).toBe("1 antwoord.");
    await facilitator.page.getByRole("button", { name: /^Uitslag tonen/ }).click();
    await projector.page.getByRole("progressbar", { name: "Eens", exact: true }).waitFor();
    await checkPage(facilitator.page, facilitator.problems);
    await checkPage(projector.page, projector.problems);

    // Pauze, opdracht, afsluiting: to the last block, everyone follows.
    for (const kind of ["Pauze", "Opdracht", "Afsluiting"]) {
      await facilitator.page.getByRole("button", { name: "Volgend onderdeel" }).click();
      for (const p of [alice.page, bob.page]) await expect.poll(() => groupBlock(p).textContent()).toContain(kind);
      await expect.poll(() => projector.page.getByTestId("scherm-blok").textContent()).toContain(kind);
    }
    await alice.page.locator(".live-block").getByRole("link", { name: "Naar jullie huiswerk" }).waitFor();
    await checkPage(alice.page, alice.problems);

    // Attendance: the organiser sees Alice present and prints the certificates page.
    await visit(facilitator.page, server.url, `/beheer/edities/${editionId}/aanwezigheid`, facilitator.problems);
    await facilitator.page.getByText("1 van de 6 aanwezig").waitFor();
  });
});
