import { getDb } from "~/data/db.server";
import { groupedBy } from "~/data/indexes.server";

const feedbackOfSubmission = groupedBy("feedback", (f) => f.submissionId);
import type { Feedback } from "~/data/homework-schema.server";
import { feedbackStatuses } from "~/data/homework-schema.server";
import { newId, nowIso } from "~/data/ids.server";
import { assertHomeworkOpen, getSubmissionById, SubmissionError } from "./submission.server";
import { getSession } from "~/features/programme/session.server";

export type { Feedback };
export type FeedbackStatus = (typeof feedbackStatuses)[number];
export { feedbackStatuses };

export function listFeedbackOfSubmission(submissionId: string, options: { includeDeleted?: boolean } = {}): Feedback[] {
  return feedbackOfSubmission(submissionId)
    .filter((f) => options.includeDeleted || !f.deletedAt)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function getFeedback(id: string): Feedback | null {
  return getDb().data.feedback.find((f) => f.id === id) ?? null;
}

function editionOfSubmission(submissionId: string): string {
  const submission = getSubmissionById(submissionId);
  const session = submission ? getSession(submission.sessionId) : null;
  if (!submission || !session) throw new SubmissionError(404, "Deze inzending bestaat niet.");
  return session.editionId;
}

export async function giveFeedback(input: {
  submissionId: string;
  versionId: string;
  authorId: string;
  body: string;
  status: FeedbackStatus;
}): Promise<Feedback> {
  assertHomeworkOpen(editionOfSubmission(input.submissionId));
  const submission = getSubmissionById(input.submissionId)!;
  if (!submission.versions.some((v) => v.id === input.versionId))
    throw new SubmissionError(404, "Deze versie van de inzending bestaat niet.");
  const feedback: Feedback = { id: newId(), ...input, createdAt: nowIso(), deletedAt: null, replies: [] };
  await getDb().change((data) => {
    data.feedback.push(feedback);
  });
  return feedback;
}

/** Soft delete: replies stay stored, but the thread is closed and hidden. */
export async function deleteFeedback(feedbackId: string): Promise<Feedback> {
  const feedback = getFeedback(feedbackId);
  if (!feedback || feedback.deletedAt) throw new SubmissionError(410, "Deze feedback is al verwijderd.");
  assertHomeworkOpen(editionOfSubmission(feedback.submissionId));
  return getDb().change((data) => {
    const index = data.feedback.findIndex((f) => f.id === feedbackId);
    data.feedback[index] = { ...data.feedback[index], deletedAt: nowIso() };
    return data.feedback[index];
  });
}

/** A reply in the feedback's thread; refused when the feedback was deleted in the meantime. */
export async function replyToFeedback(feedbackId: string, authorId: string, body: string): Promise<Feedback> {
  const feedback = getFeedback(feedbackId);
  if (!feedback) throw new SubmissionError(404, "Deze feedback bestaat niet.");
  assertHomeworkOpen(editionOfSubmission(feedback.submissionId));
  return getDb().change((data) => {
    const index = data.feedback.findIndex((f) => f.id === feedbackId);
    const current = data.feedback[index];
    // Checked inside the change: a deletion that landed after the page was loaded still wins.
    if (current.deletedAt) {
      throw new SubmissionError(
        410,
        "Deze feedback is intussen verwijderd door de begeleider. Je reactie is niet geplaatst; je tekst staat hieronder nog, zodat je hem kunt bewaren.",
        "body",
      );
    }
    data.feedback[index] = { ...current, replies: [...current.replies, { id: newId(), authorId, body, createdAt: nowIso() }] };
    return data.feedback[index];
  });
}
