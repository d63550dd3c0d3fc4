const rtf = new Intl.RelativeTimeFormat("nl-NL", { numeric: "auto" });
const DAY_MS = 24 * 60 * 60 * 1000;

/** "over 6 dagen", "morgen", "vandaag" — for the next session on a home page. */
export function relativeDays(iso: string, now = new Date()): string {
  const days = Math.round((new Date(iso).getTime() - now.getTime()) / DAY_MS);
  if (days === 0) return "vandaag";
  return rtf.format(days, "day");
}
