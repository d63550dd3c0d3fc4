/** Homework progress for organisers: trios × sessions, filters, completion per session, CSV. */
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/utils/dates";
import { homeworkStatuses, homeworkStatusLabels, type HomeworkStatus } from "~/features/homework/homework-labels";
import { homeworkMatrix } from "~/features/homework/homework-view.server";
import { requireEdition, requireOrganiser } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Huiswerk – ${data.edition.name} – Werkplaats` : "Huiswerk – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status") ?? "";
  const status = (homeworkStatuses as readonly string[]).includes(statusParam) ? (statusParam as HomeworkStatus) : null;
  const matrix = homeworkMatrix(edition.id);
  const sessionParam = url.searchParams.get("sessie") ?? "";
  const sessionId = matrix.columns.some((c) => c.id === sessionParam) ? sessionParam : null;
  const rows = matrix.rows.filter(
    (row) => !status || row.cells.some((c) => c.status === status && (!sessionId || c.sessionId === sessionId)),
  );
  return json({
    edition: { id: edition.id, name: edition.name },
    columns: matrix.columns,
    rows,
    total: matrix.rows.length,
    filter: { status, sessionId },
  });
}

export default function HomeworkDashboard() {
  const data = useLoaderData<typeof loader>();
  const filtered = data.filter.status !== null;
  return (
    <div className="stack">
      <p>
        <Link to={`/beheer/edities/${data.edition.id}`}>← {data.edition.name}</Link>
      </p>
      <h1>Voortgang huiswerk</h1>
      <p>
        <a href={`/beheer/edities/${data.edition.id}/huiswerk.csv`} download>
          Download als CSV
        </a>
      </p>

      <section aria-labelledby="instellingen" className="stack">
        <h2 id="instellingen">Opdrachten en inleverdata</h2>
        <ul className="plain-list stack">
          {data.columns.map((c) => (
            <li key={c.id}>
              <Link to={`/beheer/edities/${data.edition.id}/huiswerk/${c.id}`}>
                Bijeenkomst {c.number}: {c.title}
              </Link>{" "}
              <span className="muted">· inleveren vóór {c.dueAt ? formatDateTime(c.dueAt) : "geen datum"}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="per-bijeenkomst" className="stack">
        <h2 id="per-bijeenkomst">Ingeleverd per bijeenkomst</h2>
        {data.total === 0 ? (
          <p className="empty">Er zijn nog geen toegelaten trio's.</p>
        ) : (
          <ul className="plain-list stack homework-chart">
            {data.columns.map((c) => {
              const percent = c.total ? Math.round((c.submitted / c.total) * 100) : 0;
              return (
                <li key={c.id}>
                  <span id={`balk-${c.id}`}>
                    Bijeenkomst {c.number}: {c.submitted} van {c.total} trio's ingeleverd ({percent}%)
                  </span>
                  <span className="homework-chart__track" aria-hidden="true">
                    <span className="homework-chart__bar" style={{ width: `${percent}%` }} />
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="matrix" className="stack">
        <h2 id="matrix">Per trio</h2>
        <Form method="get" className="field-row">
          <div className="field">
            <label htmlFor="filter-status">Stand</label>
            <select id="filter-status" name="status" defaultValue={data.filter.status ?? ""}>
              <option value="">Alle</option>
              {homeworkStatuses.map((s) => (
                <option key={s} value={s}>
                  {homeworkStatusLabels[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-sessie">Bij bijeenkomst</label>
            <select id="filter-sessie" name="sessie" defaultValue={data.filter.sessionId ?? ""}>
              <option value="">Alle</option>
              {data.columns.map((c) => (
                <option key={c.id} value={c.id}>
                  Bijeenkomst {c.number}
                </option>
              ))}
            </select>
          </div>
          <div className="actions">
            <button type="submit" className="button button--quiet">
              Filteren
            </button>
          </div>
        </Form>
        {data.rows.length === 0 ? (
          <p className="empty">{filtered ? "Geen trio's met deze stand." : "Er zijn nog geen toegelaten trio's."}</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Tabel: huiswerk per trio en bijeenkomst">
            <table>
              <caption className="visually-hidden">Stand van het huiswerk per trio en bijeenkomst</caption>
              <thead>
                <tr>
                  <th scope="col">Trio</th>
                  {data.columns.map((c) => (
                    <th scope="col" key={c.id}>
                      Bijeenkomst {c.number}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.trio.id}>
                    <th scope="row">{row.trio.municipality}</th>
                    {row.cells.map((cell) => (
                      <td key={cell.sessionId}>
                        <Link to={`/sessies/${cell.sessionId}/huiswerk/${row.trio.id}`}>
                          {homeworkStatusLabels[cell.status]}
                          <span className="visually-hidden"> (trio {row.trio.municipality})</span>
                        </Link>
                        {cell.extended ? <span className="muted"> · verlengd</span> : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
