/**
 * One-time links by e-mail: invitations and password resets. Without SMTP_URL
 * every mail lands in the outbox, which organisers read in the app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuthSession } from "~/features/accounts/auth-session.server";
import { listOutbox } from "~/features/notifications/outbox.server";
import { issueToken } from "~/features/accounts/token.server";
import { getUserByEmail, listUsers } from "~/features/accounts/user.server";
import { readSessionId } from "~/utils/auth-config.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { linkPath, location, sessionSetCookie, visibleText, withoutNonces } from "./helpers";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: TestServer;
let organiser: Client;
beforeAll(async () => {
  // More link posts than the per-address limit of 10 per 15 minutes; that limit is not what is tested here.
  server = await startTestServer({ env: { RATE_LIMIT_FACTOR: "5" } });
  const login = seededLogin(server, "organiser");
  organiser = new Client(server.url);
  expect((await organiser.login(login.email, login.password)).status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
});

/** Reads the newest mail to `to` the way an organiser does: outbox list, then the mail itself. */
async function newestMailInApp(to: string): Promise<{ subject: string; text: string }> {
  const list = await organiser.get("/beheer/berichten");
  expect(list.status).toBe(200);
  const html = await list.text();
  // Rows are newest first: the first row for this address is the one.
  const row = [...html.matchAll(/<tr><td><a [^>]*href="(\/beheer\/berichten\/[^"]+)">([^<]*)<\/a><\/td><td>([^<]*)<\/td>/g)].find(
    (m) => m[3] === to,
  );
  expect(row, `a mail to ${to} in the outbox list`).toBeDefined();
  const detail = await organiser.get(row![1]);
  expect(detail.status).toBe(200);
  return { subject: row![2], text: visibleText(await detail.text()) };
}

async function invite(name: string, email: string, role = "speaker"): Promise<Response> {
  return organiser.post("/beheer/gebruikers", { intent: "invite", name, email, role });
}

