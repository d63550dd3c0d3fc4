/**
 * A small, per-login cache of rendered GET responses (documents and Remix
 * `?_data=` requests), in front of the Remix handler. See
 * docs/decisions/006-render-cache.md for why and for its limits.
 *
 * Rules:
 * - The key is everything in the request that can change the output: the full
 *   Cookie header (so the session cookie: two logins never share an entry, and
 *   anonymous visitors share only with other cookie-less visitors), the Host and
 *   forwarding headers, the full URL (path and query) and the content-negotiation
 *   and purpose headers in VARY_HEADERS.
 * - An entry is served only while the data store has not changed since its render
 *   began (the store's write counter), and for at most `maxAgeMs` (1 s) after that:
 *   pages show time-dependent text ("over 7 dagen") and sessions expire without a
 *   write. When the counter moved during the render (another request, or a loader
 *   with a side effect) the response is sent but not kept.
 * - Only 200 responses with a text/html or application/json body, no Set-Cookie,
 *   no ETag and no `Cache-Control: no-store` are kept (a route can opt out with
 *   no-store);
 *   at most `maxEntries` entries and `maxBytes` bytes, least recently used first out.
 * - The CSP nonce is fresh on every response: the body is kept split at the nonce
 *   it was rendered with, and joined with the nonce of the current response
 *   (`res.locals.cspNonce`, which helmet already put in this response's CSP header).
 * - Identical requests that arrive while the first is still rendering wait for it
 *   instead of rendering the same page again; if it turns out not to be cacheable,
 *   each renders itself.
 *
 * Upstream middleware (nonce, helmet, compression, origin check, rate limits) runs
 * on every request, cached or not, so their headers and checks stay per request.
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";

export const RENDER_CACHE_MAX_AGE_MS = 1_000;
export const RENDER_CACHE_MAX_ENTRIES = 500;
export const RENDER_CACHE_MAX_BYTES = 32 * 1024 * 1024;
/** Larger bodies are sent but not kept. */
const MAX_ENTRY_BYTES = 1024 * 1024;
/** Requests with a longer key (huge URLs or cookies) are not cached. */
const MAX_KEY_LENGTH = 16 * 1024;

/** Request headers that may change a response and so are part of the key. */
export const VARY_HEADERS = [
  "host",
  "x-forwarded-host",
  "x-forwarded-proto",
  "cookie",
  "accept",
  "accept-language",
  "user-agent",
  "purpose",
  "sec-purpose",
] as const;

const CACHEABLE_TYPE = /^\s*(text\/html|application\/json)\s*(;|$)/i;

type Entry = {
  /** Body bytes, split where the render's nonce was. */
  parts: Buffer[];
  status: number;
  statusMessage: string;
  /** Headers the downstream handler set (not those of the middleware before us); content-length is recomputed. */
  headers: [string, number | string | string[]][];
  /** Store write counter when the render began; the entry is valid only while it is unchanged. */
  version: number;
  renderedAt: number;
  bytes: number;
};

type Waiter = { res: Response; next: NextFunction; nonce: string };
type Flight = { version: number; waiters: Waiter[] };

export type RenderCacheOptions = {
  /** A number that changes whenever the data changes (the store's write counter). */
  version: () => number;
  maxAgeMs?: number;
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
};

export type RenderCacheStats = { hits: number; misses: number; coalesced: number; stored: number; notStored: number };

