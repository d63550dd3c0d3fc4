/**
 * The facts the access policy is built from: who is a member of which admitted
 * trio, who speaks in which edition. Read straight from the data, never cached,
 * so a rule asked again after a change sees the change.
 */
import type { BoardRole } from "~/features/boards/board-protocol";
import { getSession, listSessionsOfSpeaker } from "~/features/programme/session.server";
import { getTrio, listMembershipsOfUser } from "~/features/registration/trio.server";
import type { Board } from "~/features/boards/board.server";
import type { Session, Trio } from "~/data/schema.server";

export type { BoardRole };

export const BoardRoles = { facilitate: "facilitate", edit: "edit", view: "view" } as const satisfies Record<BoardRole, BoardRole>;

/** The user's admitted trio in an edition, if any (a person is in at most one trio per edition). */
export function memberTrioInEdition(userId: string, editionId: string): Trio | null {
  for (const membership of listMembershipsOfUser(userId)) {
    const trio = getTrio(membership.trioId);
    if (trio && trio.editionId === editionId && trio.status === "admitted") return trio;
  }
  return null;
}

/** Whether the user is a linked speaker of at least one session of the edition. */
export function speaksInEdition(userId: string, editionId: string): boolean {
  return listSessionsOfSpeaker(userId).some((s) => s.editionId === editionId);
}

export function sessionOfBoard(board: Pick<Board, "sessionId">): Session | null {
  return getSession(board.sessionId);
}
