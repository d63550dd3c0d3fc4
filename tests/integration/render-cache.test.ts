/**
 * The render cache (app/utils/render-cache.server.ts, docs/decisions/006-render-cache.md)
 * against the real server, plus a small Express harness with the same middleware
 * order for the rules the app's own routes cannot reach (a 200 with Set-Cookie,
 * a loader with a side effect, the size bound).
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { listOutbox } from "~/features/notifications/outbox.server";
import { parseEnv, StartupError } from "~/utils/env.server";
import { RENDER_CACHE_MAX_AGE_MS, RENDER_CACHE_MAX_ENTRIES, RenderCache } from "~/utils/render-cache.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { linkPath, location, visibleText, withoutNonces } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(() => {
  vi.useRealTimers();
});

function cache(): RenderCache {
  expect(server.renderCache, "the render cache is on by default").not.toBeNull();
  return server.renderCache!;
}

/** Counts the cache's hits and misses during `run`. */
async function counting<T>(run: () => Promise<T>): Promise<{ result: T; hits: number; misses: number; stored: number }> {
  const before = { ...cache().stats };
  const result = await run();
  const after = cache().stats;
  return { result, hits: after.hits - before.hits, misses: after.misses - before.misses, stored: after.stored - before.stored };
}

async function loggedIn(role: "organiser" | "speaker" | "participant", detail?: string): Promise<Client> {
  const login = seededLogin(server, role, detail);
  const client = new Client(server.url);
  expect((await client.login(login.email, login.password)).status).toBe(302);
  return client;
}

