import { singleton } from "./singleton.server";

/**
 * What changed, said by a model for whoever shows it live. Models announce; the
 * realtime layer subscribes and pushes, so models never import socket.io. Every
 * kind is listed here, like the event names in app/realtime/events.ts.
 */
export type Announcement =
  | { kind: "unread"; userIds: string[] }
  /** A live session changed (issue 17): its block, questions (ids), a poll (ids), the projector or a tally. */
  /**
   * A live session changed (issue 17): its block, questions (ids), a poll (ids), a removed prepared poll (ids),
   * the projector, a tally, or someone's presence (user ids).
   */
  | {
      kind: "live";
      sessionId: string;
      what: "block" | "questions" | "poll" | "poll-removed" | "tally" | "projector" | "presence";
      ids: string[];
    }
  /** A board's content changed (a flushed batch, a reveal, a restore). */
  | { kind: "board"; boardId: string }
  /** A desk run was opened, closed, revealed, hidden or anonymised. */
  | { kind: "desk"; runId: string };

type Listener = (announcement: Announcement) => void;

// On globalThis: an action (Remix build's copy of this module) must reach the
// listener the hub registered (server.ts's copy).
const listeners = singleton("announcement-listeners", () => new Set<Listener>());

export function announce(announcement: Announcement): void {
  for (const listener of listeners) listener(announcement);
}

/** Registers a listener; the returned function removes it again. */
export function onAnnouncement(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
