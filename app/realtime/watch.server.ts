/**
 * What each socket watches, and the rooms that follow from it. A socket never
 * joins a room because it once asked: it *watches* a resource (an edition, a
 * board, a desk run), and its rooms are derived from the access policy, at the
 * watch and again after every data change and at its login's expiry
 * (`startAccessSync`). When access ends (a member leaves, a trio is rejected, a
 * speaker is unlinked, a password changes, an account is deleted...) the socket
 * leaves the rooms within ACCESS_RESYNC_DELAY_MS and is told `access:revoked`;
 * when its login ends it is told `session:ended` and disconnected.
 *
 * Features register the kinds of thing that can be watched (`defineWatchable`),
 * each answering "which rooms may this user be in for this id, now?" by asking
 * the policy.
 */
import type { Decision } from "~/access/policy.server";
import { getAuthSession } from "~/features/accounts/auth-session.server";
import { getUserById, type User } from "~/features/accounts/user.server";
import { ServerEvent, type AccessRevoked } from "./events";
import { RealtimeError, type AppServer, type AppSocket } from "./registry.server";

/** How long after a data change the rooms of every socket are derived again: changes in one burst share one pass. */
export const ACCESS_RESYNC_DELAY_MS = 50;
/** setTimeout's largest delay; a login that lasts longer is checked again then. */
const MAX_TIMER_MS = 2_147_483_647;

export type WatchRooms = { rooms: string[] } | { refused: Extract<Decision, { allowed: false }> };

export type Watchable = {
  /** The rooms `user` may be in for resource `id` now, or the policy's refusal. */
  rooms: (user: User, id: string) => WatchRooms;
  /** Called once the socket stops watching (it asked, or its access ended). */
  onStop?: (socket: AppSocket, user: User, id: string) => void;
};

const watchables = new Map<string, Watchable>();

export function defineWatchable(kind: string, watchable: Watchable): void {
  if (watchables.has(kind)) throw new Error(`Watchable ${kind} is defined twice`);
  watchables.set(kind, watchable);
}

type Watched = { kind: string; id: string; rooms: string[] };
type SocketState = { watched: Map<string, Watched>; expiryTimer: NodeJS.Timeout | null };
const states = new WeakMap<AppSocket, SocketState>();

function stateOf(socket: AppSocket): SocketState {
  let state = states.get(socket);
  if (!state) states.set(socket, (state = { watched: new Map(), expiryTimer: null }));
  return state;
}

const keyOf = (kind: string, id: string) => `${kind}\u0000${id}`;

/** Rooms every login has: its own user and login rooms, and the organisers' room for organisers. */
function baseRooms(user: User, sessionId: string): string[] {
  const rooms = [`user:${user.id}`, `session:${sessionId}`];
  if (user.role === "organiser") rooms.push("organisers");
  return rooms;
}

function applyRooms(socket: AppSocket, user: User): void {
  const state = stateOf(socket);
  const wanted = new Set(baseRooms(user, socket.data.sessionId));
  for (const watched of state.watched.values()) for (const room of watched.rooms) wanted.add(room);
  for (const room of socket.rooms) {
    if (room !== socket.id && !wanted.has(room)) void socket.leave(room);
  }
  const missing = [...wanted].filter((room) => !socket.rooms.has(room));
  if (missing.length > 0) void socket.join(missing);
}

/** Starts watching; throws the policy's refusal as a RealtimeError. Returns the rooms joined. */
export function watch(socket: AppSocket, user: User, kind: string, id: string): string[] {
  const watchable = watchables.get(kind);
  if (!watchable) throw new RealtimeError("forbidden", "Dit kun je niet volgen.");
  const answer = watchable.rooms(user, id);
  if ("refused" in answer) throw new RealtimeError("forbidden", answer.refused.message);
  stateOf(socket).watched.set(keyOf(kind, id), { kind, id, rooms: answer.rooms });
  applyRooms(socket, user);
  return answer.rooms;
}

export function unwatch(socket: AppSocket, user: User, kind: string, id: string): boolean {
  const state = stateOf(socket);
  const key = keyOf(kind, id);
  if (!state.watched.delete(key)) return false;
  applyRooms(socket, user);
  watchables.get(kind)?.onStop?.(socket, user, id);
  return true;
}

export function isWatching(socket: AppSocket, kind: string, id: string): boolean {
  return stateOf(socket).watched.has(keyOf(kind, id));
}

export function countWatching(socket: AppSocket, kind: string): number {
  let count = 0;
  for (const watched of stateOf(socket).watched.values()) if (watched.kind === kind) count++;
  return count;
}

function endLogin(socket: AppSocket): void {
  socket.emit(ServerEvent.sessionEnded, { message: "Je bent uitgelogd. Log opnieuw in om verder te gaan." });
  socket.disconnect(true);
}

/**
 * Asks the policy again for one socket: its login, its user, and every resource
 * it watches. Returns the user, or null when the login ended (the socket is then
 * disconnected).
 */
export function resync(socket: AppSocket): User | null {
  const state = stateOf(socket);
  const session = getAuthSession(socket.data.sessionId);
  const user = session ? getUserById(session.userId) : null;
  if (!session || !user) {
    endLogin(socket);
    return null;
  }
  armExpiry(socket, session.expiresAt);
  const stopped: Watched[] = [];
  for (const [key, watched] of state.watched) {
    const answer = watchables.get(watched.kind)?.rooms(user, watched.id);
    if (!answer || "refused" in answer) {
      state.watched.delete(key);
      stopped.push(watched);
    } else {
      watched.rooms = answer.rooms;
    }
  }
  applyRooms(socket, user);
  for (const watched of stopped) {
    watchables.get(watched.kind)?.onStop?.(socket, user, watched.id);
    const revoked: AccessRevoked = { kind: watched.kind, id: watched.id, message: "Je hebt hier geen toegang meer toe." };
    socket.emit(ServerEvent.accessRevoked, revoked);
  }
  return user;
}

function armExpiry(socket: AppSocket, expiresAt: string): void {
  const state = stateOf(socket);
  if (state.expiryTimer) clearTimeout(state.expiryTimer);
  const delay = Math.min(Math.max(0, Date.parse(expiresAt) - Date.now()) + 1, MAX_TIMER_MS);
  state.expiryTimer = setTimeout(() => {
    state.expiryTimer = null;
    if (socket.connected) resync(socket);
  }, delay);
  state.expiryTimer.unref();
}

/** Called by the hub when a socket connects: base rooms and the expiry timer. */
export function startWatching(socket: AppSocket): User | null {
  return resync(socket);
}

/** Called by the hub when a socket disconnects. */
export function stopWatching(socket: AppSocket, user: User): void {
  const state = states.get(socket);
  if (!state) return;
  if (state.expiryTimer) clearTimeout(state.expiryTimer);
  for (const watched of state.watched.values()) watchables.get(watched.kind)?.onStop?.(socket, user, watched.id);
  state.watched.clear();
  states.delete(socket);
}

/**
 * Derives every socket's rooms again shortly after any data change (see
 * Store.onChange). Returns a function that stops it.
 */
export function startAccessSync(io: AppServer, onChange: (listener: () => void) => () => void): () => void {
  let timer: NodeJS.Timeout | null = null;
  const pass = () => {
    timer = null;
    for (const socket of io.of("/").sockets.values()) {
      if (socket.connected) resync(socket);
    }
  };
  const unsubscribe = onChange(() => {
    timer ??= setTimeout(pass, ACCESS_RESYNC_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
