import { createCookie, type Cookie } from "@remix-run/node";
import { getSingleton, setSingleton } from "./singleton.server";
import { initLinkSigning } from "./signed-links.server";

/** A login lasts two weeks; after that the person logs in again. */
export const AUTH_SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** Invitation links stay valid for a week, reset links for an hour. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;
export const SETUP_TTL_MS = 24 * 60 * 60 * 1000;

export const SESSION_COOKIE_NAME = "werkplaats_sessie";

/** Called once at start with the resolved secret. */
export function initSessionCookie(secret: string): Cookie {
  initLinkSigning(secret);
  return setSingleton(
    "sessionCookie",
    createCookie(SESSION_COOKIE_NAME, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secrets: [secret],
      maxAge: AUTH_SESSION_TTL_MS / 1000,
    }),
  );
}

export function getSessionCookie(): Cookie {
  const cookie = getSingleton<Cookie>("sessionCookie");
  if (!cookie) throw new Error("getSessionCookie() called before initSessionCookie()");
  return cookie;
}

/** Cookie headers longer than this are verified every time rather than remembered. */
const MAX_REMEMBERED_HEADER = 4096;
const MAX_REMEMBERED = 1000;
/**
 * Parsing and verifying a Cookie header gives the same answer every time for the
 * same header and cookie (secret), so the answer (a promise, so loaders running at
 * the same time share it too) is remembered: the root loader and the route loader
 * of one request, and the next requests of the same browser, share one parse and
 * HMAC check. (Remix hands every loader its own copy of the Request, so a cache
 * keyed by the Request would never be hit.) Only the signature check is
 * remembered: whether the session still exists is looked up every time.
 */
const verified = new WeakMap<Cookie, Map<string, Promise<string | null>>>();

async function parseSessionId(cookie: Cookie, cookieHeader: string): Promise<string | null> {
  const value = await cookie.parse(cookieHeader);
  return typeof value === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : null;
}

/** The session id from a Cookie header, or null when absent, tampered or malformed. */
export function readSessionId(cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader) return Promise.resolve(null);
  const cookie = getSessionCookie();
  if (cookieHeader.length > MAX_REMEMBERED_HEADER) return parseSessionId(cookie, cookieHeader);
  let known = verified.get(cookie);
  if (!known) verified.set(cookie, (known = new Map()));
  let sessionId = known.get(cookieHeader);
  if (!sessionId) {
    // Simple bound: forget everything when full (forged headers can only cause re-checks).
    if (known.size >= MAX_REMEMBERED) known.clear();
    sessionId = parseSessionId(cookie, cookieHeader);
    known.set(cookieHeader, sessionId);
    // A parse that fails (it should not) is not remembered.
    sessionId.catch(() => known.delete(cookieHeader));
  }
  return sessionId;
}
