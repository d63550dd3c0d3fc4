/**
 * The schuifoefening (mixing desk) realtime contract, shared by server and browser
 * (no server imports). Server handlers: desk-handlers.server.ts. Documented in
 * docs/realtime.md ("Schuifoefening").
 *
 * Model: each slider of a trio's desk carries a server-assigned `version`. Every
 * accepted move gets the slider's next version (last writer wins, in the order the
 * server receives moves), and is broadcast to that trio's members only. A client
 * applies a broadcast slider when its version is above the one it holds, so all
 * members converge on the server's state whatever order messages cross in.
 */
import { z } from "zod";
import { DESK_MAX, DESK_MIN, DESK_REASON_MAX, deskCategories } from "./exercise-content";

export const DeskEvent = {
  // client → server (each answered in an ack, see app/realtime/events.ts `Ack`)
  join: "desk:join",
  leave: "desk:leave",
  move: "desk:move",
  done: "desk:done",
  reveal: "desk:reveal",
  // server → client
  slider: "desk:slider",
  trioDone: "desk:trio-done",
  progress: "desk:progress",
  revealed: "desk:revealed",
  state: "desk:state",
} as const;

export const DeskLimits = {
  /** A dragging hand sends many moves; 20 per second sustained is plenty for a fader. */
  MOVE_BURST: 40,
  MOVE_PER_SECOND: 20,
  /** The largest move as JSON: the reason (500 characters, up to 4 bytes each) and some room. */
  MAX_MOVE_BYTES: 4 * 1024,
  /** Browsers send a drag's moves at most this often. */
  MOVE_THROTTLE_MS: 100,
} as const;

const runId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ongeldige oefening");
const trioId = runId;

export const deskPayloads = {
  [DeskEvent.join]: z.object({ runId }).strict(),
  [DeskEvent.leave]: z.object({ runId }).strict(),
  [DeskEvent.move]: z
    .object({
      exerciseId: runId,
      trioId: trioId.optional(),
      category: z.enum(deskCategories, { errorMap: () => ({ message: "onbekende schuif" }) }),
      value: z
        .number({ invalid_type_error: "de stand moet een getal zijn" })
        .int("de stand moet een geheel getal zijn")
        .min(DESK_MIN, `de stand moet tussen ${DESK_MIN} en ${DESK_MAX} liggen`)
        .max(DESK_MAX, `de stand moet tussen ${DESK_MIN} en ${DESK_MAX} liggen`),
      reason: z.string().max(DESK_REASON_MAX, `de toelichting mag hoogstens ${DESK_REASON_MAX} tekens zijn`).optional(),
      baseVersion: z.number().int().min(0),
    })
    .strict(),
  [DeskEvent.done]: z.object({ runId, trioId: trioId.optional(), done: z.boolean() }).strict(),
  [DeskEvent.reveal]: z.object({ runId, revealed: z.boolean() }).strict(),
} as const;

export type DeskMove = z.infer<(typeof deskPayloads)[typeof DeskEvent.move]>;

/** What clients receive. */
export type SliderView = { value: number; reason: string; version: number };
export type DeskView = Record<(typeof deskCategories)[number], SliderView>;
export type SliderBroadcast = { runId: string; trioId: string; category: (typeof deskCategories)[number] } & SliderView & { by: string };
export type ProgressView = { runId: string; trios: Array<{ trioId: string; municipality: string; moved: number; done: boolean }> };
export type RevealedDesk = { trioId: string; label: string; desk: DeskView };
export type RevealView = { runId: string; revealed: boolean; anonymised: boolean; desks: RevealedDesk[] };
/** Ack of desk:join. `desk` only for a trio member (own trio), `progress` only for organisers, `reveal` once revealed. */
/** `desk:trio-done`: a trio marked its desk done (or not). */
export type TrioDoneView = { runId: string; trioId: string; done: boolean };
/** `desk:state`: the run was opened, closed, revealed, hidden or anonymised. */
export type RunStateView = { runId: string; open: boolean; revealed: boolean; anonymised: boolean };
export type JoinView = {
  runId: string;
  open: boolean;
  trioId: string | null;
  desk: DeskView | null;
  done: boolean;
  progress: ProgressView | null;
  reveal: RevealView | null;
};

/** Rooms used by the desk (server-side names; clients cannot join them with room:join). */
export const deskRooms = {
  trio: (runId: string, trioId: string) => `desk:${runId}:trio:${trioId}`,
  organisers: (runId: string) => `desk:${runId}:organisers`,
  edition: (editionId: string) => `edition:${editionId}`,
};
