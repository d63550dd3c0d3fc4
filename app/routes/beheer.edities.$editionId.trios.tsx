import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { actionResult, type ActionResult } from "~/utils/action-result";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, SelectField } from "~/components/ui/field";
import { domains, type Domain } from "~/data/enums";
import { changeMember, decideTrio, listTrioOverview, withdrawTrioInvitation } from "~/features/registration/registration.server";
import { listMembersOfTrio } from "~/features/registration/trio.server";
import { formatDate } from "~/utils/dates";
import { parseForm, readFormData } from "~/utils/forms";
import { domainLabels, trioStatusLabels } from "~/utils/labels";
import { absoluteUrl, sendMail } from "~/features/notifications/mail.server";
import { removedFromTrioMail, trioDecisionMail, type TrioDecision } from "~/features/accounts/mail-templates.server";
import { memberLabels, memberSchema } from "~/features/registration/registration-form";
import { mailNamedPerson, trioForWhat } from "~/features/registration/trio-mail.server";
import { useFormValidation } from "~/utils/use-form-validation";
import { requireEdition, requireOrganiser } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Trio's – ${data?.edition.name ?? "Editie"} – Werkplaats` }];

const domainOptions = domains.map((d) => ({ value: d, label: domainLabels[d] }));
const decisions: Record<string, TrioDecision> = { admit: "admitted", wait: "waiting", reject: "rejected" };
const doneMessages: Record<string, string> = {
  vervangen: "Het lid is vervangen. De nieuwe persoon heeft een e-mail gekregen.",
  toegevoegd: "Het lid is toegevoegd. De nieuwe persoon heeft een e-mail gekregen.",
  uitgenodigd: "Dit e-mailadres hoort bij een bestaand account. De persoon heeft een uitnodiging gekregen en wordt lid na bevestiging.",
  ingetrokken: "De uitnodiging is ingetrokken.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const trios = listTrioOverview(edition.id).map((t) => ({
    id: t.id,
    municipality: t.municipality,
    status: t.status,
    caseSummary: t.caseSummary,
    registeredAt: formatDate(t.createdAt),
    members: t.members,
    invitations: t.invitations,
  }));
  const count = (status: string) => trios.filter((t) => t.status === status).length;
  return json({
    edition: { id: edition.id, name: edition.name, capacity: edition.capacity, archived: Boolean(edition.archivedAt) },
    trios,
    counts: { admitted: count("admitted"), registered: count("registered"), waiting: count("waiting"), rejected: count("rejected") },
  });
}

