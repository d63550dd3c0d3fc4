/**
 * The schuifoefening (mixing desk): runs per session, one answer per trio per run.
 * The rules that keep answers private and consistent live here, so the socket
 * handlers and the form posts enforce exactly the same thing.
 */
import { announce } from "~/utils/announcements.server";
import { DomainError } from "~/utils/domain-error.server";
import type { DeskView, ProgressView, RevealView, SliderView } from "./desk-protocol";
import { DESK_MIDDLE, deskCategories, type DeskCategory } from "./exercise-content";
import { getDb } from "~/data/db.server";
import { ArchivedEditionError, isArchived } from "~/features/programme/edition.server";
import type { DeskAnswer, DeskRun, DeskSlider } from "~/data/exercise-schema.server";
import { newId, nowIso } from "~/data/ids.server";
import type { Data, Session, Trio } from "~/data/schema.server";
import { recordAuditIn } from "~/features/audit/audit.server";
import { getSession } from "~/features/programme/session.server";

export type { DeskAnswer, DeskRun, DeskSlider };

export type DeskErrorCode = "forbidden" | "closed" | "not_found";

const deskErrorStatus: Record<DeskErrorCode, number> = { forbidden: 403, closed: 409, not_found: 404 };

/** A refusal with a Dutch message; callers map it to an ack code or an HTTP status. */
export class DeskError extends DomainError {
  constructor(
    readonly code: DeskErrorCode,
    message: string,
  ) {
    super(message, { status: deskErrorStatus[code] });
  }
}

export function getDeskRun(id: string): DeskRun | null {
  return getDb().data.deskRuns.find((r) => r.id === id) ?? null;
}

export function getDeskRunOfSession(sessionId: string): DeskRun | null {
  return getDb().data.deskRuns.find((r) => r.sessionId === sessionId) ?? null;
}

/** Runs of an edition in session order (the desk can be repeated in a later session). */
export function listDeskRunsOfEdition(editionId: string): Array<{ run: DeskRun; session: Session }> {
  const { deskRuns, sessions } = getDb().data;
  return deskRuns
    .filter((r) => r.editionId === editionId)
    .flatMap((run) => {
      const session = sessions.find((s) => s.id === run.sessionId);
      return session ? [{ run, session }] : [];
    })
    .sort((a, b) => a.session.number - b.session.number);
}

function replaceRun(runId: string, patch: Partial<DeskRun>, audit?: (data: Data, run: DeskRun) => void): Promise<DeskRun> {
  const written = getDb().change((data) => {
    const index = data.deskRuns.findIndex((r) => r.id === runId);
    if (index === -1) throw new DeskError("not_found", "Deze schuifoefening bestaat niet.");
    const before = data.deskRuns[index];
    data.deskRuns[index] = { ...before, ...patch };
    if (!before.revealedAt) audit?.(data, data.deskRuns[index]);
    return data.deskRuns[index];
  });
  // The projector follows a reveal as soon as it is in the store.
  announce({ kind: "desk", runId });
  return written;
}

/** Opens the desk for a session (creating the run the first time). */
export async function openDeskRun(session: Session, userId: string): Promise<DeskRun> {
  const existing = getDeskRunOfSession(session.id);
  if (existing) return replaceRun(existing.id, { open: true, revealedAt: null });
  const run: DeskRun = {
    id: newId(),
    editionId: session.editionId,
    sessionId: session.id,
    open: true,
    revealedAt: null,
    anonymised: false,
    openedAt: nowIso(),
    openedBy: userId,
  };
  return getDb().change((data) => {
    data.deskRuns.push(run);
    return run;
  });
}

export function closeDeskRun(runId: string): Promise<DeskRun> {
  return replaceRun(runId, { open: false });
}

/** Revealing closes the run: answers are final once everyone sees them. A reveal goes into the audit trail (`actorId`). */
export function setDeskRevealed(runId: string, revealed: boolean, actorId: string | null = null): Promise<DeskRun> {
  if (!revealed) return replaceRun(runId, { revealedAt: null });
  return replaceRun(runId, { revealedAt: nowIso(), open: false }, (data, run) =>
    recordAuditIn(data, {
      editionId: run.editionId,
      kind: "desk.revealed",
      actorId,
      sessionId: run.sessionId,
      detail: run.anonymised ? "zonder namen van gemeenten" : "met namen van gemeenten",
      at: run.revealedAt ?? undefined,
    }),
  );
}

export function setDeskAnonymised(runId: string, anonymised: boolean): Promise<DeskRun> {
  return replaceRun(runId, { anonymised });
}

export function emptySlider(): DeskSlider {
  return { value: DESK_MIDDLE, reason: "", version: 0, updatedBy: null, updatedAt: null };
}

function emptyAnswer(runId: string, trioId: string): DeskAnswer {
  return {
    id: newId(),
    runId,
    trioId,
    sliders: Object.fromEntries(deskCategories.map((c) => [c, emptySlider()])) as DeskAnswer["sliders"],
    doneAt: null,
  };
}

export function getDeskAnswer(runId: string, trioId: string): DeskAnswer | null {
  return getDb().data.deskAnswers.find((a) => a.runId === runId && a.trioId === trioId) ?? null;
}

