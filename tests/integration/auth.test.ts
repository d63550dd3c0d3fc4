/**
 * Logging in and out, the session cookie, and who may see what, against a real
 * server with the demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthSession, getAuthSession } from "~/features/accounts/auth-session.server";
import { getUserByEmail, listUsers } from "~/features/accounts/user.server";
import { getSessionCookie, readSessionId } from "~/utils/auth-config.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { location, sessionCookieHeader, sessionCookieValue, sessionSetCookie, visibleText, withoutNonces } from "./helpers";

const GENERIC_LOGIN_ERROR = "Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer het opnieuw.";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: TestServer;
beforeAll(async () => {
  // This file fails logins on purpose; the login rate limit itself is tested in
  // http-security.test.ts, so it is raised here to keep the tests independent.
  server = await startTestServer({ env: { RATE_LIMIT_FACTOR: "5" } });
});
afterAll(async () => {
  await server?.stop();
});

/** A Cookie header for a session id signed the way the server signs it. */
async function signedCookie(value: unknown): Promise<string> {
  return (await getSessionCookie().serialize(value)).split(";")[0];
}

async function loggedIn(role: "organiser" | "speaker" | "participant"): Promise<Client> {
  const login = seededLogin(server, role);
  const client = new Client(server.url);
  const res = await client.login(login.email, login.password);
  expect(res.status).toBe(302);
  return client;
}

