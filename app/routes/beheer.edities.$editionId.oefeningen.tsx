import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DeskOverlayChart } from "~/features/exercises/desk-chart";
import { editionDeskSpread, editionParticipation } from "~/features/exercises/exercise-report.server";
import exerciseStyles from "~/styles/exercises.css";
import { homeworkMatrix } from "~/features/homework/homework-view.server";
import { editionPollReport } from "~/features/live/poll-report.server";
import { PollReport } from "~/features/live/poll-report";
import { requireEdition, requireOrganiser } from "~/access/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: exerciseStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Oefeningen van ${data.edition.name} – Werkplaats` : "Oefeningen – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const matrix = homeworkMatrix(edition.id);
  // Per trio: the session numbers whose homework it handed in (any version).
  const homeworkByTrio = Object.fromEntries(
    matrix.rows.map((row) => [row.trio.id, row.cells.flatMap((cell, i) => (cell.versions > 0 ? [matrix.columns[i].number] : []))]),
  );
  return json({
    edition: { id: edition.id, name: edition.name },
    participation: editionParticipation(edition.id).map((p) => ({ ...p, homeworkSessions: homeworkByTrio[p.trioId] ?? [] })),
    homework: matrix.columns.map((c) => ({ id: c.id, number: c.number, title: c.title, submitted: c.submitted, total: c.total })),
    spread: editionDeskSpread(edition.id),
    polls: editionPollReport(edition.id),
  });
}

const list = (numbers: number[]) => (numbers.length === 0 ? "nog niet" : `bijeenkomst ${numbers.join(", ")}`);

export default function ExerciseReportPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to={`/beheer/edities/${data.edition.id}`}>← {data.edition.name}</Link>
      </p>
      <h1>Oefeningen: verslag van de editie</h1>
      <p>
        <a className="button button--quiet" href={`/beheer/edities/${data.edition.id}/oefeningen.csv`} download>
          Gegevens van de oefeningen downloaden (CSV)
        </a>
      </p>

      <section aria-labelledby="huiswerk" className="stack">
        <h2 id="huiswerk">Huiswerk</h2>
        {data.homework.length === 0 || data.homework[0].total === 0 ? (
          <p className="empty">Er is nog geen huiswerk om te volgen: er zijn geen toegelaten trio&apos;s of bijeenkomsten.</p>
        ) : (
          <ul className="plain-list">
            {data.homework.map((h) => (
              <li key={h.id}>{`Bijeenkomst ${h.number} (${h.title}): ${h.submitted} van de ${h.total} trio's ingeleverd`}</li>
            ))}
          </ul>
        )}
        <p>
          <Link to={`/beheer/edities/${data.edition.id}/huiswerk`}>Voortgang van het huiswerk per trio</Link>
        </p>
      </section>

      <section aria-labelledby="deelname" className="stack">
        <h2 id="deelname">Deelname</h2>
        {data.participation.length === 0 ? (
          <p className="empty">Er zijn nog geen toegelaten trio&apos;s.</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Wie deed welke oefening: tabel">
            <table className="desk-table">
              <caption>Wie deed welke oefening</caption>
              <thead>
                <tr>
                  <th scope="col">Trio</th>
                  <th scope="col">Leden</th>
                  <th scope="col">Schuifoefening</th>
                  <th scope="col">Organogram</th>
                  <th scope="col">Lokale agenda</th>
                  <th scope="col">Competenties (per lid)</th>
                  <th scope="col">Huiswerk ingeleverd</th>
                  <th scope="col">Portfolio</th>
                </tr>
              </thead>
              <tbody>
                {data.participation.map((p) => (
                  <tr key={p.trioId}>
                    <th scope="row">{p.municipality}</th>
                    <td>{p.members}</td>
                    <td>{list(p.deskSessions)}</td>
                    <td>{p.organogram ? "ingevuld" : "nog niet"}</td>
                    <td>{list(p.agendaSessions)}</td>
                    <td>
                      <ul className="plain-list">
                        {p.competences.map((c) => (
                          <li key={c.name}>{`${c.name}: ${list(c.sessions)}`}</li>
                        ))}
                      </ul>
                    </td>
                    <td>{list(p.homeworkSessions)}</td>
                    <td>
                      <Link to={`/trios/${p.trioId}/portfolio`}>
                        Portfolio<span className="visually-hidden"> van trio {p.municipality}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <PollReport editionId={data.edition.id} sessions={data.polls} />

      <section aria-labelledby="spreiding" className="stack">
        <h2 id="spreiding">Spreiding van de mengpanelen</h2>
        {data.spread.length === 0 ? (
          <p className="empty">De schuifoefening is in deze editie nog niet gedaan.</p>
        ) : (
          data.spread.map((s) => (
            <div key={s.runId} className="stack">
              <h3>{`Bijeenkomst ${s.sessionNumber}`}</h3>
              {s.reveal ? (
                <DeskOverlayChart
                  desks={s.reveal.desks}
                  title={`Spreiding per categorie, bijeenkomst ${s.sessionNumber}`}
                  idPrefix={`spreiding-${s.sessionNumber}`}
                />
              ) : (
                <p className="muted">De antwoorden van deze ronde zijn nog niet getoond; ze verschijnen hier na het tonen.</p>
              )}
            </div>
          ))
        )}
      </section>
    </div>
  );
}
