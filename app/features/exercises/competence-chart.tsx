import { COMPETENCE_MAX, competences, competenceTexts, type Competence } from "./exercise-content";

type Summary = { sessionNumber: number; averages: Record<Competence, number>; people: number } | null;

const WIDTH = 560;
const ROW = 44;
const LABEL = 200;

/** The trio's average self-assessment per competence: first session against last, as bars and a table. */
export function CompetenceChart({ first, last, title }: { first: Summary; last: Summary; title: string }) {
  if (!first || !last) return <p className="empty">Er zijn nog geen zelfbeoordelingen ingevuld.</p>;
  const same = first.sessionNumber === last.sessionNumber;
  const barWidth = (v: number) => ((WIDTH - LABEL - 20) * v) / COMPETENCE_MAX;
  return (
    <figure className="desk-chart competence-chart" aria-labelledby="competenties-titel">
      <figcaption id="competenties-titel">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${competences.length * ROW + 10}`} className="desk-chart__svg" aria-hidden="true" focusable="false">
        {competences.map((c, i) => (
          <g key={c} transform={`translate(0 ${i * ROW + 6})`}>
            <text x={0} y={20}>
              {competenceTexts[c].name}
            </text>
            {same ? null : <rect className="bar-first" x={LABEL} y={4} height={14} width={barWidth(first.averages[c])} />}
            <rect className="bar-last" x={LABEL} y={same ? 10 : 20} height={14} width={barWidth(last.averages[c])} />
          </g>
        ))}
      </svg>
      <p className="muted" aria-hidden="true">
        {same
          ? `Bijeenkomst ${last.sessionNumber}`
          : `Licht: bijeenkomst ${first.sessionNumber} · donker: bijeenkomst ${last.sessionNumber}`}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={`${title}: tabel`}>
        <table className="desk-table">
          <caption>{`${title}: gemiddelde score van 1 tot ${COMPETENCE_MAX}`}</caption>
          <thead>
            <tr>
              <th scope="col">Competentie</th>
              {same ? null : (
                <th scope="col">{`Bijeenkomst ${first.sessionNumber} (${first.people} ${first.people === 1 ? "lid" : "leden"})`}</th>
              )}
              <th scope="col">{`Bijeenkomst ${last.sessionNumber} (${last.people} ${last.people === 1 ? "lid" : "leden"})`}</th>
            </tr>
          </thead>
          <tbody>
            {competences.map((c) => (
              <tr key={c}>
                <th scope="row">{competenceTexts[c].name}</th>
                {same ? null : <td>{first.averages[c].toLocaleString("nl-NL")}</td>}
                <td>{last.averages[c].toLocaleString("nl-NL")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