describe("logging in", () => {
  it("answers a wrong password and an unknown e-mail address identically (401, one generic message)", async () => {
    const organiser = seededLogin(server, "organiser");
    const wrongPassword = await new Client(server.url).login(organiser.email, "niet-het-goede-wachtwoord");
    const unknownEmail = await new Client(server.url).login("niemand@werkplaats.example", "niet-het-goede-wachtwoord");

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(sessionSetCookie(wrongPassword)).toBeUndefined();
    expect(sessionSetCookie(unknownEmail)).toBeUndefined();

    const wrongHtml = await wrongPassword.text();
    const unknownHtml = await unknownEmail.text();
    expect(visibleText(wrongHtml)).toContain(GENERIC_LOGIN_ERROR);
    expect(visibleText(unknownHtml)).toContain(GENERIC_LOGIN_ERROR);
    // Apart from the address typed (echoed back into the field) and the nonces, the pages are byte for byte equal.
    expect(withoutNonces(wrongHtml).replaceAll(organiser.email, "ADRES")).toBe(
      withoutNonces(unknownHtml).replaceAll("niemand@werkplaats.example", "ADRES"),
    );
  });

  it("sets an HttpOnly, SameSite=Lax, site-wide session cookie that is not Secure over http", async () => {
    const organiser = seededLogin(server, "organiser");
    const client = new Client(server.url);
    const res = await client.login(organiser.email, organiser.password);
    expect(res.status).toBe(302);
    expect(location(res)).toBe("/");

    const cookie = sessionSetCookie(res);
    expect(cookie).toBeDefined();
    const attributes = cookie!
      .split(";")
      .slice(1)
      .map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");

    const home = await client.get("/");
    expect(await home.text()).toContain("Welkom, Annemiek Visser");
  });

  it("does not trust X-Forwarded-Proto for the Secure flag while TRUST_PROXY is off", async () => {
    const organiser = seededLogin(server, "organiser");
    const res = await new Client(server.url).post(
      "/inloggen",
      { email: organiser.email, password: organiser.password, redirectTo: "/" },
      { "x-forwarded-proto": "https" },
    );
    expect(res.status).toBe(302);
    const attributes = sessionSetCookie(res)!
      .split(";")
      .map((a) => a.trim().toLowerCase());
    expect(attributes).not.toContain("secure");
  });

  it("accepts the address in any case and with surrounding spaces", async () => {
    const organiser = seededLogin(server, "organiser");
    const res = await new Client(server.url).login(`  ${organiser.email.toUpperCase()} `, organiser.password);
    expect(res.status).toBe(302);
  });

  it("rotates the session on a new login: the earlier cookie stops working", async () => {
    const organiser = seededLogin(server, "organiser");
    const client = new Client(server.url);
    const first = sessionCookieValue(await client.login(organiser.email, organiser.password));
    // The client sends `first` with this second login.
    const second = sessionCookieValue(await client.login(organiser.email, organiser.password));
    expect(second).not.toBe(first);

    const firstId = await readSessionId(sessionCookieHeader(first));
    const secondId = await readSessionId(sessionCookieHeader(second));
    expect(firstId).toBeTruthy();
    expect(getAuthSession(firstId!)).toBeNull();
    expect(getAuthSession(secondId!)).not.toBeNull();

    const anonymous = new Client(server.url);
    const withOld = await anonymous.get("/account", { cookie: sessionCookieHeader(first) });
    expect(withOld.status).toBe(302);
    expect(location(withOld)).toBe("/inloggen?redirectTo=%2Faccount");
    const withNew = await anonymous.get("/account", { cookie: sessionCookieHeader(second) });
    expect(withNew.status).toBe(200);
  });

  it("logs out with a POST that ends the session on the server, not just in the browser", async () => {
    const client = await loggedIn("participant");
    const cookie = client.cookieHeader;
    const sessionId = await readSessionId(cookie);
    expect(getAuthSession(sessionId!)).not.toBeNull();

    const res = await client.post("/uitloggen", {});
    expect(res.status).toBe(302);
    expect(location(res)).toBe("/inloggen?uitgelogd=1");
    expect(sessionSetCookie(res)).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(client.cookies.size).toBe(0);
    expect(getAuthSession(sessionId!)).toBeNull();

    // Replaying the old cookie (as a stolen copy would) gets nowhere.
    const replay = await new Client(server.url).get("/account", { cookie });
    expect(replay.status).toBe(302);
    expect(location(replay)).toBe("/inloggen?redirectTo=%2Faccount");

    const page = await client.get("/inloggen?uitgelogd=1");
    expect(visibleText(await page.text())).toContain("Je bent uitgelogd.");
  });

  it("does not log out on a GET (a link or image elsewhere cannot end a session)", async () => {
    const client = await loggedIn("participant");
    const res = await client.get("/uitloggen");
    expect(res.status).toBe(302);
    expect(location(res)).toBe("/");
    expect((await client.get("/account")).status).toBe(200);
  });

  it("treats a tampered session cookie as anonymous, without an error", async () => {
    const client = await loggedIn("organiser");
    const value = client.cookies.get("werkplaats_sessie")!;
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
    const tampered = [flip(value, 0), flip(value, 5), flip(value, value.length - 1), `${value}x`, value.slice(0, -1)];
    for (const cookie of tampered) {
      const account = await new Client(server.url).get("/account", { cookie: sessionCookieHeader(cookie) });
      expect(account.status, cookie).toBe(302);
      expect(location(account)).toBe("/inloggen?redirectTo=%2Faccount");
      const home = await new Client(server.url).get("/", { cookie: sessionCookieHeader(cookie) });
      expect(home.status, cookie).toBe(200);
      const text = await home.text();
      expect(text).not.toContain("Welkom, ");
      expect(text).toContain("Werkplaats wijkgericht werken");
    }
    // The untouched cookie still works: tampering did not break anything server-side.
    expect((await client.get("/account")).status).toBe(200);
  });

  it("treats garbage and unsigned or non-string cookie values as anonymous, without an error", async () => {
    const client = await loggedIn("organiser");
    const sessionId = (await readSessionId(client.cookieHeader))!;
    const cookies = [
      "werkplaats_sessie=rommel",
      "werkplaats_sessie=",
      "werkplaats_sessie=%",
      "werkplaats_sessie=%E0%A4%A",
      "werkplaats_sessie=.",
      `werkplaats_sessie=${"a".repeat(4000)}`,
      "werkplaats_sessie=a=b=c; werkplaats_sessie=d",
      // A real, live session id, but not signed by the server.
      `werkplaats_sessie=${encodeURIComponent(Buffer.from(JSON.stringify(sessionId)).toString("base64"))}`,
      // Signed by the server, but not a session id.
      await signedCookie({ id: sessionId }),
      await signedCookie(["../../etc/passwd"]),
    ];
    for (const cookie of cookies) {
      const home = await new Client(server.url).get("/", { cookie });
      expect(home.status, cookie).toBe(200);
      expect(await home.text(), cookie).not.toContain("Welkom, ");
      const account = await new Client(server.url).get("/account", { cookie });
      expect(account.status, cookie).toBe(302);
      expect(location(account)).toBe("/inloggen?redirectTo=%2Faccount");
    }
    // A correctly signed id of that same session is accepted (the checks above are not vacuous).
    expect((await new Client(server.url).get("/account", { cookie: await signedCookie(sessionId) })).status).toBe(200);
  });

  it("treats an expired session as anonymous", async () => {
    const user = getUserByEmail(seededLogin(server, "speaker").email)!;
    const expired = await createAuthSession(user.id, 1);
    const live = await createAuthSession(user.id, 60_000);
    await sleep(10);

    const withLive = await new Client(server.url).get("/account", { cookie: await signedCookie(live.id) });
    expect(withLive.status).toBe(200);
    expect(await withLive.text()).toContain(user.email);

    const withExpired = await new Client(server.url).get("/account", { cookie: await signedCookie(expired.id) });
    expect(withExpired.status).toBe(302);
    expect(location(withExpired)).toBe("/inloggen?redirectTo=%2Faccount");
    const home = await new Client(server.url).get("/", { cookie: await signedCookie(expired.id) });
    expect(await home.text()).not.toContain("Welkom, ");
  });
});

