/**
 * Rate limits that cannot be sidestepped (issue 11, point 4), against the real
 * server. The account forms count attempts in their actions, per client address
 * and per account or target; the middleware limits everything else per address,
 * chosen by the route a request reaches rather than by how its path is spelled.
 *
 * The server trusts one proxy hop, so each test speaks from its own address
 * (the last X-Forwarded-For entry) and the budgets of one test do not leak into
 * the next.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { ATTEMPT_POLICIES } from "~/utils/attempt-limits.server";
import { routeOf } from "~/utils/http-security.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { SESSION_COOKIE_NAME } from "~/utils/auth-config.server";
import { linkPath, rawRequest, visibleText } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: "true" } });
});
afterAll(async () => {
  await server?.stop();
});

const LOGIN_WAIT = /Te veel pogingen\. Probeer het over (1[45]|15) minuten opnieuw\./;

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * A form post sent byte for byte as written (fetch would tidy up dot segments),
 * from `address`, with our own Origin as a browser sends it.
 */
async function post(path: string, form: Record<string, string>, address: string, cookie = ""): Promise<Answer> {
  const body = new URLSearchParams(form).toString();
  return rawRequest(server.url, {
    path,
    headers: {
      host: new URL(server.url).host,
      origin: server.url,
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(Buffer.byteLength(body)),
      "x-forwarded-for": address,
      ...(cookie ? { cookie } : {}),
    },
    chunks: [body],
  });
}

function get(path: string, address: string): Promise<Answer> {
  return rawRequest(server.url, { method: "GET", path, headers: { host: new URL(server.url).host, "x-forwarded-for": address } });
}

function login(path: string, email: string, password: string, address: string): Promise<Answer> {
  return post(path, { email, password, redirectTo: "/" }, address);
}

function title(html: string): string | undefined {
  return html.match(/<title>([^<]*)<\/title>/)?.[1];
}

function participants() {
  return server.boot.seeded.filter((l) => l.role === "participant");
}

/** A limited form answer: 429, Retry-After in seconds, and the form's own page or data. */
function expectLimited(answer: Answer, message: RegExp, what: string): void {
  expect(answer.status, what).toBe(429);
  const retryAfter = Number(answer.headers["retry-after"]);
  expect(retryAfter, `Retry-After of ${what}`).toBeGreaterThan(0);
  expect(retryAfter, `Retry-After of ${what}`).toBeLessThanOrEqual(60 * 60);
  expect(visibleText(answer.body), what).toMatch(message);
}

const LOGIN_SPELLINGS = [
  "/inloggen",
  "/Inloggen",
  "/INLOGGEN",
  "/inloggen/",
  "/inloggen//",
  "/%69nloggen",
  "/%49NLOGGEN/",
  "/inloggen?x=1",
  "/x/../inloggen",
  "/x/%2e%2e/Inloggen",
];

