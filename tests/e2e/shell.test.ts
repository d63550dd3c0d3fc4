/**
 * The page shell in a real browser: language, favicon, landmarks, the skip link,
 * visible keyboard focus, no sideways scrolling at 360 px, and client-side
 * navigation that changes the URL and title without a full page load. Every
 * page visited gets an axe scan and must produce no console errors, page errors
 * or failed requests.
 */
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seededLogin, type TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, visit, waitForHydration, withServerAndBrowser } from "./helpers";

let server: TestServer;
let browser: Browser;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

/** What the focused element is and how its focus is drawn. */
function focusInfo(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.innerText || el.getAttribute("aria-label") || (el as HTMLInputElement).name || "").trim(),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0,
    };
  });
}

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe("the document", () => {
  it("is Dutch, has a favicon and the landmarks, logged out and in", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await visit(page, server.url, "/", problems);
      expect(await page.locator("html").getAttribute("lang")).toBe("nl");
      expect(await page.title()).toBe("Start – Werkplaats wijkgericht werken");

      const icon = page.locator('head link[rel="icon"]');
      expect(await icon.getAttribute("href")).toBe("/favicon.svg");
      expect(await icon.getAttribute("type")).toBe("image/svg+xml");
      const svg = await page.request.get(`${server.url}/favicon.svg`);
      expect(svg.status()).toBe(200);
      expect(svg.headers()["content-type"]).toContain("image/svg+xml");
      // Browsers still ask for /favicon.ico on their own (see the error-page test below).
      const ico = await page.request.get(`${server.url}/favicon.ico`);
      expect(ico.status()).toBe(200);

      // Logged out: header, main and footer, but no main navigation.
      expect(await page.getByRole("banner").count()).toBe(1);
      expect(await page.getByRole("main").count()).toBe(1);
      expect(await page.getByRole("contentinfo").count()).toBe(1);
      expect(await page.getByRole("navigation", { name: "Hoofdmenu" }).count()).toBe(0);
      expect(await page.getByRole("navigation", { name: "Verklaringen en contact" }).count()).toBe(1);
      expect(await page.locator("body > header, body > main#inhoud, body > footer").count()).toBe(3);

      const organiser = seededLogin(server, "organiser");
      await loginThroughForm(page, server.url, organiser.email, organiser.password);
      await checkPage(page, problems, "/ (organiser)");
      expect(await page.getByRole("banner").count()).toBe(1);
      expect(await page.getByRole("navigation", { name: "Verklaringen en contact" }).count()).toBe(1);
      expect(await page.getByRole("navigation", { name: "Hoofdmenu" }).count()).toBe(1);
      // The navigation sits in the header; main is the one with id "inhoud".
      expect(await page.locator('header nav[aria-label="Hoofdmenu"]').count()).toBe(1);
      expect(await page.getByRole("main").getAttribute("id")).toBe("inhoud");
      expect(await page.getByRole("contentinfo").count()).toBe(1);
      expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe("keyboard", () => {
  it("the skip link is the first stop and moves focus to the main content", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      for (const path of ["/", "/inloggen"]) {
        await visit(page, server.url, path, problems);
        await page.keyboard.press("Tab");
        const first = await focusInfo(page);
        expect(first, path).toMatchObject({ tag: "a", text: "Direct naar de inhoud", visible: true });
        expect(first!.outlineStyle).not.toBe("none");
        await page.keyboard.press("Enter");
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("inhoud");
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("MAIN");
        expect(page.url()).toBe(`${server.url}${path}#inhoud`);
        // The next Tab continues inside the content, not at the top of the page.
        await page.keyboard.press("Tab");
        expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
        await checkPage(page, problems, `${path} after the skip link`);
      }
    } finally {
      await context.close();
    }
  });

  it("the skip link works the same when logged in, past the header and navigation", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const participant = seededLogin(server, "participant");
      await loginThroughForm(page, server.url, participant.email, participant.password);
      await page.goto(`${server.url}/account`);
      await waitForHydration(page);
      await page.keyboard.press("Tab");
      expect(await focusInfo(page)).toMatchObject({ text: "Direct naar de inhoud" });
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("inhoud");
      await page.keyboard.press("Tab");
      // The first field of the password form, not the header's logout button.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("veld-current");
      await checkPage(page, problems, "/account after the skip link");
    } finally {
      await context.close();
    }
  });

  it("every focus stop shows a visible outline", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      // Logged out: the login page (skip link, brand, header links "Aanmelden" (the seeded
      // edition takes registrations) and "Inloggen", fields, button, link).
      await visit(page, server.url, "/inloggen", problems);
      const seen: string[] = [];
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press("Tab");
        const info = await focusInfo(page);
        expect(info, `focus stop ${i + 1} on /inloggen`).not.toBeNull();
        expect(info!.outlineStyle, `outline of ${info!.tag} "${info!.text}"`).not.toBe("none");
        expect(info!.outlineWidth, `outline width of ${info!.tag} "${info!.text}"`).toBeGreaterThan(0);
        expect(info!.visible, `${info!.tag} "${info!.text}" is on screen`).toBe(true);
        seen.push(info!.text || info!.tag);
      }
      expect(seen).toEqual(expect.arrayContaining(["Direct naar de inhoud", "email", "password", "Inloggen", "Wachtwoord vergeten?"]));

      // Logged in: header, navigation links and the users page's form and table.
      const organiser = seededLogin(server, "organiser");
      await loginThroughForm(page, server.url, organiser.email, organiser.password);
      await page.goto(`${server.url}/beheer/gebruikers`);
      await waitForHydration(page);
      const stops: string[] = [];
      // 13: the header also has the notifications link (issue 5).
      for (let i = 0; i < 13; i++) {
        await page.keyboard.press("Tab");
        const info = await focusInfo(page);
        expect(info, `focus stop ${i + 1} on /beheer/gebruikers`).not.toBeNull();
        expect(info!.outlineStyle, `outline of ${info!.tag} "${info!.text}"`).not.toBe("none");
        expect(info!.outlineWidth, `outline width of ${info!.tag} "${info!.text}"`).toBeGreaterThan(0);
        stops.push(info!.text || info!.tag);
      }
      expect(stops).toEqual(
        expect.arrayContaining(["Uitloggen", "Start", "Gebruikers", "Berichten", "Mijn account", "name", "email", "Uitnodiging versturen"]),
      );
      await checkPage(page, problems, "/beheer/gebruikers after tabbing");
    } finally {
      await context.close();
    }
  });
});

