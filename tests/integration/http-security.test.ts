/**
 * The HTTP layer around the app: security headers with a per-response CSP nonce,
 * the same-origin check on every change, the health check, the 404 page and the
 * rate limits (last, as they lock this client out for the rest of the file).
 */
import { rename } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { location, visibleText } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

function cspDirectives(res: Response): Map<string, string[]> {
  const header = res.headers.get("content-security-policy");
  expect(header, "Content-Security-Policy header").toBeTruthy();
  return new Map(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

function nonceOf(res: Response): string {
  const nonces = (cspDirectives(res).get("script-src") ?? []).filter((v) => v.startsWith("'nonce-"));
  expect(nonces).toHaveLength(1);
  return nonces[0].slice("'nonce-".length, -1);
}

describe("security headers", () => {
  it("gives every page its own CSP nonce, used on all of the page's scripts", async () => {
    const client = new Client(server.url);
    const first = await client.get("/");
    const second = await client.get("/");
    const nonce1 = nonceOf(first);
    const nonce2 = nonceOf(second);
    expect(nonce1).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonce2).not.toBe(nonce1);

    for (const [res, nonce] of [
      [first, nonce1],
      [second, nonce2],
    ] as const) {
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
  });

  it("sends a strict CSP that lets the page reach this host's websocket", async () => {
    const res = await new Client(server.url).get("/inloggen");
    const csp = cspDirectives(res);
    const host = new URL(server.url).host;
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toContain("'self'");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("connect-src")).toEqual(expect.arrayContaining(["'self'", `ws://${host}`, `wss://${host}`]));
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    // Over plain http (no https BASE_URL) nothing is upgraded and no HSTS is sent.
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("sends nosniff and same-origin referrers, and does not announce Express", async () => {
    for (const path of ["/", "/inloggen", "/bestaat-niet", "/healthz"]) {
      const res = await new Client(server.url).get(path);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("x-powered-by"), path).toBeNull();
    }
  });
});

describe("caching", () => {
  it("keeps pages and their data out of every cache, while the app's own files are cached for a year", async () => {
    const client = new Client(server.url);
    const organiser = seededLogin(server, "organiser");
    expect((await client.login(organiser.email, organiser.password)).status).toBe(302);
    const page = await client.get("/");
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    const data = await client.get("/?_data=root");
    expect(data.status).toBe(200);
    expect(data.headers.get("cache-control")).toBe("private, no-store");
    const visitor = new Client(server.url);
    for (const path of ["/inloggen", "/bestaat-niet"])
      expect((await visitor.get(path)).headers.get("cache-control"), path).toBe("private, no-store");
    // The app's own files keep their year-long rule.
    const script = (await page.text()).match(/\/build\/entry\.client-[A-Z0-9]+\.js/)![0];
    expect((await client.get(script)).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });
});

describe("same-origin check on changes", () => {
  const refused = "Dit verzoek is geweigerd omdat het niet van deze website komt.";

  async function loginPost(headers: Record<string, string>): Promise<Response> {
    const organiser = seededLogin(server, "organiser");
    // Plain fetch: unlike Client.post it adds no Origin of its own.
    return fetch(`${server.url}/inloggen`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({ email: organiser.email, password: organiser.password, redirectTo: "/" }),
      headers,
    });
  }

  it("refuses a post without Origin and Referer (403, Dutch page)", async () => {
    const res = await loginPost({});
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain(refused);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("refuses a post from another site, even with a matching Referer", async () => {
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "https://evil.example", referer: `${server.url}/inloggen` },
      { origin: "null" },
      // An opaque origin is refused even with a Referer of ours (Remix would abort it with a 500).
      { origin: "null", referer: `${server.url}/inloggen` },
      // Our own Origin, but a request forged to claim another host.
      { origin: server.url, "x-forwarded-host": "evil.example" },
      { referer: "https://evil.example/inloggen" },
      { referer: "niet-een-url" },
    ];
    for (const headers of foreign) {
      const res = await loginPost(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.text()).toContain(refused);
    }
  });

  it("allows a post with a matching Referer and no Origin (older browsers)", async () => {
    const res = await loginPost({ referer: `${server.url}/inloggen` });
    expect(res.status).toBe(302);
    expect(location(res)).toBe("/");
  });

  it("accepts the page's own script-driven posts (?_data=)", async () => {
    const organiser = seededLogin(server, "organiser");
    const res = await new Client(server.url).post("/inloggen?_data=routes%2Finloggen", {
      email: organiser.email,
      password: organiser.password,
      redirectTo: "/account",
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("x-remix-redirect")).toBe("/account");
    const foreign = await new Client(server.url).post(
      "/inloggen?_data=routes%2Finloggen",
      { email: organiser.email, password: organiser.password },
      { origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
  });

  it("stops a cross-site form from acting for a logged-in organiser", async () => {
    const organiser = seededLogin(server, "organiser");
    const client = new Client(server.url);
    expect((await client.login(organiser.email, organiser.password)).status).toBe(302);

    const invite = await client.post(
      "/beheer/gebruikers",
      { intent: "invite", name: "Aanvaller", email: "aanvaller@evil.example", role: "organiser" },
      { origin: "https://evil.example" },
    );
    expect(invite.status).toBe(403);
    expect(getUserByEmail("aanvaller@evil.example")).toBeNull();

    const logout = await client.post("/uitloggen", {}, { origin: "https://evil.example" });
    expect(logout.status).toBe(403);
    expect((await client.get("/account")).status).toBe(200);
  });
});

describe("/healthz", () => {
  it("reports ok while the data folder is writable and 503 when it is gone", async () => {
    const ok = await fetch(`${server.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(await ok.json()).toMatchObject({ status: "ok", data: "writable", realtime: "up" });

    // Nothing may be waiting to be written while the folder is away.
    await getDb().flush();
    const away = `${server.dataDir}-weg`;
    await rename(server.dataDir, away);
    try {
      const broken = await fetch(`${server.url}/healthz`);
      expect(broken.status).toBe(503);
      expect(await broken.json()).toMatchObject({ status: "error", data: "not writable", realtime: "up" });
    } finally {
      await rename(away, server.dataDir);
    }

    const back = await fetch(`${server.url}/healthz`);
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ status: "ok", data: "writable" });
  });
});

describe("404 page", () => {
  it("answers an unknown address with a Dutch 404 page", async () => {
    for (const path of ["/bestaat-niet", "/beheer/bestaat-niet/ook-niet"]) {
      const res = await new Client(server.url).get(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).toContain('<html lang="nl">');
      expect(html).toContain("Pagina niet gevonden");
      expect(visibleText(html)).toContain("Deze pagina bestaat niet (meer)");
    }
    const post = await new Client(server.url).post("/bestaat-niet", { a: "b" });
    expect(post.status).toBe(404);
  });
});
