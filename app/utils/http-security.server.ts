import { randomBytes } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import type { Env } from "./env.server";
import { isAllowedOrigin } from "./origin.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Form posts are small; file uploads get their own, streamed route (/upload). */
export const MAX_FORM_BYTES = 2 * 1024 * 1024;
/** Upload bodies: the largest file (50 MiB) plus 1 MiB for the multipart framing and fields. */
export const MAX_UPLOAD_BODY_BYTES = 50 * 1024 * 1024 + 1024 * 1024;
/** Paths whose bodies are streamed to disk by app/utils/upload.server.ts. */
export function isUploadPath(path: string): boolean {
  // Route matching ignores case, so the limits do too.
  const lower = path.toLowerCase();
  return lower === "/upload" || lower.startsWith("/upload/");
}

function sendError(res: Response, status: number, message: string): void {
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
    const allowed = originMatchesAddressedHost(req) && isAllowedOrigin({
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
    const upload = isUploadPath(req.path);
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

function limiter(options: { windowMs: number; limit: number; skipSuccessfulRequests?: boolean; env: Env }) {
  return rateLimit({
    windowMs: options.windowMs,
    limit: Math.ceil(options.limit * options.env.RATE_LIMIT_FACTOR),
    skipSuccessfulRequests: options.skipSuccessfulRequests ?? false,
    // Without a proxy the library's own key (the socket address) and its checks apply.
    ...(options.env.TRUST_PROXY ? { keyGenerator: proxiedClientAddress } : {}),
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (_req, res) => sendError(res, 429, "Te veel verzoeken in korte tijd. Wacht even en probeer het dan opnieuw."),
  });
}

/**
 * Tiered limits per IP address (multiplied by RATE_LIMIT_FACTOR):
 * failed logins 10 per 5 minutes; password resets, invitation and set-up links
 * 10 per 15 minutes; other changes 120 a minute; everything 2,000 a minute.
 */
export function rateLimits(env: Env): RequestHandler {
  const general = limiter({ windowMs: 60_000, limit: 2000, env });
  const changes = limiter({ windowMs: 60_000, limit: 120, env });
  const login = limiter({ windowMs: 5 * 60_000, limit: 10, skipSuccessfulRequests: true, env });
  const accountLinks = limiter({ windowMs: 15 * 60_000, limit: 10, env });
  return (req: Request, res: Response, next: NextFunction) => {
    general(req, res, (error?: unknown) => {
      // The markdown preview is a POST that changes nothing; typing must not hit the change limit.
      if (error || SAFE_METHODS.has(req.method) || req.path === "/api/voorbeeld") return next(error);
      const tier = req.path === "/inloggen"
        ? login
        : /^\/(wachtwoord-vergeten|wachtwoord\/|welkom\/)/.test(req.path)
          ? accountLinks
          : changes;
      tier(req, res, next);
    });
  };
}
