import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/submit-button";

export const bulkDecisionLabels = {
  admit: { verb: "toelaten", done: "toegelaten", button: "Toelaten" },
  wait: { verb: "op de wachtlijst zetten", done: "op de wachtlijst gezet", button: "Op de wachtlijst" },
  reject: { verb: "afwijzen", done: "afgewezen", button: "Afwijzen" },
} as const;
export type BulkDecision = keyof typeof bulkDecisionLabels;

/** The form the trio checkboxes belong to (form="bulk"): one decision for the chosen trios, confirmed on the next step. */
export function BulkBar({ busy }: { busy: boolean }) {
  return (
    <Form method="post" id="bulk" className="card card--muted stack" aria-labelledby="bulk-titel">
      <h2 id="bulk-titel">Meerdere trio&apos;s tegelijk</h2>
      <p className="field__hint">
        Vink trio&apos;s aan bij hun naam en kies wat er met alle gekozen trio&apos;s moet gebeuren. Je bevestigt daarna nog.
      </p>
      <input type="hidden" name="intent" value="bulk-preview" />
      <div className="bulk-bar">
        {(Object.keys(bulkDecisionLabels) as BulkDecision[]).map((d) => (
          <SubmitButton key={d} name="decision" value={d} className="button button--quiet" busy={busy}>
            {bulkDecisionLabels[d].button}…
          </SubmitButton>
        ))}
      </div>
    </Form>
  );
}

/** The confirmation of a bulk decision: which trios, what happens, and the button that does it. */
export function BulkConfirm({
  decision,
  trios,
  busy,
}: {
  decision: BulkDecision;
  trios: Array<{ id: string; municipality: string }>;
  busy: boolean;
}) {
  const label = bulkDecisionLabels[decision];
  const count = trios.length === 1 ? "1 trio" : `${trios.length} trio's`;
  return (
    <section className="card stack" aria-labelledby="bevestigen" tabIndex={-1} id="bevestig-bulk">
      <h2 id="bevestigen">{`${count} ${label.verb}?`}</h2>
      <ul>
        {trios.map((t) => (
          <li key={t.id}>Trio {t.municipality}</li>
        ))}
      </ul>
      <p>Alle leden van deze trio&apos;s krijgen een e-mail. Lukt het niet voor alle trio&apos;s, dan verandert er niets.</p>
      <Form method="post" className="actions">
        <input type="hidden" name="decision" value={decision} />
        {trios.map((t) => (
          <input key={t.id} type="hidden" name="trioIds" value={t.id} />
        ))}
        <SubmitButton name="intent" value="bulk-confirm" className="button" busy={busy}>
          Ja, {count} {label.verb}
        </SubmitButton>
        <Link to="." className="button button--quiet">
          Annuleren
        </Link>
      </Form>
    </section>
  );
}