function cacheKey(req: Request): string | null {
  const headers = req.headers;
  let key = `${req.originalUrl}`;
  for (const name of VARY_HEADERS) {
    const value = headers[name];
    key += `\n${value === undefined ? "" : Array.isArray(value) ? value.join(", ") : value}`;
  }
  return key.length > MAX_KEY_LENGTH ? null : key;
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer | null {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  return null;
}

/** The body split at every occurrence of the nonce. */
function splitAt(body: Buffer, nonce: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(nonce, from); at !== -1; at = body.indexOf(nonce, from)) {
    parts.push(body.subarray(from, at));
    from = at + nonce.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

function joinWith(parts: Buffer[], nonce: string): Buffer {
  if (parts.length === 1) return parts[0];
  const glue = Buffer.from(nonce, "latin1");
  const pieces: Buffer[] = [parts[0]];
  for (let i = 1; i < parts.length; i++) pieces.push(glue, parts[i]);
  return Buffer.concat(pieces);
}

export class RenderCache {
  /** Off: every request goes to the handler (the benchmark compares both in one run). */
  enabled = true;
  readonly stats: RenderCacheStats = { hits: 0, misses: 0, coalesced: 0, stored: 0, notStored: 0 };
  readonly maxAgeMs: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
  private readonly version: () => number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly flights = new Map<string, Flight>();
  private bytes = 0;
  private entriesVersion = Number.NaN;

  constructor(options: RenderCacheOptions) {
    this.version = options.version;
    // Looked up on every call, so a test that fakes Date moves the cache's clock too.
    this.now = options.now ?? (() => Date.now());
    this.maxAgeMs = options.maxAgeMs ?? RENDER_CACHE_MAX_AGE_MS;
    this.maxEntries = options.maxEntries ?? RENDER_CACHE_MAX_ENTRIES;
    this.maxBytes = options.maxBytes ?? RENDER_CACHE_MAX_BYTES;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Forgets every entry (e.g. when a new build is loaded in development). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  readonly middleware: RequestHandler = (req, res, next) => {
    if (!this.enabled || req.method !== "GET") return next();
    const nonce: unknown = res.locals.cspNonce;
    if (typeof nonce !== "string" || nonce === "") return next();
    const key = cacheKey(req);
    if (key === null) return next();

    const version = this.version();
    if (version !== this.entriesVersion) {
      // The data changed: nothing rendered before can be served any more.
      this.clear();
      this.entriesVersion = version;
    }
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      if (entry.version === version && now - entry.renderedAt <= this.maxAgeMs) {
        this.entries.set(key, entry); // most recently used last
        this.stats.hits++;
        send(res, entry, nonce);
        return;
      }
      this.bytes -= entry.bytes;
    }

    const flight = this.flights.get(key);
    if (flight && flight.version === version) {
      this.stats.coalesced++;
      flight.waiters.push({ res, next, nonce });
      return;
    }

    this.stats.misses++;
    const own: Flight = { version, waiters: [] };
    this.flights.set(key, own);
    capture(res, nonce, (result) => {
      if (this.flights.get(key) === own) this.flights.delete(key);
      const fresh = () => this.version() === version && this.now() - now <= this.maxAgeMs;
      const kept = result !== null && fresh() ? this.store(key, result, version, now) : null;
      if (kept) this.stats.stored++;
      else this.stats.notStored++;
      if (own.waiters.length === 0) return;
      // Off the first response's call stack: the waiting requests are on their own.
      setImmediate(() => {
        for (const waiter of own.waiters) {
          if (kept && fresh()) {
            this.stats.hits++;
            send(waiter.res, kept, waiter.nonce);
          } else {
            waiter.next();
          }
        }
      });
    });
    next();
  };

  private store(key: string, result: Captured, version: number, renderedAt: number): Entry | null {
    if (result.body.length > MAX_ENTRY_BYTES || version !== this.entriesVersion) return null;
    const entry: Entry = {
      parts: splitAt(result.body, Buffer.from(result.nonce, "latin1")),
      status: result.status,
      statusMessage: result.statusMessage,
      headers: result.headers,
      version,
      renderedAt,
      bytes: result.body.length + key.length,
    };
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= previous.bytes;
    }
    // Evict the least recently used entries until this one fits.
    for (const [oldKey, old] of this.entries) {
      if (this.entries.size < this.maxEntries && this.bytes + entry.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.bytes;
    }
    if (this.bytes + entry.bytes > this.maxBytes) return null;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    return entry;
  }
}

function send(res: Response, entry: Entry, nonce: string): void {
  res.statusCode = entry.status;
  res.statusMessage = entry.statusMessage;
  const body = joinWith(entry.parts, nonce);
  for (const [name, value] of entry.headers) res.setHeader(name, name === "content-length" ? body.length : value);
  // write + end, as the Remix adapter does, so the framing (chunked) and
  // compression's decisions are the same as for a rendered response. Corked, so
  // both go out in one write to the socket.
  const socket = res.socket;
  socket?.cork();
  res.write(body);
  res.end();
  socket?.uncork();
}

type Captured = {
  body: Buffer;
  nonce: string;
  status: number;
  statusMessage: string;
  headers: [string, number | string | string[]][];
};

/**
 * Watches the response the handler writes and reports it once it has ended, or
 * null when it is not cacheable (or never ended, e.g. the client went away).
 * Nothing is buffered for responses that are not cacheable.
 */
function capture(res: Response, nonce: string, done: (result: Captured | null) => void): void {
  const before = res.getHeaders();
  const originalWrite = res.write;
  const originalEnd = res.end;
  const originalWriteHead = res.writeHead;
  let decided = false;
  let chunks: Buffer[] | null = null;
  let size = 0;
  let status = 0;
  let statusMessage = "";
  let headers: Captured["headers"] = [];
  let reported = false;

  const report = (result: Captured | null) => {
    if (reported) return;
    reported = true;
    res.write = originalWrite;
    res.end = originalEnd;
    res.writeHead = originalWriteHead;
    done(result);
  };
  const decide = () => {
    decided = true;
    if (res.statusCode !== 200 || res.headersSent) return;
    if (res.getHeader("set-cookie") !== undefined) return;
    if (!CACHEABLE_TYPE.test(String(res.getHeader("content-type") ?? ""))) return;
    if (/no-store/i.test(String(res.getHeader("cache-control") ?? ""))) return;
    // An ETag names one exact body; with a new nonce the body is another one.
    if (res.getHeader("etag") !== undefined) return;
    status = res.statusCode;
    statusMessage = res.statusMessage ?? "";
    const now = res.getHeaders();
    headers = [];
    for (const name of Object.keys(now)) {
      const value = now[name];
      // Content-Length is set afresh from the body that is sent (see send()).
      if (value !== undefined && value !== before[name]) headers.push([name, name === "content-length" ? "" : value]);
    }
    chunks = [];
  };
  const keep = (chunk: unknown, encoding: unknown) => {
    if (!chunks || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer = toBuffer(chunk, encoding);
    size += buffer?.length ?? 0;
    if (!buffer || size > MAX_ENTRY_BYTES) chunks = null;
    else chunks.push(buffer);
  };

  res.writeHead = function writeHead(this: Response, ...args: unknown[]) {
    // Headers passed straight to writeHead are not visible in getHeaders(): do not cache.
    if (!decided && args.some((arg) => typeof arg === "object" && arg !== null)) decided = true;
    else if (!decided) decide();
    return (originalWriteHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response["writeHead"];
  res.write = function write(this: Response, ...args: unknown[]) {
    if (!decided) decide();
    keep(args[0], args[1]);
    return (originalWrite as (...a: unknown[]) => boolean).apply(this, args);
  } as Response["write"];
  res.end = function end(this: Response, ...args: unknown[]) {
    if (!decided) decide();
    keep(args[0], args[1]);
    const result = (originalEnd as (...a: unknown[]) => Response).apply(this, args);
    report(chunks ? { body: Buffer.concat(chunks, size), nonce, status, statusMessage, headers } : null);
    return result;
  } as Response["end"];
  // A response that never ends (client gone, handler failed) is not cached and
  // does not keep identical requests waiting.
  res.once("close", () => report(null));
}
