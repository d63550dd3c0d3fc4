import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, SelectField } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/submit-button";
import { domains, type Domain } from "~/data/enums";
import type { FieldErrors } from "~/utils/forms";
import type { InvitationOverview } from "./registration.server";
import { domainLabels, trioStatusLabels } from "~/utils/labels";
import { useFormValidation } from "~/utils/use-form-validation";
import { memberLabels, memberSchema } from "./registration-form";

/** The organisers' trio overview: one card per trio with its members, invitations and decisions. */

const domainOptions = domains.map((d) => ({ value: d, label: domainLabels[d] }));

/** What the trio page's action answers, as far as these components read it. */
type TrioActionData = { trioId?: string | null; errors?: FieldErrors | null; values?: Record<string, string> | null } | undefined;

export type TrioCardData = {
  id: string;
  municipality: string;
  status: "registered" | "admitted" | "waiting" | "rejected";
  caseSummary: string;
  registeredAt: string;
  members: Array<{ membershipId: string; name: string; email: string; jobTitle: string; domain: Domain; active: boolean }>;
  invitations: InvitationRow[];
};

export const placesTaken = (t: TrioCardData) => t.members.length + t.invitations.filter((i) => i.status === "pending").length;

export function TrioCard({
  trio,
  archived,
  replaceId,
  addTo,
  selected,
}: {
  trio: TrioCardData;
  archived: boolean;
  replaceId: string | null;
  addTo: string | null;
  selected: boolean;
}) {
  const edition = { archived };
  const replacing = trio.members.find((m) => m.membershipId === replaceId);
  const pending = trio.invitations.filter((i) => i.status === "pending");
  const free = domains.find((d) => !trio.members.some((m) => m.domain === d) && !pending.some((i) => i.domain === d)) ?? "wijk";
  const hasRoom = placesTaken(trio) < 3;
  return (
    <section key={trio.id} id={`trio-${trio.id}`} className="card stack" aria-labelledby={`titel-${trio.id}`}>
      <h2 id={`titel-${trio.id}`}>
        Trio {trio.municipality}{" "}
        <span className={trio.status === "rejected" ? "tag tag--muted" : "tag"}>{trioStatusLabels[trio.status]}</span>
      </h2>
      {archived ? null : (
        <p className="bulk-choice">
          <label>
            <input type="checkbox" name="trioIds" value={trio.id} form="bulk" defaultChecked={selected} /> Kiezen
            <span className="visually-hidden"> trio {trio.municipality}</span> voor een besluit over meerdere trio&apos;s
          </label>
        </p>
      )}
      <p className="muted">Aangemeld op {trio.registeredAt}</p>
      <h3>Casus in het kort</h3>
      {trio.caseSummary ? <p className="prose">{trio.caseSummary}</p> : <p className="empty">Nog geen beschrijving.</p>}
      <h3>Leden</h3>
      {trio.members.length === 0 ? (
        <p className="empty">Dit trio heeft geen leden meer.</p>
      ) : (
        <div className="table-wrap" role="region" aria-label={`Leden van trio ${trio.municipality}, horizontaal scrollbaar`} tabIndex={0}>
          <table>
            <caption className="visually-hidden">Leden van trio {trio.municipality}</caption>
            <thead>
              <tr>
                <th scope="col">Naam</th>
                <th scope="col">Domein</th>
                <th scope="col">Functie</th>
                <th scope="col">E-mailadres</th>
                <th scope="col">Account</th>
                <th scope="col">
                  <span className="visually-hidden">Acties</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {trio.members.map((m) => (
                <tr key={m.membershipId}>
                  <td>{m.name}</td>
                  <td>{domainLabels[m.domain]}</td>
                  <td>{m.jobTitle}</td>
                  <td>{m.email}</td>
                  <td>{m.active ? "Actief" : "Nog niet geactiveerd"}</td>
                  <td>
                    {edition.archived ? null : (
                      <Link to={`?vervang=${m.membershipId}#trio-${trio.id}`} className="button button--small button--quiet">
                        Vervangen<span className="visually-hidden"> {m.name}</span>
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {trio.invitations.length > 0 ? <Invitations trio={trio} archived={edition.archived} /> : null}
      {!edition.archived && hasRoom && addTo !== trio.id ? (
        <p>
          <Link to={`?toevoegen=${trio.id}#trio-${trio.id}`}>
            Lid toevoegen<span className="visually-hidden"> aan trio {trio.municipality}</span>
          </Link>
        </p>
      ) : null}
      {replacing ? (
        <MemberForm
          key={replacing.membershipId}
          trioId={trio.id}
          membershipId={replacing.membershipId}
          defaultDomain={replacing.domain}
          replacing={replacing.name}
        />
      ) : null}
      {addTo === trio.id && hasRoom ? (
        <MemberForm key="add" trioId={trio.id} membershipId={null} defaultDomain={free} replacing={null} />
      ) : null}
      {edition.archived ? null : <Decisions trio={trio} />}
    </section>
  );
}

function MemberForm({
  trioId,
  membershipId,
  defaultDomain,
  replacing,
}: {
  trioId: string;
  membershipId: string | null;
  defaultDomain: Domain;
  replacing: string | null;
}) {
  const actionData = useActionData() as TrioActionData;
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(memberSchema, actionData?.trioId === trioId ? actionData.errors : null);
  const values = actionData?.trioId === trioId ? (actionData.values ?? {}) : {};
  return (
    <section className="card card--muted stack" aria-labelledby="lid-formulier">
      <h3 id="lid-formulier">{replacing ? `${replacing} vervangen` : "Lid toevoegen"}</h3>
      <p>
        {replacing
          ? `${replacing} gaat uit het trio; het account blijft bestaan. De nieuwe persoon krijgt een e-mail: een uitnodiging om een wachtwoord te kiezen, of, met een bestaand account, een uitnodiging om te bevestigen (pas dan is het een lid).`
          : "De nieuwe persoon krijgt een e-mail: een uitnodiging om een wachtwoord te kiezen, of, met een bestaand account, een uitnodiging om te bevestigen (pas dan is het een lid)."}
      </p>
      <ErrorSummary errors={errors} labels={memberLabels} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <input type="hidden" name="intent" value={membershipId ? "replace" : "add"} />
        <input type="hidden" name="trioId" value={trioId} />
        {membershipId ? <input type="hidden" name="membershipId" value={membershipId} /> : null}
        <Field name="name" label={memberLabels.name} autoComplete="off" required defaultValue={values.name} error={errors?.name} />
        <Field
          name="email"
          label={memberLabels.email}
          type="email"
          autoComplete="off"
          required
          defaultValue={values.email}
          error={errors?.email}
        />
        <Field
          name="jobTitle"
          label={memberLabels.jobTitle}
          autoComplete="off"
          required
          defaultValue={values.jobTitle}
          error={errors?.jobTitle}
        />
        <SelectField
          name="domain"
          label={memberLabels.domain}
          options={domainOptions}
          required
          defaultValue={values.domain ?? defaultDomain}
          error={errors?.domain}
        />
        <div className="actions">
          <SubmitButton className="button" busy={navigation.state === "submitting"}>
            {replacing ? "Vervangen en e-mail sturen" : "Toevoegen en e-mail sturen"}
          </SubmitButton>
          <Link to="." className="button button--quiet">
            Annuleren
          </Link>
        </div>
      </Form>
    </section>
  );
}

type InvitationRow = InvitationOverview;

/** Named people who are no member (yet): pending or declined invitations, with what blocks them. */
function Invitations({ trio, archived }: { trio: { id: string; municipality: string; invitations: InvitationRow[] }; archived: boolean }) {
  const navigation = useNavigation();
  return (
    <>
      <h3>Uitnodigingen</h3>
      <p className="field__hint">Deze mensen zijn genoemd maar nog geen lid: ze hebben geen toegang tot het trio tot ze bevestigen.</p>
      <div
        className="table-wrap"
        role="region"
        aria-label={`Uitnodigingen van trio ${trio.municipality}, horizontaal scrollbaar`}
        tabIndex={0}
      >
        <table>
          <caption className="visually-hidden">Uitnodigingen van trio {trio.municipality}</caption>
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">Domein</th>
              <th scope="col">Functie</th>
              <th scope="col">E-mailadres</th>
              <th scope="col">Stand van zaken</th>
              <th scope="col">
                <span className="visually-hidden">Acties</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {trio.invitations.map((i) => (
              <tr key={i.invitationId}>
                <td>{i.name ?? "Verwijderd"}</td>
                <td>{domainLabels[i.domain]}</td>
                <td>{i.jobTitle}</td>
                <td>{i.email ?? "–"}</td>
                <td>{i.situation}</td>
                <td>
                  {archived ? null : (
                    <Form method="post">
                      <input type="hidden" name="trioId" value={trio.id} />
                      <input type="hidden" name="invitationId" value={i.invitationId} />
                      <button
                        type="submit"
                        name="intent"
                        value="withdraw"
                        className="button button--small button--quiet"
                        disabled={navigation.state === "submitting"}
                      >
                        {i.status === "pending" ? "Intrekken" : "Verwijderen"}
                        <span className="visually-hidden"> uitnodiging {i.name ?? domainLabels[i.domain]}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Decisions({ trio }: { trio: { id: string; municipality: string; status: string } }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const button = (intent: string, label: string) => (
    <SubmitButton name="intent" value={intent} className={intent === "admit" ? "button" : "button button--quiet"} busy={busy}>
      {label}
      <span className="visually-hidden"> trio {trio.municipality}</span>
    </SubmitButton>
  );
  return (
    <div className="stack">
      <Form method="post" className="actions">
        <input type="hidden" name="trioId" value={trio.id} />
        {trio.status !== "admitted" ? button("admit", trio.status === "waiting" ? "Toelaten van de wachtlijst" : "Toelaten") : null}
        {trio.status !== "waiting" ? button("wait", "Op de wachtlijst zetten") : null}
      </Form>
      {trio.status !== "rejected" ? (
        <details>
          <summary>
            Afwijzen…<span className="visually-hidden"> trio {trio.municipality}</span>
          </summary>
          <Form method="post" className="stack">
            <input type="hidden" name="trioId" value={trio.id} />
            <p>Alle leden krijgen een e-mail dat hun trio niet mee kan doen. Je kunt het trio later nog toelaten.</p>
            <SubmitButton name="intent" value="reject" className="button" busy={busy}>
              Ja, wijs trio {trio.municipality} af
            </SubmitButton>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
