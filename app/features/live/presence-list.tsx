import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Notice } from "~/components/ui/notice";
import type { ActionResult } from "~/utils/action-result";
import { usePresence, type PresenceList } from "./use-presence";

export type PresenceData = {
  edition: { id: string; name: string };
  archived: boolean;
  threshold: number;
  viewerId: string;
  lists: PresenceList[];
};

const sourceLabels = { session: "zelf", code: "met code", organiser: "gecorrigeerd" } as const;

/** The organiser's presence lists per session, with corrections and the certificate threshold; live while open. */
export function PresenceLists({ data, result }: { data: PresenceData; result: ActionResult | undefined }) {
  const lists = usePresence(data.edition.id, data.lists, data.viewerId);
  const [sent, setSent] = useState<HTMLFormElement | null>(null);
  return (
    <article className="stack" onSubmit={(event) => setSent(event.target as HTMLFormElement)}>
      <p className="muted">
        <Link to={`/beheer/edities/${data.edition.id}`}>{data.edition.name}</Link>
      </p>
      <h1>Aanwezigheid</h1>
      {result?.done ? <Notice tone="success">{result.done}</Notice> : null}
      {result?.errors ? <ErrorSummary errors={result.errors} form={sent} /> : null}
      <p className="actions">
        <a href={`/beheer/edities/${data.edition.id}/aanwezigheid.csv`} download>
          Aanwezigheid als CSV
        </a>
        <Link to={`/beheer/edities/${data.edition.id}/deelnamebewijzen`}>Alle deelnamebewijzen afdrukken</Link>
      </p>
      {!data.archived ? (
        <Form method="post" className="actions" noValidate>
          <input type="hidden" name="intent" value="threshold" />
          <div className="field">
            <label htmlFor="drempel">Deelnamebewijs vanaf dit aantal bijeenkomsten</label>
            <input id="drempel" name="threshold" type="number" min={1} max={4} defaultValue={data.threshold} required />
          </div>
          <button type="submit" className="button button--small">
            Opslaan
          </button>
        </Form>
      ) : (
        <p>Deelnamebewijs vanaf {data.threshold} bijeenkomsten.</p>
      )}
      {lists.map((list) => (
        <section key={list.session.id} aria-labelledby={`sessie-${list.session.id}`}>
          <h2 id={`sessie-${list.session.id}`}>
            Bijeenkomst {list.session.number}: {list.session.title}
          </h2>
          <p className="muted" data-testid={`aanwezig-${list.session.number}`}>
            {list.rows.filter((r) => r.present).length} van de {list.rows.length} aanwezig
          </p>
          <div
            className="table-wrap"
            tabIndex={0}
            role="region"
            aria-label={`Aanwezigheid bijeenkomst ${list.session.number}, horizontaal scrollbaar`}
          >
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Naam</th>
                  <th scope="col">Trio</th>
                  <th scope="col">Aanwezig</th>
                  <th scope="col">Corrigeren</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((row) => (
                  <tr key={row.userId}>
                    <td>{row.name}</td>
                    <td>{row.trio}</td>
                    <td>{row.present ? `ja (${row.source ? sourceLabels[row.source] : ""})` : "nee"}</td>
                    <td>
                      {!data.archived ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="presence" />
                          <input type="hidden" name="sessionId" value={list.session.id} />
                          <input type="hidden" name="userId" value={row.userId} />
                          <input type="hidden" name="present" value={row.present ? "no" : "yes"} />
                          <button type="submit" className="button button--small button--quiet">
                            {row.present ? "Afwezig melden" : "Aanwezig melden"}
                            <span className="visually-hidden">
                              : {row.name}, bijeenkomst {list.session.number}
                            </span>
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </article>
  );
}
