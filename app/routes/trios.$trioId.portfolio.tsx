import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AgendaVersion } from "~/features/programme/agenda-view";
import { CaseDetails } from "~/features/dossier/case-view";
import { CompetenceChart } from "~/features/exercises/competence-chart";
import { HomeworkHistory } from "~/features/homework/homework-history";
import { DeskMovementChart } from "~/features/exercises/desk-chart";
import { DeskReadout } from "~/features/exercises/mixing-desk";
import { OrganogramAnswersList } from "~/features/exercises/organogram-view";
import { getCaseOfTrio } from "~/features/dossier/case.server";
import { trioCompetenceSummary } from "~/features/exercises/competence.server";
import { deskHistoryOfTrio } from "~/features/exercises/desk.server";
import { getEdition } from "~/features/programme/edition.server";
import { listAgendaVersions } from "~/features/exercises/local-agenda.server";
import { getOrganogram } from "~/features/exercises/organogram.server";
import { getSession } from "~/features/programme/session.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { getSubmission } from "~/features/homework/submission.server";
import { listMembersOfTrio } from "~/features/registration/trio.server";
import exerciseStyles from "~/styles/exercises.css";
import { caseView } from "~/features/dossier/case-view.server";
import { agendaVersionView, organogramView } from "~/features/exercises/exercise-views.server";
import { submissionHistory } from "~/features/homework/homework-view.server";
import { domainLabels } from "~/utils/labels";
import { requireTrioMember } from "~/access/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: exerciseStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Portfolio van trio ${data.trio.municipality} – Werkplaats` : "Portfolio – Werkplaats" },
];

