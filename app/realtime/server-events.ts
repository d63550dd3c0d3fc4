/**
 * Every event the server sends, typed per event name (socket.io's typed events):
 * the server's emit sites (`AppServer`, `AppSocket`) and the browser's shared
 * socket (`useSocket()`) both check against this one map. Names come from each
 * area's `as const` map; payload types from its protocol file. docs/realtime.md.
 */
import type { Socket } from "socket.io-client";
import {
  BoardEvent,
  type BoardDelta,
  type BoardMetaEvent,
  type BoardRestored,
  type BoardVotes,
  type PeerLeft,
  type PeerPresence,
} from "~/features/boards/board-protocol";
import {
  DeskEvent,
  type ProgressView,
  type RevealView,
  type RunStateView,
  type SliderBroadcast,
  type TrioDoneView,
} from "~/features/exercises/desk-protocol";
import {
  LiveEvent,
  type BlockState,
  type PollRemoved,
  type PollUpdate,
  type PresenceUpdate,
  type ProjectorState,
  type QuestionsUpdate,
  type ScreenBoard,
  type ScreenDesks,
  type TallyUpdate,
} from "~/features/live/live-protocol";
import { HomeworkEvent } from "~/features/notifications/notification-events";
import { ServerEvent, type AccessRevoked, type SessionEnded, type SessionReady } from "./events";

export type ServerToClientEvents = {
  [ServerEvent.ready]: (payload: SessionReady) => void;
  [ServerEvent.sessionEnded]: (payload: SessionEnded) => void;
  [ServerEvent.accessRevoked]: (payload: AccessRevoked) => void;
  [HomeworkEvent.unread]: (payload: { count: number }) => void;
  [BoardEvent.delta]: (payload: BoardDelta) => void;
  [BoardEvent.peerPresence]: (payload: PeerPresence) => void;
  [BoardEvent.peerLeft]: (payload: PeerLeft) => void;
  [BoardEvent.meta]: (payload: BoardMetaEvent) => void;
  [BoardEvent.votes]: (payload: BoardVotes) => void;
  [BoardEvent.restored]: (payload: BoardRestored) => void;
  [DeskEvent.slider]: (payload: SliderBroadcast) => void;
  [DeskEvent.trioDone]: (payload: TrioDoneView) => void;
  [DeskEvent.progress]: (payload: ProgressView) => void;
  [DeskEvent.state]: (payload: RunStateView) => void;
  [DeskEvent.revealed]: (payload: RevealView) => void;
  [LiveEvent.block]: (payload: BlockState) => void;
  [LiveEvent.questions]: (payload: QuestionsUpdate) => void;
  [LiveEvent.poll]: (payload: PollUpdate) => void;
  [LiveEvent.tally]: (payload: TallyUpdate) => void;
  [LiveEvent.projector]: (payload: ProjectorState) => void;
  [LiveEvent.pollRemoved]: (payload: PollRemoved) => void;
  [LiveEvent.presence]: (payload: PresenceUpdate) => void;
  [LiveEvent.screenBoard]: (payload: ScreenBoard) => void;
  [LiveEvent.screenDesks]: (payload: ScreenDesks) => void;
};

/**
 * Probes the integration tests emit from `getIo()` to see which sockets a room
 * reaches (tests/integration/realtime.test.ts, access-revocation.test.ts). The app
 * never sends them; the names cannot collide with a real event's.
 */
export type TestProbeEvents = { [event: `test:${string}`]: (payload: unknown) => void; probe: (payload: unknown) => void };

/** What the server may emit: the contract, plus the tests' probes. */
export type ServerEmitEvents = ServerToClientEvents & TestProbeEvents;

/**
 * Client → server messages go through the hub's one dispatcher (`onAny`), which
 * checks each against its zod schema (events.ts and the features' protocol files),
 * so socket.io's listen map stays empty on the server.
 */
export type ClientToServerEvents = Record<string, never>;

/**
 * A browser (or Node test) socket: what it receives is typed per event name; what
 * it sends is checked by the server's schemas and answered in an ack (events.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClientSocket = Socket<ServerToClientEvents, { [event: string]: (...args: any[]) => void }>;

/**
 * Listens to one server event on a socket that others share, and returns what
 * takes exactly this listener off again (never `off(event)`, which would take
 * everyone's).
 */
export function listen<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E, handler: ServerToClientEvents[E]): () => void {
  // socket.io's overloads do not narrow a generic event name; the signature above is the check.
  socket.on(event as never, handler as never);
  return () => void socket.off(event as never, handler as never);
}
