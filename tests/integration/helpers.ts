/**
 * Small helpers shared by the account and HTTP-security integration tests.
 * (Not a test file itself: vitest only collects *.test.ts.)
 */
import http from "node:http";
import { io, type Socket } from "socket.io-client";
import { expect } from "vitest";
import { SESSION_COOKIE_NAME } from "~/utils/auth-config.server";

/** The Set-Cookie line of the session cookie, or undefined when none was set. */
export function sessionSetCookie(response: Response): string | undefined {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE_NAME}=`));
}

/** The (signed, encoded) value of the session cookie a response set. */
export function sessionCookieValue(response: Response): string {
  const line = sessionSetCookie(response);
  expect(line, "response sets the session cookie").toBeDefined();
  return line!.split(";")[0].slice(SESSION_COOKIE_NAME.length + 1);
}

/** A Cookie header carrying only the given session cookie value. */
export function sessionCookieHeader(value: string): string {
  return `${SESSION_COOKIE_NAME}=${value}`;
}

/** The path and search of a redirect's Location header. */
export function location(response: Response): string | null {
  return response.headers.get("location");
}

/** The one /wachtwoord/<token> (or /welkom/<token>) link in a text, as a path. */
export function linkPath(text: string, prefix: "/wachtwoord/" | "/welkom/" = "/wachtwoord/"): string {
  const match = text.match(new RegExp(`https?://[^\\s/]+(${prefix}[A-Za-z0-9_-]+)`));
  expect(match, `a ${prefix} link in: ${text}`).not.toBeNull();
  return match![1];
}

/** A page's HTML with every per-response nonce blanked, so two pages can be compared. */
export function withoutNonces(html: string): string {
  return html.replace(/nonce="[^"]*"/g, 'nonce=""');
}

/** HTML text as a person reads it: tags removed and entities that React emits decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/**
 * A raw request through node:http, for what fetch cannot send: a chunked body
 * without Content-Length, or full control over every header.
 */
export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; chunks?: string[] },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      { host: target.hostname, port: target.port, method: options.method ?? "POST", path: options.path, headers: options.headers },
      (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    // The server may answer (and close) before the whole body is sent.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

/** A socket.io client that keeps every event it received, in order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TrackedSocket = Socket & { received: Array<{ event: string; payload: any }> };

/**
 * Opens a websocket-only socket.io connection as the holder of `cookieHeader`
 * (with this site's Origin), records what it receives, adds it to `opened` (for
 * the file's cleanup) and resolves once the server said `session:ready`.
 */
export async function connectTracked(url: string, cookieHeader: string, opened: Socket[]): Promise<TrackedSocket> {
  const socket = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie: cookieHeader, origin: url },
  }) as TrackedSocket;
  socket.received = [];
  socket.onAny((event: string, payload: unknown) => socket.received.push({ event, payload }));
  opened.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("session:ready", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}
