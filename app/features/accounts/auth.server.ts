import { redirect } from "@remix-run/node";
import { createAuthSession, deleteAuthSession, getAuthSession } from "./auth-session.server";
import { getUserByEmail, getUserById, type User } from "./user.server";
import { AUTH_SESSION_TTL_MS, getSessionCookie, readSessionId } from "~/utils/auth-config.server";
import { verifyPassword } from "./password.server";

export type PublicUser = Pick<User, "id" | "name" | "email" | "role">;

export function toPublicUser(user: User): PublicUser {
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * The verified session id of each request in flight: the root loader, the page's loader
 * and its guards all ask, and checking the cookie's signature once per request is enough.
 */
const sessionIdOfRequest = new WeakMap<Request, Promise<string | null>>();

/** The user behind the request's session cookie, or null. */
export async function getOptionalUser(request: Request): Promise<User | null> {
  let verified = sessionIdOfRequest.get(request);
  if (!verified) {
    verified = readSessionId(request.headers.get("Cookie"));
    sessionIdOfRequest.set(request, verified);
  }
  const sessionId = await verified;
  if (!sessionId) return null;
  const session = getAuthSession(sessionId);
  return session ? getUserById(session.userId) : null;
}

/** Only same-site paths, so a crafted ?redirectTo= cannot send people elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines from a URL and read "\" as "/", so "/\t/evil.example"
  // would still leave the site: resolve it the way a browser does and check the origin.
  const base = "http://werkplaats.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return /[\u0000-\u001F\u007F]/.test(to) ? `${url.pathname}${url.search}${url.hash}` : to;
}

export async function requireUser(request: Request): Promise<User> {
  const user = await getOptionalUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  throw redirect(`/inloggen?${params}`);
}

/** Generic on purpose: it never tells whether the e-mail address exists. */
export async function verifyLogin(email: string, password: string): Promise<User | null> {
  const user = getUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  return ok && user ? user : null;
}

function isSecure(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** Starts a fresh session (rotation: any session the browser had is ended first). */
export async function startSession(request: Request, userId: string, redirectTo: string): Promise<Response> {
  const previous = await readSessionId(request.headers.get("Cookie"));
  if (previous) await deleteAuthSession(previous);
  const session = await createAuthSession(userId, AUTH_SESSION_TTL_MS);
  return redirect(redirectTo, {
    headers: {
      "Set-Cookie": await getSessionCookie().serialize(session.id, { secure: isSecure(request) }),
    },
  });
}

export async function endSession(request: Request): Promise<Response> {
  const sessionId = await readSessionId(request.headers.get("Cookie"));
  if (sessionId) await deleteAuthSession(sessionId);
  return redirect("/inloggen?uitgelogd=1", {
    headers: {
      "Set-Cookie": await getSessionCookie().serialize("", { maxAge: 0, secure: isSecure(request) }),
    },
  });
}
