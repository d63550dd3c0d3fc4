/**
 * Board metadata (lowdb `boards`) and who may do what on a board. Content lives
 * in board-store.server.ts. Every session has a plenary board and a board per
 * admitted trio, created lazily (ensureSessionBoards) by the listing functions;
 * organisers add more from templates.
 */
import type { BoardRole } from "~/realtime/board-protocol";
import { boardTemplates, type Board, type BoardTemplate } from "./board-schema.server";
import { templateLabels } from "./board-templates.server";
import { getDb } from "./db.server";
import { newId, nowIso } from "./ids.server";
import type { Domain, Session, Trio, User } from "./schema.server";

export type { Board, BoardTemplate };
export { boardTemplates, templateLabels };

export function getBoard(boardId: string): Board | null {
  return getDb().data.boards.find((b) => b.id === boardId) ?? null;
}

function sessionOf(board: Board): Session | null {
  return getDb().data.sessions.find((s) => s.id === board.sessionId) ?? null;
}

function admittedTriosOfEdition(editionId: string): Trio[] {
  return getDb().data.trios.filter((t) => t.editionId === editionId && t.status === "admitted");
}

/** The member's domain in a trio of the edition (for colouring their sticky notes). */
export function domainInEdition(userId: string, editionId: string): Domain | null {
  const { memberships, trios } = getDb().data;
  for (const m of memberships) {
    if (m.userId !== userId) continue;
    const trio = trios.find((t) => t.id === m.trioId);
    if (trio && trio.editionId === editionId && trio.status === "admitted") return m.domain;
  }
  return null;
}

function isMemberOfAdmittedTrio(userId: string, trioId: string): boolean {
  const { memberships, trios } = getDb().data;
  const trio = trios.find((t) => t.id === trioId);
  return Boolean(trio && trio.status === "admitted" && memberships.some((m) => m.userId === userId && m.trioId === trioId));
}

function isParticipantOfEdition(userId: string, editionId: string): boolean {
  return domainInEdition(userId, editionId) !== null;
}

/**
 * What the user may do on the board, or null when they may not see it at all
 * (an unknown id and a board of another trio look the same).
 * - facilitate: organisers; the session's speaker on its plenary board.
 * - edit: the edition's participants on a plenary board, the trio on its board.
 * - view: those participants while the board is locked.
 */
export function getBoardAccess(boardId: string, user: Pick<User, "id" | "role">): BoardRole | null {
  const board = getBoard(boardId);
  return board ? boardAccess(board, user) : null;
}

export function boardAccess(board: Board, user: Pick<User, "id" | "role">): BoardRole | null {
  if (user.role === "organiser") return "facilitate";
  if (board.scope === "plenary") {
    if (user.role === "speaker") return sessionOf(board)?.speakerIds.includes(user.id) ? "facilitate" : null;
    if (!isParticipantOfEdition(user.id, board.editionId)) return null;
  } else {
    if (user.role !== "participant" || !board.trioId || !isMemberOfAdmittedTrio(user.id, board.trioId)) return null;
  }
  return board.locked ? "view" : "edit";
}

function newBoard(session: Session, input: { trio: Trio | null; template: BoardTemplate; title: string; auto: boolean; createdBy: string | null }): Board {
  return {
    id: newId(),
    editionId: session.editionId,
    sessionId: session.id,
    trioId: input.trio?.id ?? null,
    scope: input.trio ? "trio" : "plenary",
    template: input.template,
    title: input.title,
    auto: input.auto,
    createdAt: nowIso(),
    createdBy: input.createdBy,
    locked: false,
    privateMode: false,
    voting: null,
  };
}

function missingAutoBoards(session: Session, boards: readonly Board[]): Board[] {
  const mine = boards.filter((b) => b.sessionId === session.id && b.auto);
  const missing: Board[] = [];
  if (!mine.some((b) => b.scope === "plenary")) {
    missing.push(newBoard(session, { trio: null, template: "blank", title: `Plenair bord – bijeenkomst ${session.number}`, auto: true, createdBy: null }));
  }
  for (const trio of admittedTriosOfEdition(session.editionId)) {
    if (!mine.some((b) => b.trioId === trio.id)) {
      missing.push(newBoard(session, { trio, template: "blank", title: `Triobord ${trio.municipality} – bijeenkomst ${session.number}`, auto: true, createdBy: null }));
    }
  }
  return missing;
}

