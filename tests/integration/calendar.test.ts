import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEdition, listEditions, type Edition } from "~/features/programme/edition.server";
import { listSessionsOfEdition, scheduleSession, type Session } from "~/features/programme/session.server";
import { feedUrl } from "~/features/programme/ics.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
let edition: Edition;
let sessions: Session[];

beforeAll(async () => {
  server = await startTestServer();
  edition = listEditions()[0];
  sessions = listSessionsOfEdition(edition.id);
});
afterAll(async () => {
  await server?.stop();
});

async function loggedIn(role: "organiser" | "speaker" | "participant", detail?: string): Promise<Client> {
  const client = new Client(server.url);
  const login = seededLogin(server, role, detail);
  expect((await client.login(login.email, login.password)).status).toBe(302);
  return client;
}

/** Parsed with Mozilla's ical.js, using only the file's own VTIMEZONE. */
function parseEvents(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
}

function utc(time: InstanceType<typeof ICAL.Time>): string {
  return time.toJSDate().toISOString();
}

function feedPath(e: Pick<Edition, "id" | "feedToken">): string {
  return new URL(feedUrl(e, server.url)).pathname;
}

describe("demo data", () => {
  it("has one edition with four scheduled sessions", () => {
    expect(sessions).toHaveLength(4);
    expect(sessions.every((s) => s.startsAt && s.endsAt)).toBe(true);
  });
});

describe("GET /sessies/<id>/agenda.ics", () => {
  it("sends anonymous visitors to the login page", async () => {
    const res = await new Client(server.url).get(`/sessies/${sessions[0].id}/agenda.ics`);
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location.startsWith("/inloggen?")).toBe(true);
    expect(new URLSearchParams(location.split("?")[1]).get("redirectTo")).toBe(`/sessies/${sessions[0].id}/agenda.ics`);
  });

  it("gives an organiser one event per session, at the stored times", async () => {
    const client = await loggedIn("organiser");
    for (const session of sessions) {
      const res = await client.get(`/sessies/${session.id}/agenda.ics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="werkplaats-bijeenkomst-${session.number}.ics"`);
      const ics = await res.text();
      expect(ics).toMatch(/\r\nDTSTART;TZID=Europe\/Amsterdam:\d{8}T133000\r\n/);
      const events = parseEvents(ics);
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event.uid).toBe(`${session.id}@werkplaats`);
      expect(event.summary).toBe(`Werkplaats: bijeenkomst ${session.number} – ${session.title}`);
      expect(event.location).toBe(session.location);
      expect(event.description).toContain(`${server.url}/sessies/${session.id}`);
      expect(event.startDate.zone.tzid).toBe("Europe/Amsterdam");
      expect(utc(event.startDate)).toBe(new Date(session.startsAt!).toISOString());
      expect(utc(event.endDate)).toBe(new Date(session.endsAt!).toISOString());
    }
  });

  it("lets admitted participants and the session's own speaker download it", async () => {
    const participant = await loggedIn("participant", "trio Altena");
    expect((await participant.get(`/sessies/${sessions[2].id}/agenda.ics`)).status).toBe(200);
    const speaker = await loggedIn("speaker", "sessie 1");
    expect((await speaker.get(`/sessies/${sessions[0].id}/agenda.ics`)).status).toBe(200);
    expect((await speaker.get(`/sessies/${sessions[1].id}/agenda.ics`)).status).toBe(403);
  });

  it("404s for an unknown session and, in Dutch, for one without a date", async () => {
    const client = await loggedIn("organiser");
    expect((await client.get("/sessies/bestaat-niet/agenda.ics")).status).toBe(404);
    const { sessions: fresh } = await createEdition({
      name: "Werkplaats zonder data",
      year: 2027,
      capacity: 12,
      registrationOpensAt: "2027-01-01T00:00:00.000Z",
      registrationClosesAt: "2027-02-01T00:00:00.000Z",
    });
    const res = await client.get(`/sessies/${fresh[0].id}/agenda.ics`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("nog geen datum");
  });
});

