/**
 * The trio dossier in a real browser: a member writes the case and uploads a case
 * file with the progress bar, removes and restores an image, and another member of
 * the same trio finds the dossier through "Mijn trio" and downloads the same bytes.
 * Every page visited gets an axe scan and must produce no console problems.
 */
import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getCaseOfTrio } from "~/features/dossier/case.server";
import { getDb } from "~/data/db.server";
import { minimalPdf, realPng } from "../setup/sample-files";
import type { TestServer } from "../setup/test-server";
import { checkPage, loginThroughForm, openPage, uploadThrottled, withServerAndBrowser, visit } from "./helpers";

let server: TestServer;
let browser: Browser;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

const FILE_NAME = "casus-statushouders.pdf";
/** About 1.5 MB, so the upload takes a moment on a throttled connection. */
const PDF = minimalPdf(`% ${"casus ".repeat(160)}\n`.repeat(1500));

const altena = () => server.boot.seeded.filter((l) => l.role === "participant" && l.detail === "trio Altena");
const trioId = () => getDb().data.trios.find((t) => t.municipality === "Altena")!.id;

describe("trio dossier", () => {
  it("a member describes the case and uploads a file with a progress bar", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const [member] = altena();
      await loginThroughForm(page, server.url, member.email, member.password);
      await page.getByRole("link", { name: "Naar ons trio-dossier" }).click();
      await page.waitForURL(`${server.url}/trios/${trioId()}`);
      await checkPage(page, problems, "/trios/:id (empty case)");
      expect(await page.getByRole("heading", { name: "Huiswerk" }).count()).toBe(1);
      expect(await page.getByRole("heading", { name: "Oefeningen" }).count()).toBe(1);

      await page.getByRole("link", { name: "Casus bewerken" }).click();
      await page.waitForURL(`${server.url}/trios/${trioId()}/casus`);
      await checkPage(page, problems, "/trios/:id/casus (new)");
      // The title is required: the browser check answers in Dutch.
      await page.getByRole("button", { name: "Casus opslaan" }).click();
      await expect.poll(() => page.getByRole("alert").first().innerText()).toContain("Geef de casus een titel.");
      await checkPage(page, problems, "/trios/:id/casus (error)");
      await page.getByLabel("Titel van de casus").fill("Statushouders in de wijk");
      await page.getByLabel("De vraag").fill("Hoe helpen we nieuwe bewoners thuis te raken in de wijk?");
      await page.getByLabel("De wijk of buurt").fill("Almkerk");
      await page.getByRole("button", { name: "Casus opslaan" }).click();
      await expect.poll(() => page.getByRole("status").filter({ hasText: "De casus is opgeslagen." }).count()).toBe(1);
      await expect.poll(() => page.locator("main").innerText()).toContain(`Laatst gewijzigd door ${member.name}`);

      const picker = page.getByLabel("Bestand toevoegen", { exact: true });
      await expect.poll(() => picker.isEnabled()).toBe(true);
      const { progress, fullSpeed } = await uploadThrottled(context, page, picker, {
        name: FILE_NAME,
        mimeType: "application/pdf",
        buffer: PDF,
      });
      await expect
        .poll(
          () =>
            page
              .locator(".case-files")
              .innerText()
              .catch(() => ""),
          { timeout: 15_000 },
        )
        .toContain(FILE_NAME);
      await fullSpeed();
      await expect.poll(() => progress.count()).toBe(0);
      await expect.poll(() => page.locator(".case-files").innerText()).toContain(`Toegevoegd door ${member.name}`);
      await checkPage(page, problems, "/trios/:id/casus (file uploaded)");

      // An image gets a preview; removing it asks first and can be undone.
      await picker.setInputFiles({ name: "kaart.png", mimeType: "image/png", buffer: realPng() });
      const preview = page.getByRole("img", { name: "Voorbeeld van kaart.png" });
      await expect.poll(() => preview.count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);
      await page.locator(".case-file", { hasText: "kaart.png" }).locator("summary").click();
      await page.getByRole("button", { name: "Ja, verwijderen (kaart.png)" }).click();
      await expect.poll(() => page.getByRole("button", { name: "Ongedaan maken" }).count()).toBe(1);
      await expect.poll(() => preview.count()).toBe(0);
      await checkPage(page, problems, "/trios/:id/casus (file removed)");
      await page.getByRole("button", { name: "Ongedaan maken" }).click();
      await expect.poll(() => page.getByRole("status").filter({ hasText: "kaart.png is teruggezet." }).count()).toBe(1);
      await expect.poll(() => preview.count()).toBe(1);
      expect(getCaseOfTrio(trioId())!.files.every((f) => f.removedAt === null)).toBe(true);

      await visit(page, server.url, `/trios/${trioId()}`, problems);
      expect(await page.locator("main").innerText()).toContain("Statushouders in de wijk");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("another member of the same trio downloads the same bytes", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const [, other] = altena();
      await loginThroughForm(page, server.url, other.email, other.password);
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn trio" }).click();
      await page.waitForURL(`${server.url}/trios/${trioId()}`);
      await checkPage(page, problems, "/trios/:id (second member)");
      const link = page.getByRole("link", { name: FILE_NAME });
      const downloading = page.waitForEvent("download");
      await link.click();
      const downloaded = await downloading;
      expect(downloaded.suggestedFilename()).toBe(FILE_NAME);
      const bytes = await readFile((await downloaded.path())!);
      expect(bytes.equals(PDF)).toBe(true);

      await visit(page, server.url, `/trios/${trioId()}/casus`, problems);
      expect(await page.getByRole("heading", { name: "Eerdere versies" }).count()).toBe(1);
      await visit(page, server.url, "/account", problems);
      expect(await page.getByRole("link", { name: "Mijn gegevens downloaden (JSON)" }).count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
