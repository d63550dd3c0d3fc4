import { formatDateTime } from "~/utils/dates";

export type AgendaVersionData = {
  id: string;
  sessionNumber: number;
  goals: string;
  actions: Array<{ what: string; who: string; when: string }>;
  stakeholders: string;
  nextSteps: string;
  savedAt: string;
  savedBy: string;
};

/** One version of the local agenda; `previous` marks what is new since then. */
export function AgendaVersion({
  version,
  previous,
  headingLevel = 3,
}: {
  version: AgendaVersionData;
  previous?: AgendaVersionData | null;
  headingLevel?: 3 | 4;
}) {
  const Heading = `h${headingLevel}` as "h3" | "h4";
  const known = new Set(previous?.actions.map((a) => a.what) ?? []);
  return (
    <div className="stack">
      <Heading>{`Bijeenkomst ${version.sessionNumber}`}</Heading>
      <p className="muted">
        {`Opgeslagen door ${version.savedBy} op ${formatDateTime(version.savedAt)}`}
        {previous
          ? ` · ${version.actions.filter((a) => !known.has(a.what)).length} nieuwe acties sinds bijeenkomst ${previous.sessionNumber}`
          : ""}
      </p>
      <dl className="details">
        <div>
          <dt>Doelen</dt>
          <dd className="pre-line">{version.goals || <span className="muted">Nog niet ingevuld</span>}</dd>
        </div>
        <div>
          <dt>Belanghebbenden</dt>
          <dd className="pre-line">{version.stakeholders || <span className="muted">Nog niet ingevuld</span>}</dd>
        </div>
        <div>
          <dt>Volgende stappen</dt>
          <dd className="pre-line">{version.nextSteps || <span className="muted">Nog niet ingevuld</span>}</dd>
        </div>
      </dl>
      {version.actions.length === 0 ? (
        <p className="muted">Nog geen acties.</p>
      ) : (
        <div className="table-wrap">
          <table className="desk-table">
            <caption>{`Acties (bijeenkomst ${version.sessionNumber})`}</caption>
            <thead>
              <tr>
                <th scope="col">Wat</th>
                <th scope="col">Wie</th>
                <th scope="col">Wanneer</th>
              </tr>
            </thead>
            <tbody>
              {version.actions.map((a, i) => (
                <tr key={i}>
                  <td>
                    {a.what}
                    {previous && !known.has(a.what) ? <span className="tag">nieuw</span> : null}
                  </td>
                  <td>{a.who}</td>
                  <td>{a.when}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
