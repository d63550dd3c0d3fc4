import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { Edition, Session } from "~/data/schema.server";
import {
  editionToIcs,
  escapeText,
  feedUrl,
  foldLine,
  formatAmsterdamLocal,
  PRODID,
  sequenceOf,
  sessionToIcs,
  webcalUrl,
} from "~/features/programme/ics.server";

const BASE = "https://werkplaats.example.nl";

const edition: Edition = {
  id: "ed1",
  name: "Werkplaats wijkgericht werken 2026",
  feedToken: "abcdefghijklmnopqrstuvwx",
  year: 2026,
  capacity: 12,
  registrationOpensAt: "2026-01-01T00:00:00.000Z",
  registrationClosesAt: "2026-02-01T00:00:00.000Z",
  archivedAt: null,
  personalDataDeletedAt: null,
  anonymousCounts: null,
  createdAt: "2026-01-01T00:00:00.000Z",
};

let counter = 0;
function makeSession(overrides: Partial<Session> = {}): Session {
  counter += 1;
  return {
    id: `s${counter}`,
    editionId: edition.id,
    number: 1,
    title: "Samen de wijk in",
    theme: "Wijkgericht werken",
    intro: "",
    speakerName: "Liesbeth van de Wetering",
    speakerTopic: "Leren van de wijk",
    agenda: [],
    assignment: "",
    homework: "",
    startsAt: "2026-12-01T12:30:00.000Z",
    endsAt: "2026-12-01T16:00:00.000Z",
    location: "Utrecht, Stadskantoor, Stadsplateau 1",
    onlineUrl: null,
    speakerIds: [],
    updatedAt: "2026-01-10T09:00:00.000Z",
    ...overrides,
  };
}

/** Parses with Mozilla's ical.js; the Europe/Amsterdam rules come only from the file's own VTIMEZONE. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
  return { calendar, events };
}

function utcOf(time: InstanceType<typeof ICAL.Time>): string {
  return time.toJSDate().toISOString();
}

/** The physical lines of a file as bytes, split on CRLF. */
function byteLines(ics: string): Buffer[] {
  const bytes = Buffer.from(ics, "utf8");
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 2;
      i++;
    }
  }
  expect(start, "the file ends with CRLF").toBe(bytes.length);
  return lines;
}

describe("date-times", () => {
  it.each([
    ["winter time", "2026-12-01T12:30:00.000Z", "2026-12-01T16:00:00.000Z", "20261201T133000", "20261201T170000"],
    ["summer time", "2027-06-01T11:30:00.000Z", "2027-06-01T15:00:00.000Z", "20270601T133000", "20270601T170000"],
    ["start of summer time", "2027-03-28T11:30:00.000Z", "2027-03-28T15:00:00.000Z", "20270328T133000", "20270328T170000"],
    ["end of summer time", "2026-10-25T12:30:00.000Z", "2026-10-25T16:00:00.000Z", "20261025T133000", "20261025T170000"],
    ["across the spring switch", "2027-03-28T00:30:00.000Z", "2027-03-28T01:30:00.000Z", "20270328T013000", "20270328T033000"],
    ["across the autumn switch", "2026-10-24T23:30:00.000Z", "2026-10-25T02:30:00.000Z", "20261025T013000", "20261025T033000"],
  ])("%s: Dutch wall-clock time with TZID, and back to the same UTC instants", (_label, startsAt, endsAt, localStart, localEnd) => {
    const ics = sessionToIcs(makeSession({ startsAt, endsAt }), edition, BASE);
    expect(ics).toContain(`\r\nDTSTART;TZID=Europe/Amsterdam:${localStart}\r\n`);
    expect(ics).toContain(`\r\nDTEND;TZID=Europe/Amsterdam:${localEnd}\r\n`);
    const [event] = parse(ics).events;
    expect(event.startDate.zone.tzid).toBe("Europe/Amsterdam");
    expect(utcOf(event.startDate)).toBe(startsAt);
    expect(utcOf(event.endDate)).toBe(endsAt);
  });

  it("the hour that happens twice in October is written in UTC, both times", () => {
    // 02:30 CEST (00:30Z) and then 02:30 CET (01:30Z) on 25 October 2026: as a
    // local time that is ambiguous (and ical.js reads it differently from RFC 5545).
    const ics = sessionToIcs(makeSession({ startsAt: "2026-10-25T00:30:00.000Z", endsAt: "2026-10-25T01:30:00.000Z" }), edition, BASE);
    expect(ics).toContain("\r\nDTSTART:20261025T003000Z\r\n");
    expect(ics).toContain("\r\nDTEND:20261025T013000Z\r\n");
    const [event] = parse(ics).events;
    expect(utcOf(event.startDate)).toBe("2026-10-25T00:30:00.000Z");
    expect(utcOf(event.endDate)).toBe("2026-10-25T01:30:00.000Z");
  });

  it("round-trips every quarter of an hour around the switches and noon on every day of three years", () => {
    const instants: number[] = [];
    for (const day of ["2026-03-29", "2026-10-25", "2027-03-28", "2027-10-31", "2028-03-26", "2028-10-29"]) {
      const midnight = Date.parse(`${day}T00:00:00Z`) - 3 * 3600_000;
      for (let t = midnight; t < midnight + 8 * 3600_000; t += 15 * 60_000) instants.push(t);
    }
    for (let t = Date.parse("2026-01-01T11:00:00Z"); t < Date.parse("2029-01-01T00:00:00Z"); t += 24 * 3600_000) instants.push(t);
    const sessions = instants.map((t) =>
      makeSession({ startsAt: new Date(t).toISOString(), endsAt: new Date(t + 30 * 60_000).toISOString() }),
    );
    const { events } = parse(editionToIcs(edition, sessions, BASE));
    expect(events).toHaveLength(sessions.length);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    for (const session of sessions) {
      const event = byUid.get(`${session.id}@werkplaats`)!;
      expect(utcOf(event.startDate), `start of ${session.startsAt}`).toBe(session.startsAt);
      expect(utcOf(event.endDate), `end of ${session.endsAt}`).toBe(session.endsAt);
    }
  });

  it("reads the wall clock with Intl, not from the machine's time zone", () => {
    expect(formatAmsterdamLocal(new Date("2027-01-01T00:15:00Z"))).toBe("20270101T011500");
    expect(formatAmsterdamLocal(new Date("2026-12-31T23:00:00Z"))).toBe("20270101T000000");
    expect(formatAmsterdamLocal(new Date("2027-07-01T22:00:00Z"))).toBe("20270702T000000");
  });
});

