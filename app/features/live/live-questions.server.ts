import { getDb } from "~/data/db.server";
import { newId, nowIso } from "~/data/ids.server";
import type { LiveQuestion } from "~/data/live-schema.server";
import { assertEditable } from "~/features/programme/edition.server";
import { getSession } from "~/features/programme/session.server";
import { announce } from "~/utils/announcements.server";
import { DomainError } from "~/utils/domain-error.server";

export type { LiveQuestion };

export const QuestionMessages = {
  notFound: "Deze vraag bestaat niet (meer).",
  ownQuestion: "Je kunt je eigen vraag niet steunen.",
  twice: "Je hebt deze vraag al gesteund.",
  hidden: "Deze vraag is verborgen.",
} as const;

export function getLiveQuestion(id: string): LiveQuestion | null {
  return getDb().data.liveQuestions.find((q) => q.id === id) ?? null;
}

export function listLiveQuestions(sessionId: string): LiveQuestion[] {
  return getDb().data.liveQuestions.filter((q) => q.sessionId === sessionId);
}

/** The questions asked before the session start the live list (once each, hidden ones stay hidden). */
export async function importPreSessionQuestions(sessionId: string): Promise<void> {
  const data = getDb().data;
  const known = new Set(data.liveQuestions.filter((q) => q.sessionId === sessionId).map((q) => q.fromQuestionId));
  const session = getSession(sessionId);
  const missing = data.questions.filter((q) => q.sessionId === sessionId && !known.has(q.id));
  if (!session || missing.length === 0) return;
  await getDb().change((d) => {
    for (const q of missing) {
      if (d.liveQuestions.some((l) => l.fromQuestionId === q.id)) continue;
      d.liveQuestions.push({
        id: newId(),
        sessionId,
        editionId: session.editionId,
        authorId: q.authorId,
        trioId: q.trioId,
        text: q.text,
        anonymous: false,
        upvoterIds: [],
        createdAt: q.createdAt,
        answeredAt: null,
        hiddenAt: q.hiddenAt,
        hiddenBy: q.hiddenBy,
        fromQuestionId: q.id,
      });
    }
  });
  announce({ kind: "live", sessionId, what: "questions", ids: missing.map((q) => q.id) });
}

export async function askLiveQuestion(input: {
  sessionId: string;
  authorId: string;
  trioId: string;
  text: string;
  anonymous: boolean;
}): Promise<LiveQuestion> {
  const session = getSession(input.sessionId);
  if (!session) throw new DomainError("Deze bijeenkomst bestaat niet.", { status: 404 });
  assertEditable(session.editionId);
  const question: LiveQuestion = {
    id: newId(),
    ...input,
    editionId: session.editionId,
    upvoterIds: [],
    createdAt: nowIso(),
    answeredAt: null,
    hiddenAt: null,
    hiddenBy: null,
    fromQuestionId: null,
  };
  const written = getDb().change((data) => {
    data.liveQuestions.push(question);
  });
  announce({ kind: "live", sessionId: input.sessionId, what: "questions", ids: [question.id] });
  await written;
  return question;
}

async function replace(id: string, mutate: (q: LiveQuestion) => LiveQuestion): Promise<LiveQuestion> {
  let updated: LiveQuestion | null = null;
  const written = getDb().change((data) => {
    const index = data.liveQuestions.findIndex((q) => q.id === id);
    if (index === -1) throw new DomainError(QuestionMessages.notFound, { status: 404 });
    data.liveQuestions[index] = updated = mutate(data.liveQuestions[index]);
  });
  // Pushed as soon as the change is in the store; the caller's answer waits for the disk.
  announce({ kind: "live", sessionId: updated!.sessionId, what: "questions", ids: [id] });
  await written;
  return updated!;
}

/** One upvote per person per question, never on one's own question or a hidden one. */
export async function upvoteQuestion(id: string, userId: string): Promise<LiveQuestion> {
  const question = getLiveQuestion(id);
  if (!question) throw new DomainError(QuestionMessages.notFound, { status: 404 });
  assertEditable(question.editionId);
  if (question.hiddenAt) throw new DomainError(QuestionMessages.hidden, { status: 409 });
  if (question.authorId === userId) throw new DomainError(QuestionMessages.ownQuestion, { status: 409 });
  if (question.upvoterIds.includes(userId)) throw new DomainError(QuestionMessages.twice, { status: 409 });
  return replace(id, (q) => (q.upvoterIds.includes(userId) ? q : { ...q, upvoterIds: [...q.upvoterIds, userId] }));
}

export async function moderateQuestion(
  id: string,
  action: "answer" | "unanswer" | "hide" | "show",
  byUserId: string,
): Promise<LiveQuestion> {
  const question = getLiveQuestion(id);
  if (!question) throw new DomainError(QuestionMessages.notFound, { status: 404 });
  assertEditable(question.editionId);
  const now = nowIso();
  return replace(id, (q) => {
    if (action === "answer") return { ...q, answeredAt: q.answeredAt ?? now };
    if (action === "unanswer") return { ...q, answeredAt: null };
    if (action === "hide") return { ...q, hiddenAt: q.hiddenAt ?? now, hiddenBy: q.hiddenBy ?? byUserId };
    return { ...q, hiddenAt: null, hiddenBy: null };
  });
}
