/**
 * A limited login in a real browser with JavaScript on: Remix posts the form as
 * a data request, and the 429 must show the Dutch wait message in the form's
 * error summary, not the error page.
 */
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ATTEMPT_POLICIES } from "~/utils/attempt-limits.server";
import { Client } from "../setup/http-client";
import type { TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, takeExpectedStatusLog, visit, waitForHydration, withServerAndBrowser } from "./helpers";

let server: TestServer;
let browser: Browser;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

describe("a limited login with JavaScript on", () => {
  it("shows the Dutch wait message in the form, and a colleague at the same address still logs in", async () => {
    const [locked, colleague] = server.boot.seeded.filter((l) => l.role === "participant");
    // Someone mistypes this account's password until it is locked (same address as the browser).
    for (let i = 0; i < ATTEMPT_POLICIES["login-account"].limit; i++) {
      expect((await new Client(server.url).login(locked.email, `fout-${i}`)).status).toBe(401);
    }

    const { context, page, problems } = await openPage(browser);
    try {
      await visit(page, server.url, "/inloggen", problems);
      await page.getByLabel("E-mailadres").fill(locked.email);
      await page.getByLabel("Wachtwoord", { exact: true }).fill(locked.password);
      const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).searchParams.has("_data"));
      await page.getByRole("button", { name: "Inloggen", exact: true }).click();
      // Sent by Remix's script (a data request), and refused.
      expect((await answer).status()).toBe(429);

      const summary = page.getByRole("alert");
      await expect.poll(() => summary.innerText()).toMatch(/Te veel pogingen\. Probeer het over 1[45] minuten opnieuw\./);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Inloggen");
      expect(await page.getByText("Foutcode").count()).toBe(0);
      expect(page.url()).toBe(`${server.url}/inloggen`);
      // The e-mail address stays filled in.
      expect(await page.getByLabel("E-mailadres").inputValue()).toBe(locked.email);
      await takeExpectedStatusLog(problems, 429, page.url());
      await checkPage(page, problems, "/inloggen, limited");

      // The colleague at the next desk is not locked out.
      await loginThroughForm(page, server.url, colleague.email, colleague.password);
      await waitForHydration(page);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