/** The nonce of every script tag, which must all be the one in the CSP header. */
async function nonceOf(response: Response): Promise<{ html: string; nonce: string }> {
  const html = await response.text();
  const nonces = new Set([...html.matchAll(/<script nonce="([^"]+)"/g)].map((m) => m[1]));
  expect(nonces.size, "one nonce on every script tag").toBe(1);
  const [nonce] = nonces;
  expect(response.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
  return { html, nonce };
}

/** Response headers that must be the same whether a page was rendered or came from the cache. */
function stableHeaders(response: Response): Record<string, string> {
  const skip = new Set(["date", "content-security-policy", "ratelimit", "ratelimit-policy"]);
  return Object.fromEntries([...response.headers].filter(([name]) => !skip.has(name)));
}

describe("render cache on the real server", () => {
  it("is on by default, with the documented bounds", () => {
    expect(cache().enabled).toBe(true);
    expect(cache().maxAgeMs).toBe(1_000);
    expect(RENDER_CACHE_MAX_AGE_MS).toBe(1_000);
    expect(cache().maxEntries).toBe(RENDER_CACHE_MAX_ENTRIES);
    expect(RENDER_CACHE_MAX_ENTRIES).toBeLessThanOrEqual(500);
  });

  it("answers a repeated page from the cache with the same HTML and headers and a fresh nonce that matches its CSP", async () => {
    const organiser = await loggedIn("organiser");
    const first = await counting(() => organiser.get("/"));
    expect(first.misses).toBe(1);
    expect(first.stored).toBe(1);
    const second = await counting(() => organiser.get("/"));
    expect(second.hits).toBe(1);
    expect(first.result.status).toBe(200);
    expect(second.result.status).toBe(200);
    expect(stableHeaders(second.result)).toEqual(stableHeaders(first.result));

    const a = await nonceOf(first.result);
    const b = await nonceOf(second.result);
    expect(b.nonce).not.toBe(a.nonce);
    expect(withoutNonces(b.html)).toBe(withoutNonces(a.html));
    expect(b.html).toContain("Welkom, Annemiek Visser");
    expect(b.html).not.toContain(a.nonce);
  });

  it("gives simultaneous requests each their own nonce", async () => {
    const organiser = await loggedIn("organiser");
    await organiser.get("/account");
    const { result: responses, hits } = await counting(() => Promise.all(Array.from({ length: 6 }, () => organiser.get("/account"))));
    expect(hits).toBe(6);
    const nonces = await Promise.all(responses.map(async (r) => (await nonceOf(r)).nonce));
    expect(new Set(nonces).size).toBe(6);
  });

  it("caches Remix data requests (JSON) too, with the same headers", async () => {
    const organiser = await loggedIn("organiser");
    const first = await counting(() => organiser.get("/?_data=routes%2F_index"));
    const second = await counting(() => organiser.get("/?_data=routes%2F_index"));
    expect(first.stored).toBe(1);
    expect(second.hits).toBe(1);
    expect(second.result.headers.get("content-type")).toMatch(/^application\/json/);
    expect(stableHeaders(second.result)).toEqual(stableHeaders(first.result));
    expect(await second.result.json()).toEqual(await first.result.json());
  });

  it("keys on the full URL: another query string is another entry", async () => {
    const organiser = await loggedIn("organiser");
    await organiser.get("/");
    const welcome = await counting(() => organiser.get("/?welkom=1"));
    expect(welcome.misses).toBe(1);
    expect(await welcome.result.text()).toContain("Je account is klaar. Welkom!");
    const plain = await counting(() => organiser.get("/"));
    expect(plain.hits).toBe(1);
    expect(await plain.result.text()).not.toContain("Je account is klaar");
  });

  it("never shares an entry between two logins, not even two logins of the same person, nor with anonymous visitors", async () => {
    const organiser = await loggedIn("organiser");
    const participant = await loggedIn("participant", "Schiedam");
    const organiserAgain = await loggedIn("organiser");
    const anonymous = new Client(server.url);

    expect(await (await organiser.get("/")).text()).toContain("Welkom, Annemiek Visser");
    const other = await counting(() => participant.get("/"));
    expect(other.misses).toBe(1);
    const otherHtml = await other.result.text();
    expect(otherHtml).not.toContain("Annemiek Visser");
    expect(otherHtml).toContain(`Welkom, ${seededLogin(server, "participant", "Schiedam").name}`);

    const second = await counting(() => organiserAgain.get("/"));
    expect(second.misses).toBe(1);
    expect(await second.result.text()).toContain("Welkom, Annemiek Visser");

    for (let i = 0; i < 2; i++) {
      const anon = await anonymous.get("/");
      const html = await anon.text();
      expect(html).toContain("Inloggen");
      expect(html).not.toContain("Welkom,");
    }
  });

  it("shows any data change immediately, also one made by someone else", async () => {
    const organiser = await loggedIn("organiser");
    const colleague = await loggedIn("organiser");
    await organiser.get("/beheer/gebruikers");
    const cached = await counting(() => organiser.get("/beheer/gebruikers"));
    expect(cached.hits).toBe(1);
    expect(await cached.result.text()).not.toContain("Fenna Cache");

    const invite = await colleague.post("/beheer/gebruikers", {
      intent: "invite",
      name: "Fenna Cache",
      email: "fenna.cache@gemeente.example",
      role: "speaker",
    });
    expect(invite.status).toBe(200);
    const after = await counting(() => organiser.get("/beheer/gebruikers"));
    expect(after.hits).toBe(0);
    expect(await after.result.text()).toContain("Fenna Cache");
  });

  it("shows a logout immediately, also to a tab that still sends the old cookie", async () => {
    const organiser = await loggedIn("organiser");
    const oldCookie = organiser.cookieHeader;
    await organiser.get("/");
    expect((await counting(() => organiser.get("/"))).hits).toBe(1);

    const logout = await organiser.post("/uitloggen", {});
    expect(logout.status).toBe(302);
    const home = await organiser.get("/");
    expect(await home.text()).not.toContain("Welkom,");
    const staleTab = await fetch(`${server.url}/`, { redirect: "manual", headers: { cookie: oldCookie } });
    expect(staleTab.status).toBe(200);
    expect(await staleTab.text()).not.toContain("Welkom,");
    const account = await fetch(`${server.url}/account`, { redirect: "manual", headers: { cookie: oldCookie } });
    expect(account.status).toBe(302);
  });

  it("shows a password change immediately: a reset ends the cached logins at once", async () => {
    const participant = seededLogin(server, "participant", "Schiedam");
    const laptop = await loggedIn("participant", "Schiedam");
    expect((await laptop.get("/account")).status).toBe(200);
    expect((await counting(() => laptop.get("/account"))).hits).toBe(1);

    const browser = new Client(server.url);
    expect((await browser.post("/wachtwoord-vergeten", { email: participant.email })).status).toBe(200);
    const mail = listOutbox().find((m) => m.to === participant.email && m.subject === "Nieuw wachtwoord instellen");
    expect(mail).toBeDefined();
    const link = linkPath(mail!.text);
    const newPassword = "een nieuw wachtwoord voor de cache";
    const set = await browser.post(link, { password: newPassword, confirm: newPassword });
    expect(set.status).toBe(302);

    const res = await laptop.get("/account");
    expect(res.status).toBe(302);
    expect(location(res)).toBe("/inloggen?redirectTo=%2Faccount");
    // Put the seeded password back for the other tests.
    const again = new Client(server.url);
    expect((await again.login(participant.email, newPassword)).status).toBe(302);
    const change = await again.post("/account", { current: newPassword, password: participant.password, confirm: participant.password });
    expect(change.status).toBe(200);
  });

  it("renders afresh after a password change on the account page", async () => {
    const speaker = seededLogin(server, "speaker");
    const client = await loggedIn("speaker");
    await client.get("/account");
    expect((await counting(() => client.get("/account"))).hits).toBe(1);
    const newPassword = "nog een heel lang wachtwoord";
    expect((await client.post("/account", { current: speaker.password, password: newPassword, confirm: newPassword })).status).toBe(200);
    const after = await counting(() => client.get("/account"));
    expect(after.hits).toBe(0);
    expect(after.misses).toBe(1);
    expect((await client.post("/account", { current: newPassword, password: speaker.password, confirm: speaker.password })).status).toBe(
      200,
    );
  });

  it("serves an entry for at most a second, so an expired session is logged out within that bound", async () => {
    const client = await loggedIn("organiser");
    const { getAuthSession } = await import("~/features/accounts/auth-session.server");
    const { readSessionId } = await import("~/utils/auth-config.server");
    const session = getAuthSession((await readSessionId(client.cookieHeader))!)!;
    const expiresAt = new Date(session.expiresAt).getTime();

    // Only Date is faked: the server's clock moves, its timers and sockets do not.
    vi.useFakeTimers({ toFake: ["Date"], now: expiresAt - 300 });
    const before = await client.get("/account");
    expect(before.status).toBe(200);
    // 600 ms after the render the session has expired, and the entry may still be served...
    vi.setSystemTime(expiresAt + 300);
    const within = await counting(() => client.get("/account"));
    expect(within.hits).toBe(1);
    expect(within.result.status).toBe(200);
    // ...but not once it is more than a second old.
    vi.setSystemTime(expiresAt + 1_100);
    const after = await counting(() => client.get("/account"));
    expect(after.hits).toBe(0);
    expect(after.result.status).toBe(302);
    expect(location(after.result)).toBe("/inloggen?redirectTo=%2Faccount");
  });

  it("keeps only 200 responses: not-found pages and redirects are rendered every time", async () => {
    const anonymous = new Client(server.url);
    for (let i = 0; i < 2; i++) {
      const missing = await counting(() => anonymous.get("/bestaat-niet"));
      expect(missing.result.status).toBe(404);
      expect(missing.hits).toBe(0);
      expect(missing.stored).toBe(0);
      const redirect = await counting(() => anonymous.get("/account"));
      expect(redirect.result.status).toBe(302);
      expect(redirect.hits).toBe(0);
      expect(redirect.stored).toBe(0);
    }
  });

  it("skips non-GET requests", async () => {
    const organiser = await loggedIn("organiser");
    await organiser.get("/account");
    const post = await counting(() => organiser.post("/account", { current: "fout", password: "x", confirm: "y" }));
    expect(post.hits).toBe(0);
    expect(post.result.status).toBe(400);
  });

  it("still applies the rate limits, origin check and security headers to cached responses", async () => {
    const organiser = await loggedIn("organiser");
    await organiser.get("/");
    const hit = await counting(() => organiser.get("/"));
    expect(hit.hits).toBe(1);
    expect(hit.result.headers.get("ratelimit")).toBeTruthy();
    expect(hit.result.headers.get("x-content-type-options")).toBe("nosniff");
    expect(hit.result.headers.get("referrer-policy")).toBe("same-origin");
  });
});

// ------------------------------------------------------------------ harness
/**
 * An Express app with the server's order (nonce, helmet-like CSP header, cache,
 * handler), for responses the app itself never gives on a GET.
 */
async function harness(cacheOptions: Partial<ConstructorParameters<typeof RenderCache>[0]> = {}) {
  let version = 0;
  const renderCache = new RenderCache({ version: () => version, ...cacheOptions });
  let renders = 0;
  const app = express();
  app.set("etag", false); // like the Remix handler, which sends no ETag
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.setHeader("Content-Security-Policy", `script-src 'nonce-${res.locals.cspNonce}'`);
    next();
  });
  app.use(renderCache.middleware);
  const page = (res: express.Response) =>
    `<!DOCTYPE html><html><body><script nonce="${res.locals.cspNonce}">1</script><p>${renders}</p></body></html>`;
  app.get("/page/:n", (_req, res) => {
    renders++;
    res.type("html").send(page(res));
  });
  app.get("/json", (_req, res) => {
    renders++;
    res.json({ renders });
  });
  app.get("/cookie", (_req, res) => {
    renders++;
    res.cookie("flash", "1").type("html").send(page(res));
  });
  app.get("/text", (_req, res) => {
    renders++;
    res.type("text/plain").send(`renders ${renders}`);
  });
  app.get("/etag", (_req, res) => {
    renders++;
    res.set("ETag", '"1"').type("html").send(page(res));
  });
  app.get("/no-store", (_req, res) => {
    renders++;
    res.set("Cache-Control", "no-store").type("html").send(page(res));
  });
  app.get("/side-effect", (_req, res) => {
    renders++;
    version++; // a loader that writes to the store
    res.type("html").send(page(res));
  });
  app.get("/slow", (_req, res) => {
    renders++;
    const nonce = res.locals.cspNonce;
    setTimeout(() => res.type("html").send(`<script nonce="${nonce}"></script>`), 50);
  });
  app.get("/slow-cookie", (_req, res) => {
    renders++;
    setTimeout(() => res.cookie("flash", "1").type("html").send("<p>hallo</p>"), 50);
  });
  const httpServer = http.createServer(app);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    renderCache,
    get renders() {
      return renders;
    },
    bump: () => version++,
    get: (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers }),
    close: () => new Promise<void>((resolve) => httpServer.close(() => resolve())),
  };
}