describe("text and folding", () => {
  const theme =
    "Coöperatie, ideeën én café-gesprekken; wijkgericht werken 🏘️👩🏽‍🤝‍👩🏻 met de buurt\\de gemeente, " +
    "twee regels:\nregel één; regel twee, drie. Overleg in Zuidoost – privé: geen probleem! ".repeat(2).trim();

  it("escapes backslash, semicolon, comma and newlines", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });

  it("keeps every line within 75 octets and never splits a UTF-8 character", () => {
    const ics = sessionToIcs(makeSession({ theme, title: "Één wijk, één plan; één 🤝 aanpak — ".repeat(4).trim() }), edition, BASE);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const lines = byteLines(ics);
    expect(lines.some((line) => line.length > 70)).toBe(true);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(75);
      expect(() => decoder.decode(line)).not.toThrow();
    }
  });

  it("folds at exactly 75 octets, continuation lines included", () => {
    const folded = foldLine(`DESCRIPTION:${"é".repeat(100)}`);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(" "))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(`DESCRIPTION:${"é".repeat(100)}`);
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
  });

  it("unfolding restores the summary, location and description exactly", () => {
    const session = makeSession({
      theme,
      title: "Wijk, buurt; straat",
      speakerName: "José Müller-Ëlst",
      speakerTopic: "Zorg \\ welzijn, wonen; werk 🙂",
      location: "Café ’t Hoekje, Kerkstraat 1; achterzaal",
    });
    const [event] = parse(sessionToIcs(session, edition, BASE)).events;
    expect(event.summary).toBe("Werkplaats: bijeenkomst 1 – Wijk, buurt; straat");
    expect(event.location).toBe("Café ’t Hoekje, Kerkstraat 1; achterzaal");
    expect(event.description).toBe(
      [
        "Werkplaats wijkgericht werken 2026, bijeenkomst 1: Wijk, buurt; straat",
        `Thema: ${theme}`,
        "Spreker: José Müller-Ëlst – Zorg \\ welzijn, wonen; werk 🙂",
        `Meer informatie: ${BASE}/sessies/${session.id}`,
      ].join("\n"),
    );
  });
});