describe("invitations", () => {
  it("sends an invitation through the outbox whose link lets the invitee choose a password once", async () => {
    const outboxBefore = listOutbox().length;
    const res = await invite("Bram Smit", "bram.smit@gemeente.example");
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain("Bram Smit is uitgenodigd als spreker.");

    const user = getUserByEmail("bram.smit@gemeente.example");
    expect(user).toMatchObject({ name: "Bram Smit", role: "speaker", passwordHash: null });
    expect(listOutbox().length).toBe(outboxBefore + 1);

    const mail = await newestMailInApp("bram.smit@gemeente.example");
    expect(mail.subject).toBe("Uitnodiging voor de werkplaats wijkgericht werken");
    expect(mail.text).toContain("Beste Bram Smit");
    const link = linkPath(mail.text);
    // The same link is in the stored mail (the app page shows it unchanged).
    expect(listOutbox()[0].text).toContain(`${server.url}${link}`);

    const page = await new Client(server.url).get(link);
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain("Hallo Bram Smit, met dit wachtwoord log je voortaan in");

    const invitee = new Client(server.url);
    const set = await invitee.post(link, { password: "een lange zin als wachtwoord", confirm: "een lange zin als wachtwoord" });
    expect(set.status).toBe(302);
    expect(location(set)).toBe("/?welkom=1");
    expect(sessionSetCookie(set)).toBeDefined();
    const home = await invitee.get("/?welkom=1");
    const text = visibleText(await home.text());
    expect(text).toContain("Welkom, Bram Smit");
    expect(text).toContain("Jouw bijeenkomsten");
    expect(text).toContain("Je account is klaar. Welkom!");

    // The new password works for a normal login.
    expect((await new Client(server.url).login("bram.smit@gemeente.example", "een lange zin als wachtwoord")).status).toBe(302);

    // The link works once.
    const again = await new Client(server.url).get(link);
    expect(again.status).toBe(410);
    expect(visibleText(await again.text())).toContain("Deze link is al gebruikt. Een link werkt maar één keer.");
    const hashBefore = getUserByEmail("bram.smit@gemeente.example")!.passwordHash;
    const reuse = await new Client(server.url).post(link, {
      password: "iemand anders zijn wachtwoord",
      confirm: "iemand anders zijn wachtwoord",
    });
    expect(reuse.status).toBe(410);
    expect(sessionSetCookie(reuse)).toBeUndefined();
    expect(visibleText(await reuse.text())).toContain("Deze link is al gebruikt.");
    expect(getUserByEmail("bram.smit@gemeente.example")!.passwordHash).toBe(hashBefore);
  });

  it("answers an unknown link with 404 and an explanation", async () => {
    for (const token of ["bestaat-niet-maar-is-lang-genoeg-1234567890", "kort", "a".repeat(200)]) {
      const res = await new Client(server.url).get(`/wachtwoord/${token}`);
      expect(res.status, token).toBe(404);
      expect(visibleText(await res.text())).toContain("Deze link kennen we niet.");
      const post = await new Client(server.url).post(`/wachtwoord/${token}`, {
        password: "een lange zin als wachtwoord",
        confirm: "een lange zin als wachtwoord",
      });
      expect(post.status, token).toBe(404);
      expect(sessionSetCookie(post)).toBeUndefined();
    }
  });

  it("answers an expired link with 410 and an explanation", async () => {
    const res = await invite("Eva Verloop", "eva.verloop@gemeente.example");
    expect(res.status).toBe(200);
    const user = getUserByEmail("eva.verloop@gemeente.example")!;
    const { token } = await issueToken("invite", user.id, 1);
    await sleep(10);

    const page = await new Client(server.url).get(`/wachtwoord/${token}`);
    expect(page.status).toBe(410);
    expect(visibleText(await page.text())).toContain("Deze link is verlopen.");
    const post = await new Client(server.url).post(`/wachtwoord/${token}`, {
      password: "een lange zin als wachtwoord",
      confirm: "een lange zin als wachtwoord",
    });
    expect(post.status).toBe(410);
    expect(getUserByEmail("eva.verloop@gemeente.example")!.passwordHash).toBeNull();
  });

  it("makes an earlier invitation link stop working when a new one is sent", async () => {
    await invite("Noor Dubbel", "noor.dubbel@gemeente.example");
    const first = linkPath((await newestMailInApp("noor.dubbel@gemeente.example")).text);
    const user = getUserByEmail("noor.dubbel@gemeente.example")!;
    const resend = await organiser.post("/beheer/gebruikers", { intent: "resend", userId: user.id });
    expect(resend.status).toBe(200);
    expect(visibleText(await resend.text())).toContain("De uitnodiging is opnieuw verstuurd naar noor.dubbel@gemeente.example.");
    const second = linkPath((await newestMailInApp("noor.dubbel@gemeente.example")).text);
    expect(second).not.toBe(first);

    expect((await new Client(server.url).get(first)).status).toBe(410);
    expect((await new Client(server.url).get(second)).status).toBe(200);
  });

  it("refuses to invite an address that already has an account (400, Dutch error), in any letter case", async () => {
    const usersBefore = listUsers().length;
    const outboxBefore = listOutbox().length;
    for (const email of ["spreker@werkplaats.example", "  Bram.Smit@Gemeente.EXAMPLE "]) {
      const res = await invite("Dubbel", email);
      expect(res.status, email).toBe(400);
      const text = visibleText(await res.text());
      expect(text).toContain("Er bestaat al een account met dit e-mailadres.");
    }
    expect(listUsers().length).toBe(usersBefore);
    expect(listOutbox().length).toBe(outboxBefore);
  });

  it("refuses an invitation with a missing name or an impossible role (400, Dutch errors)", async () => {
    const usersBefore = listUsers().length;
    const res = await organiser.post("/beheer/gebruikers", {
      intent: "invite",
      email: "zonder.naam@gemeente.example",
      role: "participant",
    });
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    expect(text).toContain("Vul de naam in.");
    expect(text).toContain("Kies begeleider of spreker.");
    expect(listUsers().length).toBe(usersBefore);
  });
});

