/**
 * Whiteboard events (issue 6); the contract is app/features/boards/board-protocol.ts and
 * docs/realtime.md ("Whiteboards"). The hub has already checked rate, session,
 * size and schema; these handlers check membership and role, reconcile, commit
 * (durable before the ack) and hand the result to the room for broadcasting.
 */
import { boardRole, Messages } from "~/access/policy.server";
import { domainInEdition, getBoard, updateBoardSettings, type Board } from "./board.server";
import type { User } from "~/features/accounts/user.server";
import {
  BoardEvent,
  BoardLimits,
  boardPayloads,
  type BoardElement,
  type BoardRole,
  type JoinAck,
  type PeerLeft,
  type PeerPresence,
  type UpdateAck,
  updateRefusal,
} from "./board-protocol";
import {
  BoardRoom,
  broadcastMeta,
  broadcastVotes,
  facilitatorRoomOf,
  getBoardRoom,
  privateOwner,
  roomOf,
  userRoomOf,
  voteCounts,
} from "./board-room.server";
import {
  defineHandler,
  RealtimeError,
  type AppSocket,
  type DisconnectHook,
  type HandlerTable,
  type RateBudget,
} from "~/realtime/registry.server";
import { BoardStorageError } from "~/data/board-store.server";
import { countWatching, defineWatchable, unwatch, watch } from "~/realtime/watch.server";

/**
 * Waits until a commit is on disk; a batch the disk refused becomes the ack's
 * `internal` error with the Dutch reason (the client keeps the change and retries).
 */
async function durably<T>(commit: Promise<T>): Promise<T> {
  try {
    return await commit;
  } catch (error) {
    if (error instanceof BoardStorageError || (error as Error)?.name === "BoardStorageError") {
      throw new RealtimeError("internal", (error as Error).message);
    }
    throw error;
  }
}

/** Honest drawing sends ~20 updates/s per client; a burst covers a paste or an undo of many steps. */
export const BOARD_UPDATE_RATE: RateBudget = { name: "board-update", burst: 120, perSecond: 60 };
/** Presence at ~30/s (the client throttles to PRESENCE_MIN_INTERVAL_MS), with headroom. */
export const BOARD_PRESENCE_RATE: RateBudget = { name: "board-presence", burst: 60, perSecond: 45 };
/** Follow me sends the facilitator's viewport as it moves. */
export const BOARD_FACILITATE_RATE: RateBudget = { name: "board-facilitate", burst: 60, perSecond: 30 };
/** Boards one socket may have joined at once. */
export const MAX_BOARDS_PER_SOCKET = 8;
/** Votes per participant when a facilitator opens voting without a number. */
export const DEFAULT_VOTES_PER_PARTICIPANT = 3;

type Joined = { role: BoardRole; lastPresenceAt: number };
const joinedBoards = new WeakMap<AppSocket, Map<string, Joined>>();

const NOT_FOUND = Messages.boardNotFound;

function joinedOf(socket: AppSocket): Map<string, Joined> {
  let map = joinedBoards.get(socket);
  if (!map) joinedBoards.set(socket, (map = new Map()));
  return map;
}

/** The board and the user's current role on it; refuses when not joined or no longer allowed. */
function requireJoined(socket: AppSocket, user: User, boardId: string): { board: Board; role: BoardRole; joined: Joined } {
  const joined = joinedOf(socket).get(boardId);
  if (!joined) throw new RealtimeError("forbidden", "Open dit bord eerst (board:join).");
  const board = getBoard(boardId);
  const role = board ? boardRole(user, board) : null;
  if (!board || !role) throw new RealtimeError("forbidden", NOT_FOUND);
  joined.role = role;
  return { board, role, joined };
}

function requireFacilitator(role: BoardRole): void {
  if (role !== "facilitate") throw new RealtimeError("forbidden", Messages.boardFacilitators);
}

/**
 * A joined board's rooms follow the policy (watch.server.ts): everyone on the
 * board, the user's own private notes, and the facilitators' room for facilitators.
 * When access ends the socket leaves them all and its peers see it go.
 */
defineWatchable("board", {
  rooms: (user, boardId) => {
    const board = getBoard(boardId);
    const role = board ? boardRole(user, board) : null;
    if (!board || !role) return { refused: { allowed: false, status: 404, message: NOT_FOUND } };
    const rooms = [roomOf(boardId), userRoomOf(boardId, user.id)];
    if (role === "facilitate") rooms.push(facilitatorRoomOf(boardId));
    return { rooms };
  },
  onStop: (socket, user, boardId) => {
    if (!joinedOf(socket).delete(boardId)) return;
    socket.to(roomOf(boardId)).emit(BoardEvent.peerLeft, { boardId, userId: user.id } satisfies PeerLeft);
  },
});

