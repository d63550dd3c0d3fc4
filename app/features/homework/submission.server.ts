import { DomainError } from "~/utils/domain-error.server";
import { findCaseOfFile } from "~/features/dossier/case.server";
import { getDb } from "~/data/db.server";
import { groupedBy } from "~/data/indexes.server";

const submissionsOfTrio = groupedBy("submissions", (s) => s.trioId);
const submissionsOfSession = groupedBy("submissions", (s) => s.sessionId);
import { ArchivedEditionError, getEdition } from "~/features/programme/edition.server";
import type { Assignment, Submission, SubmissionVersion } from "~/data/homework-schema.server";
import { dueAtForTrio } from "./assignment.server";
import { newId, nowIso } from "~/data/ids.server";
import type { Session } from "~/data/schema.server";

export type { Submission, SubmissionVersion };

export const MAX_SUBMISSION_FILES = 20;

/** A refusal with the HTTP status it deserves and a Dutch message. */
export class SubmissionError extends DomainError {
  constructor(status: 400 | 403 | 404 | 409 | 410, message: string, field = "form") {
    super(message, { status, field });
  }
}

/** Homework of an archived edition (or one whose personal data is gone) can no longer change. */
export function assertHomeworkOpen(editionId: string): void {
  const edition = getEdition(editionId);
  if (!edition || edition.archivedAt) throw new ArchivedEditionError();
  if (edition.personalDataDeletedAt) throw new SubmissionError(409, "Deze editie is afgesloten; huiswerk inleveren kan niet meer.");
}

export function getSubmission(sessionId: string, trioId: string): Submission | null {
  return submissionsOfTrio(trioId).find((s) => s.sessionId === sessionId) ?? null;
}

export function getSubmissionById(id: string): Submission | null {
  return getDb().data.submissions.find((s) => s.id === id) ?? null;
}

export function listSubmissionsOfSession(sessionId: string): Submission[] {
  return [...submissionsOfSession(sessionId)];
}

export function latestVersion(submission: Submission | null): SubmissionVersion | null {
  return submission?.versions[submission.versions.length - 1] ?? null;
}

/** The submission (and trio) a stored file belongs to, if it is a homework file. */
export function findSubmissionOfFile(fileId: string): Submission | null {
  return (
    getDb().data.submissions.find((s) => s.draftFileIds.includes(fileId) || s.versions.some((v) => v.fileIds.includes(fileId))) ?? null
  );
}

function blankSubmission(sessionId: string, trioId: string, userId: string, now: string): Submission {
  return {
    id: newId(),
    sessionId,
    trioId,
    draftText: "",
    draftFileIds: [],
    draftRevision: 0,
    draftSavedAt: now,
    draftSavedBy: userId,
    versions: [],
    createdAt: now,
  };
}

/** Replaces (or adds) the trio's submission inside one synchronous change, so checks and write cannot interleave. */
function changeSubmission<R>(
  session: Session,
  trioId: string,
  userId: string,
  mutate: (current: Submission, now: string) => { next: Submission; result: R },
): Promise<R> {
  assertHomeworkOpen(session.editionId);
  return getDb().change((data) => {
    const now = nowIso();
    const index = data.submissions.findIndex((s) => s.sessionId === session.id && s.trioId === trioId);
    const current = index === -1 ? blankSubmission(session.id, trioId, userId, now) : data.submissions[index];
    const { next, result } = mutate(current, now);
    if (next !== current) {
      if (index === -1) data.submissions.push(next);
      else data.submissions[index] = next;
    }
    return result;
  });
}

export type DraftSaveResult = { ok: true; submission: Submission } | { ok: false; current: Submission };

/**
 * Saves the shared draft text. `baseRevision` is the revision the editor started
 * from: when someone else saved in between, nothing is written and the other
 * version comes back, so the member can merge instead of overwriting it.
 */
