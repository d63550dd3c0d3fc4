/**
 * Socket connections per login (auth session): a token bucket of
 * HANDSHAKE_BURST connections, refilled at HANDSHAKE_PER_SECOND, both multiplied
 * by RATE_LIMIT_FACTOR. Checked in the hub's handshake middleware; an excess
 * handshake is refused with HANDSHAKE_REFUSED, which the browser shows in Dutch and
 * retries after a pause (docs/realtime.md, ADR 023).
 *
 * An honest login opens one socket per tab for the notifications and one per open
 * board or desk; after a server restart every tab reconnects at once (socket.io
 * waits 1–5 s between attempts, but only attempts that reach the server count).
 * Thirty at once and one per second after that leaves room for many tabs while a
 * script reconnecting in a loop is cut off after a few seconds.
 */
import { getEnv } from "~/utils/env.server";
import { singleton } from "~/utils/singleton.server";
import { HANDSHAKE_REFUSED } from "./events";
import { TokenBucket } from "./token-bucket";

export { HANDSHAKE_REFUSED };

export const HANDSHAKE_BURST = 30;
export const HANDSHAKE_PER_SECOND = 1;
/** Logins tracked before idle buckets (full again) are dropped. */
const SWEEP_ABOVE = 10_000;

type Entry = { bucket: TokenBucket; lastAt: number };

const buckets = () => singleton("handshakeBuckets", () => new Map<string, Entry>());

/** Whether this login may open another socket now (takes a token when it may). */
export function allowHandshake(sessionId: string): boolean {
  const now = performance.now();
  const map = buckets();
  const factor = getEnv().RATE_LIMIT_FACTOR;
  const burst = HANDSHAKE_BURST * factor;
  const perSecond = HANDSHAKE_PER_SECOND * factor;
  if (map.size > SWEEP_ABOVE) {
    // A bucket untouched for long enough to be full again holds nothing worth keeping.
    for (const [key, entry] of map) if (now - entry.lastAt > (burst / perSecond) * 1000) map.delete(key);
  }
  let entry = map.get(sessionId);
  if (!entry) map.set(sessionId, (entry = { bucket: new TokenBucket(burst, perSecond), lastAt: now }));
  entry.lastAt = now;
  return entry.bucket.take();
}
