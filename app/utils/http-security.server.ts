import { randomBytes } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import { waitText } from "./attempt-limits.server";
import type { Env } from "./env.server";
import { isAllowedOrigin } from "./origin.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/**
 * One-click unsubscribe (RFC 8058): mail programs POST to the List-Unsubscribe address
 * from their own servers, without Origin or Referer. The signed token in the path is
 * what authorises it, and a forged cross-site post cannot know it.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/afmelden\/[A-Za-z0-9_:.-]{1,300}$/;
/** Form posts are small; file uploads get their own, streamed route (/upload). */
export const MAX_FORM_BYTES = 2 * 1024 * 1024;
/** Upload bodies: the largest file (50 MiB) plus 1 MiB for the multipart framing and fields. */
export const MAX_UPLOAD_BODY_BYTES = 50 * 1024 * 1024 + 1024 * 1024;

/**
 * The routes whose requests the middleware here treats differently. The rest of
 * the app is "other". Keyed on the route a request reaches, not on its spelling.
 */
export type RouteKey = "login" | "password-reset-request" | "set-password" | "first-organiser" | "markdown-preview" | "upload" | "other";

const ROUTE_KEYS: Array<[RegExp, RouteKey]> = [
  [/^\/inloggen$/, "login"],
  [/^\/wachtwoord-vergeten$/, "password-reset-request"],
  [/^\/wachtwoord\/[^/]+$/, "set-password"],
  [/^\/welkom\/[^/]+$/, "first-organiser"],
  [/^\/api\/voorbeeld$/, "markdown-preview"],
  [/^\/upload$/, "upload"],
];

/**
 * The path as Remix's router matches it: parsed as a URL the way the Remix
 * adapter does (dot segments resolved, a backslash read as a slash), each segment
 * percent-decoded (an encoded slash stays inside its segment), lower-cased, and
 * trailing slashes dropped. Doubled slashes elsewhere are kept: the router does
 * not match "//inloggen" to /inloggen (it is a 404), so neither does this.
 */
export function routePathname(url: string): string {
  let pathname: string;
  try {
    pathname = url.startsWith("/") ? new URL(`http://localhost${url}`).pathname : new URL(url).pathname;
  } catch {
    return url.toLowerCase();
  }
  const decoded = pathname
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment).replace(/\//g, "%2F");
      } catch {
        return segment;
      }
    })
    .join("/")
    .toLowerCase();
  return decoded.replace(/(.)\/+$/, "$1");
}

/** Which of the routes above a request URL (path and query) reaches. */
export function routeOf(url: string): RouteKey {
  const pathname = routePathname(url);
  return ROUTE_KEYS.find(([pattern]) => pattern.test(pathname))?.[1] ?? "other";
}

/** Requests whose bodies are streamed to disk by app/features/files/upload.server.ts. */
export function isUploadPath(url: string): boolean {
  return routeOf(url) === "upload";
}

/**
 * A refusal from the middleware, in Dutch. A page's own data request (?_data=,
 * sent by Remix in the browser) gets the message as text with X-Remix-Catch, so
 * the page shows it in its Dutch error page for that status; without that header
 * Remix takes any 4xx that did not come from a route for a network failure and
 * shows the 500 page.
 */
function sendError(res: Response, status: number, message: string): void {
  if (res.req.query._data !== undefined) {
    res.status(status).set("X-Remix-Catch", "yes").type("text/plain; charset=utf-8").send(message);
    return;
  }
  res
    .status(status)
    .type("text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${status} – Werkplaats</title></head>` +
        `<body><main><h1>${status}</h1><p>${message}</p><p><a href="/">Terug naar de startpagina</a></p></main></body></html>`,
    );
}

export function cspNonce(): RequestHandler {
  return (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  };
}

export function securityHeaders(env: Env): RequestHandler {
  const https = env.baseUrl.startsWith("https://");
  const dev = env.NODE_ENV === "development";
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        // React's style attributes and the whiteboard editor need inline styles.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": [
          "'self'",
          (req) => `ws://${(req as Request).headers.host ?? "localhost"}`,
          (req) => `wss://${(req as Request).headers.host ?? "localhost"}`,
          ...(dev ? ["ws://localhost:*", "ws://127.0.0.1:*"] : []),
        ],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

/**
 * On a document request (not its ?_data= requests) Remix itself aborts an action,
 * as a 500, when the Origin header names another host than X-Forwarded-Host or
 * Host, the opaque origin "null" included. Those requests are refused here first,
 * with the same 403 as any other foreign request.
 */
