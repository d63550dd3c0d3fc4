/**
 * Behind a TLS-terminating reverse proxy (TRUST_PROXY=true): the session cookie
 * is Secure when the proxy says the browser used https.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTEMPT_POLICIES } from "~/utils/attempt-limits.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { sessionSetCookie } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  // A tenth of every limit, so the address budget is used up in a few failed logins.
  server = await startTestServer({ env: { TRUST_PROXY: "true", RATE_LIMIT_FACTOR: "0.1" } });
});
afterAll(async () => {
  await server?.stop();
});

function attributes(res: Response): string[] {
  const line = sessionSetCookie(res);
  expect(line).toBeDefined();
  return line!
    .split(";")
    .slice(1)
    .map((a) => a.trim().toLowerCase());
}

describe("behind a proxy (TRUST_PROXY=true)", () => {
  it("marks the session cookie Secure when the proxy forwarded an https request", async () => {
    const organiser = seededLogin(server, "organiser");
    const res = await new Client(server.url).post(
      "/inloggen",
      { email: organiser.email, password: organiser.password, redirectTo: "/" },
      { "x-forwarded-proto": "https" },
    );
    expect(res.status).toBe(302);
    const attrs = attributes(res);
    expect(attrs).toContain("secure");
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("samesite=lax");
  });

  it("leaves it without Secure for a plain http request", async () => {
    const organiser = seededLogin(server, "organiser");
    const res = await new Client(server.url).login(organiser.email, organiser.password);
    expect(res.status).toBe(302);
    expect(attributes(res)).not.toContain("secure");
  });

  it("also clears the cookie with Secure on logout over https", async () => {
    const organiser = seededLogin(server, "organiser");
    const client = new Client(server.url);
    await client.post(
      "/inloggen",
      { email: organiser.email, password: organiser.password, redirectTo: "/" },
      { "x-forwarded-proto": "https" },
    );
    const res = await client.post("/uitloggen", {}, { "x-forwarded-proto": "https" });
    expect(res.status).toBe(302);
    const attrs = attributes(res);
    expect(attrs).toContain("secure");
    expect(attrs).toContain("max-age=0");
  });

  it("still rate-limits failed logins when the client makes up X-Forwarded-For addresses", async () => {
    const organiser = seededLogin(server, "organiser");
    const limit = Math.ceil(ATTEMPT_POLICIES["login-address"].limit * 0.1);
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      const res = await new Client(server.url).post(
        "/inloggen",
        // Another made-up account each time, so only the address budget can run out.
        { email: `gok${i}@gemeente.example`, password: "fout-wachtwoord", redirectTo: "/" },
        // A made-up address from the client, then the one the proxy saw (proxies append it).
        { "x-forwarded-for": `203.0.113.${i + 1}, 198.51.100.7`, "x-forwarded-proto": "https" },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(401));
    expect(statuses[limit]).toBe(429);

    // Another visitor behind the same proxy is counted separately.
    const other = await new Client(server.url).post(
      "/inloggen",
      { email: organiser.email, password: organiser.password, redirectTo: "/" },
      { "x-forwarded-for": "198.51.100.8", "x-forwarded-proto": "https" },
    );
    expect(other.status).toBe(302);
  });
});
