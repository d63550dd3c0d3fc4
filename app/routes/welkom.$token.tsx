import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TokenProblem } from "~/features/accounts/token-problem";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field } from "~/components/ui/field";
import { checkToken, consumeToken } from "~/features/accounts/token.server";
import { countUsers, createUser, DuplicateEmailError, getUserByEmail } from "~/features/accounts/user.server";
import {
  attemptLimits,
  clientAddressOf,
  retryAfterHeaders,
  tooManyAttempts,
  tooManyAttemptsMessage,
  type Attempt,
} from "~/utils/attempt-limits.server";
import { startSession } from "~/features/accounts/auth.server";
import { emailField, nameField, parseForm, readFormData, withPasswordPair } from "~/utils/forms";
import { hashPassword } from "~/features/accounts/password.server";
import { useFormValidation } from "~/utils/use-form-validation";

export const meta: MetaFunction = () => [{ title: "Eerste begeleider aanmaken – Werkplaats" }];
export const headers = retryAfterHeaders;

const schema = withPasswordPair({ name: nameField(), email: emailField });
const labels = { name: "Naam", email: "E-mailadres", password: "Wachtwoord", confirm: "Herhaal het wachtwoord" };

function problemFor(token: string) {
  // Once an organiser exists, set-up links are of no use any more.
  if (countUsers("organiser") > 0) return "used" as const;
  const check = checkToken(token, ["setup"]);
  return check.ok ? null : check.reason;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const problem = problemFor(params.token ?? "");
  return json({ problem }, { status: problem ? (problem === "unknown" ? 404 : 410) : 200 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const result = parseForm(await readFormData(request), schema);
  if (!result.ok) return json({ errors: result.errors, values: result.values, problem: null }, { status: 400 });
  const attempts: Attempt[] = [
    ["link-address", clientAddressOf(context)],
    ["link-token", params.token ?? ""],
  ];
  const wait = attemptLimits().blocked(attempts);
  if (wait !== null) {
    const values = { name: result.data.name, email: result.data.email } as Record<string, string>;
    return tooManyAttempts({ errors: { form: tooManyAttemptsMessage(wait) } as Record<string, string>, values, problem: null }, wait);
  }
  attemptLimits().record(attempts);
  const duplicate = {
    errors: { email: "Er bestaat al een account met dit e-mailadres." },
    values: { name: result.data.name, email: result.data.email } as Record<string, string>,
    problem: null,
  };
  if (getUserByEmail(result.data.email)) return json(duplicate, { status: 400 });
  const passwordHash = await hashPassword(result.data.password);
  const problem = problemFor(params.token ?? "");
  if (problem) return json({ errors: null, values: null, problem }, { status: 410 });
  const check = await consumeToken(params.token ?? "", ["setup"]);
  if (!check.ok) return json({ errors: null, values: null, problem: check.reason }, { status: 410 });
  try {
    const user = await createUser({ email: result.data.email, name: result.data.name, role: "organiser", passwordHash });
    return startSession(request, user.id, "/?welkom=1");
  } catch (error) {
    if (!(error instanceof DuplicateEmailError)) throw error;
    return json(duplicate, { status: 400 });
  }
}

export default function FirstOrganiserPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(schema, actionData?.errors);
  const problem = actionData?.problem ?? data.problem;
  if (problem) return <TokenProblem reason={problem} />;
  return (
    <div className="narrow">
      <h1>Welkom bij Werkplaats</h1>
      <p>Maak het eerste account voor een begeleider aan. Daarna kun je collega-begeleiders en sprekers uitnodigen.</p>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <Field name="name" label={labels.name} autoComplete="name" required defaultValue={actionData?.values?.name} error={errors?.name} />
        <Field
          name="email"
          label={labels.email}
          type="email"
          autoComplete="email"
          required
          defaultValue={actionData?.values?.email}
          error={errors?.email}
        />
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
            Account aanmaken
          </SubmitButton>
        </div>
      </Form>
    </div>
  );
}
