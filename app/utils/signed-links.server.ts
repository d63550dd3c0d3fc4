import { createHmac, timingSafeEqual } from "node:crypto";
import { getSingleton, setSingleton } from "./singleton.server";

/**
 * Signed values for links that work without logging in (unsubscribe). The key is
 * derived from the session secret, so it needs no configuration of its own, and a
 * new secret invalidates old links just as it ends old logins.
 */
export function initLinkSigning(secret: string): void {
  setSingleton("linkSigningKey", createHmac("sha256", secret).update("werkplaats:signed-links:v1").digest());
}

function key(): Buffer {
  const value = getSingleton<Buffer>("linkSigningKey");
  if (!value) throw new Error("signLink() called before initLinkSigning()");
  return value;
}

function mac(payload: string): string {
  return createHmac("sha256", key()).update(payload).digest("base64url").slice(0, 32);
}

/** `payload` (URL-safe, no dots) with its signature: "payload.signature". */
export function signLink(payload: string): string {
  if (!/^[A-Za-z0-9_:-]{1,200}$/.test(payload)) throw new Error("A signed link payload is URL-safe and has no dots");
  return `${payload}.${mac(payload)}`;
}

/** The payload of a signed value, or null when it was not signed by us (or was changed). */
export function verifyLink(token: string): string | null {
  const match = /^([A-Za-z0-9_:-]{1,200})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(mac(match[1]));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : null;
}