describe("every spelling of a path shares the route's budget", () => {
  it("the spellings really reach the login page, and the middleware names the route as Remix does", async () => {
    const address = "198.51.100.1";
    for (const spelling of LOGIN_SPELLINGS) {
      const page = await get(spelling, address);
      expect(page.status, spelling).toBe(200);
      expect(title(page.body), spelling).toBe("Inloggen – Werkplaats");
      expect(routeOf(spelling), spelling).toBe("login");
    }
    // Remix does not match a doubled leading slash (or a backslash, read as one) to /inloggen.
    for (const spelling of ["//inloggen/", "/\\inloggen", "/inloggen%2F"]) {
      const page = await get(spelling, address);
      expect(page.status, spelling).toBe(404);
      expect(routeOf(spelling), spelling).toBe("other");
    }
  });

  it("failed logins through ten spellings use up one account's budget; then every spelling, and the page's data request, is refused", async () => {
    const address = "198.51.100.2";
    const speaker = seededLogin(server, "speaker");
    const limit = ATTEMPT_POLICIES["login-account"].limit;
    expect(LOGIN_SPELLINGS).toHaveLength(limit);
    for (const spelling of LOGIN_SPELLINGS) {
      const res = await login(spelling, speaker.email.toUpperCase(), "fout-wachtwoord", address);
      expect(res.status, spelling).toBe(401);
    }

    // Without JavaScript: the login page itself, with the wait and a Retry-After header.
    for (const spelling of LOGIN_SPELLINGS) {
      const res = await login(spelling, speaker.email, speaker.password, address);
      expectLimited(res, LOGIN_WAIT, spelling);
      expect(title(res.body), spelling).toBe("Inloggen – Werkplaats");
      expect(res.body).toContain("<h1>Inloggen</h1>");
      expect(res.headers["set-cookie"], spelling).toBeUndefined();
    }

    // With JavaScript: Remix posts to ?_data=routes/inloggen and shows the JSON as the form's answer.
    const data = await login("/Inloggen/?_data=routes%2Finloggen", speaker.email, speaker.password, address);
    expect(data.status).toBe(429);
    expect(data.headers["content-type"]).toMatch(/^application\/json/);
    // Remix's marker that the answer came from the route (else the browser shows its 500 page).
    expect(data.headers["x-remix-response"]).toBe("yes");
    expect(Number(data.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(data.body).errors.form).toMatch(LOGIN_WAIT);

    // Reading the page is not limited.
    expect((await get("/inloggen", address)).status).toBe(200);

    // The one spelling that does not reach the route logs nobody in either.
    const elsewhere = await login("//inloggen/", speaker.email, speaker.password, address);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers["set-cookie"]).toBeUndefined();
  });
});

