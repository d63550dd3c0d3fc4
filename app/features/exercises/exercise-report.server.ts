/** What organisers see of an edition's exercises: participation, the desk spread, and the export rows. */
import {
  competences,
  competenceTexts,
  deskCategories,
  deskCategoryTexts,
  organogramChoices,
  organogramQuestions,
} from "./exercise-content";
import { getDb } from "~/data/db.server";
import { deskReveal, getDeskAnswer, listDeskRunsOfEdition } from "./desk.server";
import { getOrganogram } from "./organogram.server";
import { listAgendaVersions } from "./local-agenda.server";
import { listAssessmentsOfTrio } from "./competence.server";
import { listMembersOfTrio } from "~/features/registration/trio.server";

function admitted(editionId: string) {
  return getDb()
    .data.trios.filter((t) => t.editionId === editionId && t.status === "admitted")
    .sort((a, b) => a.municipality.localeCompare(b.municipality, "nl"));
}

export function editionParticipation(editionId: string) {
  const runs = listDeskRunsOfEdition(editionId);
  const sessionNumber = (id: string) => getDb().data.sessions.find((s) => s.id === id)?.number ?? 0;
  return admitted(editionId).map((trio) => {
    const members = listMembersOfTrio(trio.id);
    const assessments = listAssessmentsOfTrio(trio.id);
    return {
      trioId: trio.id,
      municipality: trio.municipality,
      members: members.length,
      deskSessions: runs.filter(({ run }) => getDeskAnswer(run.id, trio.id)).map(({ session }) => session.number),
      organogram: Boolean(getOrganogram(trio.id)),
      agendaSessions: listAgendaVersions(trio.id).map((v) => sessionNumber(v.sessionId)),
      competences: members.map((m) => ({
        name: m.user.name,
        sessions: assessments
          .filter((a) => a.userId === m.userId)
          .map((a) => sessionNumber(a.sessionId))
          .sort((a, b) => a - b),
      })),
    };
  });
}

/** Revealed runs only: what trios have not been shown stays out of reports too. */
export function editionDeskSpread(editionId: string) {
  return listDeskRunsOfEdition(editionId).map(({ run, session }) => ({
    runId: run.id,
    sessionNumber: session.number,
    reveal: deskReveal(run),
  }));
}

/** Long-format rows (one answer per row) for the CSV export. */
export function exerciseExportRows(editionId: string): string[][] {
  const rows: string[][] = [["oefening", "gemeente", "bijeenkomst", "lid", "onderdeel", "waarde", "toelichting"]];
  const { sessions, users } = getDb().data;
  const sessionNumber = (id: string) => String(sessions.find((s) => s.id === id)?.number ?? "");
  const userName = (id: string) => users.find((u) => u.id === id)?.name ?? "";
  const trios = admitted(editionId);
  for (const { run, session } of listDeskRunsOfEdition(editionId)) {
    if (!run.revealedAt) continue;
    for (const trio of trios) {
      const answer = getDeskAnswer(run.id, trio.id);
      if (!answer) continue;
      for (const c of deskCategories) {
        rows.push([
          "schuifoefening",
          trio.municipality,
          String(session.number),
          "",
          deskCategoryTexts[c].name,
          String(answer.sliders[c].value),
          answer.sliders[c].reason,
        ]);
      }
    }
  }
  for (const trio of trios) {
    const organogram = getOrganogram(trio.id);
    if (organogram) {
      rows.push(["organogram", trio.municipality, "", "", "Waar zit het wijkgerichte werken?", organogram.location, ""]);
      for (const q of organogramQuestions) {
        const value = organogram[q];
        rows.push([
          "organogram",
          trio.municipality,
          "",
          "",
          organogramChoices[q].label,
          value ? (organogramChoices[q].options as Record<string, string>)[value] : "",
          "",
        ]);
      }
    }
    for (const version of listAgendaVersions(trio.id)) {
      const n = sessionNumber(version.sessionId);
      rows.push(["lokale agenda", trio.municipality, n, "", "Doelen", version.goals, ""]);
      for (const a of version.actions)
        rows.push(["lokale agenda", trio.municipality, n, "", "Actie", a.what, [a.who, a.when].filter(Boolean).join(", ")]);
      rows.push(["lokale agenda", trio.municipality, n, "", "Belanghebbenden", version.stakeholders, ""]);
      rows.push(["lokale agenda", trio.municipality, n, "", "Volgende stappen", version.nextSteps, ""]);
    }
    for (const a of listAssessmentsOfTrio(trio.id)) {
      for (const c of competences)
        rows.push([
          "competenties",
          trio.municipality,
          sessionNumber(a.sessionId),
          userName(a.userId),
          competenceTexts[c].name,
          String(a.scores[c]),
          "",
        ]);
    }
  }
  return rows;
}
