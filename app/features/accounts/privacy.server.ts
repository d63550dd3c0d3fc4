/**
 * Personal data (GDPR/AVG): a member's own data as JSON, deletion requests and
 * carrying them out, and removing an edition's personal data after it ended.
 * Records that others rely on (questions, case versions) are kept but no longer
 * point at a person: accounts are anonymised rather than removed.
 */
import { DomainError } from "~/utils/domain-error.server";
import { anonymiseBoardAuthor, deleteBoardsOfEdition } from "~/features/boards/board-privacy.server";
import { getDb } from "~/data/db.server";
import { exerciseDataOfUser, removeExerciseDataOfTrios } from "~/features/exercises/exercise-privacy.server";
import { exportHomeworkOf, removeHomeworkOfTriosIn, removeNotificationsIn } from "~/features/homework/homework-privacy.server";
import { deleteStoredFiles } from "~/data/file-store.server";
import { newId, nowIso } from "~/data/ids.server";
import type { Data, DeletionRequest, Edition } from "~/data/schema.server";
import { editionsOfPersonIn, recordAudit, recordAuditIn, removeAuditOfEditionIn } from "~/features/audit/audit.server";

export type { DeletionRequest };

export const DELETED_USER_NAME = "Verwijderde gebruiker";
/** What a question's author becomes once the edition's personal data is removed. */
export const REMOVED_AUTHOR_ID = "verwijderd";

/** Everything the platform holds about one person, for the JSON download. */
export function exportUserData(userId: string) {
  const data = getDb().data;
  const user = data.users.find((u) => u.id === userId);
  if (!user) return null;
  const { passwordHash, ...account } = user;
  const memberships = data.memberships.filter((m) => m.userId === userId);
  const trioIds = new Set(memberships.map((m) => m.trioId));
  return {
    exportedAt: nowIso(),
    account: { ...account, hasPassword: passwordHash !== null },
    memberships: memberships.map(({ id, trioId, domain, jobTitle, createdAt }) => ({ id, trioId, domain, jobTitle, createdAt })),
    // Trios this person was named in but has not joined (ADR 021).
    trioInvitations: data.trioInvitations
      .filter((i) => i.userId === userId)
      .map(({ id, trioId, domain, jobTitle, status, createdAt, expiresAt, decidedAt }) => ({
        id,
        trioId,
        domain,
        jobTitle,
        status,
        createdAt,
        expiresAt,
        decidedAt,
      })),
    trios: data.trios
      .filter((t) => trioIds.has(t.id))
      .map((t) => ({
        id: t.id,
        editionId: t.editionId,
        edition: data.editions.find((e) => e.id === t.editionId)?.name ?? null,
        municipality: t.municipality,
        status: t.status,
        caseSummary: t.caseSummary,
        shareCase: t.shareCase,
        createdAt: t.createdAt,
      })),
    caseVersions: data.cases.flatMap((c) => c.versions.filter((v) => v.savedBy === userId).map((v) => ({ trioId: c.trioId, ...v }))),
    questions: data.questions
      .filter((q) => q.authorId === userId)
      .map(({ id, sessionId, trioId, text, createdAt }) => ({ id, sessionId, trioId, text, createdAt })),
    files: data.files
      .filter((f) => f.uploadedBy === userId)
      .map(({ id, originalName, mime, size, sha256, createdAt }) => ({ id, originalName, mime, size, sha256, createdAt })),
    // Login sessions: when they started and end (never the session secret itself).
    sessions: data.authSessions.filter((s) => s.userId === userId).map(({ createdAt, expiresAt }) => ({ createdAt, expiresAt })),
    deletionRequests: data.deletionRequests
      .filter((r) => r.userId === userId)
      .map(({ createdAt, handledAt }) => ({ createdAt, handledAt })),
    exercises: exerciseDataOfUser(data, userId),
    homework: exportHomeworkOf(data, userId),
  };
}

/** The person's own download (the JSON on the account page), noted in the trail of each edition they take part in. */
export async function exportOwnData(userId: string): Promise<ReturnType<typeof exportUserData>> {
  const exported = exportUserData(userId);
  if (!exported) return exported;
  await getDb().change((data) => {
    for (const editionId of editionsOfPersonIn(data, userId)) {
      recordAuditIn(data, {
        editionId,
        kind: "personal-data.exported",
        actorId: userId,
        subjectUserIds: [userId],
        detail: "eigen gegevens gedownload (JSON)",
      });
    }
  });
  return exported;
}

