import type { LoaderFunctionArgs } from "@remix-run/node";
import { getBoard } from "~/features/boards/board.server";
import { boardRole } from "~/access/policy.server";
import { boardIdSchema } from "~/features/boards/board-protocol";
import { getBoardRoom } from "~/features/boards/board-room.server";
import { getOptionalUser } from "~/features/accounts/auth.server";

/**
 * The authoritative state of a board (BoardState of board-protocol.ts) for a
 * client that has just sent board:join: JSON, compressed by the compression
 * middleware, never cached. Someone who may not open the board gets the same
 * 404 as for an id that does not exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const started = performance.now();
  const user = await getOptionalUser(request);
  if (!user) return new Response("Log opnieuw in om dit bord te openen.", { status: 401, headers: { "Cache-Control": "no-store" } });
  const boardId = boardIdSchema.safeParse(params.boardId);
  const board = boardId.success ? getBoard(boardId.data) : null;
  const role = board ? boardRole(user, board) : null;
  if (!board || !role)
    return new Response("Dit bord bestaat niet of je hebt er geen toegang toe.", { status: 404, headers: { "Cache-Control": "no-store" } });
  const room = await getBoardRoom(board);
  const body = room.stateJson(board, user.id, role);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      // How long the server took to build the state (the benchmark reads it).
      "Server-Timing": `state;dur=${(performance.now() - started).toFixed(1)}`,
    },
  });
}
