/**
 * What the server pushes about the desk, used by the socket handlers and the form
 * posts alike. Values go to the trio's own room only; organisers get progress
 * (no values); all desks go to the edition room only after the reveal.
 */
import { deskProgress, deskReveal, type AppliedMove, type DeskRun } from "./desk.server";
import { DeskEvent, deskRooms, type SliderBroadcast } from "./desk-protocol";
import { getIo } from "~/realtime/io.server";
import type { AppSocket } from "~/realtime/registry.server";

/**
 * `from`: the socket that made the moves. It learns the versions from its ack, and
 * must not get its own moves back: they could arrive after the hand moved on and
 * pull the fader back.
 */
export function broadcastMoves(run: DeskRun, trioId: string, by: string, applied: AppliedMove[], from?: AppSocket): void {
  const io = getIo();
  if (!io) return;
  const room = deskRooms.trio(run.id, trioId);
  for (const { category, slider } of applied) {
    const message: SliderBroadcast = {
      runId: run.id,
      trioId,
      category,
      value: slider.value,
      reason: slider.reason,
      version: slider.version,
      by,
    };
    (from ? from.to(room) : io.to(room)).emit(DeskEvent.slider, message);
  }
  if (applied.length > 0) broadcastProgress(run);
}

export function broadcastDone(run: DeskRun, trioId: string, done: boolean): void {
  getIo()?.to(deskRooms.trio(run.id, trioId)).emit(DeskEvent.trioDone, { runId: run.id, trioId, done });
  broadcastProgress(run);
}

export function broadcastProgress(run: DeskRun): void {
  getIo()?.to(deskRooms.organisers(run.id)).emit(DeskEvent.progress, deskProgress(run));
}

/** After open/close/reveal/anonymise: everyone watching learns the run's state; desks only once revealed. */
export function broadcastRunState(run: DeskRun): void {
  const io = getIo();
  if (!io) return;
  const state = { runId: run.id, open: run.open, revealed: Boolean(run.revealedAt), anonymised: run.anonymised };
  io.to(deskRooms.edition(run.editionId)).emit(DeskEvent.state, state);
  const reveal = deskReveal(run);
  if (reveal) io.to(deskRooms.edition(run.editionId)).emit(DeskEvent.revealed, reveal);
}
