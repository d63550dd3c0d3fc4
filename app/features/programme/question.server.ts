import { getDb } from "~/data/db.server";
import { assertEditable } from "./edition.server";
import { newId, nowIso } from "~/data/ids.server";
import { getSession } from "./session.server";
import type { Question } from "~/data/schema.server";

export type { Question };

export function listQuestionsOfSession(sessionId: string, options: { includeHidden: boolean }): Question[] {
  return getDb()
    .data.questions.filter((q) => q.sessionId === sessionId && (options.includeHidden || !q.hiddenAt))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function getQuestion(id: string): Question | null {
  return getDb().data.questions.find((q) => q.id === id) ?? null;
}

export async function createQuestion(input: { sessionId: string; trioId: string; authorId: string; text: string }): Promise<Question> {
  const session = getSession(input.sessionId);
  if (!session) throw new Error(`No session ${input.sessionId}`);
  assertEditable(session.editionId);
  const question: Question = { id: newId(), ...input, createdAt: nowIso(), hiddenAt: null, hiddenBy: null };
  return getDb().change((data) => {
    data.questions.push(question);
    return question;
  });
}

export async function setQuestionHidden(id: string, hidden: boolean, byUserId: string): Promise<Question> {
  return getDb().change((data) => {
    const index = data.questions.findIndex((q) => q.id === id);
    if (index === -1) throw new Error(`No question ${id}`);
    data.questions[index] = { ...data.questions[index], hiddenAt: hidden ? nowIso() : null, hiddenBy: hidden ? byUserId : null };
    return data.questions[index];
  });
}
