import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field } from "~/components/ui/field";
import { setUserPassword } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { newPasswordField, parseForm, readFormData } from "~/utils/forms";
import { roleLabels } from "~/utils/labels";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { useFormValidation } from "~/utils/use-form-validation";

export const meta: MetaFunction = () => [{ title: "Mijn account – Werkplaats" }];

const schema = z
  .object({
    current: z.string({ required_error: "Vul je huidige wachtwoord in." }).min(1, "Vul je huidige wachtwoord in.").max(200),
    password: newPasswordField,
    confirm: z.string({ required_error: "Herhaal het nieuwe wachtwoord." }).min(1, "Herhaal het nieuwe wachtwoord.").max(200),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "De twee wachtwoorden zijn niet gelijk." });
const labels = { current: "Huidig wachtwoord", password: "Nieuw wachtwoord", confirm: "Herhaal het nieuwe wachtwoord" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ name: user.name, email: user.email, role: user.role });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = parseForm(await readFormData(request), schema);
  if (!result.ok) return json({ errors: result.errors, saved: false }, { status: 400 });
  if (!(await verifyPassword(user.passwordHash, result.data.current))) {
    return json({ errors: { current: "Dit is niet je huidige wachtwoord." }, saved: false }, { status: 400 });
  }
  await setUserPassword(user.id, await hashPassword(result.data.password));
  return json({ errors: null, saved: true });
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
        <div><dt>Naam</dt><dd>{data.name}</dd></div>
        <div><dt>E-mailadres</dt><dd>{data.email}</dd></div>
        <div><dt>Rol</dt><dd>{roleLabels[data.role]}</dd></div>
      </dl>
      <h2>Wachtwoord wijzigen</h2>
      {actionData?.saved ? <p className="notice notice--success" role="status">Je nieuwe wachtwoord is opgeslagen.</p> : null}
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack" key={actionData?.saved ? "saved" : "form"}>
        {/* Tells password managers (and Chromium's form check) whose password this is. */}
        <input type="email" name="username" autoComplete="username" value={data.email} readOnly hidden />
        <Field name="current" label={labels.current} type="password" autoComplete="current-password" required error={errors?.current} />
        <Field name="password" label={labels.password} type="password" autoComplete="new-password" required hint="Minstens 12 tekens." error={errors?.password} />
        <Field name="confirm" label={labels.confirm} type="password" autoComplete="new-password" required error={errors?.confirm} />
        <div className="actions">
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            Wachtwoord wijzigen
          </button>
        </div>
      </Form>
    </div>
  );
}
