/**
 * Account flows in a real browser against a real server with the demo seed:
 * logging in and out per role, the pages of each role's navigation, the login
 * and forgotten-password forms with their error summaries, and an invitation
 * followed from the outbox into a new browser context. Every page visited gets
 * an axe scan and must produce no console errors, page errors or failed requests.
 */
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seededLogin, type TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, navLabels, openPage, visit, waitForHydration, withServerAndBrowser } from "./helpers";

let server: TestServer;
let browser: Browser;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

async function logOut(page: Page, problems: string[]): Promise<void> {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await page.waitForURL(`${server.url}/inloggen?uitgelogd=1`);
  await expect.poll(() => page.getByRole("status").filter({ hasText: "Je bent uitgelogd." }).count()).toBe(1);
  expect(await page.locator('nav[aria-label="Hoofdmenu"]').count()).toBe(0);
  await checkPage(page, problems, "/inloggen?uitgelogd=1");
}

/** Clicks a link of the main navigation and checks the page it leads to. */
async function followNav(page: Page, problems: string[], label: string, path: string, heading: string | RegExp): Promise<void> {
  await page.locator('nav[aria-label="Hoofdmenu"]').getByRole("link", { name: label, exact: true }).click();
  await page.waitForURL(`${server.url}${path}`);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toMatch(heading);
  await expect.poll(() => page.locator('nav[aria-label="Hoofdmenu"] a[aria-current="page"]').innerText()).toBe(label);
  await checkPage(page, problems, path);
}

describe("logged out", () => {
  it("home, login, forgotten password and 404 pass axe without console problems", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await visit(page, server.url, "/", problems);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Werkplaats wijkgericht werken");

      // The header's login link leads to the form.
      await page.getByRole("banner").getByRole("link", { name: "Inloggen" }).click();
      await page.waitForURL(`${server.url}/inloggen`);
      await checkPage(page, problems, "/inloggen");

      await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
      await page.waitForURL(`${server.url}/wachtwoord-vergeten`);
      await checkPage(page, problems, "/wachtwoord-vergeten");

      // Empty: the summary in the browser; then a known address: the neutral confirmation.
      await page.getByRole("button", { name: "Stuur mij een link" }).click();
      const summary = page.getByRole("alert");
      await expect.poll(() => summary.innerText()).toContain("E-mailadres: Vul je e-mailadres in.");
      await checkPage(page, problems, "/wachtwoord-vergeten with errors");
      await page.getByLabel("E-mailadres").fill(seededLogin(server, "participant").email);
      await page.getByRole("button", { name: "Stuur mij een link" }).click();
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Kijk in je mail");
      await expect.poll(() => page.getByRole("status").innerText()).toContain("Als dit e-mailadres bij ons bekend is");
      await checkPage(page, problems, "/wachtwoord-vergeten confirmation");

      await visit(page, server.url, "/bestaat-niet", problems, 404);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Pagina niet gevonden");
      expect(await page.title()).toBe("Pagina niet gevonden – Werkplaats");
    } finally {
      await context.close();
    }
  });

  it("a page that needs a login sends you to the form and back after logging in", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await page.goto(`${server.url}/account`);
      await page.waitForURL(`${server.url}/inloggen?redirectTo=%2Faccount`);
      await checkPage(page, problems, "/inloggen?redirectTo=/account");
      const speaker = seededLogin(server, "speaker");
      await page.getByLabel("E-mailadres").fill(speaker.email);
      await page.getByLabel("Wachtwoord", { exact: true }).fill(speaker.password);
      await page.getByRole("button", { name: "Inloggen", exact: true }).click();
      await page.waitForURL(`${server.url}/account`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Mijn account");
      await checkPage(page, problems, "/account after redirect");
    } finally {
      await context.close();
    }
  });
});

