/**
 * Board metadata (lowdb `boards`); who may do what on a board is the access
 * policy's (app/access/policy.server.ts, boardRole). Content lives
 * in board-store.server.ts. Every session has a plenary board and a board per
 * admitted trio, created lazily (ensureSessionBoards) by the listing functions;
 * organisers add more from templates.
 */
import { DomainError } from "~/utils/domain-error.server";
import { boardTemplates, type Board, type BoardTemplate } from "~/data/board-schema.server";
import { templateLabels } from "./board-templates.server";
import { getDb } from "~/data/db.server";
import { groupedBy } from "~/data/indexes.server";
import { getTrio, listTriosOfEdition } from "~/features/registration/trio.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";

const boardsOfSession = groupedBy("boards", (b) => b.sessionId);
const boardsOfTrio = groupedBy("boards", (b) => b.trioId ?? "");
import { newId, nowIso } from "~/data/ids.server";
import type { Domain, Session, Trio } from "~/data/schema.server";

export type { Board, BoardTemplate };
export { boardTemplates, templateLabels };

export function getBoard(boardId: string): Board | null {
  return getDb().data.boards.find((b) => b.id === boardId) ?? null;
}

function admittedTriosOfEdition(editionId: string): Trio[] {
  return listTriosOfEdition(editionId).filter((t) => t.status === "admitted");
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

function newBoard(
  session: Session,
  input: { trio: Trio | null; template: BoardTemplate; title: string; auto: boolean; createdBy: string | null },
): Board {
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
  const mine = (boards === getDb().data.boards ? boardsOfSession(session.id) : boards.filter((b) => b.sessionId === session.id)).filter(
    (b) => b.auto,
  );
  const missing: Board[] = [];
  if (!mine.some((b) => b.scope === "plenary")) {
    missing.push(
      newBoard(session, {
        trio: null,
        template: "blank",
        title: `Plenair bord – bijeenkomst ${session.number}`,
        auto: true,
        createdBy: null,
      }),
    );
  }
  for (const trio of admittedTriosOfEdition(session.editionId)) {
    if (!mine.some((b) => b.trioId === trio.id)) {
      missing.push(
        newBoard(session, {
          trio,
          template: "blank",
          title: `Triobord ${trio.municipality} – bijeenkomst ${session.number}`,
          auto: true,
          createdBy: null,
        }),
      );
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

export type ListedBoard = Board & { trioName: string | null };

function withTrioName(boards: Board[]): ListedBoard[] {
  return boards.map((board) => ({
    ...board,
    trioName: board.trioId ? (getTrio(board.trioId)?.municipality ?? null) : null,
  }));
}

/** All boards of a session, plenary first (callers keep those the policy lets the viewer see). */
export async function listBoardsOfSession(sessionId: string): Promise<ListedBoard[]> {
  await ensureSessionBoards(sessionId);
  return withTrioName([...boardsOfSession(sessionId)]).sort(byScopeAndTitle);
}

/** A trio's boards over all sessions of its edition (for the dossier), oldest session first. */
export async function listBoardsOfTrio(trioId: string): Promise<Array<ListedBoard & { sessionNumber: number }>> {
  const trio = getTrio(trioId);
  if (!trio) return [];
  const sessions = listSessionsOfEdition(trio.editionId);
  for (const session of sessions) await ensureSessionBoards(session.id);
  const numberOf = new Map(sessions.map((s) => [s.id, s.number]));
  return withTrioName([...boardsOfTrio(trioId)])
    .map((b) => ({ ...b, sessionNumber: numberOf.get(b.sessionId) ?? 0 }))
    .sort((a, b) => a.sessionNumber - b.sessionNumber || byScopeAndTitle(a, b));
}

/** A board that cannot be added as asked; shown beside the trio choice. */
export class BoardInputError extends DomainError {
  constructor(message: string) {
    super(message, { status: 400, field: "trioId" });
  }
}

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
