import { dueAtForTrio, getAssignment, type Assignment } from "./assignment.server";
import { listAdmittedTrios } from "./homework-overview.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { listFeedbackOfSubmission, type Feedback } from "./feedback.server";
import { getStoredFile } from "~/data/file-store.server";
import { getSubmission, latestVersion, type Submission, type SubmissionVersion } from "./submission.server";
import { formatBytes } from "~/features/files/format-bytes";
import type { HomeworkStatus } from "./homework-labels";
import { nameOf } from "~/features/dossier/case-view.server";
import { renderMarkdown } from "~/utils/markdown.server";

export function fileView(fileId: string) {
  const file = getStoredFile(fileId);
  return file ? { id: file.id, name: file.originalName, size: formatBytes(file.size) } : null;
}
export type HomeworkFileView = NonNullable<ReturnType<typeof fileView>>;

const files = (ids: string[]) => ids.flatMap((id) => fileView(id) ?? []);

export function feedbackView(feedback: Feedback) {
  return {
    id: feedback.id,
    versionId: feedback.versionId,
    author: nameOf(feedback.authorId),
    html: renderMarkdown(feedback.body),
    status: feedback.status,
    createdAt: feedback.createdAt,
    replies: feedback.replies.map((r) => ({ id: r.id, author: nameOf(r.authorId), body: r.body, createdAt: r.createdAt })),
  };
}
export type FeedbackView = ReturnType<typeof feedbackView>;

export function versionView(version: SubmissionVersion, number: number) {
  return {
    id: version.id,
    number,
    text: version.text,
    html: renderMarkdown(version.text),
    files: files(version.fileIds),
    submittedAt: version.submittedAt,
    submittedBy: nameOf(version.submittedBy),
    late: version.late,
  };
}
export type VersionView = ReturnType<typeof versionView>;

/** Submitted versions newest first, each with its feedback (deleted feedback left out). */
export function submissionHistory(submission: Submission | null) {
  if (!submission) return [];
  const feedback = listFeedbackOfSubmission(submission.id).map(feedbackView);
  return submission.versions
    .map((v, i) => ({ ...versionView(v, i + 1), feedback: feedback.filter((f) => f.versionId === v.id) }))
    .reverse();
}

export function draftView(submission: Submission | null) {
  return {
    text: submission?.draftText ?? "",
    revision: submission?.draftRevision ?? 0,
    savedAt: submission && (submission.draftRevision > 0 || submission.draftFileIds.length > 0) ? submission.draftSavedAt : null,
    savedBy: submission ? nameOf(submission.draftSavedBy) : null,
    files: files(submission?.draftFileIds ?? []),
  };
}

/** Where a trio stands with one session's homework (the dashboard's cells). */
export function homeworkStatus(assignment: Assignment, trioId: string, submission: Submission | null, now = new Date()): HomeworkStatus {
  const latest = latestVersion(submission);
  if (latest) {
    if (listFeedbackOfSubmission(submission!.id).some((f) => f.versionId === latest.id)) return "feedback";
    return latest.late ? "te-laat" : "ingeleverd";
  }
  const due = dueAtForTrio(assignment, trioId);
  if (due && due < now.toISOString()) return "te-laat";
  return submission && (submission.draftText.trim() || submission.draftFileIds.length > 0) ? "concept" : "niet-begonnen";
}

/** Trios × sessions: each admitted trio's status per session of the edition (the dashboard and its CSV). */
export function homeworkMatrix(editionId: string, now = new Date()) {
  const sessions = listSessionsOfEdition(editionId);
  const trios = listAdmittedTrios(editionId);
  const rows = trios.map((trio) => ({
    trio: { id: trio.id, municipality: trio.municipality },
    cells: sessions.map((session) => {
      const assignment = getAssignment(session);
      const submission = getSubmission(session.id, trio.id);
      const latest = latestVersion(submission);
      return {
        sessionId: session.id,
        status: homeworkStatus(assignment, trio.id, submission, now),
        submittedAt: latest?.submittedAt ?? null,
        versions: submission?.versions.length ?? 0,
        extended: assignment.extensions.some((e) => e.trioId === trio.id),
      };
    }),
  }));
  const columns = sessions.map((session, index) => {
    const assignment = getAssignment(session);
    const done = rows.filter((r) => ["ingeleverd", "feedback"].includes(r.cells[index].status) || r.cells[index].versions > 0).length;
    return { id: session.id, number: session.number, title: session.title, dueAt: assignment.dueAt, submitted: done, total: rows.length };
  });
  return { columns, rows };
}

/** A trio's homework per session, for the block in the trio's dossier. */
export function homeworkOfTrio(trioId: string, editionId: string) {
  return listSessionsOfEdition(editionId).map((session) => {
    const assignment = getAssignment(session);
    return {
      sessionId: session.id,
      number: session.number,
      title: session.title,
      dueAt: dueAtForTrio(assignment, trioId),
      status: homeworkStatus(assignment, trioId, getSubmission(session.id, trioId)),
    };
  });
}

/** Where the session page links for its homework: the trio's hand-in, or the list for reviewers (null: none). */
export function homeworkLinkFor(
  role: "organiser" | "speaker" | "participant",
  sessionId: string,
  trioId: string | null,
  speakerMayGiveFeedback: boolean,
): string | null {
  if (role === "participant") return trioId ? `/trios/${trioId}/huiswerk/${sessionId}` : null;
  if (role === "speaker" && !speakerMayGiveFeedback) return null;
  return `/sessies/${sessionId}/huiswerk`;
}