describe("per account as well as per address", () => {
  it("one person's typos lock only their own account; colleagues behind the same address still log in", async () => {
    const office = "198.51.100.3";
    const [typist, colleague, another] = participants();
    for (let i = 0; i < ATTEMPT_POLICIES["login-account"].limit; i++) {
      expect((await login("/inloggen", typist.email, `fout-${i}`, office)).status).toBe(401);
    }
    // Locked: even the right password waits.
    expectLimited(await login("/inloggen", typist.email, typist.password, office), LOGIN_WAIT, "the typist");

    // The colleague at the next desk logs in at once.
    const ok = await login("/inloggen", colleague.email, colleague.password, office);
    expect(ok.status).toBe(302);
    expect(String(ok.headers["set-cookie"])).toContain(`${SESSION_COOKIE_NAME}=`);

    // Thirty more colleagues each mistype a few times; the office as a whole is not locked out.
    for (let person = 0; person < 30; person++) {
      const email = `collega${person}@gemeente.example`;
      for (let i = 0; i < 2; i++) expect((await login("/inloggen", email, "fout", office)).status).toBe(401);
    }
    expect((await login("/inloggen", another.email, another.password, office)).status).toBe(302);
  }, 90_000);

  it("the address budget still stops one address guessing across many accounts", async () => {
    const guesser = "198.51.100.4";
    const limit = ATTEMPT_POLICIES["login-address"].limit;
    const perAccount = ATTEMPT_POLICIES["login-account"].limit - 1;
    for (let i = 0; i < limit; i++) {
      const res = await login("/inloggen", `slachtoffer${Math.floor(i / perAccount)}@gemeente.example`, `gok-${i}`, guesser);
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    expectLimited(await login("/inloggen", "nog-een@gemeente.example", "gok", guesser), LOGIN_WAIT, "one more account");
    // Someone at another address is not affected.
    const organiser = seededLogin(server, "organiser");
    expect((await login("/inloggen", organiser.email, organiser.password, "198.51.100.5")).status).toBe(302);
  }, 90_000);

  it("wrong current passwords on the account page use the same account budget as failed logins", async () => {
    const address = "198.51.100.6";
    const person = participants()[3];
    const client = new Client(server.url);
    expect(
      (await client.post("/inloggen", { email: person.email, password: person.password, redirectTo: "/" }, { "x-forwarded-for": address }))
        .status,
    ).toBe(302);
    const change = (current: string) =>
      post("/Account/", { current, password: "een nieuw wachtwoord", confirm: "een nieuw wachtwoord" }, address, client.cookieHeader);
    const storedHash = getUserByEmail(person.email)!.passwordHash;
    for (let i = 0; i < ATTEMPT_POLICIES["login-account"].limit; i++) expect((await change(`fout-${i}`)).status).toBe(400);
    const limited = await change(person.password);
    expectLimited(limited, LOGIN_WAIT, "the password change");
    expect(title(limited.body)).toBe("Mijn account – Werkplaats");
    // Nothing was changed, and it is the same budget: logging in to this account waits too.
    expect(getUserByEmail(person.email)!.passwordHash).toBe(storedHash);
    expectLimited(await login("/inloggen", person.email, person.password, "198.51.100.7"), LOGIN_WAIT, "a login elsewhere");
  });
});

describe("password-reset mail", () => {
  const mailsTo = (email: string) => getDb().data.outbox.filter((m) => m.to === email).length;
  const TARGET_WAIT = /Voor dit e-mailadres zijn net al een paar links aangevraagd\. .* probeer het over (59|60) minuten opnieuw\./;

  it("sends at most five links an hour to one person, from any address and spelling, and treats unknown addresses alike", async () => {
    const person = participants()[4];
    const unknown = "niemand@gemeente.example";
    const limit = ATTEMPT_POLICIES["reset-target"].limit;
    const before = mailsTo(person.email);
    const spellings = ["/wachtwoord-vergeten", "/Wachtwoord-Vergeten/", "/%77achtwoord-vergeten?x=1"];
    for (let i = 0; i < limit; i++) {
      const from = `203.0.113.${10 + i}`;
      const path = spellings[i % spellings.length];
      for (const email of [i % 2 ? person.email.toUpperCase() : person.email, unknown]) {
        const res = await post(path, { email }, from);
        expect(res.status, `${path} ${email}`).toBe(200);
        expect(visibleText(res.body)).toContain("Als dit e-mailadres bij ons bekend is");
      }
    }
    expect(mailsTo(person.email) - before).toBe(limit);

    // The sixth: refused alike for the known and the unknown address, from yet another address.
    const known = await post("/wachtwoord-vergeten", { email: person.email }, "203.0.113.99");
    const stranger = await post("/WACHTWOORD-VERGETEN", { email: unknown }, "203.0.113.99");
    expectLimited(known, TARGET_WAIT, "known address");
    expectLimited(stranger, TARGET_WAIT, "unknown address");
    // The page a person reads is the same either way (the address is only echoed in the field).
    expect(visibleText(known.body)).toBe(visibleText(stranger.body));
    expect(mailsTo(person.email) - before).toBe(limit);

    // Someone else can still ask from that address.
    expect((await post("/wachtwoord-vergeten", { email: participants()[5].email }, "203.0.113.99")).status).toBe(200);
  });

  it("limits one address to twenty requests per 15 minutes, whatever the targets", async () => {
    const address = "203.0.113.200";
    for (let i = 0; i < ATTEMPT_POLICIES["reset-address"].limit; i++) {
      expect((await post("/wachtwoord-vergeten", { email: `persoon${i}@gemeente.example` }, address)).status).toBe(200);
    }
    const limited = await post("/wachtwoord-vergeten/", { email: "nog-iemand@gemeente.example" }, address);
    expectLimited(limited, /Te veel pogingen\. Probeer het over 1[45] minuten opnieuw\./, "the 21st request");
    expect(title(limited.body)).toBe("Wachtwoord vergeten – Werkplaats");
    // With JavaScript the same message comes back as the form's data.
    const data = await post(
      "/wachtwoord-vergeten?index&_data=routes%2Fwachtwoord-vergeten",
      { email: "nog-iemand@gemeente.example" },
      address,
    );
    expect(data.status).toBe(429);
    expect(data.headers["x-remix-response"]).toBe("yes");
    expect(JSON.parse(data.body).errors.form).toMatch(/Te veel pogingen/);
  });
});

describe("set-password links", () => {
  const pair = { password: "een goed wachtwoord", confirm: "een goed wachtwoord" };
  const LINK_WAIT = /Te veel pogingen\. Probeer het over 1[45] minuten opnieuw\./;

  it("limits posts to one link in any spelling and per address, and leaves the real link working from elsewhere", async () => {
    const guesser = "192.0.2.1";
    for (const path of ["/wachtwoord/onzin-link", "/Wachtwoord/onzin-link/", "/%77achtwoord/onzin-link"]) {
      expect(routeOf(path), path).toBe("set-password");
      expect((await post(path, pair, guesser)).status, path).toBe(404);
    }
    for (let i = 3; i < ATTEMPT_POLICIES["link-token"].limit; i++)
      expect((await post("/wachtwoord/onzin-link", pair, guesser)).status).toBe(404);
    const limited = await post("/WACHTWOORD/onzin-link", pair, guesser);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    const data = await post("/wachtwoord/onzin-link?_data=routes%2Fwachtwoord.%24token", pair, guesser);
    expect(data.status).toBe(429);
    expect(data.headers["x-remix-response"]).toBe("yes");
    expect(JSON.parse(data.body).errors.form).toMatch(LINK_WAIT);

    // A real reset link.
    const person = participants()[5];
    expect((await post("/wachtwoord-vergeten", { email: person.email }, "192.0.2.2")).status).toBe(200);
    const link = linkPath(
      getDb()
        .data.outbox.filter((m) => m.to === person.email)
        .at(-1)!.text,
    );
    const storedHash = getUserByEmail(person.email)!.passwordHash;

    // An address that used up its budget on other links waits, with the form and the message.
    const busy = "192.0.2.3";
    for (let i = 0; i < ATTEMPT_POLICIES["link-address"].limit; i++)
      expect((await post(`/wachtwoord/dood-${i}`, pair, busy)).status).toBe(404);
    const waiting = await post(link, pair, busy);
    expectLimited(waiting, LINK_WAIT, "the real link from a busy address");
    expect(title(waiting.body)).toBe("Wachtwoord instellen – Werkplaats");
    expect(waiting.body).toContain("Kies een nieuw wachtwoord");
    expect(getUserByEmail(person.email)!.passwordHash).toBe(storedHash);

    // From the guesser's address (not yet at its address budget) the real link still works.
    expect((await post(link, pair, guesser)).status).toBe(302);
    expect((await login("/inloggen", person.email, pair.password, "192.0.2.4")).status).toBe(302);
  });
});

describe("the other limits, in the middleware", () => {
  it("limits changes per address whatever the spelling, with a Dutch wait; a page's data request gets it in a form Remix shows", async () => {
    const address = "192.0.2.50";
    const limit = 120;
    for (let i = 0; i < limit; i++) {
      const res = await post(i % 2 ? "/bestaat-niet" : "/Uitloggen/", {}, address);
      expect(res.status, `change ${i + 1}`).not.toBe(429);
    }
    const page = await post("/uitloggen", {}, address);
    expect(page.status).toBe(429);
    expect(Number(page.headers["retry-after"])).toBeGreaterThan(0);
    expect(page.body).toContain('<html lang="nl">');
    expect(visibleText(page.body)).toMatch(/Te veel verzoeken in korte tijd\. Probeer het over 1 minuut opnieuw\./);

    const data = await post("/uitloggen?_data=routes%2Fuitloggen", {}, address);
    expect(data.status).toBe(429);
    // X-Remix-Catch: Remix shows its Dutch 429 page with this text instead of the 500 page.
    expect(data.headers["x-remix-catch"]).toBe("yes");
    expect(data.headers["content-type"]).toMatch(/^text\/plain/);
    expect(data.body).toMatch(/^Te veel verzoeken in korte tijd\. Probeer het over 1 minuut opnieuw\.$/);

    // The markdown preview is exempt in every spelling (it answers as a logged-out request: not 429).
    for (const path of ["/api/voorbeeld", "/API/Voorbeeld/", "/%61pi/voorbeeld"]) {
      expect((await post(path, { text: "x" }, address)).status, path).not.toBe(429);
    }
  });

  it("refusals of the origin check reach a page's data request as a Dutch 403 Remix can show", async () => {
    const res = await rawRequest(server.url, {
      path: "/inloggen?_data=routes%2Finloggen",
      headers: {
        host: new URL(server.url).host,
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
        "content-length": "1",
      },
      chunks: ["x"],
    });
    expect(res.status).toBe(403);
    expect(res.headers["x-remix-catch"]).toBe("yes");
    expect(res.body).toContain("Dit verzoek is geweigerd omdat het niet van deze website komt.");
  });
});
