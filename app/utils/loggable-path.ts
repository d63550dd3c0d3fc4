/** First path segments whose next segment is a secret token (links in mails, calendar feeds). */
const TOKEN_AFTER: Record<string, number> = { wachtwoord: 1, uitnodiging: 1, welkom: 1, agenda: 2 };

/**
 * A request URL as it may appear in a log: no query string (it may hold tokens or
 * search terms) and secret path tokens replaced by ":token".
 */
export function loggablePath(url: string): string {
  const pathname = url.split(/[?#]/, 1)[0];
  const segments = pathname.split("/");
  const skip = TOKEN_AFTER[segments[1] ?? ""];
  if (skip !== undefined && segments.length > 1 + skip) segments[1 + skip] = ":token";
  return segments.join("/");
}