export function saveDraft(session: Session, trioId: string, userId: string, text: string, baseRevision: number): Promise<DraftSaveResult> {
  return changeSubmission<DraftSaveResult>(session, trioId, userId, (current, now) => {
    if (current.draftRevision !== baseRevision) return { next: current, result: { ok: false, current } };
    if (current.draftText === text) return { next: current, result: { ok: true, submission: current } };
    const next = { ...current, draftText: text, draftRevision: current.draftRevision + 1, draftSavedAt: now, draftSavedBy: userId };
    return { next, result: { ok: true, submission: next } };
  });
}

function fileInUse(fileId: string): boolean {
  const { materials } = getDb().data;
  return Boolean(
    findCaseOfFile(fileId) || findSubmissionOfFile(fileId) || materials.some((m) => m.revisions.some((r) => r.fileId === fileId)),
  );
}

export function addDraftFile(session: Session, trioId: string, userId: string, fileId: string): Promise<Submission> {
  const file = getDb().data.files.find((f) => f.id === fileId);
  if (!file || file.uploadedBy !== userId) throw new SubmissionError(400, "Dit bestand is niet gevonden; upload het opnieuw.", "file");
  if (fileInUse(fileId)) throw new SubmissionError(409, "Dit bestand hoort al ergens bij.", "file");
  return changeSubmission(session, trioId, userId, (current, now) => {
    if (current.draftFileIds.length >= MAX_SUBMISSION_FILES)
      throw new SubmissionError(400, `Een inzending heeft hoogstens ${MAX_SUBMISSION_FILES} bestanden.`, "file");
    const next = { ...current, draftFileIds: [...current.draftFileIds, fileId], draftSavedAt: now, draftSavedBy: userId };
    return { next, result: next };
  });
}

/** Takes a file out of the draft; submitted versions keep theirs. */
export function removeDraftFile(session: Session, trioId: string, userId: string, fileId: string): Promise<Submission> {
  return changeSubmission(session, trioId, userId, (current, now) => {
    if (!current.draftFileIds.includes(fileId)) throw new SubmissionError(404, "Dit bestand hoort niet (meer) bij deze inzending.", "file");
    const next = { ...current, draftFileIds: current.draftFileIds.filter((id) => id !== fileId), draftSavedAt: now, draftSavedBy: userId };
    return { next, result: next };
  });
}

/**
 * Hands in the current draft as a new version. Every version is kept; one after
 * the due date that applies to the trio (its extension, if any) is marked late.
 */
export function submitDraft(
  session: Session,
  assignment: Assignment,
  trioId: string,
  userId: string,
  now = new Date(),
): Promise<SubmissionVersion> {
  return changeSubmission(session, trioId, userId, (current) => {
    const hasText = current.draftText.trim().length > 0;
    const hasFiles = current.draftFileIds.length > 0;
    if (assignment.expects === "text" && !hasText)
      throw new SubmissionError(400, "Schrijf eerst jullie antwoord; deze opdracht vraagt om tekst.", "text");
    if (assignment.expects === "files" && !hasFiles)
      throw new SubmissionError(400, "Voeg eerst een bestand toe; deze opdracht vraagt om een bestand.", "file");
    if (assignment.expects === "both" && !hasText && !hasFiles)
      throw new SubmissionError(400, "Er is nog niets om in te leveren: schrijf een antwoord of voeg een bestand toe.", "text");
    const previous = latestVersion(current);
    if (previous && previous.text === current.draftText && previous.fileIds.join() === current.draftFileIds.join()) {
      throw new SubmissionError(409, "Deze versie is al ingeleverd. Pas eerst iets aan om een nieuwe versie in te leveren.");
    }
    const dueAt = dueAtForTrio(assignment, trioId);
    const submittedAt = nowIso(now);
    const version: SubmissionVersion = {
      id: newId(),
      text: current.draftText,
      fileIds: [...current.draftFileIds],
      submittedAt,
      submittedBy: userId,
      dueAt,
      late: Boolean(dueAt && submittedAt > dueAt),
    };
    return { next: { ...current, versions: [...current.versions, version] }, result: version };
  });
}
