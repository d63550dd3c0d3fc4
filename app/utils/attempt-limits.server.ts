/**
 * Limits on the account forms, counted inside their actions so every spelling of a
 * path shares one budget; a refusal is the form's own 429 with a Dutch wait message.
 * Counted per client address (generous) and per account (strict); keys are hashed,
 * nothing is logged. ADR 020.
 */
import { createHash } from "node:crypto";
import { json, type HeadersFunction } from "@remix-run/node";
import { normaliseEmail } from "./plain-text";
import { getSingleton, setSingleton } from "./singleton.server";

const MINUTE = 60_000;

/** Budgets before RATE_LIMIT_FACTOR; only the attempts the actions record count. */
export const ATTEMPT_POLICIES = {
  /** Failed logins from one address, whatever the account (about 30 colleagues' typos). */
  "login-address": { windowMs: 15 * MINUTE, limit: 100 },
  /** Failed logins (and failed current-password checks) for one e-mail address, from anywhere. */
  "login-account": { windowMs: 15 * MINUTE, limit: 10 },
  /** Reset-link requests from one address. */
  "reset-address": { windowMs: 15 * MINUTE, limit: 20 },
  /** Reset-link requests for one e-mail address, known or not: no mail flood for one person. */
  "reset-target": { windowMs: 60 * MINUTE, limit: 5 },
  /** Set-password and first-organiser posts from one address (an office accepting invitations together). */
  "link-address": { windowMs: 15 * MINUTE, limit: 30 },
  /** Posts to one set-password or set-up link. */
  "link-token": { windowMs: 15 * MINUTE, limit: 10 },
} as const satisfies Record<string, { windowMs: number; limit: number }>;

export type AttemptKind = keyof typeof ATTEMPT_POLICIES;
export type Attempt = [kind: AttemptKind, key: string];

/** Sweep expired windows once this many keys are held; beyond MAX_KEYS the oldest go first. */
const SWEEP_AT = 10_000;
const MAX_KEYS = 200_000;

type Window = { count: number; resetAt: number };

export class AttemptLimits {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly factor = 1) {}

  limitOf(kind: AttemptKind): number {
    return Math.ceil(ATTEMPT_POLICIES[kind].limit * this.factor);
  }

  private id(kind: AttemptKind, key: string): string {
    return `${kind}:${createHash("sha256").update(key).digest("base64url")}`;
  }

  private current(id: string, now: number): Window | undefined {
    const window = this.windows.get(id);
    if (window && window.resetAt <= now) {
      this.windows.delete(id);
      return undefined;
    }
    return window;
  }

  /** Milliseconds to wait when any of these budgets is used up, else null. */
  blocked(attempts: Attempt[], now = Date.now()): number | null {
    let wait: number | null = null;
    for (const [kind, key] of attempts) {
      const window = this.current(this.id(kind, key), now);
      if (window && window.count >= this.limitOf(kind)) wait = Math.max(wait ?? 0, window.resetAt - now);
    }
    return wait;
  }

  /** Counts one attempt against each budget. */
  record(attempts: Attempt[], now = Date.now()): void {
    for (const [kind, key] of attempts) {
      const id = this.id(kind, key);
      const window = this.current(id, now);
      if (window) window.count += 1;
      else this.windows.set(id, { count: 1, resetAt: now + ATTEMPT_POLICIES[kind].windowMs });
    }
    if (this.windows.size > SWEEP_AT) this.sweep(now);
  }

  /** Forgets one budget (a successful login clears that account's failures). */
  clear(kind: AttemptKind, key: string): void {
    this.windows.delete(this.id(kind, key));
  }

  private sweep(now: number): void {
    for (const [id, window] of this.windows) if (window.resetAt <= now) this.windows.delete(id);
    // Map order is insertion order: under a flood of made-up keys the oldest are dropped.
    for (const id of this.windows.keys()) {
      if (this.windows.size <= MAX_KEYS) break;
      this.windows.delete(id);
    }
  }
}

/** Called once per server start (server.ts), so each start begins with empty budgets. */
export function resetAttemptLimits(factor: number): AttemptLimits {
  return setSingleton("attempt-limits", new AttemptLimits(factor));
}

/** The process's limits (server.ts and the Remix build share it through globalThis). */
export function attemptLimits(): AttemptLimits {
  return getSingleton<AttemptLimits>("attempt-limits") ?? resetAttemptLimits(1);
}

/** The normalised e-mail address an attempt is about (the same for every spelling of it). */
export function accountKey(email: string): string {
  return normaliseEmail(email);
}

/** The address requests are counted under: set by server.ts in the load context. */
export function clientAddressOf(context: unknown): string {
  const address = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof address === "string" && address ? address : "unknown";
}

/** "1 minuut", "5 minuten": whole minutes, rounded up. */
export function waitText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / MINUTE));
  return minutes === 1 ? "1 minuut" : `${minutes} minuten`;
}

/** The standard Dutch refusal. */
export function tooManyAttemptsMessage(ms: number): string {
  return `Te veel pogingen. Probeer het over ${waitText(ms)} opnieuw.`;
}

/** Seconds for a Retry-After header. */
export function retryAfterSeconds(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}

/**
 * A 429 answer of a form action: `data` is the route's usual action data with the
 * message in it, so the page shows it where it shows every other form error.
 */
export function tooManyAttempts<T>(data: T, waitMs: number) {
  return json(data, { status: 429, headers: { "Retry-After": retryAfterSeconds(waitMs), "Cache-Control": "no-store" } });
}

/**
 * The `headers` export of the account routes: without one, Remix drops an
 * action's headers (all but cookies) from the page it renders after a form post.
 */
export const retryAfterHeaders: HeadersFunction = ({ parentHeaders, actionHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) {
    headers.set("Retry-After", retryAfter);
    headers.set("Cache-Control", "no-store");
  }
  return headers;
};