describe("GET /agenda/<editionId>/<feedToken>.ics", () => {
  it("serves the feed without a login to whoever has the token", async () => {
    const res = await new Client(server.url).get(feedPath(edition));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    expect(res.headers.get("content-disposition") ?? "").not.toMatch(/attachment/);
    const ics = await res.text();
    expect(ics).toContain(`\r\nX-WR-CALNAME:${edition.name}\r\n`);
    const events = parseEvents(ics);
    expect(events.map((e) => e.uid)).toEqual(sessions.map((s) => `${s.id}@werkplaats`));
    for (const [i, session] of sessions.entries()) {
      expect(utc(events[i].startDate)).toBe(new Date(session.startsAt!).toISOString());
      expect(utc(events[i].endDate)).toBe(new Date(session.endsAt!).toISOString());
    }
  });

  it("answers a wrong or missing token with the same 404 as an unknown edition", async () => {
    const client = new Client(server.url);
    const wrongToken = await client.get(feedPath({ id: edition.id, feedToken: `${edition.feedToken.slice(0, -1)}X` }));
    expect(wrongToken.status).toBe(404);
    const unknownEdition = await client.get(feedPath({ id: "bestaat-niet", feedToken: edition.feedToken }));
    expect(unknownEdition.status).toBe(404);
    expect(await wrongToken.text()).toBe(await unknownEdition.text());
    for (const path of [
      `/agenda/${edition.id}/.ics`,
      `/agenda/${edition.id}/${edition.feedToken}`,
      `/agenda/${edition.id}/${edition.feedToken}.ics.ics`,
      `/agenda/${edition.id}`,
    ]) {
      expect((await client.get(path)).status, path).toBe(404);
    }
  });

  it("leaves unscheduled sessions out and follows a rescheduled session", async () => {
    const { edition: other, sessions: fresh } = await createEdition({
      name: "Werkplaats, tweede ronde; 2027",
      year: 2027,
      capacity: 12,
      registrationOpensAt: "2026-09-01T00:00:00.000Z",
      registrationClosesAt: "2026-10-01T00:00:00.000Z",
    });
    const client = new Client(server.url);
    expect(parseEvents(await (await client.get(feedPath(other))).text())).toHaveLength(0);

    // Winter time, summer time and the two switch days: 13:30 Dutch time each.
    const place = { location: "Utrecht", onlineUrl: null };
    await scheduleSession(fresh[0].id, { startsAt: "2026-10-25T12:30:00.000Z", endsAt: "2026-10-25T16:00:00.000Z", ...place });
    await scheduleSession(fresh[1].id, { startsAt: "2026-12-01T12:30:00.000Z", endsAt: "2026-12-01T16:00:00.000Z", ...place });
    await scheduleSession(fresh[2].id, { startsAt: "2027-03-28T11:30:00.000Z", endsAt: "2027-03-28T15:00:00.000Z", ...place });
    const before = parseEvents(await (await client.get(feedPath(other))).text());
    expect(before.map((e) => e.uid)).toEqual(fresh.slice(0, 3).map((s) => `${s.id}@werkplaats`));
    expect(before.map((e) => utc(e.startDate))).toEqual([
      "2026-10-25T12:30:00.000Z",
      "2026-12-01T12:30:00.000Z",
      "2027-03-28T11:30:00.000Z",
    ]);
    const ics = await (await client.get(feedPath(other))).text();
    expect(ics).toContain("\r\nDTSTART;TZID=Europe/Amsterdam:20261025T133000\r\n");
    expect(ics).toContain("\r\nDTSTART;TZID=Europe/Amsterdam:20270328T133000\r\n");
    expect(ics).toContain("\r\nX-WR-CALNAME:Werkplaats\\, tweede ronde\\; 2027\r\n");

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await scheduleSession(fresh[2].id, { startsAt: "2027-06-01T11:30:00.000Z", endsAt: "2027-06-01T15:00:00.000Z", ...place });
    const after = parseEvents(await (await client.get(feedPath(other))).text());
    const moved = after.find((e) => e.uid === `${fresh[2].id}@werkplaats`)!;
    expect(utc(moved.startDate)).toBe("2027-06-01T11:30:00.000Z");
    expect(utc(moved.endDate)).toBe("2027-06-01T15:00:00.000Z");
    expect(moved.sequence).toBeGreaterThan(before[2].sequence);
  });
});