export function toDeskView(answer: DeskAnswer | null): DeskView {
  const sliders = answer?.sliders;
  return Object.fromEntries(
    deskCategories.map((c) => {
      const s = sliders?.[c] ?? emptySlider();
      return [c, { value: s.value, reason: s.reason, version: s.version } satisfies SliderView];
    }),
  ) as DeskView;
}

function requireOpen(runId: string): DeskRun {
  const run = getDeskRun(runId);
  if (!run) throw new DeskError("not_found", "Deze schuifoefening bestaat niet.");
  if (!run.open) throw new DeskError("closed", "De schuifoefening is gesloten; wijzigingen worden niet meer bewaard.");
  const session = getSession(run.sessionId);
  if (session && isArchived(session.editionId)) throw new DeskError("closed", new ArchivedEditionError().message);
  return run;
}

export type AppliedMove = { category: DeskCategory; slider: DeskSlider };

/**
 * Applies moves to one trio's desk, atomically. Each changed slider gets the next
 * version (last writer wins in arrival order); an unchanged one keeps its version.
 * A reason left out keeps the stored reason.
 */
export async function moveSliders(
  runId: string,
  trioId: string,
  userId: string,
  moves: Array<{ category: DeskCategory; value: number; reason?: string }>,
): Promise<AppliedMove[]> {
  requireOpen(runId);
  const now = nowIso();
  return getDb().change((data) => {
    let index = data.deskAnswers.findIndex((a) => a.runId === runId && a.trioId === trioId);
    if (index === -1) index = data.deskAnswers.push(emptyAnswer(runId, trioId)) - 1;
    const answer = data.deskAnswers[index];
    const sliders = { ...answer.sliders };
    const applied: AppliedMove[] = [];
    for (const move of moves) {
      const current = sliders[move.category];
      const reason = move.reason ?? current.reason;
      if (current.version > 0 && current.value === move.value && current.reason === reason) continue;
      sliders[move.category] = { value: move.value, reason, version: current.version + 1, updatedBy: userId, updatedAt: now };
      applied.push({ category: move.category, slider: sliders[move.category] });
    }
    data.deskAnswers[index] = { ...answer, sliders };
    return applied;
  });
}

export async function setDeskDone(runId: string, trioId: string, done: boolean): Promise<DeskAnswer> {
  requireOpen(runId);
  return getDb().change((data) => {
    let index = data.deskAnswers.findIndex((a) => a.runId === runId && a.trioId === trioId);
    if (index === -1) index = data.deskAnswers.push(emptyAnswer(runId, trioId)) - 1;
    data.deskAnswers[index] = { ...data.deskAnswers[index], doneAt: done ? nowIso() : null };
    return data.deskAnswers[index];
  });
}

function admittedTrios(editionId: string): Trio[] {
  return getDb()
    .data.trios.filter((t) => t.editionId === editionId && t.status === "admitted")
    .sort((a, b) => a.municipality.localeCompare(b.municipality, "nl"));
}

/** Who is done and how many sliders each trio moved: never the values. */
export function deskProgress(run: DeskRun): ProgressView {
  return {
    runId: run.id,
    trios: admittedTrios(run.editionId).map((trio) => {
      const answer = getDeskAnswer(run.id, trio.id);
      return {
        trioId: trio.id,
        municipality: trio.municipality,
        moved: answer ? deskCategories.filter((c) => answer.sliders[c].version > 0).length : 0,
        done: Boolean(answer?.doneAt),
      };
    }),
  };
}

/** Letters for anonymised trios, in a fixed order (by id) that does not follow the municipality names. */
function anonymousLabels(trios: Trio[]): Map<string, string> {
  const sorted = [...trios].sort((a, b) => (a.id < b.id ? -1 : 1));
  return new Map(sorted.map((t, i) => [t.id, `Gemeente ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ""}`]));
}

/** All trios' desks of a revealed run (trios that answered), labelled or anonymised. Null before the reveal. */
export function deskReveal(run: DeskRun): RevealView | null {
  if (!run.revealedAt) return null;
  const trios = admittedTrios(run.editionId).filter((t) => getDeskAnswer(run.id, t.id));
  const labels = anonymousLabels(trios);
  const desks = trios.map((trio) => ({
    trioId: trio.id,
    label: run.anonymised ? labels.get(trio.id)! : trio.municipality,
    desk: toDeskView(getDeskAnswer(run.id, trio.id)),
  }));
  if (run.anonymised) desks.sort((a, b) => a.label.localeCompare(b.label, "nl"));
  return { runId: run.id, revealed: true, anonymised: run.anonymised, desks };
}

/** A trio's own desk in every run of its edition, in session order (for "how did we move"). */
export function deskHistoryOfTrio(
  trio: Trio,
): Array<{ runId: string; sessionNumber: number; sessionTitle: string; desk: DeskView; answered: boolean }> {
  return listDeskRunsOfEdition(trio.editionId).map(({ run, session }) => {
    const answer = getDeskAnswer(run.id, trio.id);
    return {
      runId: run.id,
      sessionNumber: session.number,
      sessionTitle: session.title,
      desk: toDeskView(answer),
      answered: Boolean(answer),
    };
  });
}
