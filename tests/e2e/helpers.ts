/**
 * Shared steps for the browser tests: wait for hydration, check a page (axe and
 * the recorded console/page/network problems), log in through the real form.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, vi } from "vitest";
import { closeLeftoverContexts, expectNoAxeViolations, launchBrowser, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/test-server";

/** A page from newPage with a shorter default timeout, so a stuck step fails with its own message. */
export async function openPage(browser: Browser, options: { width?: number; height?: number } = {}) {
  const opened = await newPage(browser, options);
  opened.page.setDefaultTimeout(10_000);
  return opened;
}

/** True once React has hydrated the document (the main element has a fiber). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const main = document.getElementById("inhoud");
      return Boolean(main && Object.keys(main).some((key) => key.startsWith("__reactFiber")));
    },
    undefined,
    { timeout: 10_000 },
  );
}

/**
 * Chromium logs every HTTP error response as a console error ("Failed to load
 * resource: … status of 404"), also when the status is the right answer (a 404
 * page, a 401 for a wrong password). This takes exactly that one expected line
 * out of the problems, and fails if it is not there; anything else stays.
 */
export async function takeExpectedStatusLog(problems: string[], status: number, url: string): Promise<void> {
  const prefix = `console.error: Failed to load resource: the server responded with a status of ${status} `;
  // The page itself, or its own data request (client-side form posts add ?_data=…).
  const path = url.split("?")[0];
  const isExpected = (p: string) => p.startsWith(prefix) && p.split(" @ ").at(-1)!.split("?")[0] === path;
  await expect.poll(() => problems.some(isExpected), { timeout: 5_000 }).toBe(true);
  problems.splice(problems.findIndex(isExpected), 1);
}

/**
 * The checks every visited page gets: hydrated, zero axe violations, and no
 * console errors (CSP violations included), page errors or failed requests.
 * `expectedStatus` names an HTTP error status the page is meant to answer with.
 */
export async function checkPage(page: Page, problems: string[], label = page.url(), expectedStatus?: number): Promise<void> {
  await waitForHydration(page);
  if (expectedStatus && expectedStatus >= 400) await takeExpectedStatusLog(problems, expectedStatus, page.url());
  await expectNoAxeViolations(page);
  expect(problems, `problems on ${label}`).toEqual([]);
}

/** Opens a path with a full page load, checks its status and then the page. */
export async function visit(page: Page, baseUrl: string, path: string, problems: string[], expectedStatus = 200): Promise<void> {
  const response = await page.goto(`${baseUrl}${path}`);
  expect(response?.status(), `status of ${path}`).toBe(expectedStatus);
  await checkPage(page, problems, path, expectedStatus);
}
/** Logs in through the login form, as a person would, and waits for the home page. */
export async function loginThroughForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  if (!page.url().startsWith(`${baseUrl}/inloggen`)) {
    await page.goto(`${baseUrl}/inloggen`);
  }
  await waitForHydration(page);
  const field = page.getByLabel("E-mailadres");
  if ((await field.count()) === 0) {
    const heading = await page
      .locator("h1")
      .first()
      .innerText()
      .catch(() => "(geen h1)");
    throw new Error(`No login form for ${email} at ${page.url()} (heading: ${heading})`);
  }
  await field.fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await page.waitForURL(`${baseUrl}/`);
  await waitForHydration(page);
}

/** The visible link texts of the main navigation, in order. */
export async function navLabels(page: Page): Promise<string[]> {
  const nav = page.locator('nav[aria-label="Hoofdmenu"]');
  return (await nav.getByRole("link").allInnerTexts()).map((t) => t.trim());
}

/**
 * A whole browser flow may take this long on a busy 2-core machine. Every step
 * inside it has its own, shorter timeout that names what it waits for (openPage
 * sets 10 s), so a stuck step still fails fast and says why; this bound only
 * keeps a slow but progressing flow from being cut off halfway.
 */
export const BROWSER_FLOW_TIMEOUT_MS = 120_000;

export function withServerAndBrowser(ready: (server: TestServer, browser: Browser) => void): void {
  vi.setConfig({ testTimeout: BROWSER_FLOW_TIMEOUT_MS });
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    ready(server, browser);
  });
  afterAll(async () => {
    // The browser is the worker's (launchBrowser): only this file's contexts end.
    if (browser) await closeLeftoverContexts(browser);
    await server?.stop();
  });
}

/**
 * Picks a file on a slowed-down connection (1 MB/s), so the upload's progress bar
 * is visible long enough to assert on, and checks it shows percentage and bytes.
 * Returns a function that restores full speed.
 */
export async function uploadThrottled(
  context: BrowserContext,
  page: Page,
  picker: Locator,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<{ progress: Locator; fullSpeed: () => Promise<void> }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: 1_000_000,
    uploadThroughput: 1_000_000,
  });
  await picker.setInputFiles(file);
  const progress = page.getByRole("progressbar", { name: `Voortgang van de upload van ${file.name}` });
  await expect.poll(() => progress.count()).toBe(1);
  await expect.poll(() => page.locator(".file-upload").innerText()).toMatch(/\d+% · \d+,\d MB van 1,\d MB/);
  const fullSpeed = async () => {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  };
  return { progress, fullSpeed };
}
