/**
 * A whole session run from Werkplaats in one browser: a facilitator (run sheet), a
 * projector and two participants in separate contexts, from the first block to the
 * last, with axe on every view. The realtime rules themselves are covered by
 * tests/integration/live.test.ts; this checks that the screens follow.
 */
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getUserByEmail } from "~/features/accounts/user.server";
import { newStickyNote } from "~/features/boards/board-elements";
import { getBoardRoom } from "~/features/boards/board-room.server";
import { domainInEdition, listBoardsOfSession } from "~/features/boards/board.server";
import { moveSliders, openDeskRun, setDeskRevealed } from "~/features/exercises/desk.server";
import { listEditions } from "~/features/programme/edition.server";
import { getSession, listSessionsOfEdition } from "~/features/programme/session.server";
import { listTriosOfEdition } from "~/features/registration/trio.server";
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

/** A participant's sticky note on the plenary board, through the board room as a socket update would go. */
async function addPlenaryNote(sessionId: string, editionId: string, email: string, text: string) {
  const board = (await listBoardsOfSession(sessionId)).find((b) => b.scope === "plenary")!;
  const user = getUserByEmail(email)!;
  const room = await getBoardRoom(board);
  const elements = newStickyNote({
    x: 40,
    y: 40,
    text,
    author: { id: user.id, name: user.name, domain: domainInEdition(user.id, editionId) },
  });
  for (const element of elements) room.store.apply(element);
  room.broadcast(elements, await room.store.commit({ elements }));
}

/** The facilitator opens the desk and two trios fill it in (revealing is a separate step). */
async function revealDesks(sessionId: string, editionId: string, organiserEmail: string) {
  const run = await openDeskRun(getSession(sessionId)!, getUserByEmail(organiserEmail)!.id);
  const trios = listTriosOfEdition(editionId)
    .filter((t) => t.status === "admitted")
    .slice(0, 2);
  for (const [i, trio] of trios.entries())
    await moveSliders(run.id, trio.id, "x", [{ category: "communicatie", value: 1 + i * 3, reason: "" }]);
  return { run, municipalities: trios.map((t) => t.municipality) };
}

describe("a live session", () => {
  it("runs from the first block to the last; every screen follows", async () => {
    const sessionId = listSessionsOfEdition(listEditions()[0].id)[0].id;
    const editionId = listEditions()[0].id;
    // The first page load warms the server's build up; the other three log in at once.
    const facilitator = await as("organiser");
    const [projector, alice, bob] = await Promise.all([as("organiser"), as("participant", "Altena"), as("participant", "Schiedam")]);
    await visit(facilitator.page, server.url, `/beheer/edities/${editionId}/sessies/${sessionId}/draaiboek`, facilitator.problems);
    // A poll prepared for the kennisuitwisseling block before the session starts.
    const exchangeBlock = facilitator.page.locator(".run-block", { hasText: "Kennisuitwisseling:" });
    await exchangeBlock.getByText("Peiling voorbereiden").click();
    await exchangeBlock.getByLabel("Vraag", { exact: true }).fill("Staat wijkgericht werken in jullie organogram?");
    await exchangeBlock.getByLabel("Soort").selectOption("agree");
    await exchangeBlock.getByRole("button", { name: "Peiling klaarzetten" }).click();
    await exchangeBlock.getByText("Peiling: Staat wijkgericht werken in jullie organogram?").waitFor();
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
    // Forgiving: an empty question is named at the field; a long one is counted, not cut.
    const askField = alice.page.getByLabel("Je vraag aan de spreker");
    await alice.page.getByRole("button", { name: "Vraag stellen" }).click();
    await alice.page.locator(".live-ask .field__error", { hasText: "Schrijf je vraag op." }).waitFor();
    expect(await askField.evaluate((el) => el === document.activeElement && el.getAttribute("aria-invalid"))).toBe("true");
    await askField.fill("x".repeat(501));
    expect((await askField.inputValue()).length).toBe(501);
    await alice.page.locator(".live-ask .field__counter", { hasText: "1 teken te veel" }).waitFor();
    await askField.fill(hostile);
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

    // Kennisuitwisseling: the projector shows the plenary board itself, and follows it as notes arrive.
    await projector.page.getByRole("heading", { name: /^Plenair bord: / }).waitFor();
    const boardPicture = projector.page.getByRole("img", { name: /^Plenair bord/ });
    await addPlenaryNote(sessionId, editionId, seededLogin(server, "participant", "Altena").email, "Buurtbudget per wijk");
    await expect.poll(() => boardPicture.getAttribute("alt")).toMatch(/1 notitie/);
    expect(await boardPicture.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    expect(decodeURIComponent((await boardPicture.getAttribute("src"))!)).toContain("Buurtbudget per");

    // The prepared poll: opened with one click while its block runs, answered, revealed on the projector.
    await facilitator.page.getByRole("button", { name: "Peiling openen: Staat wijkgericht werken in jullie organogram?" }).click();
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
      if (kind === "Pauze") expect(await boardPicture.count()).toBe(0);
      if (kind !== "Opdracht") continue;
      // Opdracht: the desks appear on the projector once the facilitator reveals them, not before.
      const { run, municipalities } = await revealDesks(sessionId, editionId, seededLogin(server, "organiser").email);
      expect(await projector.page.getByTestId("scherm-mengpanelen").count()).toBe(0);
      await setDeskRevealed(run.id, true);
      const desks = projector.page.getByTestId("scherm-mengpanelen");
      await desks.getByRole("table").waitFor();
      expect(await desks.getByRole("columnheader").allTextContents()).toEqual(expect.arrayContaining(municipalities));
      await checkPage(projector.page, projector.problems);
    }
    await alice.page.locator(".live-block").getByRole("link", { name: "Naar jullie huiswerk" }).waitFor();
    await checkPage(alice.page, alice.problems);

    // Attendance: the organiser sees Alice present and prints the certificates page.
    await visit(facilitator.page, server.url, `/beheer/edities/${editionId}/aanwezigheid`, facilitator.problems);
    const firstSession = facilitator.page.getByTestId("aanwezig-1");
    await expect.poll(() => firstSession.textContent()).toBe("1 van de 6 aanwezig");
    // Bob checks in while the list is open: it follows without a reload and says so politely.
    await bob.page.getByRole("button", { name: "Ik ben er: inchecken" }).click();
    await expect.poll(() => firstSession.textContent()).toBe("2 van de 6 aanwezig");
    const bobName = seededLogin(server, "participant", "Schiedam").name;
    await expect.poll(() => facilitator.page.locator("#live-meldingen").textContent()).toBe(`${bobName} is aangemeld bij bijeenkomst 1.`);
    await checkPage(facilitator.page, facilitator.problems);
  });
});
