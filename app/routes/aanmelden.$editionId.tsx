import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Notice } from "~/components/ui/notice";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import type { Domain } from "~/data/enums";
import { closedMessage, isEditionFull, isRegistrationOpen, registerTrio } from "~/features/registration/registration.server";
import { getTrio, listMembershipsOfUser } from "~/features/registration/trio.server";
import { getOptionalUser } from "~/features/accounts/auth.server";
import { formatDate } from "~/utils/dates";
import { parseForm, readFormData } from "~/utils/forms";
import { MEMBER_NUMBERS, registrationSchema, registrationSchemaLoggedIn } from "~/features/registration/registration-form";
import { clearFormDraft } from "~/utils/use-form-draft";
import { registrationDraftKey, RegistrationFormView } from "~/features/registration/registration-form-view";
import { registrationConfirmationMail } from "~/features/registration/registration-mail.server";
import { listPublicSessionDates } from "~/features/programme/edition-dates.server";
import { EditionDates } from "~/components/edition-dates";
import { sendMail } from "~/features/notifications/mail.server";
import { mailNamedPerson, trioForWhat } from "~/features/registration/trio-mail.server";
import { useFormValidation } from "~/utils/use-form-validation";
import { requireEdition } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Trio aanmelden${data ? ` voor ${data.edition.name}` : ""} – Werkplaats` },
];

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
    sessions: listPublicSessionDates(edition.id),
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
  await sendMail(
    registrationConfirmationMail(registered.people[0].user, {
      municipality: registered.trio.municipality,
      editionName: edition.name,
      waiting,
      colleagues: people.slice(1).map((p) => p.name),
      sessions: listPublicSessionDates(edition.id),
    }),
  );
  if (user) return redirect(`/?aangemeld=${waiting ? "wachtlijst" : "1"}`);
  return redirect(`/aanmelden/${edition.id}?ontvangen=${waiting ? "wachtlijst" : "1"}`);
}

export default function RegisterTrioPage() {
  const { edition, closed, full, me, alreadyIn, received, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const loggedIn = me?.role === "participant";
  const { errors, onSubmit } = useFormValidation(loggedIn ? registrationSchemaLoggedIn : registrationSchema, actionData?.errors);
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const loginLink = `/inloggen?redirectTo=${encodeURIComponent(`/aanmelden/${edition.id}`)}`;
  useEffect(() => {
    if (received) clearFormDraft(registrationDraftKey(edition.id));
  }, [received, edition.id]);

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
        <p>Je krijgt ook een bevestiging van de aanmelding met de data van de bijeenkomsten.</p>
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
      <h2 id="data-bijeenkomsten">De vier bijeenkomsten</h2>
      <p>Een trio is samen bij alle vier. Houd deze data vrij:</p>
      <EditionDates sessions={sessions} headingId="data-bijeenkomsten" />
      <RegistrationFormView
        editionId={edition.id}
        me={loggedIn ? { name: me.name, email: me.email } : null}
        errors={errors}
        onSubmit={onSubmit}
        values={values}
        restoreDraft={!actionData}
        busy={navigation.state === "submitting"}
      />
    </div>
  );
}
