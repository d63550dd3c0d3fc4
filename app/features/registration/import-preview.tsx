import { useEffect, useRef } from "react";
import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/submit-button";
import { domainLabels } from "~/utils/labels";
import { plural } from "~/utils/plural";

type Row = { row: number; municipality: string; name: string; email: string; jobTitle: string; domain: "wijk" | "fysiek" | "sociaal" };

/** What an import would do, or why it cannot: every refused row with its number. */
export function ImportPreview({
  csv,
  rows,
  problems,
  trios,
  busy,
}: {
  csv: string;
  rows: Row[];
  problems: Array<{ row: number; message: string }>;
  trios: number;
  busy: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [csv, problems.length]);
  return (
    <section aria-labelledby="voorbeeld" className="stack">
      <h2 id="voorbeeld" ref={heading} tabIndex={-1}>
        Voorbeeld
      </h2>
      {problems.length > 0 ? (
        <div className="error-summary" role="alert">
          <p>
            {plural(problems.length, "rij is", "rijen zijn")} geweigerd. Er is niets geïmporteerd; pas het bestand aan en bekijk het
            voorbeeld opnieuw.
          </p>
          <ul className="import-problems">
            {problems.map((p) => (
              <li key={`${p.row}-${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p>
          Klaar om te importeren: {plural(rows.length, "deelnemer", "deelnemers")} in {plural(trios, "trio", "trio's")}.
        </p>
      )}
      {rows.length > 0 ? (
        <div className="table-wrap" role="region" aria-label="Voorbeeld van de import, horizontaal scrollbaar" tabIndex={0}>
          <table className="csv-preview">
            <thead>
              <tr>
                <th scope="col">Rij</th>
                <th scope="col">Gemeente</th>
                <th scope="col">Naam</th>
                <th scope="col">E-mailadres</th>
                <th scope="col">Functie</th>
                <th scope="col">Domein</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{r.municipality}</td>
                  <td>{r.name}</td>
                  <td>{r.email}</td>
                  <td>{r.jobTitle}</td>
                  <td>{domainLabels[r.domain]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {problems.length === 0 && rows.length > 0 ? (
        <Form method="post" className="actions">
          <input type="hidden" name="csv" value={csv} />
          <SubmitButton name="intent" value="import" className="button" busy={busy}>
            {plural(rows.length, "deelnemer", "deelnemers")} importeren
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
