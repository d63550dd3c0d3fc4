import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field } from "~/components/ui/field";
import { carryOutDeletion, listOpenDeletionRequests } from "~/features/accounts/privacy.server";
import { issueToken } from "~/features/accounts/token.server";
import { createUser, DuplicateEmailError, getUserByEmail, getUserById, listUsers } from "~/features/accounts/user.server";
import { INVITE_TTL_MS } from "~/utils/auth-config.server";
import { emailField, nameField, parseForm, readFormData } from "~/utils/forms";
import { formatDateTime } from "~/utils/dates";
import { roleLabels } from "~/utils/labels";
import { absoluteUrl, sendMail } from "~/features/notifications/mail.server";
import { invitationMail } from "~/features/accounts/mail-templates.server";
import { useFormValidation } from "~/utils/use-form-validation";
import { requireOrganiser } from "~/access/guards.server";

export const meta: MetaFunction = () => [{ title: "Gebruikers – Werkplaats" }];

const inviteSchema = z.object({
  intent: z.literal("invite"),
  name: nameField("de naam"),
  email: emailField,
  role: z.enum(["organiser", "speaker"], { errorMap: () => ({ message: "Kies begeleider of spreker." }) }),
});
const resendSchema = z.object({ intent: z.literal("resend"), userId: z.string().min(1).max(64) });
const labels = { name: "Naam", email: "E-mailadres", role: "Rol" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const users = listUsers()
    .sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name, "nl"))
    .map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, active: u.passwordHash !== null }));
  const deletionRequests = listOpenDeletionRequests().map((r) => {
    const user = getUserById(r.userId);
    return { id: r.id, createdAt: r.createdAt, name: user?.name ?? "", email: user?.email ?? "", role: user?.role ?? "participant" };
  });
  return json({ users, deletionRequests });
}

async function invite(user: { id: string; name: string; email: string; role: "organiser" | "speaker" | "participant" }) {
  const { token } = await issueToken("invite", user.id, INVITE_TTL_MS);
  await sendMail(invitationMail(user, user.role, absoluteUrl(`/wachtwoord/${token}`), INVITE_TTL_MS / 86_400_000));
}

export async function action({ request }: ActionFunctionArgs) {
  const organiser = await requireOrganiser(request);
  const form = await readFormData(request);
  if (form.get("intent") === "carry-out-deletion") {
    try {
      await carryOutDeletion(String(form.get("requestId") ?? ""), organiser.id);
    } catch (error) {
      return domainErrorResponse(error);
    }
    return json({ errors: null, values: null, done: "Het verzoek is uitgevoerd: de persoonsgegevens zijn verwijderd." });
  }
  if (form.get("intent") === "resend") {
    const result = parseForm(form, resendSchema);
    const user = result.ok ? getUserById(result.data.userId) : null;
    if (!user || user.passwordHash)
      return json({ errors: { form: "Deze uitnodiging kan niet opnieuw worden verstuurd." }, values: null, done: null }, { status: 400 });
    await invite(user);
    return json({ errors: null, values: null, done: `De uitnodiging is opnieuw verstuurd naar ${user.email}.` });
  }
  const result = parseForm(form, inviteSchema);
  if (!result.ok) return json({ errors: result.errors, values: result.values, done: null }, { status: 400 });
  const duplicate = {
    errors: { email: "Er bestaat al een account met dit e-mailadres." },
    values: { name: result.data.name, email: result.data.email, role: result.data.role } as Record<string, string>,
    done: null,
  };
  if (getUserByEmail(result.data.email)) return json(duplicate, { status: 400 });
  try {
    const user = await createUser({ name: result.data.name, email: result.data.email, role: result.data.role });
    await invite(user);
    return json({ errors: null, values: null, done: `${user.name} is uitgenodigd als ${roleLabels[user.role].toLowerCase()}.` });
  } catch (error) {
    if (error instanceof DuplicateEmailError) return json(duplicate, { status: 400 });
    throw error;
  }
}

