/**
 * Uploads from a real browser: a same-origin XMLHttpRequest passes the server's
 * Origin check, and the FileUpload component (on the material editor) shows
 * progress, refusals and success, and cancels, under the strict CSP.
 */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { html, minimalPdf } from "../setup/sample-files";
import { seededLogin, type TestServer } from "../setup/test-server";
import { loginThroughForm, openPage, waitForHydration, withServerAndBrowser } from "./helpers";
import { expectNoAxeViolations } from "../setup/browser";

let server: TestServer;
let browser: Browser;

withServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

const incoming = () => readdir(path.join(server.dataDir, "files", "incoming")).catch(() => [] as string[]);

/** Everything recorded except the expected "status of N" lines for /upload must be empty. */
function unexpectedProblems(problems: string[], allowedStatuses: number[]): string[] {
  return problems.filter(
    (p) =>
      !allowedStatuses.some(
        (s) => p.startsWith(`console.error: Failed to load resource: the server responded with a status of ${s} `) && p.includes("/upload"),
      ),
  );
}

async function axeOnUpload(page: Page): Promise<void> {
  await expectNoAxeViolations(page, ".file-upload");
}

describe("uploading from the browser", () => {
  it("a same-origin XMLHttpRequest with FormData passes the Origin check", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const speaker = seededLogin(server, "speaker");
      await loginThroughForm(page, server.url, speaker.email, speaker.password);
      // allHeaders(): also those the network stack adds, as Origin is.
      const origins: Array<Promise<string | undefined>> = [];
      page.on("request", (request) => {
        if (request.url().endsWith("/upload")) origins.push(request.allHeaders().then((h) => h.origin));
      });
      const pdf = minimalPdf().toString("latin1");
      const result = await page.evaluate(
        (text) =>
          new Promise<{ status: number; body: string }>((resolve) => {
            const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
            const form = new FormData();
            form.append("purpose", "materiaal");
            form.append("file", new File([bytes], "uit-de-browser.pdf", { type: "application/pdf" }));
            const xhr = new XMLHttpRequest();
            xhr.open("POST", "/upload");
            xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
            xhr.send(form);
          }),
        pdf,
      );
      expect(result.status, result.body).toBe(200);
      expect(JSON.parse(result.body)).toMatchObject({ ok: true, file: { name: "uit-de-browser.pdf", mime: "application/pdf" } });
      expect(await Promise.all(origins)).toEqual([server.url]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the FileUpload component uploads, refuses with a Dutch message, and cancels", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const organiser = seededLogin(server, "organiser");
      await loginThroughForm(page, server.url, organiser.email, organiser.password);
      const sessionId = getDb().data.sessions[0]?.id;
      expect(sessionId, "the demo seed has sessions").toBeDefined();
      await page.goto(`${server.url}/sessies/${sessionId}/materiaal/nieuw?soort=file`);
      await waitForHydration(page);
      const picker = page.getByLabel("Bestand kiezen", { exact: true });
      await expect.poll(() => picker.isEnabled()).toBe(true);
      await axeOnUpload(page);

      // A refusal: HTML named .pdf.
      await picker.setInputFiles({ name: "stiekem.pdf", mimeType: "application/pdf", buffer: html() });
      const alert = page.locator(".file-upload [role=alert]");
      await expect.poll(() => alert.innerText()).toContain("Dit bestand is geen PDF, Word, PowerPoint of afbeelding");
      await axeOnUpload(page);

      // Success: the name is shown and the surrounding form gets the id.
      await picker.setInputFiles({ name: "programma.pdf", mimeType: "application/pdf", buffer: minimalPdf() });
      await expect
        .poll(() =>
          page
            .locator(".file-upload .notice--success")
            .innerText()
            .catch(() => ""),
        )
        .toContain("programma.pdf");
      const fileId = await page.locator('input[type=hidden][name="fileId"]').inputValue();
      expect(getDb().data.files.find((f) => f.id === fileId)?.originalName).toBe("programma.pdf");
      await expect.poll(() => page.locator(".file-upload [role=status]").innerText()).toContain("programma.pdf is geüpload");
      await axeOnUpload(page);

      // Progress and cancel, on a throttled connection (about 2 MB/s up).
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 20,
        downloadThroughput: 2_000_000,
        uploadThroughput: 2_000_000,
      });
      const recordsBefore = getDb().data.files.length;
      // From a file on disk: a 30 MB buffer sent through the driver protocol alone took over 10 s on a busy machine.
      const folder = await mkdtemp(path.join(os.tmpdir(), "werkplaats-upload-"));
      const bigFile = path.join(folder, "groot.pdf");
      await writeFile(bigFile, Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(30 * 1024 * 1024)]));
      await page.getByLabel("Ander bestand kiezen", { exact: true }).setInputFiles(bigFile);
      const progress = page.locator(".file-upload progress");
      await expect.poll(() => progress.getAttribute("value").catch(() => null), { timeout: 15_000 }).toMatch(/^[1-9]\d*$/);
      await expect.poll(() => page.locator(".file-upload").innerText()).toMatch(/\d+% · \d+,\d MB van 30,0 MB/);
      await axeOnUpload(page);
      await page.getByRole("button", { name: "Annuleren" }).click();
      await expect
        .poll(() => page.locator(".file-upload [role=status]").innerText())
        .toContain("Het uploaden van groot.pdf is geannuleerd.");
      expect(await progress.count()).toBe(0);
      await expect.poll(incoming, { timeout: 5_000 }).toEqual([]);
      expect(getDb().data.files.length).toBe(recordsBefore);

      await rm(folder, { recursive: true, force: true });
      // No CSP violations or page errors; only the expected 415 was logged.
      expect(unexpectedProblems(problems, [415])).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