describe("small screens", () => {
  it("at 360 px wide no page scrolls sideways", async () => {
    const { context, page, problems } = await openPage(browser, { width: 360, height: 740 });
    try {
      for (const path of ["/", "/inloggen", "/wachtwoord-vergeten", "/bestaat-niet"]) {
        await visit(page, server.url, path, problems, path === "/bestaat-niet" ? 404 : 200);
        expect(await scrollWidth(page), `scroll width of ${path}`).toBeLessThanOrEqual(360);
      }
      // The login page with its error summary.
      await page.goto(`${server.url}/inloggen`);
      await waitForHydration(page);
      await page.getByRole("button", { name: "Inloggen", exact: true }).click();
      await expect.poll(() => page.getByRole("alert").count()).toBe(1);
      expect(await scrollWidth(page), "scroll width of /inloggen with errors").toBeLessThanOrEqual(360);
      await checkPage(page, problems, "/inloggen with errors at 360 px");

      const organiser = seededLogin(server, "organiser");
      await loginThroughForm(page, server.url, organiser.email, organiser.password);
      await checkPage(page, problems, "/ (organiser) at 360 px");
      expect(await scrollWidth(page), "scroll width of / (organiser)").toBeLessThanOrEqual(360);
      for (const path of ["/account", "/beheer/gebruikers", "/beheer/berichten"]) {
        await visit(page, server.url, path, problems);
        expect(await scrollWidth(page), `scroll width of ${path}`).toBeLessThanOrEqual(360);
      }
      // The wide user table scrolls inside its own keyboard-reachable region instead.
      await page.goto(`${server.url}/beheer/gebruikers`);
      await waitForHydration(page);
      const region = page.getByRole("region", { name: "Tabel, horizontaal scrollbaar" });
      expect(await region.getAttribute("tabindex")).toBe("0");
    } finally {
      await context.close();
    }
  });

  it("at 360 px a participant's programme fits", async () => {
    const { context, page, problems } = await openPage(browser, { width: 360, height: 740 });
    try {
      const participant = seededLogin(server, "participant", "trio Schiedam");
      await loginThroughForm(page, server.url, participant.email, participant.password);
      await checkPage(page, problems, "/ (participant) at 360 px");
      expect(await page.getByRole("heading", { level: 2, name: /Trio Schiedam/ }).count()).toBe(1);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      await visit(page, server.url, "/account", problems);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    } finally {
      await context.close();
    }
  });
});

