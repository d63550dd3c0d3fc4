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

async function parseSessionId(cookie: Cookie, cookieHeader: string): Promise<string | null> {
  const value = await cookie.parse(cookieHeader);
  return typeof value === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : null;
}

/** The session id from a Cookie header, or null when absent, tampered or malformed. */
export function readSessionId(cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader) return Promise.resolve(null);
  return parseSessionId(getSessionCookie(), cookieHeader);
}
