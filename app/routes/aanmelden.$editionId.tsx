import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { RegistrationPrivacyNotice } from "~/features/registration/registration-notice";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, TextArea, SelectField } from "~/components/ui/field";
import { domains, type Domain } from "~/data/enums";
import { closedMessage, isEditionFull, isRegistrationOpen, registerTrio } from "~/features/registration/registration.server";
import { getTrio, listMembershipsOfUser } from "~/features/registration/trio.server";
import { getOptionalUser } from "~/features/accounts/auth.server";
import { formatDate } from "~/utils/dates";
import { parseForm, readFormData } from "~/utils/forms";
import { domainLabels } from "~/utils/labels";
import {
  MEMBER_NUMBERS,
  registrationLabels,
  registrationSchema,
  registrationSchemaLoggedIn,
} from "~/features/registration/registration-form";
import { mailNamedPerson, trioForWhat } from "~/features/registration/trio-mail.server";
import { useFormValidation } from "~/utils/use-form-validation";
import { requireEdition } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Trio aanmelden${data ? ` voor ${data.edition.name}` : ""} – Werkplaats` },
];

const domainOptions = domains.map((d) => ({ value: d, label: domainLabels[d] }));
/** The order the form suggests: the person registering is usually the neighbourhood officer. */
const suggestedDomain: Record<number, Domain> = { 1: "wijk", 2: "fysiek", 3: "sociaal" };

/** The municipality of the trio this person is already in for the edition, if any. */
function admittedOrPendingTrio(userId: string, editionId: string): string | null {
  const trio = listMembershipsOfUser(userId)
    .map((m) => getTrio(m.trioId))
    .find((t) => t?.editionId === editionId);
  return trio?.municipality ?? null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const edition = requireEdition(params.editionId);
  const user = await getOptionalUser(request);
  const open = isRegistrationOpen(edition);
  const received = new URL(request.url).searchParams.get("ontvangen");
  return json({
    received: received === "wachtlijst" ? ("waiting" as const) : received ? ("registered" as const) : null,
    edition: { id: edition.id, name: edition.name, closes: formatDate(edition.registrationClosesAt) },
    closed: open ? null : closedMessage(edition),
    full: isEditionFull(edition),
    me: user ? { name: user.name, email: user.email, role: user.role } : null,
    alreadyIn: user ? admittedOrPendingTrio(user.id, edition.id) : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const edition = requireEdition(params.editionId);
  const user = await getOptionalUser(request);
  if (user && user.role !== "participant") {
    return json(
      { errors: { form: "Begeleiders en sprekers kunnen geen trio aanmelden. Log uit om een trio aan te melden." }, values: null },
      { status: 403 },
    );
  }
  const form = await readFormData(request);
  if (user) {
    // Member 1 is the logged-in person: their account's name and address, whatever the form says.
    form.set("name1", user.name);
    form.set("email1", user.email);
  }
  const result = user ? parseForm(form, registrationSchemaLoggedIn) : parseForm(form, registrationSchema);
  if (!result.ok) return json({ errors: result.errors, values: result.values }, { status: 400 });
  if (!isRegistrationOpen(edition)) return json({ errors: { form: closedMessage(edition) }, values: result.values }, { status: 409 });
  const data = result.data as Record<string, string>;
  const people = MEMBER_NUMBERS.map((n) => ({
    name: data[`name${n}`],
    email: data[`email${n}`],
    jobTitle: data[`jobTitle${n}`],
    domain: data[`domain${n}`] as Domain,
  })) as Parameters<typeof registerTrio>[0]["people"];
  let registered;
  try {
    registered = await registerTrio({
      editionId: edition.id,
      municipality: data.municipality,
      caseSummary: data.caseSummary,
      people,
      me: user ? { userId: user.id } : null,
    });
  } catch (error) {
    return domainErrorResponse(error, { values: result.values });
  }
  // Everyone named gets one mail, whether their address is new or has an account (of
  // whatever role): the answer below is the same either way (ADR 021).
  const forWhat = trioForWhat(registered.trio.municipality, edition.name);
  const registrantName = user ? user.name : people[0].name;
  for (const [i, person] of registered.people.entries()) {
    if (person.kind === "self") continue;
    await mailNamedPerson(person, forWhat, i === 0 ? { kind: "self" } : { kind: "registrant", name: registrantName });
  }
  const waiting = registered.trio.status === "waiting";
  if (user) return redirect(`/?aangemeld=${waiting ? "wachtlijst" : "1"}`);
  return redirect(`/aanmelden/${edition.id}?ontvangen=${waiting ? "wachtlijst" : "1"}`);
}

export default function RegisterTrioPage() {
  const { edition, closed, full, me, alreadyIn, received } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const loggedIn = me?.role === "participant";
  const { errors, onSubmit } = useFormValidation(loggedIn ? registrationSchemaLoggedIn : registrationSchema, actionData?.errors);
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const loginLink = `/inloggen?redirectTo=${encodeURIComponent(`/aanmelden/${edition.id}`)}`;

  if (received && !actionData) {
    return (
      <div className="stack narrow">
        <h1>Aanmelding ontvangen</h1>
        <Notice tone="success">
          {received === "waiting"
            ? `Bedankt! De aanmelding voor ${edition.name} is ontvangen en staat op de wachtlijst: alle plaatsen zijn nu bezet.`
            : `Bedankt! De aanmelding voor ${edition.name} is ontvangen.`}
        </Notice>
        <p>
          We hebben iedereen die in de aanmelding staat een e-mail gestuurd, jou ook. Daarin staat hoe je bevestigt dat je meedoet: met een
          nieuw wachtwoord, of door in te loggen als je al een account hebt. Pas wie bevestigt, doet mee. De begeleiders laten jullie weten
          of jullie trio is toegelaten.
        </p>
        <p>Geen e-mail gekregen? Kijk ook in je map met ongewenste e-mail, of neem contact op met de begeleiders.</p>
        <p>
          <Link to="/">Naar de startpagina</Link>
        </p>
      </div>
    );
  }
  if (closed) {
    return (
      <div className="stack narrow">
        <p>
          <Link to="/aanmelden">← Alle edities</Link>
        </p>
        <h1>Trio aanmelden voor {edition.name}</h1>
        <Notice tone="info">{closed}</Notice>
      </div>
    );
  }
  if (alreadyIn && !actionData) {
    return (
      <div className="stack narrow">
        <h1>Trio aanmelden voor {edition.name}</h1>
        <Notice tone="info">{`Je zit al in trio ${alreadyIn} van deze editie. Iedereen doet per editie met één trio mee.`}</Notice>
        <p>
          <Link to="/">Naar de startpagina</Link>
        </p>
      </div>
    );
  }
  if (me && !loggedIn) {
    return (
      <div className="stack narrow">
        <h1>Trio aanmelden voor {edition.name}</h1>
        <Notice tone="info">
          Je bent ingelogd als begeleider of spreker. Die kunnen zelf niet in een trio; deelnemers melden hun trio hier aan. Log uit om het
          formulier te zien zoals een gemeente het ziet.
        </Notice>
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <p>
        <Link to="/aanmelden">← Alle edities</Link>
      </p>
      <h1>Trio aanmelden voor {edition.name}</h1>
      <p>
        Een trio bestaat uit drie collega&apos;s van één gemeente: één uit de wijk (wijkambtenaar, wijkmanager, gebiedsregisseur of
        kernregisseur), één uit het fysieke domein en één uit het sociale domein. Aanmelden kan tot en met {edition.closes}.
      </p>
      {full ? (
        <Notice tone="info">
          Alle plaatsen zijn op dit moment bezet. Jullie aanmelding komt op de wachtlijst; komt er een plaats vrij, dan hoor je het meteen.
        </Notice>
      ) : null}
      {loggedIn ? (
        <Notice tone="info">{`Je bent ingelogd als ${me.name}. Jij bent lid 1 van het trio; je gegevens komen uit je account en je wachtwoord blijft hetzelfde.`}</Notice>
      ) : (
        <Notice tone="info">
          Heb je al een account op dit platform? <Link to={loginLink}>Log dan eerst in</Link>; daarna vullen we jouw gegevens hier in.
          Zonder account krijg je na het aanmelden een e-mail om je wachtwoord te kiezen.
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={registrationLabels} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <Field
          name="municipality"
          label={registrationLabels.municipality}
          autoComplete="organization"
          required
          defaultValue={values.municipality}
          error={errors?.municipality}
        />

        <p className={errors?.domains ? "field field--error" : "field__hint"} id="veld-domains" tabIndex={-1}>
          {errors?.domains ? (
            <span className="field__error">
              <span className="visually-hidden">Fout: </span>
              {errors.domains}
            </span>
          ) : (
            "Per lid vul je het domein in. We verwachten precies één persoon uit de wijk, één uit het fysieke domein en één uit het sociale domein."
          )}
        </p>
        {MEMBER_NUMBERS.map((n) => {
          const self = n === 1;
          return (
            <fieldset key={n} className="card stack">
              <legend>{self ? "Lid 1: jij" : `Lid ${n}`}</legend>
              {self ? null : <p className="field__hint">Deze collega krijgt een e-mail om te bevestigen dat hij of zij meedoet.</p>}
              <Field
                name={`name${n}`}
                label="Naam"
                autoComplete={self ? "name" : "off"}
                required
                readOnly={self && loggedIn}
                defaultValue={self && loggedIn ? me.name : values[`name${n}`]}
                error={errors?.[`name${n}`]}
              />
              <Field
                name={`email${n}`}
                label="E-mailadres"
                type="email"
                autoComplete={self ? "email" : "off"}
                required
                readOnly={self && loggedIn}
                defaultValue={self && loggedIn ? me.email : values[`email${n}`]}
                hint={
                  self && !loggedIn
                    ? "Hiermee log je straks in; je krijgt hier een e-mail om je aanmelding te bevestigen. Gebruik je werkadres."
                    : undefined
                }
                error={errors?.[`email${n}`]}
              />
              <Field
                name={`jobTitle${n}`}
                label="Functie"
                autoComplete={self ? "organization-title" : "off"}
                required
                defaultValue={values[`jobTitle${n}`]}
                error={errors?.[`jobTitle${n}`]}
              />
              <SelectField
                name={`domain${n}`}
                label="Domein"
                options={domainOptions}
                required
                defaultValue={values[`domain${n}`] ?? suggestedDomain[n]}
                error={errors?.[`domain${n}`]}
              />
            </fieldset>
          );
        })}

        <TextArea
          name="caseSummary"
          label={registrationLabels.caseSummary}
          hint="Een paar zinnen over de vraag uit jullie wijk waar jullie mee aan de slag willen, bijvoorbeeld jongeren die een skatepark willen bouwen. Later werken jullie de casus verder uit."
          required
          rows={5}
          maxLength={2000}
          defaultValue={values.caseSummary}
          error={errors?.caseSummary}
        />

        <RegistrationPrivacyNotice />

        <div className="actions">
          <SubmitButton className="button" busy={navigation.state === "submitting"}>
            Trio aanmelden
          </SubmitButton>
        </div>
      </Form>
    </div>
  );
}
