import { json, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field } from "~/components/ui/field";
import { issueToken } from "~/features/accounts/token.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import {
  accountKey,
  attemptLimits,
  clientAddressOf,
  retryAfterHeaders,
  tooManyAttempts,
  tooManyAttemptsMessage,
  waitText,
  type Attempt,
} from "~/utils/attempt-limits.server";
import { RESET_TTL_MS } from "~/utils/auth-config.server";
import { emailField, parseForm, readFormData } from "~/utils/forms";
import { absoluteUrl, sendMail } from "~/features/notifications/mail.server";
import { passwordResetMail } from "~/features/accounts/mail-templates.server";
import { Notice } from "~/components/ui/notice";
import { useFormValidation } from "~/utils/use-form-validation";

export const meta: MetaFunction = () => [{ title: "Wachtwoord vergeten – Werkplaats" }];
export const headers = retryAfterHeaders;

const schema = z.object({ email: emailField });
const labels = { email: "E-mailadres" };

export async function action({ request, context }: ActionFunctionArgs) {
  const result = parseForm(await readFormData(request), schema);
  if (!result.ok) return json({ errors: result.errors, values: result.values, sent: false }, { status: 400 });
  // Counted per address and per e-mail address asked for, before looking it up:
  // a known and an unknown address use up their budget alike (no account enumeration).
  const limits = attemptLimits();
  const address: Attempt = ["reset-address", clientAddressOf(context)];
  const target: Attempt = ["reset-target", accountKey(result.data.email)];
  const values = { email: result.data.email };
  const waitAddress = limits.blocked([address]);
  if (waitAddress !== null)
    return tooManyAttempts({ errors: { form: tooManyAttemptsMessage(waitAddress) }, values, sent: false }, waitAddress);
  const waitTarget = limits.blocked([target]);
  if (waitTarget !== null) {
    const form = `Voor dit e-mailadres zijn net al een paar links aangevraagd. Kijk in je mail (ook bij ongewenste e-mail), of probeer het over ${waitText(waitTarget)} opnieuw.`;
    return tooManyAttempts({ errors: { form }, values, sent: false }, waitTarget);
  }
  limits.record([address, target]);
  const user = getUserByEmail(result.data.email);
  // The answer is the same whether or not the address is known (no account enumeration).
  if (user) {
    const { token } = await issueToken("reset", user.id, RESET_TTL_MS);
    await sendMail(passwordResetMail(user, absoluteUrl(`/wachtwoord/${token}`), RESET_TTL_MS / 60_000));
  }
  return json({ errors: null, values: null, sent: true });
}

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(schema, actionData?.errors);
  if (actionData?.sent) {
    return (
      <div className="narrow">
        <h1>Kijk in je mail</h1>
        <Notice tone="success" takeFocus>
          Als dit e-mailadres bij ons bekend is, ontvang je binnen een paar minuten een e-mail met een link om een nieuw wachtwoord in te
          stellen. De link is een uur geldig.
        </Notice>
        <p>
          <Link to="/inloggen">Terug naar inloggen</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Wachtwoord vergeten</h1>
      <p>Vul het e-mailadres van je account in. Je krijgt dan een link om een nieuw wachtwoord te kiezen.</p>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <Field
          name="email"
          label={labels.email}
          type="email"
          autoComplete="email"
          required
          defaultValue={actionData?.values?.email}
          error={errors?.email}
        />
        <div className="actions">
          <SubmitButton className="button" busy={navigation.state === "submitting"}>
            Stuur mij een link
          </SubmitButton>
          <Link to="/inloggen">Terug naar inloggen</Link>
        </div>
      </Form>
    </div>
  );
}
