import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field } from "~/components/ui/field";
import {
  accountKey,
  attemptLimits,
  clientAddressOf,
  retryAfterHeaders,
  tooManyAttempts,
  tooManyAttemptsMessage,
  type Attempt,
} from "~/utils/attempt-limits.server";
import { getOptionalUser, safeRedirect, startSession, verifyLogin } from "~/features/accounts/auth.server";
import { emailField, parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { useFormValidation } from "~/utils/use-form-validation";

export const meta: MetaFunction = () => [{ title: "Inloggen – Werkplaats" }];
export const headers = retryAfterHeaders;

const schema = z.object({
  email: emailField,
  password: z.string({ required_error: "Vul je wachtwoord in." }).min(1, "Vul je wachtwoord in.").max(200, "Dit wachtwoord is te lang."),
  redirectTo: z.string().max(2000).optional(),
});

const labels = { email: "E-mailadres", password: "Wachtwoord" };

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const result = parseForm(await readFormData(request), schema);
  if (!result.ok) return json({ errors: result.errors, values: result.values }, { status: 400 });
  // Failed logins count per address (generous: an office shares one) and per account,
  // known or not (strict). While either is used up, even the right password waits.
  const account = accountKey(result.data.email);
  const attempts: Attempt[] = [
    ["login-address", clientAddressOf(context)],
    ["login-account", account],
  ];
  const limits = attemptLimits();
  const wait = limits.blocked(attempts);
  if (wait !== null) {
    return tooManyAttempts({ errors: { form: tooManyAttemptsMessage(wait) } as FieldErrors, values: { email: result.data.email } }, wait);
  }
  const user = await verifyLogin(result.data.email, result.data.password);
  if (user) limits.clear("login-account", account);
  else limits.record(attempts);
  if (!user) {
    return json(
      {
        errors: { form: "Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer het opnieuw." } as FieldErrors,
        values: { email: result.data.email },
      },
      { status: 401 },
    );
  }
  return startSession(request, user.id, safeRedirect(result.data.redirectTo));
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(schema, actionData?.errors);
  const loggedOut = searchParams.get("uitgelogd") === "1";
  return (
    <div className="narrow">
      <h1>Inloggen</h1>
      {loggedOut && !errors ? <Notice tone="success">Je bent uitgelogd.</Notice> : null}
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field
          name="email"
          label={labels.email}
          type="email"
          autoComplete="username"
          required
          defaultValue={actionData?.values?.email}
          error={errors?.email}
        />
        <Field name="password" label={labels.password} type="password" autoComplete="current-password" required error={errors?.password} />
        <div className="actions">
          <SubmitButton className="button" busy={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Bezig met inloggen…" : "Inloggen"}
          </SubmitButton>
          <Link to="/wachtwoord-vergeten">Wachtwoord vergeten?</Link>
        </div>
      </Form>
    </div>
  );
}