describe("the login form", () => {
  it("shows the Dutch error summary for an empty form without a server round trip", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await visit(page, server.url, "/inloggen", problems);
      const posts: string[] = [];
      page.on("request", (request) => {
        if (request.method() !== "GET") posts.push(`${request.method()} ${request.url()}`);
      });

      await page.getByRole("button", { name: "Inloggen", exact: true }).click();
      const summary = page.getByRole("alert");
      await expect.poll(() => summary.count()).toBe(1);
      expect(await summary.getByRole("heading").innerText()).toBe("Er zijn 2 problemen");
      // It takes focus, so screen readers and keyboard users start there.
      expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
      const links = summary.getByRole("link");
      expect(await links.allInnerTexts()).toEqual(["E-mailadres: Vul je e-mailadres in.", "Wachtwoord: Vul je wachtwoord in."]);
      expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["#veld-email", "#veld-password"]);
      // Each field is marked invalid and describes its own error.
      const email = page.getByLabel("E-mailadres");
      expect(await email.getAttribute("aria-invalid")).toBe("true");
      expect(await email.getAttribute("aria-describedby")).toBe("veld-email-fout");
      expect(await page.locator("#veld-email-fout").innerText()).toContain("Vul je e-mailadres in.");
      await checkPage(page, problems, "/inloggen with errors");

      // A summary link brings you to the field.
      await links.nth(1).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("veld-password");
      expect(posts).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("says a wrong password does not match, without telling which part is wrong", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await visit(page, server.url, "/inloggen", problems);
      const organiser = seededLogin(server, "organiser");
      await page.getByLabel("E-mailadres").fill(organiser.email);
      await page.getByLabel("Wachtwoord", { exact: true }).fill("dit-is-niet-het-wachtwoord");
      const answer = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/inloggen"));
      await page.getByRole("button", { name: "Inloggen", exact: true }).click();
      expect((await answer).status()).toBe(401);
      const summary = page.getByRole("alert");
      await expect.poll(() => summary.innerText()).toContain("Dit e-mailadres en wachtwoord horen niet bij elkaar.");
      expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
      expect(page.url()).toBe(`${server.url}/inloggen`);
      // The address stays filled in; the password does not come back.
      expect(await page.getByLabel("E-mailadres").inputValue()).toBe(organiser.email);
      await checkPage(page, problems, "/inloggen after a wrong password", 401);
    } finally {
      await context.close();
    }
  });
});

