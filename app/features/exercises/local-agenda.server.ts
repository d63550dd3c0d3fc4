import { getDb } from "~/data/db.server";
import type { LocalAgenda } from "~/data/exercise-schema.server";
import { newId, nowIso } from "~/data/ids.server";

export type { LocalAgenda };
export type LocalAgendaInput = Pick<LocalAgenda, "goals" | "actions" | "stakeholders" | "nextSteps">;

/** A trio's agenda versions, in session order. */
export function listAgendaVersions(trioId: string): LocalAgenda[] {
  const { localAgendas, sessions } = getDb().data;
  const number = (sessionId: string) => sessions.find((s) => s.id === sessionId)?.number ?? 99;
  return localAgendas.filter((a) => a.trioId === trioId).sort((a, b) => number(a.sessionId) - number(b.sessionId));
}

/** One version per trio per session: saving again in the same session updates that version. */
export function saveAgendaVersion(trioId: string, sessionId: string, userId: string, input: LocalAgendaInput): Promise<LocalAgenda> {
  return getDb().change((data) => {
    const index = data.localAgendas.findIndex((a) => a.trioId === trioId && a.sessionId === sessionId);
    const version: LocalAgenda = {
      id: index === -1 ? newId() : data.localAgendas[index].id,
      trioId,
      sessionId,
      ...input,
      savedAt: nowIso(),
      savedBy: userId,
    };
    if (index === -1) data.localAgendas.push(version);
    else data.localAgendas[index] = version;
    return version;
  });
}
