import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field } from "~/components/ui/field";
import { getOpenDeletionRequest, requestDeletion } from "~/features/accounts/privacy.server";
import { deleteOtherAuthSessionsOfUser } from "~/features/accounts/auth-session.server";
import { setUserPassword } from "~/features/accounts/user.server";
import { readSessionId } from "~/utils/auth-config.server";
import {
  accountKey,
  attemptLimits,
  retryAfterHeaders,
  tooManyAttempts,
  tooManyAttemptsMessage,
  type Attempt,
} from "~/utils/attempt-limits.server";
import { formatDateTime } from "~/utils/dates";
import { requireUser } from "~/features/accounts/auth.server";
import { parseForm, readFormData, withPasswordPair } from "~/utils/forms";
import { roleLabels } from "~/utils/labels";
import { hashPassword, verifyPassword } from "~/features/accounts/password.server";
import { useFormValidation } from "~/utils/use-form-validation";
import { getMailChoices, mailKindLabels, mailKinds, setMailChoices } from "~/features/notifications/preferences.server";
import { MailPreferencesForm } from "~/features/notifications/mail-preferences-form";

export const meta: MetaFunction = () => [{ title: "Mijn account – Werkplaats" }];
export const headers = retryAfterHeaders;

const schema = withPasswordPair(
  { current: z.string({ required_error: "Vul je huidige wachtwoord in." }).min(1, "Vul je huidige wachtwoord in.").max(200) },
  "Herhaal het nieuwe wachtwoord.",
);
const labels = { current: "Huidig wachtwoord", password: "Nieuw wachtwoord", confirm: "Herhaal het nieuwe wachtwoord" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const open = getOpenDeletionRequest(user.id);
  return json({
    name: user.name,
    email: user.email,
    role: user.role,
    deletion: open ? { requestedAt: open.createdAt } : null,
    mailChoices: Object.entries(getMailChoices(user.id))
      .filter(([kind]) => user.role === "organiser" || kind !== "digest")
      .map(([kind, on]) => ({ kind, on, label: mailKindLabels[kind as keyof typeof mailKindLabels] })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readFormData(request);
  if (form.get("intent") === "mail-preferences") {
    // An unchecked box is absent from the form: absent means off.
    await setMailChoices(user.id, Object.fromEntries(mailKinds.map((kind) => [kind, form.get(kind) === "on"])));
    return json({ errors: null, saved: false, deletionRequested: false, preferencesSaved: true });
  }
  if (form.get("intent") === "request-deletion") {
    await requestDeletion(user.id);
    return json({ errors: null, saved: false, deletionRequested: true });
  }
  const result = parseForm(form, schema);
  if (!result.ok) return json({ errors: result.errors, saved: false, deletionRequested: false }, { status: 400 });
  // Guessing the current password here shares the account's budget of failed logins.
  const attempts: Attempt[] = [["login-account", accountKey(user.email)]];
  const wait = attemptLimits().blocked(attempts);
  if (wait !== null)
    return tooManyAttempts({ errors: { current: tooManyAttemptsMessage(wait) }, saved: false, deletionRequested: false }, wait);
  if (!(await verifyPassword(user.passwordHash, result.data.current))) {
    attemptLimits().record(attempts);
    return json({ errors: { current: "Dit is niet je huidige wachtwoord." }, saved: false, deletionRequested: false }, { status: 400 });
  }
  await setUserPassword(user.id, await hashPassword(result.data.password));
  // Every other login of this person ends (and its open connections with it); this one stays.
  await deleteOtherAuthSessionsOfUser(user.id, (await readSessionId(request.headers.get("Cookie"))) ?? "");
  return json({ errors: null, saved: true, deletionRequested: false });
}

export default function AccountPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(schema, actionData?.errors);
  return (
    <div className="narrow stack">
      <h1>Mijn account</h1>
      <dl className="details">
        <div>
          <dt>Naam</dt>
          <dd>{data.name}</dd>
        </div>
        <div>
          <dt>E-mailadres</dt>
          <dd>{data.email}</dd>
        </div>
        <div>
          <dt>Rol</dt>
          <dd>{roleLabels[data.role]}</dd>
        </div>
      </dl>
      <h2>Wachtwoord wijzigen</h2>
      {actionData?.saved ? (
        <Notice tone="success">Je nieuwe wachtwoord is opgeslagen. Op je andere apparaten en browsers ben je uitgelogd.</Notice>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack" key={actionData?.saved ? "saved" : "form"}>
        {/* Tells password managers (and Chromium's form check) whose password this is. */}
        <input type="email" name="username" autoComplete="username" value={data.email} readOnly hidden />
        <Field name="current" label={labels.current} type="password" autoComplete="current-password" required error={errors?.current} />
        <Field
          name="password"
          label={labels.password}
          type="password"
          autoComplete="new-password"
          required
          hint="Minstens 12 tekens."
          error={errors?.password}
        />
        <Field name="confirm" label={labels.confirm} type="password" autoComplete="new-password" required error={errors?.confirm} />
        <div className="actions">
          <SubmitButton className="button" busy={navigation.state === "submitting"}>
            Wachtwoord wijzigen
          </SubmitButton>
        </div>
      </Form>

      <MailPreferencesForm
        choices={data.mailChoices}
        saved={Boolean(actionData && "preferencesSaved" in actionData && actionData.preferencesSaved)}
        busy={navigation.state === "submitting"}
      />

      <section aria-labelledby="mijn-gegevens" className="stack">
        <h2 id="mijn-gegevens">Mijn gegevens</h2>
        <p>
          Je kunt alles wat de werkplaats over jou bewaart downloaden: je account, je trio&apos;s, de versies van de casus die jij hebt
          opgeslagen, je vragen aan sprekers, de bestanden die je hebt geüpload (de gegevens erover) en je inlogsessies.
        </p>
        <p>
          <a className="button button--quiet" href="/account/gegevens.json" download>
            Mijn gegevens downloaden (JSON)
          </a>
        </p>
        <h3>Gegevens laten verwijderen</h3>
        {actionData?.deletionRequested ? (
          <Notice tone="success" takeFocus>
            Je verzoek is ontvangen. Een begeleider handelt het af; daarna kun je niet meer inloggen.
          </Notice>
        ) : null}
        {data.deletion ? (
          <Notice tone="info">
            Status: je hebt op {formatDateTime(data.deletion.requestedAt)} gevraagd om je gegevens te verwijderen. Een begeleider voert dit
            verzoek uit; je naam en e-mailadres worden dan verwijderd en je kunt niet meer inloggen.
          </Notice>
        ) : (
          <details className="card">
            <summary>Verzoek indienen om mijn gegevens te verwijderen…</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="request-deletion" />
              <p>
                Weet je het zeker? Een begeleider verwijdert daarna je naam, e-mailadres, wachtwoord en je lidmaatschap van je trio. Wat je
                trio samen heeft gemaakt blijft bewaard, maar niet meer onder jouw naam.
              </p>
              <div className="actions">
                <SubmitButton className="button" busy={navigation.state === "submitting"}>
                  Ja, verzoek indienen
                </SubmitButton>
              </div>
            </Form>
          </details>
        )}
      </section>
    </div>
  );
}