/** Besides the usual result: the trio the answer is about, so its row shows it. */
type AboutTrio = { trioId: string | null };
const result = (r: Partial<ActionResult & AboutTrio>, status = 200) => json(actionResult<AboutTrio>({ trioId: null, ...r }), { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const organiser = await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const trioId = String(form.get("trioId") ?? "");
  const trio = listTrioOverview(edition.id).find((t) => t.id === trioId);
  if (!trio) return result({ errors: { form: "Dit trio bestaat niet (meer) in deze editie." } }, 404);

  const decision = decisions[intent];
  if (decision) {
    try {
      const { changed } = await decideTrio(trio.id, decision, new Date(), organiser.id);
      if (!changed) return result({ done: `Trio ${trio.municipality} had deze status al; er is niets veranderd.`, trioId: trio.id });
    } catch (error) {
      return domainErrorResponse(error, { trioId: trio.id });
    }
    for (const member of listMembersOfTrio(trio.id)) {
      await sendMail(
        trioDecisionMail(member.user, decision, { municipality: trio.municipality, editionName: edition.name }, absoluteUrl("/")),
      );
    }
    const what = { admitted: "is toegelaten", waiting: "staat op de wachtlijst", rejected: "is afgewezen" }[decision];
    return result({ done: `Trio ${trio.municipality} ${what}. Alle leden hebben een e-mail gekregen.`, trioId: trio.id });
  }

  if (intent === "withdraw") {
    if (edition.archivedAt)
      return result({ errors: { form: "Deze editie is gearchiveerd en kan niet meer worden gewijzigd." }, trioId: trio.id }, 409);
    const withdrawn = await withdrawTrioInvitation(trio.id, String(form.get("invitationId") ?? ""));
    if (!withdrawn) return result({ errors: { form: "Deze uitnodiging bestaat niet (meer)." }, trioId: trio.id }, 404);
    return redirect(`/beheer/edities/${edition.id}/trios?klaar=ingetrokken#trio-${trio.id}`);
  }

  if (intent === "replace" || intent === "add") {
    const parsed = parseForm(form, memberSchema);
    if (!parsed.ok) return result({ errors: parsed.errors, values: parsed.values, trioId: trio.id }, 400);
    try {
      const changedMember = await changeMember({
        trioId: trio.id,
        removeMembershipId: intent === "replace" ? (parsed.data.membershipId ?? "") : null,
        person: { name: parsed.data.name, email: parsed.data.email, jobTitle: parsed.data.jobTitle, domain: parsed.data.domain as Domain },
        invitedBy: organiser.id,
      });
      await mailNamedPerson(changedMember.added, trioForWhat(trio.municipality, edition.name), { kind: "organisers" });
      if (changedMember.added.kind === "invited") {
        if (changedMember.removed) {
          await sendMail(
            removedFromTrioMail(changedMember.removed.user, { municipality: trio.municipality, editionName: edition.name }, true),
          );
        }
        return redirect(`/beheer/edities/${edition.id}/trios?klaar=uitgenodigd#trio-${trio.id}`);
      }
      if (changedMember.removed) {
        await sendMail(
          removedFromTrioMail(changedMember.removed.user, { municipality: trio.municipality, editionName: edition.name }, true),
        );
      }
    } catch (error) {
      return domainErrorResponse(error, { values: parsed.values, trioId: trio.id });
    }
    return redirect(`/beheer/edities/${edition.id}/trios?klaar=${intent === "replace" ? "vervangen" : "toegevoegd"}#trio-${trio.id}`);
  }
  return result({ errors: { form: "Onbekende actie." } }, 400);
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
  const actionData = useActionData<typeof action>();
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

export default function EditionTriosPage() {
  const { edition, trios, counts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  // The member form stays open after a refused post, also when the URL no longer says which.
  const posted = actionData?.values ?? null;
  const replaceId = params.get("vervang") ?? (posted?.intent === "replace" ? (posted.membershipId ?? null) : null);
  const addTo = params.get("toevoegen") ?? (posted?.intent === "add" ? (posted.trioId ?? null) : null);
  const taken = (t: (typeof trios)[number]) => t.members.length + t.invitations.filter((i) => i.status === "pending").length;
  const memberFormShown = trios.some((t) => t.members.some((m) => m.membershipId === replaceId) || (t.id === addTo && taken(t) < 3));
  const done = actionData?.done ?? (!actionData ? doneMessages[params.get("klaar") ?? ""] : null);
  const formError = actionData?.errors?.form && !(posted && memberFormShown) ? actionData.errors.form : null;
  return (
    <div className="stack">
      <p>
        <Link to={`/beheer/edities/${edition.id}`}>← {edition.name}</Link>
      </p>
      <h1>Trio&apos;s van {edition.name}</h1>
      <dl className="stats">
        <div>
          <dt>Toegelaten</dt>
          <dd>
            {counts.admitted} van {edition.capacity}
          </dd>
        </div>
        <div>
          <dt>Aangemeld</dt>
          <dd>{counts.registered}</dd>
        </div>
        <div>
          <dt>Wachtlijst</dt>
          <dd>{counts.waiting}</dd>
        </div>
        <div>
          <dt>Afgewezen</dt>
          <dd>{counts.rejected}</dd>
        </div>
      </dl>
      <p>
        <a href={`/beheer/edities/${edition.id}/trios.csv`} download className="button button--quiet">
          Contactgegevens (CSV)
        </a>
      </p>
      {done ? <Notice tone="success">{done}</Notice> : null}
      {formError ? (
        <div className="error-summary" role="alert">
          <p>{formError}</p>
        </div>
      ) : null}
      {trios.length === 0 ? (
        <p className="empty">
          Er zijn nog geen trio&apos;s aangemeld. Gemeenten melden zich aan via{" "}
          <Link to={`/aanmelden/${edition.id}`}>het aanmeldformulier</Link> zolang de aanmelding open is.
        </p>
      ) : (
        trios.map((trio) => {
          const replacing = trio.members.find((m) => m.membershipId === replaceId);
          const pending = trio.invitations.filter((i) => i.status === "pending");
          const free = domains.find((d) => !trio.members.some((m) => m.domain === d) && !pending.some((i) => i.domain === d)) ?? "wijk";
          const hasRoom = taken(trio) < 3;
          return (
            <section key={trio.id} id={`trio-${trio.id}`} className="card stack" aria-labelledby={`titel-${trio.id}`}>
              <h2 id={`titel-${trio.id}`}>
                Trio {trio.municipality}{" "}
                <span className={trio.status === "rejected" ? "tag tag--muted" : "tag"}>{trioStatusLabels[trio.status]}</span>
              </h2>
              <p className="muted">Aangemeld op {trio.registeredAt}</p>
              <h3>Casus in het kort</h3>
              {trio.caseSummary ? <p className="prose">{trio.caseSummary}</p> : <p className="empty">Nog geen beschrijving.</p>}
              <h3>Leden</h3>
              {trio.members.length === 0 ? (
                <p className="empty">Dit trio heeft geen leden meer.</p>
              ) : (
                <div
                  className="table-wrap"
                  role="region"
                  aria-label={`Leden van trio ${trio.municipality}, horizontaal scrollbaar`}
                  tabIndex={0}
                >
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
        })
      )}
    </div>
  );
}

type InvitationRow = {
  invitationId: string;
  name: string | null;
  email: string | null;
  domain: Domain;
  jobTitle: string;
  status: "pending" | "declined";
  situation: string;
  canAccept: boolean;
};

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
