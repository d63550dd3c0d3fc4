/**
 * E-mail people can control (issue 16.13) against a real server: choices per kind on
 * the account page are respected by the scheduler, non-essential mail carries an
 * unsubscribe link and List-Unsubscribe headers on its outbox record, the link works
 * without login (confirm page, one-click POST), and a session that moves is mailed to
 * everyone regardless of their choices.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { getAssignment } from "~/features/homework/assignment.server";
import { getHomeworkScheduler } from "~/features/homework/homework-scheduler.server";
import { notifyUsers } from "~/features/notifications/notification.server";
import { listOutbox } from "~/features/notifications/outbox.server";
import { wantsMail } from "~/features/notifications/preferences.server";
import { toDutchParts } from "~/utils/dutch-time";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { visibleText } from "./helpers";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
let server: TestServer;
let clock = new Date();

const altena = () => getDb().data.trios.find((t) => t.municipality === "Altena")!;
const membersOf = (trioId: string) => {
  const { memberships, users } = getDb().data;
  return memberships.filter((m) => m.trioId === trioId).map((m) => users.find((u) => u.id === m.userId)!);
};
const mailsTo = (email: string, subject: string) => listOutbox().filter((m) => m.to === email && m.subject.includes(subject));

beforeAll(async () => {
  server = await startTestServer({ scheduler: { now: () => clock, intervalMs: DAY_MS } });
});
afterAll(async () => server?.stop());

describe("choices per kind", () => {
  it("a member who turned reminders off gets none; the others get one with an unsubscribe link and headers", async () => {
    const [quiet, ...others] = membersOf(altena().id);
    const login = server.boot.seeded.find((l) => l.email === quiet.email)!;
    const client = new Client(server.url);
    expect((await client.login(login.email, login.password)).status).toBe(302);
    const form = visibleText(await (await client.get("/account")).text());
    expect(form).toContain("Welke berichten wil je per e-mail krijgen?");
    expect((await client.post("/account", { intent: "mail-preferences", feedback: "on", material: "on" })).status).toBe(200);
    expect(wantsMail(quiet.id, "reminders")).toBe(false);
    expect(wantsMail(quiet.id, "feedback")).toBe(true);

    const s1 = getDb()
      .data.sessions.filter((s) => s.editionId === altena().editionId)
      .sort((a, b) => a.number - b.number)[0];
    const { dueAt, reminderDays } = getAssignment(s1);
    clock = new Date(Date.parse(dueAt!) - reminderDays * DAY_MS + HOUR_MS);
    await getHomeworkScheduler()!.tick();

    expect(mailsTo(quiet.email, "Herinnering")).toHaveLength(0);
    for (const other of others) {
      const [mail] = mailsTo(other.email, "Herinnering");
      expect(mail, other.email).toBeDefined();
      expect(mail.headers?.["List-Unsubscribe"]).toMatch(/^<http:\/\/[^>]+\/afmelden\/[^>]+>$/);
      expect(mail.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      expect(mail.text).toContain(mail.headers!["List-Unsubscribe"].slice(1, -1));
    }
  });

  it("feedback mail follows the feedback choice; essential mail has no unsubscribe header", async () => {
    const [quiet, second] = membersOf(altena().id);
    await new Client(server.url).post("/wachtwoord-vergeten", { email: second.email });
    const reset = listOutbox().find((m) => m.to === second.email && m.subject === "Nieuw wachtwoord instellen");
    expect(reset).toBeDefined();
    expect(reset!.headers?.["List-Unsubscribe"]).toBeUndefined();

    const login = server.boot.seeded.find((l) => l.email === second.email)!;
    const client = new Client(server.url);
    await client.login(login.email, login.password);
    await client.post("/account", { intent: "mail-preferences", material: "on" });
    await notifyUsers([quiet.id, second.id], {
      kind: "feedback",
      title: "Nieuwe feedback op jullie huiswerk van bijeenkomst 1",
      href: "/",
    });
    expect(mailsTo(quiet.email, "Nieuwe feedback")).toHaveLength(1);
    expect(mailsTo(quiet.email, "Nieuwe feedback")[0].headers?.["List-Unsubscribe"]).toBeDefined();
    expect(mailsTo(second.email, "Nieuwe feedback")).toHaveLength(0);
  });
});

describe("the unsubscribe link", () => {
  it("works without login: a confirm page, then one click; a changed token is refused", async () => {
    const [, , third] = membersOf(altena().id);
    const [mail] = mailsTo(third.email, "Herinnering");
    const url = new URL(mail.headers!["List-Unsubscribe"].slice(1, -1));
    const anonymous = new Client(server.url);
    const page = await anonymous.get(url.pathname);
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain("Ja, meld mij af");
    expect(wantsMail(third.id, "reminders")).toBe(true);

    // A mail program's one-click POST: no cookie, no Origin, no Referer (RFC 8058).
    const oneClick = await fetch(`${server.url}${url.pathname}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
      redirect: "manual",
    });
    expect(oneClick.status).toBe(200);
    expect(wantsMail(third.id, "reminders")).toBe(false);
    expect(wantsMail(third.id, "feedback")).toBe(true);
    expect(visibleText(await (await anonymous.get(url.pathname)).text())).toContain(
      "Je krijgt geen e-mail meer over herinneringen aan huiswerk",
    );

    const tampered = url.pathname.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await anonymous.get(tampered)).status).toBe(404);
    const otherKind = url.pathname.replace("/afmelden/reminders", "/afmelden/digest");
    expect((await anonymous.get(otherKind)).status).toBe(404);
  });
});

describe("a session that moves", () => {
  it("mails every participant and the speakers, whatever their choices, without an unsubscribe header", async () => {
    const login = seededLogin(server, "organiser");
    const organiser = new Client(server.url);
    await organiser.login(login.email, login.password);
    const session = getDb()
      .data.sessions.filter((s) => s.editionId === altena().editionId)
      .find((s) => s.number === 2)!;
    const moved = toDutchParts(new Date(Date.parse(session.startsAt!) + DAY_MS).toISOString());
    const response = await organiser.post(`/beheer/edities/${session.editionId}/sessies/${session.id}`, {
      intent: "schedule",
      date: moved.date,
      start: "10:00",
      end: "12:30",
      location: "Amersfoort, Stadhuis",
      onlineUrl: "",
    });
    expect(response.status).toBe(200);
    const participants = getDb()
      .data.trios.filter((t) => t.editionId === session.editionId && t.status === "admitted")
      .flatMap((t) => membersOf(t.id));
    expect(participants.length).toBeGreaterThanOrEqual(6);
    for (const person of participants) {
      const mails = mailsTo(person.email, `Gewijzigd: bijeenkomst 2`);
      expect(mails, person.email).toHaveLength(1);
      expect(mails[0].text).toContain("Amersfoort, Stadhuis");
      expect(mails[0].text).toContain("Utrecht, Stadskantoor");
      expect(mails[0].headers?.["List-Unsubscribe"]).toBeUndefined();
    }
  });
});
