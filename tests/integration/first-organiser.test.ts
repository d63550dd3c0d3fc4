/**
 * A new installation without demo data (SEED=none): the start prints a one-time
 * link to create the first organiser, and that link works exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueToken } from "~/features/accounts/token.server";
import { countUsers, getUserByEmail, listUsers } from "~/features/accounts/user.server";
import { SETUP_TTL_MS } from "~/utils/auth-config.server";
import { Client } from "../setup/http-client";
import { startTestServer, type TestServer } from "../setup/test-server";
import { location, sessionSetCookie, visibleText } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: "none" });
});
afterAll(async () => {
  await server?.stop();
});

const form = {
  name: "Eerste Begeleider",
  email: "eerste@gemeente.example",
  password: "een goed lang wachtwoord",
  confirm: "een goed lang wachtwoord",
};

describe("first organiser set-up", () => {
  it("starts empty and prints a one-time /welkom/ link", () => {
    expect(listUsers()).toEqual([]);
    expect(server.boot.seeded).toEqual([]);
    expect(server.boot.setupLink).toMatch(/^\/welkom\/[A-Za-z0-9_-]{40,}$/);
    const printed = server.logs.join("\n");
    expect(printed).toContain("Er is nog geen begeleider.");
    // The full, clickable address of this server.
    expect(printed).toContain(`${server.url}${server.boot.setupLink}`);
  });

  it("shows the form behind the link, and nothing behind a made-up link", async () => {
    const page = await new Client(server.url).get(server.boot.setupLink!);
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain("Maak het eerste account voor een begeleider aan.");

    const unknown = await new Client(server.url).get("/welkom/verzonnen-token-dat-lang-genoeg-is-123");
    expect(unknown.status).toBe(404);
    expect(visibleText(await unknown.text())).toContain("Deze link kennen we niet.");
  });

  it("refuses an incomplete form (400, Dutch errors) without using up the link", async () => {
    const res = await new Client(server.url).post(server.boot.setupLink!, {
      name: "",
      email: "geen-adres",
      password: "kort",
      confirm: "anders",
    });
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    expect(text).toContain("Vul je naam in.");
    expect(text).toContain("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.");
    expect(text).toContain("Kies een wachtwoord van minstens 12 tekens.");
    expect(countUsers("organiser")).toBe(0);
    expect((await new Client(server.url).get(server.boot.setupLink!)).status).toBe(200);
  });

  it("creates the organiser and logs them in", async () => {
    const client = new Client(server.url);
    const res = await client.post(server.boot.setupLink!, form);
    expect(res.status).toBe(302);
    expect(location(res)).toBe("/?welkom=1");
    expect(sessionSetCookie(res)).toBeDefined();

    expect(getUserByEmail(form.email)).toMatchObject({ name: form.name, role: "organiser" });
    const home = visibleText(await (await client.get("/?welkom=1")).text());
    expect(home).toContain("Welkom, Eerste Begeleider");
    expect((await client.get("/beheer/gebruikers")).status).toBe(200);
    expect((await new Client(server.url).login(form.email, form.password)).status).toBe(302);
  });

  it("answers 410 on the used link and cannot create a second organiser with it", async () => {
    const page = await new Client(server.url).get(server.boot.setupLink!);
    expect(page.status).toBe(410);
    expect(visibleText(await page.text())).toContain("Deze link is al gebruikt.");

    const client = new Client(server.url);
    const res = await client.post(server.boot.setupLink!, { ...form, name: "Tweede", email: "tweede@gemeente.example" });
    expect(res.status).toBe(410);
    expect(sessionSetCookie(res)).toBeUndefined();
    expect(countUsers("organiser")).toBe(1);
    expect(getUserByEmail("tweede@gemeente.example")).toBeNull();
  });

  it("does not accept even a fresh set-up link once an organiser exists", async () => {
    const { token } = await issueToken("setup", null, SETUP_TTL_MS);
    const page = await new Client(server.url).get(`/welkom/${token}`);
    expect(page.status).toBe(410);
    const res = await new Client(server.url).post(`/welkom/${token}`, { ...form, name: "Derde", email: "derde@gemeente.example" });
    expect(res.status).toBe(410);
    expect(countUsers("organiser")).toBe(1);
    expect(getUserByEmail("derde@gemeente.example")).toBeNull();
  });
});