export default function UsersPage() {
  const { users, deletionRequests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(inviteSchema, actionData?.errors);
  return (
    <div className="stack">
      <h1>Gebruikers</h1>
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}
      {deletionRequests.length > 0 ? (
        <section aria-labelledby="verwijderverzoeken" className="card stack">
          <h2 id="verwijderverzoeken">Verzoeken om gegevens te verwijderen ({deletionRequests.length})</h2>
          <p>
            Uitvoeren verwijdert naam, e-mailadres, wachtwoord, inlogsessies en trio-lidmaatschappen van de persoon. Vragen en casusversies
            blijven bewaard, maar op naam van ‘Verwijderde gebruiker’.
          </p>
          <ul className="plain-list stack">
            {deletionRequests.map((r) => (
              <li key={r.id}>
                <strong>{r.name}</strong> ({r.email}, {roleLabels[r.role]}){" "}
                <span className="muted">· gevraagd op {formatDateTime(r.createdAt)}</span>
                <details>
                  <summary>
                    Verzoek uitvoeren<span className="visually-hidden"> voor {r.name}</span>…
                  </summary>
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="carry-out-deletion" />
                    <input type="hidden" name="requestId" value={r.id} />
                    <p>Weet je het zeker? Dit kan niet ongedaan worden gemaakt.</p>
                    <div className="actions">
                      <SubmitButton className="button button--small" busy={navigation.state === "submitting"}>
                        Ja, gegevens van {r.name} verwijderen
                      </SubmitButton>
                    </div>
                  </Form>
                </details>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="uitnodigen" className="card narrow">
        <h2 id="uitnodigen">Begeleider of spreker uitnodigen</h2>
        <p>De persoon krijgt een e-mail met een link om een wachtwoord te kiezen. Deelnemers melden zich aan als trio.</p>
        <ErrorSummary errors={errors} labels={labels} />
        <Form method="post" noValidate onSubmit={onSubmit} className="stack" key={actionData?.done ?? "invite"}>
          <input type="hidden" name="intent" value="invite" />
          <Field name="name" label={labels.name} autoComplete="off" required defaultValue={actionData?.values?.name} error={errors?.name} />
          <Field
            name="email"
            label={labels.email}
            type="email"
            autoComplete="off"
            required
            defaultValue={actionData?.values?.email}
            error={errors?.email}
          />
          <fieldset
            className={`field${errors?.role ? " field--error" : ""}`}
            aria-describedby={errors?.role ? "veld-role-fout" : undefined}
          >
            <legend>{labels.role}</legend>
            {errors?.role ? (
              <p className="field__error" id="veld-role-fout">
                {errors.role}
              </p>
            ) : null}
            <label className="choice">
              <input type="radio" name="role" value="speaker" id="veld-role" defaultChecked={actionData?.values?.role !== "organiser"} />{" "}
              Spreker
            </label>
            <label className="choice">
              <input type="radio" name="role" value="organiser" defaultChecked={actionData?.values?.role === "organiser"} /> Begeleider
            </label>
          </fieldset>
          <div className="actions">
            <SubmitButton className="button" busy={navigation.state === "submitting"}>
              Uitnodiging versturen
            </SubmitButton>
          </div>
        </Form>
      </section>
      <section aria-labelledby="alle-gebruikers">
        <h2 id="alle-gebruikers">Alle gebruikers ({users.length})</h2>
        <div className="table-wrap" role="region" aria-label="Tabel, horizontaal scrollbaar" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Alle gebruikers met hun rol en status</caption>
            <thead>
              <tr>
                <th scope="col">Naam</th>
                <th scope="col">E-mailadres</th>
                <th scope="col">Rol</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td>{roleLabels[u.role]}</td>
                  <td>
                    {u.active ? (
                      "Actief"
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="resend" />
                        <input type="hidden" name="userId" value={u.id} />
                        Uitgenodigd{" "}
                        <SubmitButton busy={navigation.state === "submitting"} className="button button--small button--quiet">
                          Opnieuw versturen<span className="visually-hidden"> aan {u.name}</span>
                        </SubmitButton>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