type Stamp = Required<Pick<NonNullable<BoardElement["customData"]>, "authorId" | "authorName" | "authorDomain">> & {
  privateTo?: string | null;
};

/**
 * Author fields come from the server: the session's user for an element seen
 * for the first time, and the original author for later edits. A client's claim
 * is overwritten either way. So is privateTo.
 */
function stamped(element: BoardElement, current: BoardElement | undefined, author: Stamp): BoardElement {
  const customData: Record<string, unknown> = { ...(element.customData ?? {}) };
  delete customData.authorId;
  delete customData.authorName;
  delete customData.authorDomain;
  delete customData.privateTo;
  const source = current ? (current.customData ?? {}) : author;
  if (source.authorId !== undefined) {
    customData.authorId = source.authorId;
    customData.authorName = source.authorName;
    customData.authorDomain = source.authorDomain ?? null;
  }
  if (source.privateTo) customData.privateTo = source.privateTo;
  return { ...element, customData: customData as BoardElement["customData"] };
}

async function join(socket: AppSocket, user: User, boardId: string): Promise<JoinAck> {
  const board = getBoard(boardId);
  const role = board ? boardRole(user, board) : null;
  if (!board || !role) throw new RealtimeError("forbidden", NOT_FOUND);
  const joined = joinedOf(socket);
  if (!joined.has(boardId) && countWatching(socket, "board") >= MAX_BOARDS_PER_SOCKET) {
    throw new RealtimeError("forbidden", `Je hebt al ${MAX_BOARDS_PER_SOCKET} borden open in dit venster; sluit er eerst een.`);
  }
  const room = await getBoardRoom(board);
  // Asks the policy again: access may have ended while the board loaded.
  watch(socket, user, "board", boardId);
  joined.set(boardId, { role, lastPresenceAt: 0 });
  return {
    boardId,
    seq: room.store.committedSeq,
    stateUrl: `/borden/${boardId}/staat`,
    role,
    meta: room.meta(board),
    me: { id: user.id, name: user.name, domain: domainInEdition(user.id, board.editionId) },
  };
}

function leave(socket: AppSocket, user: User, boardId: string): void {
  unwatch(socket, user, "board", boardId);
}

