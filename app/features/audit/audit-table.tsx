import { Link } from "@remix-run/react";

type Row = { id: string; at: string; when: string; what: string; actor: string; about: string; detail: string };
type Filter = { kind: string | null; personId: string | null };

function query(filter: Filter, page?: number): string {
  const params = new URLSearchParams();
  if (filter.kind) params.set("soort", filter.kind);
  if (filter.personId) params.set("persoon", filter.personId);
  if (page && page > 1) params.set("pagina", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The trail's table, its count, CSV link and page links. */
export function AuditTable(props: { editionId: string; filter: Filter; rows: Row[]; total: number; page: number; pages: number }) {
  const { editionId, filter, rows, total, page, pages } = props;
  const base = `/beheer/edities/${editionId}/logboek`;
  return (
    <section aria-labelledby="logboek-regels" className="stack">
      <h2 id="logboek-regels">{`${total === 1 ? "1 regel" : `${total} regels`}${pages > 1 ? `, pagina ${page} van ${pages}` : ""}`}</h2>
      <p>
        <a href={`${base}.csv${query(filter)}`} download>
          Download als CSV
        </a>
      </p>
      {rows.length === 0 ? (
        <p className="empty">{filter.kind || filter.personId ? "Geen regels met dit filter." : "Er staat nog niets in het logboek."}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Tabel: logboek">
          <table>
            <thead>
              <tr>
                <th scope="col">Tijdstip</th>
                <th scope="col">Handeling</th>
                <th scope="col">Door</th>
                <th scope="col">Betreft</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <time dateTime={r.at}>{r.when}</time>
                  </td>
                  <td>{r.what}</td>
                  <td>{r.actor}</td>
                  <td>{r.about || "–"}</td>
                  <td>{r.detail || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label="Pagina's van het logboek">
          <ul className="plain-list field-row">
            {page > 1 ? (
              <li>
                <Link to={`${base}${query(filter, page - 1)}`}>← Vorige pagina</Link>
              </li>
            ) : null}
            {page < pages ? (
              <li>
                <Link to={`${base}${query(filter, page + 1)}`}>Volgende pagina →</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </section>
  );
}