/** An organiser downloads a file with personal data of the edition (contact list, audit trail). */
export function recordEditionExport(editionId: string, actorId: string, what: string): Promise<unknown> {
  return recordAudit({ editionId, kind: "personal-data.exported", actorId, detail: what });
}

export function getOpenDeletionRequest(userId: string): DeletionRequest | null {
  return getDb().data.deletionRequests.find((r) => r.userId === userId && !r.handledAt) ?? null;
}

export function listDeletionRequestsOfUser(userId: string): DeletionRequest[] {
  return getDb().data.deletionRequests.filter((r) => r.userId === userId);
}

export function listOpenDeletionRequests(): DeletionRequest[] {
  return getDb()
    .data.deletionRequests.filter((r) => !r.handledAt)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** One open request per person: asking again returns the open one. */
export async function requestDeletion(userId: string): Promise<DeletionRequest> {
  const request: DeletionRequest = { id: newId(), userId, createdAt: nowIso(), handledAt: null };
  return getDb().change((data) => {
    const open = data.deletionRequests.find((r) => r.userId === userId && !r.handledAt);
    if (open) return open;
    data.deletionRequests.push(request);
    return request;
  });
}

/** Inside a change: the person's account no longer identifies them and cannot be used. */
function anonymiseUserIn(data: Data, userId: string): void {
  const index = data.users.findIndex((u) => u.id === userId);
  if (index === -1) return;
  const email = data.users[index].email;
  data.users[index] = {
    ...data.users[index],
    name: DELETED_USER_NAME,
    email: `verwijderd-${userId.toLowerCase()}@verwijderd.invalid`,
    passwordHash: null,
  };
  data.authSessions = data.authSessions.filter((s) => s.userId !== userId);
  data.tokens = data.tokens.filter((t) => t.userId !== userId);
  data.memberships = data.memberships.filter((m) => m.userId !== userId);
  data.trioInvitations = data.trioInvitations
    .filter((i) => i.userId !== userId)
    .map((i) => (i.invitedBy === userId ? { ...i, invitedBy: null } : i));
  data.outbox = data.outbox.filter((m) => m.to !== email);
  removeNotificationsIn(data, userId);
}

export class DeletionRequestError extends DomainError {
  constructor(message: string) {
    super(message, { status: 409 });
  }
}

/** Carries out an open request: the person's data is removed, anonymous records stay. */
export async function carryOutDeletion(requestId: string, actorId: string | null = null): Promise<DeletionRequest> {
  const request = getDb().data.deletionRequests.find((r) => r.id === requestId);
  if (!request || request.handledAt) throw new DeletionRequestError("Dit verzoek bestaat niet of is al uitgevoerd.");
  const user = getDb().data.users.find((u) => u.id === request.userId);
  if (user?.role === "organiser" && getDb().data.users.filter((u) => u.role === "organiser" && u.passwordHash).length <= 1) {
    throw new DeletionRequestError("Dit is de enige actieve begeleider; nodig eerst een andere begeleider uit.");
  }
  const handledAt = nowIso();
  const handled = await getDb().change((data) => {
    // Noted in each edition the person took part in, before the links to those editions go.
    for (const editionId of editionsOfPersonIn(data, request.userId)) {
      recordAuditIn(data, {
        editionId,
        kind: "personal-data.deleted",
        actorId,
        subjectUserIds: [request.userId],
        detail: "verzoek tot verwijdering uitgevoerd; account geanonimiseerd",
        at: handledAt,
      });
    }
    anonymiseUserIn(data, request.userId);
    const index = data.deletionRequests.findIndex((r) => r.id === requestId);
    data.deletionRequests[index] = { ...data.deletionRequests[index], handledAt };
    return data.deletionRequests[index];
  });
  await anonymiseBoardAuthor(request.userId);
  return handled;
}

/** When the edition's last session ends, or null while a session is not scheduled. */
export function editionEndsAt(editionId: string): string | null {
  const sessions = getDb().data.sessions.filter((s) => s.editionId === editionId);
  if (sessions.length === 0 || sessions.some((s) => !s.endsAt)) return null;
  return sessions
    .map((s) => s.endsAt!)
    .sort()
    .at(-1)!;
}

/** The route words the message itself, with the date formatted for the reader. */
export class EditionNotEndedError extends DomainError {
  constructor(readonly endsAt: string | null) {
    super("De editie is nog niet afgelopen.", { status: 409 });
  }
}

export type AnonymousCounts = NonNullable<Edition["anonymousCounts"]>;

/**
 * Removes an edition's personal data once its last session has ended: member
 * accounts not in another edition's trio are anonymised, member links, case
 * texts and files (also on disk) and the author links of questions go. The
 * edition keeps anonymous counts. Doing it again changes nothing. `automatic`:
 * the scheduler does it because the retention period is over (retention.server.ts).
 */
export async function deleteEditionPersonalData(
  editionId: string,
  now = new Date(),
  actorId: string | null = null,
  options: { automatic?: boolean } = {},
): Promise<AnonymousCounts> {
  const data = getDb().data;
  const edition = data.editions.find((e) => e.id === editionId);
  if (!edition) throw new Error(`No edition ${editionId}`);
  if (edition.personalDataDeletedAt && edition.anonymousCounts) return edition.anonymousCounts;
  const endsAt = editionEndsAt(editionId);
  if (!endsAt || endsAt > now.toISOString()) throw new EditionNotEndedError(endsAt);

  const trios = data.trios.filter((t) => t.editionId === editionId);
  const trioIds = new Set(trios.map((t) => t.id));
  const admitted = trios.filter((t) => t.status === "admitted");
  const admittedIds = new Set(admitted.map((t) => t.id));
  const counts: AnonymousCounts = {
    trios: admitted.length,
    participants: new Set(data.memberships.filter((m) => admittedIds.has(m.trioId)).map((m) => m.userId)).size,
    municipalities: new Set(admitted.map((t) => t.municipality.trim().toLocaleLowerCase("nl"))).size,
  };
  const memberIds = new Set(data.memberships.filter((m) => trioIds.has(m.trioId)).map((m) => m.userId));
  const otherEditionMembers = new Set(data.memberships.filter((m) => !trioIds.has(m.trioId)).map((m) => m.userId));
  const toAnonymise = [...memberIds].filter(
    (id) => !otherEditionMembers.has(id) && data.users.find((u) => u.id === id)?.role === "participant",
  );
  const caseFileIds = data.cases.filter((c) => trioIds.has(c.trioId)).flatMap((c) => c.files.map((f) => f.fileId));
  const sessionIds = new Set(data.sessions.filter((s) => s.editionId === editionId).map((s) => s.id));
  const deletedAt = now.toISOString();
  let exerciseFileIds: string[] = [];

  let homeworkFileIds: string[] = [];
  await getDb().change((d) => {
    for (const userId of toAnonymise) anonymiseUserIn(d, userId);
    homeworkFileIds = removeHomeworkOfTriosIn(d, trioIds);
    d.memberships = d.memberships.filter((m) => !trioIds.has(m.trioId));
    d.trioInvitations = d.trioInvitations.filter((i) => !trioIds.has(i.trioId));
    d.cases = d.cases.filter((c) => !trioIds.has(c.trioId));
    exerciseFileIds = removeExerciseDataOfTrios(d, trioIds);
    d.questions = d.questions.map((q) =>
      sessionIds.has(q.sessionId) && q.authorId !== REMOVED_AUTHOR_ID ? { ...q, authorId: REMOVED_AUTHOR_ID } : q,
    );
    d.trios = d.trios.map((t) => (trioIds.has(t.id) ? { ...t, caseSummary: "", registeredBy: null, shareCase: false } : t));
    const index = d.editions.findIndex((e) => e.id === editionId);
    d.editions[index] = { ...d.editions[index], personalDataDeletedAt: deletedAt, anonymousCounts: counts };
    // The trail names people too: it goes with the edition's data. One entry stays as the proof of this deletion.
    removeAuditOfEditionIn(d, editionId);
    recordAuditIn(d, {
      editionId,
      kind: "personal-data.deleted",
      actorId,
      detail: `${options.automatic ? "automatisch na bewaartermijn: " : ""}persoonsgegevens van de editie verwijderd (${counts.trios} trio's, ${counts.participants} deelnemers); het logboek tot dan is mee verwijderd`,
      at: deletedAt,
    });
  });
  await deleteStoredFiles([...caseFileIds, ...exerciseFileIds, ...homeworkFileIds]);
  await deleteBoardsOfEdition(editionId);
  return counts;
}
