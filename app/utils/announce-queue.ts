/**
 * Coalesces status messages for the one polite live region (WCAG 4.1.3): at most
 * one announcement per interval, and a burst in between becomes one summary, so a
 * busy board or desk does not flood a screen reader.
 */

/** Screen readers need about this long to read a short sentence; bursts within it are summed up. */
export const ANNOUNCE_INTERVAL_MS = 2_000;

export type AnnounceOptions = {
  /** Messages of one group within an interval collapse: the newest wins, or `summary(count)` when given. */
  group?: string;
  summary?: (count: number) => string;
  /** Said at once, dropping what waits: the answer to the person's own step (a new page). */
  immediate?: boolean;
};

type Pending = { message: string; count: number; summary?: (count: number) => string };

export function createAnnounceQueue(speak: (message: string) => void, intervalMs = ANNOUNCE_INTERVAL_MS, now = () => Date.now()) {
  let lastSpokenAt = -Infinity;
  let lastMessage = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<string, Pending>();
  let ungrouped = 0;

  function text(): string {
    return [...pending.values()].map((p) => (p.count > 1 && p.summary ? p.summary(p.count) : p.message)).join(" ");
  }

  function flush() {
    timer = undefined;
    const message = text();
    pending.clear();
    if (!message) return;
    lastSpokenAt = now();
    lastMessage = message;
    speak(message);
  }

  function announce(message: string, options: AnnounceOptions = {}) {
    const trimmed = message.trim();
    // The same news from two sources (my own action's result and its broadcast) is said once.
    if (!trimmed || (trimmed === lastMessage && now() - lastSpokenAt < intervalMs)) return;
    if (options.immediate) {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
      lastSpokenAt = now();
      lastMessage = trimmed;
      speak(trimmed);
      return;
    }
    const key = options.group ?? `#${ungrouped++}`;
    const before = pending.get(key);
    pending.set(key, { message: trimmed, count: (before?.count ?? 0) + 1, summary: options.summary ?? before?.summary });
    if (timer) return;
    const wait = lastSpokenAt + intervalMs - now();
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  }

  return {
    announce,
    dispose() {
      if (timer) clearTimeout(timer);
      pending.clear();
    },
  };
}
