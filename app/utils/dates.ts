/** Dates as Dutch readers expect them, always in Dutch time (also in the browser). */
export const TIME_ZONE = "Europe/Amsterdam";

const dateTime = new Intl.DateTimeFormat("nl-NL", {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const date = new Intl.DateTimeFormat("nl-NL", {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const time = new Intl.DateTimeFormat("nl-NL", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatDate(iso: string): string {
  return date.format(new Date(iso));
}

export function formatTime(iso: string): string {
  return time.format(new Date(iso));
}

/** "dinsdag 1 december 2026, 13:30 – 17:00" */
export function formatTimeRange(startIso: string, endIso: string): string {
  return `${formatDate(startIso)}, ${formatTime(startIso)} – ${formatTime(endIso)}`;
}