describe("who may see what", () => {
  it("sends anonymous visitors of a private page to the login, and back after logging in", async () => {
    const client = new Client(server.url);
    const res = await client.get("/account");
    expect(res.status).toBe(302);
    expect(location(res)).toBe("/inloggen?redirectTo=%2Faccount");

    const admin = await client.get("/beheer/gebruikers");
    expect(admin.status).toBe(302);
    expect(location(admin)).toBe("/inloggen?redirectTo=%2Fbeheer%2Fgebruikers");

    const speaker = seededLogin(server, "speaker");
    const login = await client.post("/inloggen", { email: speaker.email, password: speaker.password, redirectTo: "/account" });
    expect(login.status).toBe(302);
    expect(location(login)).toBe("/account");
    const account = await client.get("/account");
    expect(account.status).toBe(200);
    expect(await account.text()).toContain(speaker.email);
  });

  it.each(["participant", "speaker"] as const)("refuses the management pages to a %s with 403", async (role) => {
    const client = await loggedIn(role);
    for (const path of ["/beheer/gebruikers", "/beheer/berichten"]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(403);
      const text = visibleText(await res.text());
      expect(text).toContain("Je hebt geen toegang tot deze pagina.");
      expect(text).not.toContain("Alle gebruikers");
    }
    // The action is guarded as well as the page: no invitation gets through.
    const before = listUsers().length;
    const invite = await client.post("/beheer/gebruikers", {
      intent: "invite",
      name: "Indringer",
      email: `indringer-${role}@example.nl`,
      role: "organiser",
    });
    expect(invite.status).toBe(403);
    expect(listUsers().length).toBe(before);
    expect(getUserByEmail(`indringer-${role}@example.nl`)).toBeNull();
  });

  it("shows the management pages to an organiser", async () => {
    const client = await loggedIn("organiser");
    const users = await client.get("/beheer/gebruikers");
    expect(users.status).toBe(200);
    expect(await users.text()).toContain("spreker@werkplaats.example");
    const outbox = await client.get("/beheer/berichten");
    expect(outbox.status).toBe(200);
    expect(visibleText(await outbox.text())).toContain("Er is geen mailserver ingesteld");
  });

  it("only redirects to paths on this site after logging in", async () => {
    const organiser = seededLogin(server, "organiser");
    const hostile = [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "http:evil.example",
      "javascript:alert(1)",
      // Browsers drop tabs and newlines in URLs, turning these into //evil.example.
      "/\t/evil.example",
      "/\n/evil.example",
      "/\\\t/evil.example",
      // Not a valid URL once the tab is dropped: must not become a 500.
      "/\t/[",
    ];
    for (const redirectTo of hostile) {
      const res = await new Client(server.url).post("/inloggen", { email: organiser.email, password: organiser.password, redirectTo });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      const target = location(res)!;
      // Resolved the way a browser resolves a Location header.
      expect(new URL(target, server.url).origin, JSON.stringify(redirectTo)).toBe(new URL(server.url).origin);
      expect(target, JSON.stringify(redirectTo)).toBe("/");
    }
    const ok = await new Client(server.url).post("/inloggen", {
      email: organiser.email,
      password: organiser.password,
      redirectTo: "/beheer/berichten?x=1",
    });
    expect(location(ok)).toBe("/beheer/berichten?x=1");
    // A same-site path with a stray newline is cleaned up rather than breaking the Location header.
    const newline = await new Client(server.url).post("/inloggen", {
      email: organiser.email,
      password: organiser.password,
      redirectTo: "/beheer/\nberichten",
    });
    expect(newline.status).toBe(302);
    expect(location(newline)).toBe("/beheer/berichten");
  });
});
