import { Form } from "@remix-run/react";
import { Notice } from "~/components/ui/notice";
import { SubmitButton } from "~/components/ui/submit-button";

export type MailChoiceView = { kind: string; label: string; on: boolean };

/** The account page's e-mail choices: one checkbox per kind of non-essential mail. */
export function MailPreferencesForm({ choices, saved, busy }: { choices: MailChoiceView[]; saved: boolean; busy: boolean }) {
  return (
    <section aria-labelledby="e-mail" className="stack">
      <h2 id="e-mail">E-mail</h2>
      {saved ? <Notice tone="success">Je e-mailvoorkeuren zijn opgeslagen.</Notice> : null}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="mail-preferences" />
        <fieldset className="plain-fieldset stack">
          <legend>Welke berichten wil je per e-mail krijgen?</legend>
          {choices.map((c) => (
            <div key={c.kind} className="choice">
              <input type="checkbox" id={`mail-${c.kind}`} name={c.kind} value="on" defaultChecked={c.on} />
              <label htmlFor={`mail-${c.kind}`}>{c.label[0].toUpperCase() + c.label.slice(1)}</label>
            </div>
          ))}
        </fieldset>
        <p className="field__hint">
          Uitnodigingen, berichten over je wachtwoord en account, en een gewijzigde datum of plaats van een bijeenkomst krijg je altijd: die
          heb je nodig om mee te doen. Meldingen in het platform zelf blijven ook komen.
        </p>
        <div className="actions">
          <SubmitButton className="button button--quiet" busy={busy}>
            Voorkeuren opslaan
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}
