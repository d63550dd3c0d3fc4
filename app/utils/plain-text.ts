/**
 * Rules for short texts that people type and others read: names, municipalities,
 * job titles. One line, no control or direction characters, and no web addresses,
 * so such a text can never pass for a link or for the platform's own words (ADR 021).
 * Used by the zod fields in the browser and on the server, and by the mail quoting.
 */

/** C0/C1 control characters (also CR, LF, TAB), the line separators and the bidi overrides and isolates. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Top-level domains often seen in links; "x.nl" in a name is a link, "J.van Dijk" is not. */
const LINK_TLDS =
  "nl|com|org|net|eu|be|de|info|io|ly|gl|co|uk|fr|app|dev|xyz|me|biz|online|site|link|click|top|ru|cn|tk|gov|edu|frl|amsterdam";
const LINK_PATTERNS = [
  /[a-z][a-z0-9+.-]*:\/\//i, // http://, https://, ftp://
  /\bwww\d?\./i, // www.example
  new RegExp(`\\b[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(${LINK_TLDS})\\b`, "i"), // example.nl, a.b.com
  /\b[a-z0-9-]+\.[a-z]{2,}\//i, // anything.tld/path
  /\b(mailto|javascript|data|tel):/i,
];

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

export function looksLikeLink(text: string): boolean {
  return LINK_PATTERNS.some((p) => p.test(text));
}

export const SINGLE_LINE_MESSAGE = "Gebruik één regel tekst, zonder regeleinden of tabs.";
export const NO_LINK_MESSAGE = "Een webadres of link kan hier niet; vul alleen tekst in.";

/**
 * User text made safe to put in a mail as quoted data: one line (control characters
 * become spaces), at most `max` characters, its own quote marks replaced, web
 * addresses defanged ("example[.]nl", "https[:]//") so no mail program makes a link
 * of them, and the whole between quote marks.
 */
export function quoted(text: string, max = 120): string {
  let t = text
    .replace(new RegExp(CONTROL_CHARACTERS.source, "g"), " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/["“”„«»]/g, "'");
  if (t.length > max) t = `${t.slice(0, max - 1).trimEnd()}…`;
  t = t
    .replace(/:\/\//g, "[:]//")
    .replace(/\b(mailto|javascript|data|tel):/gi, "$1[:]")
    .replace(/(\w)\.(?=\w)/g, "$1[.]");
  return `“${t}”`;
}

/** How e-mail addresses are compared and stored: trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