function originMatchesAddressedHost(req: Request): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || req.query._data !== undefined) return true;
  const host = req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.host;
  try {
    return origin !== "null" && Boolean(host) && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Every state-changing request must come from our own pages (CSRF defence). */
export function requireSameOrigin(env: Env): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.method === "POST" && ONE_CLICK_UNSUBSCRIBE.test(req.path) && req.query._data === undefined) return next();
    const allowed =
      originMatchesAddressedHost(req) &&
      isAllowedOrigin({
        origin: req.headers.origin,
        referer: req.headers.referer,
        host: req.headers.host,
        baseUrl: env.baseUrl,
      });
    if (allowed) return next();
    sendError(res, 403, "Dit verzoek is geweigerd omdat het niet van deze website komt. Open de pagina opnieuw en probeer het nog eens.");
  };
}

/**
 * Bodies of ordinary form posts must declare their size, and stay small. Upload
 * paths may send up to MAX_UPLOAD_BODY_BYTES, or stream without a Content-Length
 * (chunked): the upload pipeline counts those bytes itself. Either way an
 * over-large declared length is refused from the headers alone, before any of the
 * body is read; the connection is then closed rather than drained.
 */
export function limitFormBodies(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const upload = isUploadPath(req.originalUrl);
    const declared = req.headers["content-length"];
    if (declared === undefined) {
      if (req.headers["transfer-encoding"] && !upload) return sendError(res, 411, "Geef de lengte van het verzoek op.");
      return next();
    }
    const bytes = Number(declared);
    if (!Number.isFinite(bytes) || bytes < 0) return sendError(res, 400, "Ongeldige lengte van het verzoek.");
    if (upload && bytes > MAX_UPLOAD_BODY_BYTES) {
      // JSON, like every answer of the upload endpoint (its client reads the message).
      res.set("Connection", "close");
      res.status(413).json({ ok: false, message: "Dit bestand is te groot. Het mag hoogstens 50 MB zijn." });
      return;
    }
    if (!upload && bytes > MAX_FORM_BYTES) return sendError(res, 413, "Dit formulier is te groot om te verwerken.");
    next();
  };
}

/**
 * Behind a proxy (TRUST_PROXY), Express believes every X-Forwarded-For entry, so
 * req.ip is the left-most one: whatever the client chose to send. Only the last
 * entry was added by our own proxy, so that is the address that is counted.
 */
function proxiedClientAddress(req: Request): string {
  return req.ips.at(-1) ?? req.ip ?? "";
}

/** The address a request is counted under, here and in the account forms' limits. */
export function clientAddress(req: Request, env: Env): string {
  return (env.TRUST_PROXY ? proxiedClientAddress(req) : (req.ip ?? req.socket.remoteAddress)) ?? "";
}

function limiter(options: { windowMs: number; limit: number; env: Env }) {
  return rateLimit({
    windowMs: options.windowMs,
    limit: Math.ceil(options.limit * options.env.RATE_LIMIT_FACTOR),
    // Without a proxy the library's own key (the socket address) and its checks apply.
    ...(options.env.TRUST_PROXY ? { keyGenerator: proxiedClientAddress } : {}),
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (req, res) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const waitMs = resetTime ? resetTime.getTime() - Date.now() : options.windowMs;
      sendError(res, 429, `Te veel verzoeken in korte tijd. Probeer het over ${waitText(waitMs)} opnieuw.`);
    },
  });
}

/** Routes that count their own attempts, per address and per account (attempt-limits.server.ts). */
const ACCOUNT_ROUTES = new Set<RouteKey>(["login", "password-reset-request", "set-password", "first-organiser"]);

/**
 * Limits per IP address (multiplied by RATE_LIMIT_FACTOR), chosen by the route a
 * request reaches, whatever its spelling: everything 2,000 a minute; changes 120
 * a minute. The account forms (log in, forgotten password, set a password, first
 * organiser) are counted in their actions instead, per address and per account,
 * and answer in the form itself; the markdown preview is a POST that changes
 * nothing, and typing must not use up the change budget.
 */
export function rateLimits(env: Env): RequestHandler {
  const general = limiter({ windowMs: 60_000, limit: 2000, env });
  const changes = limiter({ windowMs: 60_000, limit: 120, env });
  return (req: Request, res: Response, next: NextFunction) => {
    general(req, res, (error?: unknown) => {
      if (error || SAFE_METHODS.has(req.method)) return next(error);
      const route = routeOf(req.originalUrl);
      if (route === "markdown-preview" || ACCOUNT_ROUTES.has(route)) return next();
      changes(req, res, next);
    });
  };
}
