import type { PollReportSession } from "./poll-report.server";

const perLabel = { person: "per persoon", trio: "per trio" } as const;
const answers = (n: number) => (n === 1 ? "1 antwoord" : `${n} antwoorden`);

/** The edition report's polls: per session each poll's question and results as a table, with the session's CSV. */
export function PollReport({ editionId, sessions }: { editionId: string; sessions: PollReportSession[] }) {
  return (
    <section aria-labelledby="peilingen" className="stack">
      <h2 id="peilingen">Peilingen</h2>
      {sessions.length === 0 ? (
        <p className="empty">Er zijn in deze editie nog geen peilingen gehouden.</p>
      ) : (
        sessions.map((session) => (
          <div key={session.sessionId} className="stack">
            <h3>{`Bijeenkomst ${session.number}: ${session.title}`}</h3>
            {session.polls.map((poll) => (
              <div key={poll.id} className="table-wrap" tabIndex={0} role="region" aria-label={`Uitslag: ${poll.question}`}>
                <table className="desk-table">
                  <caption>{`${poll.question} (${perLabel[poll.per]}, ${answers(poll.responses)})`}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{poll.words ? "Woord" : "Antwoord"}</th>
                      <th scope="col">Aantal</th>
                    </tr>
                  </thead>
                  <tbody>
                    {poll.rows.length === 0 ? (
                      <tr>
                        <td colSpan={2}>Nog geen antwoorden.</td>
                      </tr>
                    ) : (
                      poll.rows.map((row) => (
                        <tr key={row.label}>
                          <td>{row.label}</td>
                          <td>{row.count}</td>
                        </tr>
                      ))
                    )}
                  </tbody>
                </table>
              </div>
            ))}
            <p>
              <a className="button button--quiet" href={`/beheer/edities/${editionId}/sessies/${session.sessionId}/peilingen.csv`} download>
                {`Alle antwoorden van bijeenkomst ${session.number} downloaden (CSV)`}
              </a>
            </p>
          </div>
        ))
      )}
    </section>
  );
}