describe("each role logs in, visits its navigation and logs out", () => {
  it("organiser (begeleider)", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const organiser = seededLogin(server, "organiser");
      // A reset request first, so the outbox surely holds a mail to open.
      await page.goto(`${server.url}/wachtwoord-vergeten`);
      await waitForHydration(page);
      await page.getByLabel("E-mailadres").fill(seededLogin(server, "speaker").email);
      await page.getByRole("button", { name: "Stuur mij een link" }).click();
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Kijk in je mail");

      await loginThroughForm(page, server.url, organiser.email, organiser.password);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(`Welkom, ${organiser.name}`);
      expect(await page.getByRole("banner").innerText()).toContain("(Begeleider)");
      expect(await navLabels(page)).toEqual(["Start", "Edities", "Gebruikers", "Berichten", "Mijn account"]);
      await checkPage(page, problems, "/ (organiser)");

      await followNav(page, problems, "Edities", "/beheer/edities", "Edities");
      await followNav(page, problems, "Gebruikers", "/beheer/gebruikers", "Gebruikers");
      expect(await page.locator("tbody tr").count()).toBe(server.boot.seeded.length);
      await followNav(page, problems, "Berichten", "/beheer/berichten", "Berichten");
      await page.getByRole("link", { name: "Nieuw wachtwoord instellen" }).first().click();
      await page.waitForURL(new RegExp(`^${server.url}/beheer/berichten/[^/]+$`));
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Nieuw wachtwoord instellen");
      expect(await page.title()).toBe("Nieuw wachtwoord instellen – Werkplaats");
      await checkPage(page, problems, "/beheer/berichten/:id");

      await followNav(page, problems, "Mijn account", "/account", "Mijn account");
      expect(await page.locator(".details").innerText()).toContain(organiser.email);
      await followNav(page, problems, "Start", "/", `Welkom, ${organiser.name}`);

      // An unknown message id is a 404 inside the shell.
      await visit(page, server.url, "/beheer/berichten/bestaat-niet", problems, 404);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Pagina niet gevonden");
      expect(await navLabels(page)).toEqual(["Start", "Edities", "Gebruikers", "Berichten", "Mijn account"]);

      await logOut(page, problems);
    } finally {
      await context.close();
    }
  });

  it("speaker (spreker)", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const speaker = seededLogin(server, "speaker");
      await loginThroughForm(page, server.url, speaker.email, speaker.password);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(`Welkom, ${speaker.name}`);
      expect(await page.getByRole("banner").innerText()).toContain("(Spreker)");
      expect(await navLabels(page)).toEqual(["Start", "Mijn account"]);
      expect(await page.getByRole("heading", { level: 2, name: "Jouw bijeenkomsten" }).count()).toBe(1);
      expect(await page.locator("main .card").count()).toBe(1);
      await checkPage(page, problems, "/ (speaker)");

      await followNav(page, problems, "Mijn account", "/account", "Mijn account");
      await followNav(page, problems, "Start", "/", `Welkom, ${speaker.name}`);

      // Organiser pages are refused with the shared error page.
      await visit(page, server.url, "/beheer/gebruikers", problems, 403);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Geen toegang");
      expect(await page.title()).toBe("Geen toegang – Werkplaats");

      await logOut(page, problems);
    } finally {
      await context.close();
    }
  });

  it("participant (deelnemer) sees their trio and the four sessions", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const participant = seededLogin(server, "participant", "trio Altena");
      await loginThroughForm(page, server.url, participant.email, participant.password);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(`Welkom, ${participant.name}`);
      expect(await page.getByRole("banner").innerText()).toContain("(Deelnemer)");
      expect(await navLabels(page)).toEqual(["Start", "Mijn trio", "Mijn account"]);
      const trio = page.getByRole("region", { name: /Trio Altena/ });
      expect(await trio.count()).toBe(1);
      expect(await trio.locator(".member").count()).toBe(3);
      const sessions = trio.locator("ol.session-list > li");
      expect(await sessions.count()).toBe(4);
      expect(await sessions.first().innerText()).toContain("De eigen gemeente in beeld");
      // The first session is next (it is a week away in the seed).
      expect(await sessions.first().getAttribute("class")).toContain("session-list__item--next");
      expect(await page.getByText("Trio Schiedam").count()).toBe(0);
      await checkPage(page, problems, "/ (participant)");

      await followNav(page, problems, "Mijn account", "/account", "Mijn account");
      await followNav(page, problems, "Start", "/", `Welkom, ${participant.name}`);

      await logOut(page, problems);
    } finally {
      await context.close();
    }
  });
});

