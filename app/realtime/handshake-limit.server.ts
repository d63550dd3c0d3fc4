/**
 * Socket connections per login: a token bucket of HANDSHAKE_BURST, refilled at
 * HANDSHAKE_PER_SECOND (both times RATE_LIMIT_FACTOR), checked in the hub's
 * handshake. Enough for every tab reconnecting after a restart; a script
 * reconnecting in a loop is cut off within seconds (ADR 023, docs/realtime.md).
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
