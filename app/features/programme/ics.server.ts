/**
 * "Zet in agenda": iCalendar (RFC 5545) files for one session and a subscribable
 * feed per edition. Times are written as Dutch wall-clock time with a VTIMEZONE
 * for Europe/Amsterdam, so calendar apps show 13:30 even across the switch
 * between summer and winter time; the stored values stay UTC instants.
 */
import type { Edition, Session } from "~/data/schema.server";
import { speakerDisplayName } from "./session.server";

export const ICS_TIME_ZONE = "Europe/Amsterdam";
export const PRODID = "-//Werkplaats//Werkplaats wijkgericht werken//NL";
export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";

const CRLF = "\r\n";
const MAX_OCTETS = 75;

/**
 * Europe/Amsterdam with the EU rules (since 1996): summer time from the last
 * Sunday of March 02:00 (CET) to the last Sunday of October 03:00 (CEST).
 */
const VTIMEZONE_AMSTERDAM = [
  "BEGIN:VTIMEZONE",
  `TZID:${ICS_TIME_ZONE}`,
  `X-LIC-LOCATION:${ICS_TIME_ZONE}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

// ---------------------------------------------------------------------------
// Low-level formatting

/** TEXT value escaping (RFC 5545 3.3.11); other control characters are dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, "");
}

const encoder = new TextEncoder();

/**
 * Folds one content line into chunks of at most 75 octets (RFC 5545 3.1); every
 * continuation starts with a space, which counts towards its 75. Splits only
 * between code points, never inside a UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** Content lines, folded, each ending in CRLF (also the last one). */
function serialize(lines: string[]): string {
  return lines.map((line) => foldLine(line) + CRLF).join("");
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** 20261201T123000Z */
export function formatUtc(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  );
}

const amsterdamParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: ICS_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The Dutch wall-clock time of an instant, as 20261201T133000 (Intl does the time zone work). */
export function formatAmsterdamLocal(date: Date): string {
  const parts: Record<string, string> = {};
  for (const part of amsterdamParts.formatToParts(date)) parts[part.type] = part.value;
  const hour = parts.hour === "24" ? "00" : parts.hour;
  return `${parts.year}${parts.month}${parts.day}T${hour}${parts.minute}${parts.second}`;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * DTSTART/DTEND as a property line: Dutch wall-clock time with TZID. Except in the
 * hour that the clock shows twice (02:00-03:00 when summer time ends): RFC 5545
 * 3.3.5 says such a local time is the first occurrence, but not every app agrees
 * (ical.js takes the second), so both occurrences are written in UTC instead.
 */
function dateTimeProperty(name: "DTSTART" | "DTEND", iso: string): string {
  const date = new Date(iso);
  const local = formatAmsterdamLocal(date);
  const ambiguous =
    formatAmsterdamLocal(new Date(date.getTime() - HOUR_MS)) === local ||
    formatAmsterdamLocal(new Date(date.getTime() + HOUR_MS)) === local;
  if (ambiguous) return `${name}:${formatUtc(date)}`;
  return `${name};TZID=${ICS_TIME_ZONE}:${local}`;
}

/** Sequence numbers count seconds since this moment: small enough for a 32-bit INTEGER until 2088. */
const SEQUENCE_EPOCH_MS = Date.UTC(2020, 0, 1);

/** Grows with every change of the session, so calendar apps replace their copy. */
export function sequenceOf(session: Pick<Session, "updatedAt">): number {
  return Math.max(0, Math.floor((Date.parse(session.updatedAt) - SEQUENCE_EPOCH_MS) / 1000));
}

// ---------------------------------------------------------------------------
// URLs

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "");
}

export function sessionUrl(session: Pick<Session, "id">, baseUrl: string): string {
  return `${trimBase(baseUrl)}/sessies/${encodeURIComponent(session.id)}`;
}

/** The .ics download of one session (needs a login). */
export function sessionIcsUrl(session: Pick<Session, "id">, baseUrl: string): string {
  return `${sessionUrl(session, baseUrl)}/agenda.ics`;
}

/** The subscribable feed of an edition: the secret token in the URL is the access check. */
export function feedUrl(edition: Pick<Edition, "id" | "feedToken">, baseUrl: string): string {
  return `${trimBase(baseUrl)}/agenda/${encodeURIComponent(edition.id)}/${encodeURIComponent(edition.feedToken)}.ics`;
}

/** The same feed as webcal://, which makes calendar apps offer to subscribe. */
export function webcalUrl(edition: Pick<Edition, "id" | "feedToken">, baseUrl: string): string {
  return feedUrl(edition, baseUrl).replace(/^https?:\/\//i, "webcal://");
}

// ---------------------------------------------------------------------------
// Calendar objects

export function isScheduled(session: Session): session is Session & { startsAt: string; endsAt: string } {
  return Boolean(session.startsAt && session.endsAt);
}

export function eventSummary(session: Pick<Session, "number" | "title">): string {
  return `Werkplaats: bijeenkomst ${session.number} – ${session.title}`;
}

function eventDescription(session: Session, edition: Pick<Edition, "name">, baseUrl: string): string {
  const lines: string[] = [`${edition.name}, bijeenkomst ${session.number}: ${session.title}`];
  if (session.theme.trim()) lines.push(`Thema: ${session.theme.trim()}`);
  const speaker = speakerDisplayName(session);
  const topic = session.speakerTopic.trim();
  if (speaker && topic) lines.push(`Spreker: ${speaker} – ${topic}`);
  else if (speaker) lines.push(`Spreker: ${speaker}`);
  else if (topic) lines.push(`Onderwerp spreker: ${topic}`);
  if (session.location.trim() && session.onlineUrl) lines.push(`Online deelnemen: ${session.onlineUrl}`);
  lines.push(`Meer informatie: ${sessionUrl(session, baseUrl)}`);
  return lines.join("\n");
}

function eventLines(session: Session & { startsAt: string; endsAt: string }, edition: Pick<Edition, "name">, baseUrl: string): string[] {
  const location = session.location.trim() || session.onlineUrl || "";
  const updated = formatUtc(new Date(session.updatedAt));
  return [
    "BEGIN:VEVENT",
    `UID:${session.id}@werkplaats`,
    // Without a METHOD, DTSTAMP is when the information was last revised (RFC 5545 3.8.7.2).
    `DTSTAMP:${updated}`,
    `LAST-MODIFIED:${updated}`,
    `SEQUENCE:${sequenceOf(session)}`,
    dateTimeProperty("DTSTART", session.startsAt),
    dateTimeProperty("DTEND", session.endsAt),
    `SUMMARY:${escapeText(eventSummary(session))}`,
    ...(location ? [`LOCATION:${escapeText(location)}`] : []),
    `DESCRIPTION:${escapeText(eventDescription(session, edition, baseUrl))}`,
    `URL:${sessionUrl(session, baseUrl)}`,
    "STATUS:CONFIRMED",
    "TRANSP:OPAQUE",
    "END:VEVENT",
  ];
}

function calendar(extra: string[], events: string[][]): string {
  return serialize([
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    ...extra,
    // Always present, so even a feed without scheduled sessions holds a component.
    ...VTIMEZONE_AMSTERDAM,
    ...events.flat(),
    "END:VCALENDAR",
  ]);
}

/** One session as an .ics file with one VEVENT. Throws for an unscheduled session. */
export function sessionToIcs(session: Session, edition: Pick<Edition, "name">, baseUrl: string): string {
  if (!isScheduled(session)) throw new Error(`Session ${session.id} has no date yet`);
  // No X-WR-CALNAME here: some apps would then import the file as a calendar of its own.
  return calendar([], [eventLines(session, edition, baseUrl)]);
}

/** The feed of an edition: one VEVENT per scheduled session; unscheduled sessions are left out. */
export function editionToIcs(edition: Pick<Edition, "name">, sessions: Session[], baseUrl: string): string {
  const events = sessions
    .filter(isScheduled)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.number - b.number)
    .map((session) => eventLines(session, edition, baseUrl));
  return calendar(
    [
      `NAME:${escapeText(edition.name)}`,
      `X-WR-CALNAME:${escapeText(edition.name)}`,
      `X-WR-TIMEZONE:${ICS_TIME_ZONE}`,
      "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
      "X-PUBLISHED-TTL:PT12H",
    ],
    events,
  );
}