describe("client-side navigation", () => {
  it("the navigation changes URL and title without a full page load, and announces the page", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const organiser = seededLogin(server, "organiser");
      await loginThroughForm(page, server.url, organiser.email, organiser.password);
      await checkPage(page, problems, "/");
      expect(await page.title()).toBe("Start – Werkplaats wijkgericht werken");

      let documentLoads = 0;
      page.on("request", (request) => {
        if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documentLoads++;
      });
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      const sameDocument = () => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
      const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
      const liveRegion = page.locator('[aria-live="polite"]');

      const steps = [
        { label: "Mijn account", path: "/account", title: "Mijn account – Werkplaats" },
        { label: "Edities", path: "/beheer/edities", title: "Edities – Werkplaats" },
        { label: "Gebruikers", path: "/beheer/gebruikers", title: "Gebruikers – Werkplaats" },
        { label: "Berichten", path: "/beheer/berichten", title: "Berichten – Werkplaats" },
        { label: "Start", path: "/", title: "Start – Werkplaats wijkgericht werken" },
      ];
      for (const step of steps) {
        await nav.getByRole("link", { name: step.label, exact: true }).click();
        await page.waitForURL(`${server.url}${step.path}`);
        await expect.poll(() => page.title()).toBe(step.title);
        expect(await nav.getByRole("link", { name: step.label, exact: true }).getAttribute("aria-current")).toBe("page");
        // Focus goes to the content and the new title is read out, as on a page load.
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("inhoud");
        await expect.poll(() => liveRegion.innerText()).toBe(step.title);
        expect(await sameDocument(), `${step.path} came without a page load`).toBe(true);
        await checkPage(page, problems, `${step.path} (client-side)`);
      }

      // Back and forward stay client-side too.
      await page.goBack();
      await page.waitForURL(`${server.url}/beheer/berichten`);
      await expect.poll(() => page.title()).toBe("Berichten – Werkplaats");
      expect(await sameDocument()).toBe(true);
      expect(documentLoads).toBe(0);
      await checkPage(page, problems, "/beheer/berichten (back)");
    } finally {
      await context.close();
    }
  });

  it("leaving an error page through the navigation works without console errors", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const speaker = seededLogin(server, "speaker");
      await loginThroughForm(page, server.url, speaker.email, speaker.password);
      await visit(page, server.url, "/nergens", problems, 404);
      expect(await page.title()).toBe("Pagina niet gevonden – Werkplaats");
      await visit(page, server.url, "/beheer/berichten", problems, 403);
      expect(await page.title()).toBe("Geen toegang – Werkplaats");

      // Remix remounts the document head here; Chromium then asks for /favicon.ico.
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn account" }).click();
      await page.waitForURL(`${server.url}/account`);
      await expect.poll(() => page.title()).toBe("Mijn account – Werkplaats");
      await page.waitForTimeout(300);
      await checkPage(page, problems, "/account after an error page");

      // The error page's own button leads home client-side as well.
      await visit(page, server.url, "/nergens", problems, 404);
      await page.getByRole("main").getByRole("link", { name: "Naar de startpagina" }).click();
      await page.waitForURL(`${server.url}/`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(`Welkom, ${speaker.name}`);
      await page.waitForTimeout(300);
      await checkPage(page, problems, "/ after an error page");
    } finally {
      await context.close();
    }
  });
});