describe("render cache rules (harness)", () => {
  it("keeps only 200 text/html or application/json responses without Set-Cookie, ETag or no-store", async () => {
    const h = await harness();
    try {
      for (const path of ["/cookie", "/text", "/no-store", "/etag"]) {
        const before = h.renders;
        await (await h.get(path)).text();
        const again = await h.get(path);
        await again.text();
        expect(h.renders, path).toBe(before + 2);
      }
      const cookie = await h.get("/cookie");
      expect(cookie.headers.get("set-cookie")).toContain("flash=1");
      await (await h.get("/json")).text();
      const before = h.renders;
      expect(await (await h.get("/json")).json()).toEqual({ renders: before });
      expect(h.renders).toBe(before);
    } finally {
      await h.close();
    }
  });

  it("does not keep a response when the data changed during its render", async () => {
    const h = await harness();
    try {
      await (await h.get("/side-effect")).text();
      await (await h.get("/side-effect")).text();
      expect(h.renders).toBe(2);
      expect(h.renderCache.size).toBe(0);
    } finally {
      await h.close();
    }
  });

  it("forgets every entry when the data changes", async () => {
    const h = await harness();
    try {
      await (await h.get("/page/1")).text();
      await (await h.get("/page/1")).text();
      expect(h.renders).toBe(1);
      h.bump();
      await (await h.get("/page/1")).text();
      expect(h.renders).toBe(2);
    } finally {
      await h.close();
    }
  });

  it("replaces the render's nonce by each response's own", async () => {
    const h = await harness();
    try {
      const pages = [];
      for (let i = 0; i < 3; i++) pages.push(await h.get("/page/1"));
      expect(h.renders).toBe(1);
      const seen = new Set<string>();
      for (const page of pages) {
        const nonce = /nonce="([^"]+)"/.exec(await page.text())![1];
        expect(page.headers.get("content-security-policy")).toBe(`script-src 'nonce-${nonce}'`);
        seen.add(nonce);
      }
      expect(seen.size).toBe(3);
    } finally {
      await h.close();
    }
  });

  it("is bounded: at most maxEntries entries, least recently used out first", async () => {
    const h = await harness({ maxEntries: 3 });
    try {
      for (const n of [1, 2, 3]) await (await h.get(`/page/${n}`)).text();
      await (await h.get("/page/1")).text(); // 1 is now the most recently used
      expect(h.renders).toBe(3);
      await (await h.get("/page/4")).text(); // evicts 2
      expect(h.renderCache.size).toBe(3);
      await (await h.get("/page/1")).text();
      await (await h.get("/page/3")).text();
      expect(h.renders).toBe(4);
      await (await h.get("/page/2")).text();
      expect(h.renders).toBe(5);
    } finally {
      await h.close();
    }
  });

  it("is bounded in bytes too", async () => {
    const h = await harness({ maxBytes: 200 });
    try {
      await (await h.get("/page/1")).text();
      await (await h.get("/page/2")).text();
      expect(h.renderCache.size).toBe(1);
    } finally {
      await h.close();
    }
  });

  it("lets identical requests that arrive during a render wait for it, each with its own nonce", async () => {
    const h = await harness();
    try {
      const responses = await Promise.all([h.get("/slow"), h.get("/slow"), h.get("/slow")]);
      expect(h.renders).toBe(1);
      const nonces = await Promise.all(
        responses.map(async (r) => {
          const nonce = /nonce="([^"]*)"/.exec(await r.text())![1];
          expect(r.headers.get("content-security-policy")).toBe(`script-src 'nonce-${nonce}'`);
          return nonce;
        }),
      );
      expect(new Set(nonces).size).toBe(3);
    } finally {
      await h.close();
    }
  });

  it("lets waiting requests render themselves when the first response is not cacheable", async () => {
    const h = await harness();
    try {
      const responses = await Promise.all([h.get("/slow-cookie"), h.get("/slow-cookie")]);
      expect(h.renders).toBe(2);
      for (const r of responses) expect(r.headers.get("set-cookie")).toContain("flash=1");
    } finally {
      await h.close();
    }
  });

  it("expires entries after a second", async () => {
    let now = 1_000_000;
    const h = await harness({ now: () => now });
    try {
      await (await h.get("/page/1")).text();
      now += 1_000;
      await (await h.get("/page/1")).text();
      expect(h.renders).toBe(1);
      now += 1;
      await (await h.get("/page/1")).text();
      expect(h.renders).toBe(2);
    } finally {
      await h.close();
    }
  });

  it("keys on cookies and content negotiation headers", async () => {
    const h = await harness();
    try {
      await (await h.get("/page/1", { cookie: "werkplaats_sessie=a" })).text();
      await (await h.get("/page/1", { cookie: "werkplaats_sessie=b" })).text();
      await (await h.get("/page/1")).text();
      await (await h.get("/page/1", { cookie: "werkplaats_sessie=a", "accept-language": "en" })).text();
      expect(h.renders).toBe(4);
      await (await h.get("/page/1", { cookie: "werkplaats_sessie=a" })).text();
      expect(h.renders).toBe(4);
    } finally {
      await h.close();
    }
  });
});

describe("RENDER_CACHE", () => {
  it("accepts on and off, defaults to on, and names the variable in Dutch on a wrong value", () => {
    expect(parseEnv({}).RENDER_CACHE).toBe("on");
    expect(parseEnv({ RENDER_CACHE: "off" }).RENDER_CACHE).toBe("off");
    expect(() => parseEnv({ RENDER_CACHE: "uit" })).toThrow(StartupError);
    expect(() => parseEnv({ RENDER_CACHE: "uit" })).toThrow('Configuratiefout: RENDER_CACHE moet on of off zijn (nu: "uit").');
  });

  it("RENDER_CACHE=off renders every request", async () => {
    await server.stop();
    server = await startTestServer({ env: { RENDER_CACHE: "off" } });
    expect(server.renderCache).toBeNull();
    const organiser = await loggedIn("organiser");
    const first = await organiser.get("/");
    const second = await organiser.get("/");
    expect(second.status).toBe(200);
    const a = await nonceOf(first);
    const b = await nonceOf(second);
    expect(a.nonce).not.toBe(b.nonce);
    expect(visibleText(b.html)).toContain("Welkom, Annemiek Visser");
  });
});
