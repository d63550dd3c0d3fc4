/**
 * What only the projector shows besides the block: the plenary board as a
 * read-only picture during kennisuitwisseling, and the revealed desks of the
 * session's schuifoefening. Sent to the session's screen room (policy
 * `live.project`) when the block changes, when the plenary board changes (at most
 * every SCREEN_BOARD_FLUSH_MS) and when the desk run is revealed, hidden or anonymised.
 */
import type { Server } from "socket.io";
import { isDatabaseOpen } from "~/data/db.server";
import { openBoardStore } from "~/data/board-store.server";
import { contentSummary } from "~/features/boards/board-elements";
import { boardPreviewSvg } from "~/features/boards/board-preview.server";
import { privateOwner } from "~/features/boards/board-room.server";
import { getBoard, listBoardsOfSession } from "~/features/boards/board.server";
import { deskReveal, getDeskRun, getDeskRunOfSession } from "~/features/exercises/desk.server";
import type { RevealView } from "~/features/exercises/desk-protocol";
import { getSession, type Session } from "~/features/programme/session.server";
import type { Announcement } from "~/utils/announcements.server";
import { LiveEvent, LiveLimits, liveRooms, type BoardPicture, type ScreenView } from "./live-protocol";
import { getRunSheet } from "./run-sheet.server";

function currentKind(sessionId: string): string | null {
  const sheet = getRunSheet(sessionId);
  return sheet?.blocks.find((b) => b.id === sheet.currentBlockId)?.kind ?? null;
}

/**
 * The session's (first) plenary board as a picture. Private notes (private mode)
 * are left out: a beamer is not the place for them, whoever opened it.
 */
export async function plenaryBoardPicture(sessionId: string): Promise<BoardPicture | null> {
  const board = (await listBoardsOfSession(sessionId)).find((b) => b.scope === "plenary");
  if (!board) return null;
  const shown = [...(await openBoardStore(board)).elements.values()].filter((e) => !privateOwner(e));
  const svg = boardPreviewSvg(shown);
  return {
    boardId: board.id,
    title: board.title,
    summary: contentSummary(shown),
    picture: svg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : null,
  };
}

export function sessionDesks(sessionId: string): RevealView | null {
  const run = getDeskRunOfSession(sessionId);
  return run ? deskReveal(run) : null;
}

/** The projector's extra view: the board only while kennisuitwisseling runs (drawing it costs), the desks once revealed. */
export async function screenView(session: Session): Promise<ScreenView> {
  return {
    board: currentKind(session.id) === "kennisuitwisseling" ? await plenaryBoardPicture(session.id) : null,
    desks: sessionDesks(session.id),
  };
}

const hasScreens = (io: Server, sessionId: string) => (io.sockets.adapter.rooms.get(liveRooms.screen(sessionId))?.size ?? 0) > 0;

const pendingBoards = new Set<string>();

async function pushBoard(io: Server, sessionId: string): Promise<void> {
  if (!isDatabaseOpen() || !hasScreens(io, sessionId)) return;
  const board = currentKind(sessionId) === "kennisuitwisseling" ? await plenaryBoardPicture(sessionId) : null;
  io.to(liveRooms.screen(sessionId)).emit(LiveEvent.screenBoard, { sessionId, board });
}

function pushDesks(io: Server, sessionId: string): void {
  if (!hasScreens(io, sessionId)) return;
  io.to(liveRooms.screen(sessionId)).emit(LiveEvent.screenDesks, { sessionId, reveal: sessionDesks(sessionId) });
}

function logFailure(error: unknown): void {
  console.error("Het scherm in de zaal bijwerken mislukte:", error);
}

/** Never throws: it runs inside the board room's flush and the desk's change, which must not fail because of the projector. */
export function pushScreen(io: Server, announcement: Announcement): void {
  if (!isDatabaseOpen()) return;
  try {
    pushScreenNow(io, announcement);
  } catch (error) {
    logFailure(error);
  }
}

function pushScreenNow(io: Server, announcement: Announcement): void {
  if (announcement.kind === "live" && announcement.what === "block") {
    void pushBoard(io, announcement.sessionId).catch(logFailure);
    pushDesks(io, announcement.sessionId);
    return;
  }
  if (announcement.kind === "desk") {
    const run = getDeskRun(announcement.runId);
    if (run) pushDesks(io, run.sessionId);
    return;
  }
  if (announcement.kind !== "board") return;
  const board = getBoard(announcement.boardId);
  if (!board || board.scope !== "plenary" || !getSession(board.sessionId)) return;
  const sessionId = board.sessionId;
  // A busy board: one picture per window, drawn from the content as it is by then.
  if (pendingBoards.has(sessionId) || currentKind(sessionId) !== "kennisuitwisseling" || !hasScreens(io, sessionId)) return;
  pendingBoards.add(sessionId);
  setTimeout(() => {
    pendingBoards.delete(sessionId);
    void pushBoard(io, sessionId).catch(logFailure);
  }, LiveLimits.SCREEN_BOARD_FLUSH_MS).unref();
}