describe("invitation in the browser", () => {
  it("an organiser invites a speaker, who sets a password from the mail in another browser and is logged in", async () => {
    const organiserSide = await openPage(browser);
    const inviteeSide = await openPage(browser);
    try {
      const { page, problems } = organiserSide;
      const organiser = seededLogin(server, "organiser");
      await loginThroughForm(page, server.url, organiser.email, organiser.password);
      await followNav(page, problems, "Gebruikers", "/beheer/gebruikers", "Gebruikers");

      const name = "Pieter Spreker";
      const email = `pieter.${Date.now()}@werkplaats.example`;
      await page.getByLabel("Naam").fill(name);
      await page.getByLabel("E-mailadres").fill(email);
      await page.getByRole("radio", { name: "Spreker" }).check();
      await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
      await expect.poll(() => page.getByRole("status").innerText()).toBe(`${name} is uitgenodigd als spreker.`);
      const row = page.locator("tbody tr", { hasText: email });
      await expect.poll(() => row.innerText()).toContain("Uitgenodigd");
      await checkPage(page, problems, "/beheer/gebruikers after inviting");

      await followNav(page, problems, "Berichten", "/beheer/berichten", "Berichten");
      const mailRow = page.locator("tbody tr", { hasText: email });
      expect(await mailRow.count()).toBe(1);
      await mailRow.getByRole("link", { name: "Uitnodiging voor de werkplaats wijkgericht werken" }).click();
      await page.waitForURL(new RegExp(`^${server.url}/beheer/berichten/[^/]+$`));
      await expect.poll(() => page.locator(".mail-body").innerText()).toContain(`Beste ${name},`);
      await checkPage(page, problems, "/beheer/berichten/:id (invitation)");
      const link = await page.locator(".mail-body a").getAttribute("href");
      expect(link).toMatch(new RegExp(`^${server.url}/wachtwoord/[^/]+$`));

      // The invitee opens the link in their own browser.
      const invitee = inviteeSide.page;
      await invitee.goto(link!);
      await expect.poll(() => invitee.getByRole("heading", { level: 1 }).innerText()).toBe("Welkom! Kies je wachtwoord");
      expect(await invitee.locator("main").innerText()).toContain(`Hallo ${name},`);
      // Password managers learn which account the new password belongs to.
      expect(await invitee.locator('input[autocomplete="username"]').inputValue()).toBe(email);
      await checkPage(invitee, inviteeSide.problems, "/wachtwoord/:token");

      // Too short first: the summary, in the browser.
      await invitee.getByLabel("Nieuw wachtwoord").fill("kort");
      await invitee.getByLabel("Herhaal het wachtwoord").fill("kort");
      await invitee.getByRole("button", { name: "Wachtwoord opslaan" }).click();
      await expect.poll(() => invitee.getByRole("alert").innerText()).toContain("Kies een wachtwoord van minstens 12 tekens.");
      await checkPage(invitee, inviteeSide.problems, "/wachtwoord/:token with errors");

      const password = "een lange zin als wachtwoord";
      await invitee.getByLabel("Nieuw wachtwoord").fill(password);
      await invitee.getByLabel("Herhaal het wachtwoord").fill(password);
      await invitee.getByRole("button", { name: "Wachtwoord opslaan" }).click();
      await invitee.waitForURL(`${server.url}/?welkom=1`);
      await waitForHydration(invitee);
      await expect.poll(() => invitee.getByRole("heading", { level: 1 }).innerText()).toBe(`Welkom, ${name}`);
      expect(await invitee.getByRole("status").filter({ hasText: "Je account is klaar. Welkom!" }).count()).toBe(1);
      expect(await invitee.getByRole("banner").innerText()).toContain("(Spreker)");
      expect(await navLabels(invitee)).toEqual(["Start", "Mijn account"]);
      await checkPage(invitee, inviteeSide.problems, "/?welkom=1");

      // The link worked once; opening it again explains that, in the shell.
      await visit(invitee, "", link!, inviteeSide.problems, 410);
      await expect.poll(() => invitee.getByRole("heading", { level: 1 }).innerText()).toBe("Deze link werkt niet (meer)");

      // The organiser now sees the speaker as active.
      await followNav(page, problems, "Gebruikers", "/beheer/gebruikers", "Gebruikers");
      expect(await page.locator("tbody tr", { hasText: email }).innerText()).toContain("Actief");

      // And the new password works through the login form.
      await logOut(invitee, inviteeSide.problems);
      await loginThroughForm(invitee, server.url, email, password);
      await expect.poll(() => invitee.getByRole("heading", { level: 1 }).innerText()).toBe(`Welkom, ${name}`);
      await checkPage(invitee, inviteeSide.problems, "/ (invited speaker)");
    } finally {
      await organiserSide.context.close();
      await inviteeSide.context.close();
    }
  });
});
