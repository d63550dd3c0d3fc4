import { randomBytes } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import type { Env } from "./env.server";
import { isAllowedOrigin } from "./origin.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Form posts are small; file uploads (later) get their own, streamed route. */
export const MAX_FORM_BYTES = 2 * 1024 * 1024;

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

/** Every state-changing request must come from our own pages (CSRF defence). */
export function requireSameOrigin(env: Env): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const allowed = isAllowedOrigin({
      origin: req.headers.origin,
      referer: req.headers.referer,
      host: req.headers.host,
      baseUrl: env.baseUrl,
    });
    if (allowed) return next();
    sendError(res, 403, "Dit verzoek is geweigerd omdat het niet van deze website komt. Open de pagina opnieuw en probeer het nog eens.");
  };
}

/** Bodies of ordinary form posts must declare their size, and stay small. */
export function limitFormBodies(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const declared = req.headers["content-length"];
    if (declared === undefined) {
      if (req.headers["transfer-encoding"]) return sendError(res, 411, "Geef de lengte van het verzoek op.");
      return next();
    }
    const bytes = Number(declared);
    if (!Number.isFinite(bytes) || bytes < 0) return sendError(res, 400, "Ongeldige lengte van het verzoek.");
    if (bytes > MAX_FORM_BYTES) return sendError(res, 413, "Dit formulier is te groot om te verwerken.");
    next();
  };
}

function limiter(options: { windowMs: number; limit: number; skipSuccessfulRequests?: boolean; env: Env }) {
  return rateLimit({
    windowMs: options.windowMs,
    limit: Math.ceil(options.limit * options.env.RATE_LIMIT_FACTOR),
    skipSuccessfulRequests: options.skipSuccessfulRequests ?? false,
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
      if (error || SAFE_METHODS.has(req.method)) return next(error);
      const tier = req.path === "/inloggen"
        ? login
        : /^\/(wachtwoord-vergeten|wachtwoord\/|welkom\/)/.test(req.path)
          ? accountLinks
          : changes;
      tier(req, res, next);
    });
  };
}