export const boardHandlers: HandlerTable = {
  [BoardEvent.join]: defineHandler({
    schema: boardPayloads[BoardEvent.join],
    handle: (socket, user, { boardId }) => join(socket, user, boardId),
  }),

  [BoardEvent.leave]: defineHandler({
    schema: boardPayloads[BoardEvent.leave],
    handle: (socket, user, { boardId }) => {
      leave(socket, user, boardId);
      return { boardId };
    },
  }),

  [BoardEvent.update]: defineHandler({
    schema: boardPayloads[BoardEvent.update],
    rate: BOARD_UPDATE_RATE,
    maxBytes: BoardLimits.MAX_UPDATE_BYTES,
    handle: async (socket, user, { boardId, elements }): Promise<UpdateAck> => {
      const { board, role } = requireJoined(socket, user, boardId);
      if (role === "view") throw new RealtimeError("forbidden", "Dit bord is vergrendeld: je kunt meekijken, maar niets veranderen.");
      const sizes = elements.map((element) => Buffer.byteLength(JSON.stringify(element)));
      if (sizes.some((size) => size > BoardLimits.MAX_ELEMENT_BYTES)) {
        throw new RealtimeError(
          "too_large",
          `Eén onderdeel van je tekening is te groot (meer dan ${BoardLimits.MAX_ELEMENT_BYTES / 1024} KB). Er is niets opgeslagen.`,
        );
      }
      const room = await getBoardRoom(board);
      const store = room.store;
      // Version jumps and the board's element and byte budgets (board-protocol.ts, ADR 023).
      const refusal = updateRefusal(elements, sizes, store);
      if (refusal) throw new RealtimeError(refusal.code, refusal.message);
      const author: Stamp = {
        authorId: user.id,
        authorName: user.name,
        authorDomain: domainInEdition(user.id, board.editionId),
        privateTo: board.privateMode ? user.id : null,
      };
      const accepted: BoardElement[] = [];
      for (const element of elements) {
        const current = store.elements.get(element.id);
        // A hidden note of someone else cannot be changed by guessing its id.
        const owner = current ? privateOwner(current) : null;
        if (owner && owner !== user.id && role !== "facilitate") continue;
        const next = stamped(element, current, author);
        if (store.apply(next)) accepted.push(next);
      }
      if (accepted.length === 0) return { seq: store.committedSeq, accepted: 0, ignored: elements.length };
      // Peers are told at once; the sender's ack waits until the batch is on disk,
      // so an acknowledged change survives a crash (ADR 013, "Broadcast before the disk").
      const { seq, durable } = store.enqueue({ elements: accepted });
      room.broadcast(accepted, seq);
      await durably(durable);
      return { seq, accepted: accepted.length, ignored: elements.length - accepted.length };
    },
  }),

  [BoardEvent.presence]: defineHandler({
    schema: boardPayloads[BoardEvent.presence],
    rate: BOARD_PRESENCE_RATE,
    handle: (socket, user, { boardId, pointer, selectedIds }) => {
      const joined = joinedOf(socket).get(boardId);
      if (!joined) throw new RealtimeError("forbidden", "Open dit bord eerst (board:join).");
      const now = Date.now();
      // Throttled here too: a client sending faster than ~30/s is thinned out, not refused.
      if (now - joined.lastPresenceAt < BoardLimits.PRESENCE_MIN_INTERVAL_MS) return { sent: false };
      joined.lastPresenceAt = now;
      const board = getBoard(boardId);
      const presence: PeerPresence = {
        boardId,
        userId: user.id,
        name: user.name,
        domain: board ? domainInEdition(user.id, board.editionId) : null,
        pointer,
        selectedIds,
      };
      socket.volatile.to(roomOf(boardId)).emit(BoardEvent.peerPresence, presence);
      return { sent: true };
    },
  }),

  [BoardEvent.facilitate]: defineHandler({
    schema: boardPayloads[BoardEvent.facilitate],
    rate: BOARD_FACILITATE_RATE,
    handle: async (socket, user, { boardId, action }) => {
      const { board, role } = requireJoined(socket, user, boardId);
      requireFacilitator(role);
      const room = await getBoardRoom(board);
      let current = board;
      switch (action.type) {
        case "follow":
          room.follow = action.viewport ? { userId: user.id, name: user.name, viewport: action.viewport } : null;
          break;
        case "timer":
          room.timer = action.seconds
            ? { endsAt: new Date(Date.now() + action.seconds * 1000).toISOString(), label: action.label ?? "" }
            : null;
          break;
        case "lock":
          current = await updateBoardSettings(boardId, { locked: action.locked });
          break;
        case "private":
          current = await updateBoardSettings(boardId, { privateMode: action.enabled });
          break;
        case "reveal": {
          const revealed: BoardElement[] = [];
          for (const element of room.store.elements.values()) {
            if (!privateOwner(element)) continue;
            const customData = { ...element.customData };
            delete customData.privateTo;
            const next = BoardRoom.bump({ ...element, customData }, element);
            room.store.apply(next);
            revealed.push(next);
          }
          if (revealed.length > 0) room.broadcast(revealed, await durably(room.store.commit({ elements: revealed })));
          break;
        }
        case "voting": {
          const votesPerParticipant = action.votesPerParticipant ?? board.voting?.votesPerParticipant ?? DEFAULT_VOTES_PER_PARTICIPANT;
          current = await updateBoardSettings(boardId, { voting: { open: action.open, votesPerParticipant } });
          break;
        }
        case "clear-votes":
          room.store.votes = {};
          await durably(room.store.commit({ votes: true }));
          broadcastVotes(room);
          break;
      }
      broadcastMeta(room, current);
      return { meta: room.meta(current) };
    },
  }),

  [BoardEvent.vote]: defineHandler({
    schema: boardPayloads[BoardEvent.vote],
    handle: async (socket, user, { boardId, elementId, add }) => {
      const { board, role } = requireJoined(socket, user, boardId);
      if (!board.voting?.open) throw new RealtimeError("forbidden", "Er wordt nu niet gestemd op dit bord.");
      const room = await getBoardRoom(board);
      const element = room.store.elements.get(elementId);
      const owner = element ? privateOwner(element) : null;
      if (!element || element.isDeleted || (owner && owner !== user.id && role !== "facilitate")) {
        throw new RealtimeError("forbidden", "Dit onderdeel staat niet (meer) op het bord.");
      }
      const mine = [...(room.store.votes[user.id] ?? [])];
      const limit = board.voting.votesPerParticipant;
      if (add) {
        if (mine.length >= limit) throw new RealtimeError("forbidden", `Je hebt al je ${limit} stemmen gebruikt. Haal er eerst een weg.`);
        mine.push(elementId);
      } else {
        const index = mine.indexOf(elementId);
        if (index === -1) throw new RealtimeError("forbidden", "Je hebt hier geen stem op gezet.");
        mine.splice(index, 1);
      }
      room.store.votes = { ...room.store.votes, [user.id]: mine };
      await durably(room.store.commit({ votes: true }));
      broadcastVotes(room);
      return { boardId, votes: voteCounts(room.store.votes), myVotesLeft: limit - mine.length };
    },
  }),
};

/** Peers drop the cursor of a socket that went away: the board watch's onStop does it (the hub stops every watch). */
export const boardDisconnectHooks: DisconnectHook[] = [];