/** One printable page per trio: members and organisers (any trio) may open it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { trio } = await requireTrioMember(request, params.trioId ?? "");
  const desks = deskHistoryOfTrio(trio).filter((h) => h.answered);
  return json({
    trio: { id: trio.id, municipality: trio.municipality, caseSummary: trio.caseSummary },
    edition: getEdition(trio.editionId)?.name ?? "",
    members: listMembersOfTrio(trio.id).map((m) => ({ id: m.user.id, name: m.user.name, domain: m.domain, jobTitle: m.jobTitle })),
    trioCase: caseView(getCaseOfTrio(trio.id)),
    desks: desks.map((d) => ({ runId: d.runId, label: `Bijeenkomst ${d.sessionNumber}`, desk: d.desk })),
    organogram: organogramView(getOrganogram(trio.id)),
    agenda: listAgendaVersions(trio.id).map((v) => agendaVersionView(v, getSession(v.sessionId)?.number ?? 0)),
    competences: trioCompetenceSummary(trio.id),
    // The newest handed-in version per session, with its feedback.
    homework: listSessionsOfEdition(trio.editionId).flatMap((session) => {
      const latest = submissionHistory(getSubmission(session.id, trio.id))[0];
      return latest ? [{ sessionId: session.id, number: session.number, title: session.title, latest }] : [];
    }),
  });
}

export default function PortfolioPage() {
  const data = useLoaderData<typeof loader>();
  const firstDesk = data.desks[0];
  const lastDesk = data.desks.at(-1);
  const latestAgenda = data.agenda.at(-1);
  return (
    <article className="stack portfolio">
      <p className="no-print">
        <Link to={`/trios/${data.trio.id}`}>← Dossier van trio {data.trio.municipality}</Link>
      </p>
      <p className="muted">{data.edition}</p>
      <h1>Portfolio van trio {data.trio.municipality}</h1>
      <p className="no-print">
        <button type="button" className="button button--quiet" onClick={() => window.print()}>
          Afdrukken of bewaren als PDF
        </button>
      </p>
      <p>
        {data.members.map((m) => `${m.name} (${m.jobTitle ? `${m.jobTitle}, ` : ""}${domainLabels[m.domain].toLowerCase()})`).join(" · ")}
      </p>

      <section aria-labelledby="p-casus" className="stack">
        <h2 id="p-casus">De casus</h2>
        {data.trioCase ? (
          <>
            <h3>{data.trioCase.current.title}</h3>
            <CaseDetails version={data.trioCase.current} />
          </>
        ) : data.trio.caseSummary ? (
          <p className="pre-line">{data.trio.caseSummary}</p>
        ) : (
          <p className="empty">De casus is nog niet beschreven.</p>
        )}
      </section>

      <section aria-labelledby="p-mengpaneel" className="stack">
        <h2 id="p-mengpaneel">Het mengpaneel door de tijd</h2>
        {!lastDesk ? (
          <p className="empty">Het trio heeft de schuifoefening nog niet gedaan.</p>
        ) : (
          <>
            <DeskReadout desk={lastDesk.desk} label={lastDesk.label} />
            {firstDesk && firstDesk.runId !== lastDesk.runId ? (
              <DeskMovementChart
                before={firstDesk.desk}
                after={lastDesk.desk}
                beforeLabel={firstDesk.label.toLowerCase()}
                afterLabel={lastDesk.label.toLowerCase()}
              />
            ) : (
              <p className="muted">{`${lastDesk.label}. Bij een herhaling in een latere bijeenkomst verschijnt hier hoe het mengpaneel bewoog.`}</p>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="p-organogram" className="stack">
        <h2 id="p-organogram">Het organogram</h2>
        {data.organogram ? (
          <>
            {data.organogram.file?.preview ? (
              <div className="organogram-figure">
                <img src={`/bestanden/${data.organogram.file.id}/voorbeeld`} alt={`Organogram van ${data.trio.municipality}`} />
                {data.organogram.marker ? (
                  <span
                    className="organogram-marker"
                    style={{ left: `${data.organogram.marker.x}%`, top: `${data.organogram.marker.y}%` }}
                    aria-hidden="true"
                  />
                ) : null}
              </div>
            ) : data.organogram.file ? (
              <p>{`Organogram als PDF: ${data.organogram.file.name}`}</p>
            ) : null}
            <OrganogramAnswersList organogram={data.organogram} />
          </>
        ) : (
          <p className="empty">Het organogram is nog niet ingevuld.</p>
        )}
      </section>

      <section aria-labelledby="p-agenda" className="stack">
        <h2 id="p-agenda">De lokale agenda</h2>
        {latestAgenda ? (
          <>
            <AgendaVersion version={latestAgenda} previous={data.agenda.at(-2) ?? null} />
            {data.agenda.length > 1 ? (
              <p className="muted">{`Eerdere versies: bijeenkomst ${data.agenda
                .slice(0, -1)
                .map((v) => v.sessionNumber)
                .join(", ")}.`}</p>
            ) : null}
          </>
        ) : (
          <p className="empty">De lokale agenda is nog niet opgesteld.</p>
        )}
      </section>

      <section aria-labelledby="p-huiswerk" className="stack">
        <h2 id="p-huiswerk">Huiswerk en feedback</h2>
        {data.homework.length > 0 ? (
          data.homework.map((h) => (
            <section key={h.sessionId} aria-labelledby={`p-huiswerk-${h.sessionId}`} className="stack">
              <h3 id={`p-huiswerk-${h.sessionId}`}>{`Bijeenkomst ${h.number}: ${h.title}`}</h3>
              <HomeworkHistory items={[h.latest]} canReply={false} busy={false} headingLevel={4} />
            </section>
          ))
        ) : (
          <p className="empty">Er is nog geen huiswerk ingeleverd.</p>
        )}
      </section>

      <section aria-labelledby="p-competenties" className="stack">
        <h2 id="p-competenties">Competenties</h2>
        <CompetenceChart
          first={data.competences.first}
          last={data.competences.last}
          title={`Competenties van trio ${data.trio.municipality}`}
        />
      </section>
    </article>
  );
}