describe("password reset", () => {
  it("answers the same for a known and an unknown address; only the known one gets a mail", async () => {
    const participant = seededLogin(server, "participant", "Altena");
    const outboxBefore = listOutbox().length;

    const unknown = await new Client(server.url).post("/wachtwoord-vergeten", { email: "onbekend@gemeente.example" });
    expect(listOutbox().length).toBe(outboxBefore);
    const known = await new Client(server.url).post("/wachtwoord-vergeten", { email: participant.email });
    expect(listOutbox().length).toBe(outboxBefore + 1);

    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    const unknownHtml = await unknown.text();
    const knownHtml = await known.text();
    expect(visibleText(knownHtml)).toContain("Als dit e-mailadres bij ons bekend is, ontvang je binnen een paar minuten een e-mail");
    expect(withoutNonces(knownHtml)).toBe(withoutNonces(unknownHtml));

    const mail = listOutbox()[0];
    expect(mail.to).toBe(participant.email);
    expect(mail.subject).toBe("Nieuw wachtwoord instellen");
    expect(mail.text).toContain(`${server.url}/wachtwoord/`);
  });

  it("sets a new password through the link, ends every other session and retires the old password", async () => {
    const participant = seededLogin(server, "participant", "Schiedam");
    const laptop = new Client(server.url);
    const phone = new Client(server.url);
    expect((await laptop.login(participant.email, participant.password)).status).toBe(302);
    expect((await phone.login(participant.email, participant.password)).status).toBe(302);
    const laptopSession = (await readSessionId(laptop.cookieHeader))!;
    expect((await laptop.get("/account")).status).toBe(200);

    const browser = new Client(server.url);
    expect((await browser.post("/wachtwoord-vergeten", { email: participant.email })).status).toBe(200);
    const mail = await newestMailInApp(participant.email);
    expect(mail.subject).toBe("Nieuw wachtwoord instellen");
    const link = linkPath(mail.text);

    const page = await browser.get(link);
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain("kies een nieuw wachtwoord. Je wordt daarna overal uitgelogd");

    const newPassword = "mijn nieuwe wachtwoord is lang";
    const set = await browser.post(link, { password: newPassword, confirm: newPassword });
    expect(set.status).toBe(302);
    expect(location(set)).toBe("/?welkom=1");
    // The browser that reset the password is logged in...
    expect((await browser.get("/account")).status).toBe(200);
    // ...and every earlier login is over, on the server too.
    expect(getAuthSession(laptopSession)).toBeNull();
    for (const device of [laptop, phone]) {
      const res = await device.get("/account");
      expect(res.status).toBe(302);
      expect(location(res)).toBe("/inloggen?redirectTo=%2Faccount");
    }

    expect((await new Client(server.url).login(participant.email, participant.password)).status).toBe(401);
    expect((await new Client(server.url).login(participant.email, newPassword)).status).toBe(302);
    // And the reset link is spent.
    expect((await new Client(server.url).get(link)).status).toBe(410);
  });

  it("refuses a new password that is too short or typed differently twice (400), leaving the link usable", async () => {
    const participant = seededLogin(server, "participant", "Altena");
    await new Client(server.url).post("/wachtwoord-vergeten", { email: participant.email });
    const link = linkPath(listOutbox()[0].text);
    const hashBefore = getUserByEmail(participant.email)!.passwordHash;

    const short = await new Client(server.url).post(link, { password: "kort", confirm: "kort" });
    expect(short.status).toBe(400);
    expect(visibleText(await short.text())).toContain("Kies een wachtwoord van minstens 12 tekens.");

    const mismatch = await new Client(server.url).post(link, {
      password: "een lange zin als wachtwoord",
      confirm: "een andere zin als wachtwoord",
    });
    expect(mismatch.status).toBe(400);
    const html = await mismatch.text();
    // The error belongs to the confirm field, both in the summary and at the field.
    expect(html).toMatch(/<a href="#veld-confirm">Herhaal het wachtwoord: De twee wachtwoorden zijn niet gelijk.<\/a>/);
    expect(html).toMatch(/id="veld-confirm-fout">.*De twee wachtwoorden zijn niet gelijk./);
    expect(html).not.toContain("een lange zin als wachtwoord");

    expect(getUserByEmail(participant.email)!.passwordHash).toBe(hashBefore);
    expect((await new Client(server.url).get(link)).status).toBe(200);
  });
});
