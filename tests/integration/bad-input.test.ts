/**
 * Malformed and oversized posts get a clear 4xx, never a 500, and leave the
 * stored data as it was.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DATA_FILE_NAME, getDb } from "~/data/db.server";
import { listUsers } from "~/features/accounts/user.server";
import { MAX_FORM_BYTES } from "~/utils/http-security.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { rawRequest, visibleText } from "./helpers";

const TOO_LONG = "Dit veld is te lang (maximaal 10.000 tekens).";
const FILE_NOT_TEXT = "Dit veld verwacht tekst, geen bestand.";

let server: TestServer;
let usersBefore: string;
beforeAll(async () => {
  // Many refused login posts on purpose; the login rate limit is tested in http-security.test.ts.
  server = await startTestServer({ env: { RATE_LIMIT_FACTOR: "10" } });
  usersBefore = JSON.stringify(listUsers());
});
afterAll(async () => {
  await server?.stop();
});

// After every bad request: same users in memory and on disk, and logging in still works.
afterEach(async () => {
  expect(JSON.stringify(listUsers())).toBe(usersBefore);
  await getDb().flush();
  const onDisk = JSON.parse(await readFile(path.join(server.dataDir, DATA_FILE_NAME), "utf8")) as { users: unknown[] };
  expect(JSON.stringify(onDisk.users)).toBe(usersBefore);
  const organiser = seededLogin(server, "organiser");
  expect((await new Client(server.url).login(organiser.email, organiser.password)).status).toBe(302);
});

async function organiserClient(): Promise<Client> {
  const organiser = seededLogin(server, "organiser");
  const client = new Client(server.url);
  expect((await client.login(organiser.email, organiser.password)).status).toBe(302);
  return client;
}

describe("malformed form posts", () => {
  it("answers missing fields with 400 and a Dutch message per field", async () => {
    const res = await new Client(server.url).post("/inloggen", {});
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    expect(text).toContain("Er zijn 2 problemen");
    expect(text).toContain("E-mailadres: Vul je e-mailadres in.");
    expect(text).toContain("Wachtwoord: Vul je wachtwoord in.");

    const invite = await (await organiserClient()).post("/beheer/gebruikers", { intent: "invite" });
    expect(invite.status).toBe(400);
    const inviteText = visibleText(await invite.text());
    expect(inviteText).toContain("Vul de naam in.");
    expect(inviteText).toContain("Vul je e-mailadres in.");
  });

  it("answers an unknown intent or repeated fields with 400, not 500", async () => {
    const client = await organiserClient();
    expect((await client.post("/beheer/gebruikers", { intent: "verwijder-alles" })).status).toBe(400);
    expect((await client.post("/beheer/gebruikers", { intent: "resend", userId: "bestaat-niet" })).status).toBe(400);
    const repeated = new URLSearchParams([
      ["email", "a@b.nl"],
      ["email", "c@d.nl"],
      ["password", "x"],
    ]);
    expect((await new Client(server.url).post("/inloggen", repeated)).status).toBe(401);
  });

  it("refuses a file sent where text is expected (multipart form)", async () => {
    const organiser = seededLogin(server, "organiser");
    const form = new FormData();
    form.set("email", organiser.email);
    form.set("password", new Blob([organiser.password], { type: "text/plain" }), "wachtwoord.txt");
    const res = await new Client(server.url).post("/inloggen", form);
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("werkplaats_sessie="))).toBe(false);
    expect(visibleText(await res.text())).toContain(`Wachtwoord: ${FILE_NOT_TEXT}`);

    // A well-formed multipart post is read normally.
    const ok = new FormData();
    ok.set("email", organiser.email);
    ok.set("password", organiser.password);
    expect((await new Client(server.url).post("/inloggen", ok)).status).toBe(302);
  });

  it("refuses a 1 MB field with 400 and the Dutch 'te lang' message", async () => {
    const huge = "a".repeat(1024 * 1024);
    const login = await new Client(server.url).post("/inloggen", { email: huge, password: "x" });
    expect(login.status).toBe(400);
    const loginHtml = await login.text();
    expect(visibleText(loginHtml)).toContain(`E-mailadres: ${TOO_LONG}`);
    // The page does not echo the megabyte back.
    expect(loginHtml.length).toBeLessThan(100_000);

    const forgot = await new Client(server.url).post("/wachtwoord-vergeten", { email: "iemand@gemeente.example", extra: huge });
    expect(forgot.status).toBe(400);
    expect(visibleText(await forgot.text())).toContain(TOO_LONG);

    const invite = await (
      await organiserClient()
    ).post("/beheer/gebruikers", { intent: "invite", name: huge, email: "lang@gemeente.example", role: "speaker" });
    expect(invite.status).toBe(400);
    expect(visibleText(await invite.text())).toContain(`Naam: ${TOO_LONG}`);
  });

  it("refuses a body that is not a form (JSON, broken multipart) with 400, not 500", async () => {
    const organiser = seededLogin(server, "organiser");
    const json = await new Client(server.url).post("/inloggen", JSON.stringify({ email: organiser.email, password: organiser.password }), {
      "content-type": "application/json",
    });
    expect(json.status).toBe(400);
    const text = visibleText(await json.text());
    expect(text).toContain("Dit formulier kon niet worden gelezen.");
    expect(text).not.toContain("Er ging iets mis");
    const multipart = await new Client(server.url).post("/inloggen", "--grens\r\nniet af", {
      "content-type": "multipart/form-data; boundary=grens",
    });
    expect(multipart.status).toBe(400);
    const noBoundary = await new Client(server.url).post("/inloggen", "a=b", { "content-type": "multipart/form-data" });
    expect(noBoundary.status).toBe(400);
  });

  it("names the confirm field when the two passwords differ (400)", async () => {
    const speaker = seededLogin(server, "speaker");
    const client = new Client(server.url);
    expect((await client.login(speaker.email, speaker.password)).status).toBe(302);
    const res = await client.post("/account", {
      current: speaker.password,
      password: "nieuw wachtwoord van mij",
      confirm: "nieuw wachtwoord van jou",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<a href="#veld-confirm">Herhaal het nieuwe wachtwoord: De twee wachtwoorden zijn niet gelijk.</a>');
    expect(html).toMatch(/<p class="field__error" id="veld-confirm-fout">.*De twee wachtwoorden zijn niet gelijk.<\/p>/);
    expect(html).toMatch(/<input id="veld-confirm" name="confirm"[^>]*aria-invalid="true"/);
    // The old password still works; the new one was not stored.
    expect((await new Client(server.url).login(speaker.email, speaker.password)).status).toBe(302);
    expect((await new Client(server.url).login(speaker.email, "nieuw wachtwoord van mij")).status).toBe(401);
  });
});

describe("body size", () => {
  it("refuses a body over 2 MB with 413 before reading it", async () => {
    const body = `email=${"a".repeat(MAX_FORM_BYTES)}&password=x`;
    const res = await rawRequest(server.url, {
      path: "/inloggen",
      headers: {
        origin: server.url,
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(Buffer.byteLength(body)),
      },
      chunks: [body],
    });
    expect(res.status).toBe(413);
    expect(res.body).toContain('<html lang="nl">');
    expect(res.body).toContain("Dit formulier is te groot om te verwerken.");
  });

  it("accepts a body just under 2 MB as far as the size check goes", async () => {
    const body = `email=${"a".repeat(MAX_FORM_BYTES - 100)}&password=x`;
    const res = await new Client(server.url).post("/inloggen", body, { "content-type": "application/x-www-form-urlencoded" });
    // Past the size check, the form itself is refused for its over-long field.
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain(TOO_LONG);
  });

  it("refuses a chunked body without Content-Length with 411", async () => {
    const res = await rawRequest(server.url, {
      path: "/inloggen",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
      chunks: ["email=a%40b.nl", "&password=geheim"],
    });
    expect(res.status).toBe(411);
    expect(res.body).toContain("Geef de lengte van het verzoek op.");
  });
});
