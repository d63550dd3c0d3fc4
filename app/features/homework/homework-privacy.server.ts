/** Homework's part of personal data: export, and removal with a person or an edition (called from privacy.server.ts). */
import type { Data } from "~/data/schema.server";

/** What one person wrote in homework: submitted versions, feedback, replies. */
export function exportHomeworkOf(data: Data, userId: string) {
  return {
    submittedVersions: data.submissions.flatMap((s) =>
      s.versions
        .filter((v) => v.submittedBy === userId)
        .map((v) => ({ sessionId: s.sessionId, trioId: s.trioId, text: v.text, submittedAt: v.submittedAt, late: v.late })),
    ),
    feedback: data.feedback
      .filter((f) => f.authorId === userId)
      .map((f) => ({ submissionId: f.submissionId, body: f.body, status: f.status, createdAt: f.createdAt })),
    feedbackReplies: data.feedback.flatMap((f) =>
      f.replies.filter((r) => r.authorId === userId).map((r) => ({ feedbackId: f.id, body: r.body, createdAt: r.createdAt })),
    ),
  };
}

/** Inside a change: the person's notifications go (they only pointed the person somewhere). */
export function removeNotificationsIn(data: Data, userId: string): void {
  data.notifications = data.notifications.filter((n) => n.userId !== userId);
}

/** Inside a change: the trios' drafts, versions and the feedback on them go; returns the files to delete. */
export function removeHomeworkOfTriosIn(data: Data, trioIds: Set<string>): string[] {
  const removed = data.submissions.filter((s) => trioIds.has(s.trioId));
  const submissionIds = new Set(removed.map((s) => s.id));
  data.submissions = data.submissions.filter((s) => !submissionIds.has(s.id));
  data.feedback = data.feedback.filter((f) => !submissionIds.has(f.submissionId));
  return [...new Set(removed.flatMap((s) => [...s.draftFileIds, ...s.versions.flatMap((v) => v.fileIds)]))];
}