describe("sessionToIcs", () => {
  it("has the calendar and event properties calendar apps rely on", () => {
    const session = makeSession({ number: 2, title: "Het gesprek" });
    const ics = sessionToIcs(session, edition, BASE);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    const { calendar, events } = parse(ics);
    expect(calendar.getFirstPropertyValue("prodid")).toBe(PRODID);
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    const tz = calendar.getFirstSubcomponent("vtimezone")!;
    expect(tz.getFirstPropertyValue("tzid")).toBe("Europe/Amsterdam");
    const daylight = tz.getFirstSubcomponent("daylight")!;
    const standard = tz.getFirstSubcomponent("standard")!;
    expect(daylight.getFirstPropertyValue("tzoffsetto")!.toString()).toBe("+02:00");
    expect(standard.getFirstPropertyValue("tzoffsetto")!.toString()).toBe("+01:00");
    expect(ics).toContain(
      "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n",
    );
    expect(ics).toContain(
      "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n",
    );
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.uid).toBe(`${session.id}@werkplaats`);
    expect(event.summary).toBe("Werkplaats: bijeenkomst 2 – Het gesprek");
    expect(event.location).toBe("Utrecht, Stadskantoor, Stadsplateau 1");
    expect(event.component.getFirstPropertyValue("url")).toBe(`${BASE}/sessies/${session.id}`);
    expect(event.description).toContain(`${BASE}/sessies/${session.id}`);
    expect(event.description).toContain("Thema: Wijkgericht werken");
    expect(event.description).toContain("Spreker: Liesbeth van de Wetering – Leren van de wijk");
    const dtstamp = event.component.getFirstPropertyValue("dtstamp") as InstanceType<typeof ICAL.Time>;
    expect(dtstamp.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(ics).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
  });

  it("uses the online link as location when there is no place", () => {
    const online = makeSession({ location: "", onlineUrl: "https://meet.example.nl/werkplaats?x=1,2" });
    expect(parse(sessionToIcs(online, edition, BASE)).events[0].location).toBe("https://meet.example.nl/werkplaats?x=1,2");
    const both = makeSession({ onlineUrl: "https://meet.example.nl/w" });
    const [event] = parse(sessionToIcs(both, edition, BASE)).events;
    expect(event.location).toBe("Utrecht, Stadskantoor, Stadsplateau 1");
    expect(event.description).toContain("Online deelnemen: https://meet.example.nl/w");
  });

  it("raises SEQUENCE when the session changes, keeps the UID", () => {
    const before = makeSession({ updatedAt: "2026-05-01T10:00:00.000Z" });
    const after = {
      ...before,
      startsAt: "2026-12-08T12:30:00.000Z",
      endsAt: "2026-12-08T16:00:00.000Z",
      updatedAt: "2026-05-02T08:00:00.000Z",
    };
    const [a] = parse(sessionToIcs(before, edition, BASE)).events;
    const [b] = parse(sessionToIcs(after, edition, BASE)).events;
    expect(b.uid).toBe(a.uid);
    expect(b.sequence).toBeGreaterThan(a.sequence);
    expect(a.sequence).toBe(sequenceOf(before));
    expect(Number.isInteger(b.sequence) && b.sequence >= 0 && b.sequence < 2 ** 31).toBe(true);
  });

  it("refuses an unscheduled session", () => {
    expect(() => sessionToIcs(makeSession({ startsAt: null, endsAt: null }), edition, BASE)).toThrow();
  });
});

describe("editionToIcs", () => {
  it("is a feed of the scheduled sessions only", () => {
    const sessions = [
      makeSession({ number: 1, startsAt: "2026-12-01T12:30:00.000Z", endsAt: "2026-12-01T16:00:00.000Z" }),
      makeSession({ number: 2, startsAt: null, endsAt: null }),
      makeSession({ number: 3, startsAt: "2027-03-28T11:30:00.000Z", endsAt: "2027-03-28T15:00:00.000Z" }),
      makeSession({ number: 4, startsAt: "2027-06-01T11:30:00.000Z", endsAt: "2027-06-01T15:00:00.000Z" }),
    ];
    const ics = editionToIcs(edition, sessions, BASE);
    const { calendar, events } = parse(ics);
    expect(events.map((e) => e.uid)).toEqual([sessions[0], sessions[2], sessions[3]].map((s) => `${s.id}@werkplaats`));
    expect(events.map((e) => utcOf(e.startDate))).toEqual([
      "2026-12-01T12:30:00.000Z",
      "2027-03-28T11:30:00.000Z",
      "2027-06-01T11:30:00.000Z",
    ]);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe(edition.name);
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBe("Europe/Amsterdam");
    expect(calendar.getFirstPropertyValue("x-published-ttl")).toBe("PT12H");
    expect(ics).toContain("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n");
    expect(calendar.getFirstPropertyValue("prodid")).toBe(PRODID);
  });

  it("is still a valid calendar without any scheduled session", () => {
    const { calendar, events } = parse(editionToIcs(edition, [makeSession({ startsAt: null, endsAt: null })], BASE));
    expect(events).toHaveLength(0);
    expect(calendar.getAllSubcomponents()).not.toHaveLength(0);
  });
});

describe("feed links", () => {
  it("builds the feed URL and its webcal:// variant", () => {
    expect(feedUrl(edition, `${BASE}/`)).toBe(`${BASE}/agenda/ed1/abcdefghijklmnopqrstuvwx.ics`);
    expect(webcalUrl(edition, BASE)).toBe("webcal://werkplaats.example.nl/agenda/ed1/abcdefghijklmnopqrstuvwx.ics");
    expect(webcalUrl(edition, "http://localhost:3000")).toBe("webcal://localhost:3000/agenda/ed1/abcdefghijklmnopqrstuvwx.ics");
  });
});
