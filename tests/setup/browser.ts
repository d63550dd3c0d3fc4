import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's Chromium in its old headless shell: a third less CPU per browser flow than full Chromium (ADR 030). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell";

let workerBrowser: Promise<Browser> | null = null;

/**
 * The test worker's Chromium, started on first use and shared by every browser
 * test file the worker runs (test files share a process, see vitest.config.ts):
 * one start per worker instead of one per file, and its idle contexts keep their
 * caches from file to file. It closes with the worker (its pipe to us closes).
 */
export function launchBrowser(): Promise<Browser> {
  if (workerBrowser) return workerBrowser;
  const launched = chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  workerBrowser = launched;
  // A browser that crashed is started again for the next file.
  const forget = () => {
    if (workerBrowser === launched) workerBrowser = null;
  };
  void launched.then((browser) => browser.once("disconnected", forget), forget);
  return launched;
}

const CONTEXT_OPTIONS = { locale: "nl-NL", timezoneId: "Europe/Amsterdam" } as const;

/**
 * Contexts given back by a test, emptied, per browser. A context keeps its HTTP and
 * compiled-code caches, so the app's modules (the drawing tool's megabytes above all)
 * are not fetched and compiled again for every person a test opens.
 */
const idleContexts = new WeakMap<Browser, BrowserContext[]>();
const realClose = new WeakMap<BrowserContext, () => Promise<void>>();

/**
 * Ends the contexts a test file left open (a flow that failed halfway, or one
 * that never closed its people): their pages would go on reconnecting to a
 * server that has stopped.
 */
export async function closeLeftoverContexts(browser: Browser): Promise<void> {
  const idle = idleContexts.get(browser) ?? [];
  await Promise.all(
    browser
      .contexts()
      .filter((c) => !idle.includes(c))
      .map((c) => (realClose.get(c) ?? (() => c.close()))()),
  );
}

/**
 * A context as good as new: no cookies, local storage or IndexedDB, online, no
 * permissions. Its close() empties it and hands it back instead of closing it.
 */
async function takeContext(browser: Browser): Promise<BrowserContext> {
  const idle = idleContexts.get(browser) ?? [];
  idleContexts.set(browser, idle);
  const context = idle.pop() ?? (await browser.newContext(CONTEXT_OPTIONS));
  if (!realClose.has(context)) realClose.set(context, context.close.bind(context));
  let given = false;
  context.close = async () => {
    // A second close (a finally and an afterAll, say) must not hand it out twice.
    if (given) return;
    given = true;
    await Promise.all(context.pages().map((page) => page.close()));
    await context.unrouteAll();
    await context.setOffline(false);
    await context.clearPermissions();
    await context.setStorageState({ cookies: [], origins: [] });
    idle.push(context);
  };
  return context;
}

/**
 * A fresh page, in an empty context, that records console errors, page errors and
 * failed requests, so a test can assert that a page produced none.
 */
export async function newPage(browser: Browser, options: { width?: number; height?: number } = {}) {
  const context = await takeContext(browser);
  const page: Page = await context.newPage();
  await page.setViewportSize({ width: options.width ?? 1200, height: options.height ?? 800 });
  const problems: string[] = [];
  page.on("console", (message) => {
    // The URL says which resource an error is about (e.g. which response was a 404).
    if (message.type() === "error") problems.push(`console.error: ${message.text()} @ ${message.location().url}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // Navigations away abort pending prefetches; those are not failures.
    if (request.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  return { context, page, problems };
}

/** axe-core itself, injected into a page once per document (client-side navigations keep it). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

/**
 * Runs axe (every rule of its default set, as @axe-core/playwright does) on the
 * current page (or the part matching `include`); any violation fails with a readable list. axe is injected once per
 * document and asked for violations only: @axe-core/playwright re-injected its
 * 500 KB source and built the passes too on every scan, about ten times slower
 * (1.1-2 s against 0.1 s a scan on this machine), which made long browser tests
 * time out on a busy machine.
 */
export async function expectNoAxeViolations(page: Page, include?: string): Promise<void> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const results = await axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, include ?? null);
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
