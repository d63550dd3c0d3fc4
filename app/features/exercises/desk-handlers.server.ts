import {
  DeskError,
  closeDeskRun,
  deskProgress,
  deskReveal,
  getDeskAnswer,
  getDeskRun,
  moveSliders,
  setDeskDone,
  setDeskRevealed,
  toDeskView,
  type DeskRun,
} from "./desk.server";
import { memberTrioInEdition } from "~/access/facts.server";
import { decide, Messages } from "~/access/policy.server";
import { getSession } from "~/features/programme/session.server";
import type { User } from "~/features/accounts/user.server";
import type { DisconnectHook, HandlerTable } from "~/realtime/registry.server";
import { broadcastDone, broadcastMoves, broadcastRunState } from "./desk-broadcast.server";
import { DeskEvent, DeskLimits, deskPayloads, deskRooms, type JoinView } from "./desk-protocol";
import { allowOrRefuse, defineHandler, RealtimeError } from "~/realtime/registry.server";
import { defineWatchable, unwatch, watch } from "~/realtime/watch.server";

/** Runs a model call and turns its refusal into the ack's error. */
async function guarded<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DeskError) throw new RealtimeError("forbidden", error.message);
    throw error;
  }
}

function runOrRefuse(runId: string): DeskRun {
  const run = getDeskRun(runId);
  if (!run) throw new RealtimeError("forbidden", "Deze schuifoefening bestaat niet of je hebt er geen toegang toe.");
  return run;
}

/**
 * A desk run's rooms follow the "desk.watch" rule: the edition room (the reveal),
 * the own trio's desk room for its members, the progress room for organisers.
 */
defineWatchable("desk", {
  rooms: (user, runId) => {
    const run = getDeskRun(runId);
    const decision = run ? decide(user, "desk.watch", run) : null;
    if (!run || !decision?.allowed) return { refused: { allowed: false, status: 404, message: Messages.deskNotFound } };
    const rooms = [deskRooms.edition(run.editionId)];
    const trio = user.role === "participant" ? memberTrioInEdition(user.id, run.editionId) : null;
    if (trio) rooms.push(deskRooms.trio(run.id, trio.id));
    if (user.role === "organiser") rooms.push(deskRooms.organisers(run.id));
    return { rooms };
  },
});

/** The moving user's own trio on this run, or the policy's refusal. */
function moverTrio(user: User, run: DeskRun, trioId?: string) {
  allowOrRefuse(user, "desk.move", { run, trioId });
  return memberTrioInEdition(user.id, run.editionId)!;
}

const moveRate = { name: "desk-move", burst: DeskLimits.MOVE_BURST, perSecond: DeskLimits.MOVE_PER_SECOND };

/** Exercise events (issue 7): the mixing desk. See desk-protocol.ts and docs/realtime.md. */
export const deskHandlers: HandlerTable = {
  [DeskEvent.leave]: defineHandler({
    schema: deskPayloads[DeskEvent.leave],
    handle: (socket, user, { runId }) => ({ left: unwatch(socket, user, "desk", runId) }),
  }),
  [DeskEvent.join]: defineHandler({
    schema: deskPayloads[DeskEvent.join],
    handle: (socket, user, { runId }) =>
      guarded(async (): Promise<JoinView> => {
        const run = runOrRefuse(runId);
        watch(socket, user, "desk", run.id);
        const trio = user.role === "participant" ? memberTrioInEdition(user.id, run.editionId) : null;
        const answer = trio ? getDeskAnswer(run.id, trio.id) : null;
        return {
          runId: run.id,
          open: run.open,
          trioId: trio?.id ?? null,
          desk: trio ? toDeskView(answer) : null,
          done: Boolean(answer?.doneAt),
          progress: user.role === "organiser" ? deskProgress(run) : null,
          reveal: deskReveal(run),
        };
      }),
  }),
  [DeskEvent.move]: defineHandler({
    schema: deskPayloads[DeskEvent.move],
    rate: moveRate,
    maxBytes: DeskLimits.MAX_MOVE_BYTES,
    handle: (socket, user, move) =>
      guarded(async () => {
        const run = runOrRefuse(move.exerciseId);
        const trio = moverTrio(user, run, move.trioId);
        const applied = await moveSliders(run.id, trio.id, user.id, [{ category: move.category, value: move.value, reason: move.reason }]);
        broadcastMoves(run, trio.id, user.name, applied, socket);
        const slider = getDeskAnswer(run.id, trio.id)!.sliders[move.category];
        // The client learns whether its move was made on a stale view (someone moved in between).
        return {
          category: move.category,
          value: slider.value,
          reason: slider.reason,
          version: slider.version,
          stale: move.baseVersion < slider.version - (applied.length > 0 ? 1 : 0),
        };
      }),
  }),
  [DeskEvent.done]: defineHandler({
    schema: deskPayloads[DeskEvent.done],
    handle: (_socket, user, { runId, trioId, done }) =>
      guarded(async () => {
        const run = runOrRefuse(runId);
        const trio = moverTrio(user, run, trioId);
        await setDeskDone(run.id, trio.id, done);
        broadcastDone(run, trio.id, done);
        return { done };
      }),
  }),
  [DeskEvent.reveal]: defineHandler({
    schema: deskPayloads[DeskEvent.reveal],
    handle: (_socket, user, { runId, revealed }) =>
      guarded(async () => {
        const run = runOrRefuse(runId);
        const session = getSession(run.sessionId);
        if (!session) throw new RealtimeError("forbidden", Messages.deskNotFound);
        allowOrRefuse(user, "desk.facilitate", session);
        const updated = revealed
          ? await setDeskRevealed(run.id, true, user.id)
          : await setDeskRevealed(run.id, false).then(() => closeDeskRun(run.id));
        broadcastRunState(updated);
        return { revealed: Boolean(updated.revealedAt) };
      }),
  }),
};
export const deskDisconnectHooks: DisconnectHook[] = [];
