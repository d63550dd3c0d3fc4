/** Converting between Dutch wall-clock dates/times (form fields) and UTC instants (stored). */
import { TIME_ZONE } from "./dates";

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The Amsterdam wall clock at an instant: { date: "2026-12-01", time: "13:30" }. */
export function toDutchParts(iso: string): { date: string; time: string } {
  const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

function offsetMs(utcMs: number): number {
  const { date, time } = toDutchParts(new Date(utcMs).toISOString());
  const wall = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    Number(time.slice(0, 2)),
    Number(time.slice(3, 5)),
  );
  return wall - Math.floor(utcMs / 60_000) * 60_000;
}

/**
 * The instant at which Amsterdam clocks show `date` `time`. Checked twice, so the
 * answer is right on both sides of a daylight-saving change; a time that does not
 * exist (02:30 on the last Sunday of March) moves forward an hour, as clocks do.
 */
export function fromDutchParts(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== Number(d[3])) return null;
  let utc = wall - offsetMs(wall);
  utc = wall - offsetMs(utc);
  return new Date(utc).toISOString();
}

/**
 * The same Amsterdam wall-clock moment `months` calendar months later. A day the
 * target month lacks becomes its last day: 31 January + 1 month is 28 (or 29) February.
 */
export function addDutchMonths(iso: string, months: number): string {
  const { date, time } = toDutchParts(iso);
  const month = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(month / 12);
  const monthIndex = month - year * 12;
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  const pad = (n: number) => String(n).padStart(2, "0");
  return fromDutchParts(`${String(year).padStart(4, "0")}-${pad(monthIndex + 1)}-${pad(day)}`, time)!;
}