/** Creates the session's plenary board and one board per admitted trio where missing. Idempotent. */
export async function ensureSessionBoards(sessionId: string): Promise<void> {
  const session = getDb().data.sessions.find((s) => s.id === sessionId);
  if (!session || missingAutoBoards(session, getDb().data.boards).length === 0) return;
  await getDb().change((data) => {
    // Checked again inside the change: two requests may have raced here.
    data.boards.push(...missingAutoBoards(session, data.boards));
  });
}

function byScopeAndTitle(a: Board, b: Board): number {
  if (a.scope !== b.scope) return a.scope === "plenary" ? -1 : 1;
  if (a.auto !== b.auto) return a.auto ? -1 : 1;
  return a.title.localeCompare(b.title, "nl") || a.createdAt.localeCompare(b.createdAt);
}

export type ListedBoard = Board & { role: BoardRole; trioName: string | null };

function withRole(boards: Board[], user: Pick<User, "id" | "role">): ListedBoard[] {
  const { trios } = getDb().data;
  return boards.flatMap((board) => {
    const role = boardAccess(board, user);
    return role ? [{ ...board, role, trioName: board.trioId ? (trios.find((t) => t.id === board.trioId)?.municipality ?? null) : null }] : [];
  });
}

/** The boards of a session the user may open: plenary first, then the trio boards they may see. */
export async function listBoardsOfSession(sessionId: string, user: Pick<User, "id" | "role">): Promise<ListedBoard[]> {
  await ensureSessionBoards(sessionId);
  return withRole(getDb().data.boards.filter((b) => b.sessionId === sessionId), user).sort(byScopeAndTitle);
}

/** A trio's boards over all sessions of its edition (for the dossier), oldest session first. */
export async function listBoardsOfTrio(trioId: string, user: Pick<User, "id" | "role">): Promise<Array<ListedBoard & { sessionNumber: number }>> {
  const trio = getDb().data.trios.find((t) => t.id === trioId);
  if (!trio) return [];
  const sessions = getDb().data.sessions.filter((s) => s.editionId === trio.editionId);
  for (const session of sessions) await ensureSessionBoards(session.id);
  const numberOf = new Map(sessions.map((s) => [s.id, s.number]));
  return withRole(getDb().data.boards.filter((b) => b.trioId === trioId), user)
    .map((b) => ({ ...b, sessionNumber: numberOf.get(b.sessionId) ?? 0 }))
    .sort((a, b) => a.sessionNumber - b.sessionNumber || byScopeAndTitle(a, b));
}

export class BoardInputError extends Error {}

/**
 * An organiser adds a board to a session: plenary (trioId null) or for one
 * admitted trio of the session's edition. Its content starts as the template
 * (written to disk when the board is first opened).
 */
export async function createBoardFromTemplate(input: {
  sessionId: string;
  trioId: string | null;
  template: BoardTemplate;
  title?: string;
  createdBy: string;
}): Promise<Board> {
  const session = getDb().data.sessions.find((s) => s.id === input.sessionId);
  if (!session) throw new BoardInputError("Deze bijeenkomst bestaat niet.");
  let trio: Trio | null = null;
  if (input.trioId) {
    trio = admittedTriosOfEdition(session.editionId).find((t) => t.id === input.trioId) ?? null;
    if (!trio) throw new BoardInputError("Kies een toegelaten trio van deze editie.");
  }
  const title = input.title?.trim() || `${templateLabels[input.template]}${trio ? ` – ${trio.municipality}` : ""}`;
  const board = newBoard(session, { trio, template: input.template, title: title.slice(0, 200), auto: false, createdBy: input.createdBy });
  return getDb().change((data) => {
    data.boards.push(board);
    return board;
  });
}

export type BoardSettings = Partial<Pick<Board, "locked" | "privateMode" | "voting" | "title">>;

export async function updateBoardSettings(boardId: string, settings: BoardSettings): Promise<Board> {
  return getDb().change((data) => {
    const index = data.boards.findIndex((b) => b.id === boardId);
    if (index === -1) throw new Error(`No board ${boardId}`);
    data.boards[index] = { ...data.boards[index], ...settings };
    return data.boards[index];
  });
}
