import { competences, type Competence } from "./exercise-content";
import { getDb } from "~/data/db.server";
import type { CompetenceAssessment } from "~/data/exercise-schema.server";
import { newId, nowIso } from "~/data/ids.server";

export type { CompetenceAssessment };

export function listAssessmentsOfTrio(trioId: string): CompetenceAssessment[] {
  return getDb().data.competenceAssessments.filter((a) => a.trioId === trioId);
}

/** One self-assessment per member per session; saving again in that session replaces it. */
export function saveAssessment(
  trioId: string,
  userId: string,
  sessionId: string,
  scores: CompetenceAssessment["scores"],
): Promise<CompetenceAssessment> {
  return getDb().change((data) => {
    const index = data.competenceAssessments.findIndex((a) => a.userId === userId && a.sessionId === sessionId && a.trioId === trioId);
    const record: CompetenceAssessment = {
      id: index === -1 ? newId() : data.competenceAssessments[index].id,
      trioId,
      userId,
      sessionId,
      scores,
      savedAt: nowIso(),
    };
    if (index === -1) data.competenceAssessments.push(record);
    else data.competenceAssessments[index] = record;
    return record;
  });
}

/**
 * The trio's average per competence in its first and its last assessed session
 * (the same session twice when there is only one).
 */
export function trioCompetenceSummary(trioId: string): {
  first: { sessionNumber: number; averages: Record<Competence, number>; people: number } | null;
  last: { sessionNumber: number; averages: Record<Competence, number>; people: number } | null;
} {
  const { sessions } = getDb().data;
  const assessments = listAssessmentsOfTrio(trioId);
  const bySession = new Map<number, CompetenceAssessment[]>();
  for (const a of assessments) {
    const number = sessions.find((s) => s.id === a.sessionId)?.number;
    if (number === undefined) continue;
    bySession.set(number, [...(bySession.get(number) ?? []), a]);
  }
  const numbers = [...bySession.keys()].sort((a, b) => a - b);
  const summary = (n: number | undefined) => {
    if (n === undefined) return null;
    const list = bySession.get(n)!;
    const averages = Object.fromEntries(
      competences.map((c) => [c, Math.round((list.reduce((sum, a) => sum + a.scores[c], 0) / list.length) * 10) / 10]),
    ) as Record<Competence, number>;
    return { sessionNumber: n, averages, people: list.length };
  };
  return { first: summary(numbers[0]), last: summary(numbers.at(-1)) };
}
