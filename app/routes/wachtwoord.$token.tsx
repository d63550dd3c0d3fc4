import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TokenProblem } from "~/features/accounts/token-problem";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field } from "~/components/ui/field";
import { deleteAuthSessionsOfUser } from "~/features/accounts/auth-session.server";
import { getEdition } from "~/features/programme/edition.server";
import { canDeclineNewAccount, declineNewAccount } from "~/features/registration/registration.server";
import { checkToken, consumeToken } from "~/features/accounts/token.server";
import { isTrioMember } from "~/features/registration/trio.server";
import { getUserById, setUserPassword } from "~/features/accounts/user.server";
import {
  attemptLimits,
  clientAddressOf,
  retryAfterHeaders,
  tooManyAttempts,
  tooManyAttemptsMessage,
  type Attempt,
} from "~/utils/attempt-limits.server";
import { startSession } from "~/features/accounts/auth.server";
import { parseForm, passwordPairSchema, readFormData } from "~/utils/forms";
import { domainLabels } from "~/utils/labels";
import { sendMail } from "~/features/notifications/mail.server";
import { invitationDeclinedMail } from "~/features/accounts/mail-templates.server";
import { hashPassword } from "~/features/accounts/password.server";
import { useFormValidation } from "~/utils/use-form-validation";

export const meta: MetaFunction = () => [{ title: "Wachtwoord instellen – Werkplaats" }];
export const headers = retryAfterHeaders;

const KINDS = ["invite", "reset"] as const;
const labels = { password: "Nieuw wachtwoord", confirm: "Herhaal het wachtwoord" };

export async function loader({ params }: LoaderFunctionArgs) {
  const check = checkToken(params.token ?? "", KINDS);
  if (!check.ok)
    return json(
      { problem: check.reason, name: null, email: null, invite: false, canDecline: false },
      { status: check.reason === "unknown" ? 404 : 410 },
    );
  const user = check.record.userId ? getUserById(check.record.userId) : null;
  if (!user) return json({ problem: "unknown" as const, name: null, email: null, invite: false, canDecline: false }, { status: 404 });
  const invite = check.record.kind === "invite";
  return json({ problem: null, name: user.name, email: user.email, invite, canDecline: invite && canDeclineNewAccount(user.id) });
}

/**
 * "Ik doe niet mee" from a welcome link: a person given a new account by someone
 * else's registration refuses; the unused account goes (ADR 021).
 */
async function decline(token: string) {
  const check = checkToken(token, ["invite"]);
  if (!check.ok) return json({ errors: null, problem: check.reason, declined: false }, { status: check.reason === "unknown" ? 404 : 410 });
  const userId = check.record.userId;
  if (!userId || !canDeclineNewAccount(userId)) {
    return json(
      {
        errors: { decline: "Dit account is al in gebruik. Wil je niet meer meedoen? Log in en verlaat het trio op de pagina van je trio." },
        problem: null,
        declined: false,
      },
      { status: 409 },
    );
  }
  const consumed = await consumeToken(token, ["invite"]);
  if (!consumed.ok) return json({ errors: null, problem: consumed.reason, declined: false }, { status: 410 });
  const user = getUserById(userId);
  const left = await declineNewAccount(userId);
  for (const { trio, domain } of left) {
    const registrant = trio.registeredBy && trio.registeredBy !== userId ? getUserById(trio.registeredBy) : null;
    if (!registrant?.passwordHash || !isTrioMember(registrant.id, trio.id)) continue;
    await sendMail(
      invitationDeclinedMail(registrant, {
        name: user?.name ?? null,
        domain: domainLabels[domain].toLowerCase(),
        municipality: trio.municipality,
        editionName: getEdition(trio.editionId)?.name ?? "de werkplaats",
      }),
    );
  }
  return json({ errors: null, problem: null, declined: true });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const token = params.token ?? "";
  const limits = attemptLimits();
  const attempts: Attempt[] = [
    ["link-address", clientAddressOf(context)],
    ["link-token", token],
  ];
  const wait = limits.blocked(attempts);
  if (wait !== null)
    return tooManyAttempts(
      { errors: { form: tooManyAttemptsMessage(wait) } as Record<string, string>, problem: null, declined: false },
      wait,
    );
  limits.record(attempts);
  if (form.get("intent") === "decline") return decline(token);
  const result = parseForm(form, passwordPairSchema);
  if (!result.ok) return json({ errors: result.errors as Record<string, string>, problem: null, declined: false }, { status: 400 });
  // A link that cannot be used costs no password hash.
  const usable = checkToken(token, KINDS);
  if (!usable.ok)
    return json({ errors: null, problem: usable.reason, declined: false }, { status: usable.reason === "unknown" ? 404 : 410 });
  // Hash before consuming, so a slow hash cannot leave the link used but the password unset.
  const passwordHash = await hashPassword(result.data.password);
  const check = await consumeToken(token, KINDS);
  if (!check.ok) return json({ errors: null, problem: check.reason, declined: false }, { status: check.reason === "unknown" ? 404 : 410 });
  const userId = check.record.userId;
  if (!userId || !getUserById(userId)) return json({ errors: null, problem: "unknown" as const, declined: false }, { status: 404 });
  await setUserPassword(userId, passwordHash);
  // A new password ends every earlier login, wherever it was.
  await deleteAuthSessionsOfUser(userId);
  return startSession(request, userId, "/?welkom=1");
}

export default function SetPasswordPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(passwordPairSchema, actionData?.errors?.decline ? null : actionData?.errors);
  const problem = actionData?.problem ?? data.problem;
  if (actionData?.declined) {
    return (
      <div className="narrow">
        <h1>Je doet niet mee</h1>
        <Notice tone="success">
          Je bent geen lid van het trio meer en het account dat voor je was aangemaakt is verwijderd. De begeleiders zien dat de plaats in
          het trio vrij is.
        </Notice>
      </div>
    );
  }
  if (problem) return <TokenProblem reason={problem} />;
  return (
    <div className="narrow">
      <h1>{data.invite ? "Welkom! Kies je wachtwoord" : "Kies een nieuw wachtwoord"}</h1>
      <p>
        {data.invite
          ? `Hallo ${data.name}, met dit wachtwoord log je voortaan in op het platform van de werkplaats.`
          : `Hallo ${data.name}, kies een nieuw wachtwoord. Je wordt daarna overal uitgelogd waar je nog was ingelogd.`}
      </p>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        {/* Tells password managers (and Chromium's form check) which account the new password is for. */}
        {data.email ? <input type="email" name="username" autoComplete="username" value={data.email} readOnly hidden /> : null}
        <Field
          name="password"
          label={labels.password}
          type="password"
          autoComplete="new-password"
          required
          hint="Minstens 12 tekens. Een zin van een paar woorden werkt goed."
          error={errors?.password}
        />
        <Field name="confirm" label={labels.confirm} type="password" autoComplete="new-password" required error={errors?.confirm} />
        <div className="actions">
          <SubmitButton className="button" busy={navigation.state === "submitting"}>
            Wachtwoord opslaan
          </SubmitButton>
        </div>
      </Form>
      {data.canDecline ? (
        <Form method="post" className="stack" id="weigeren">
          <h2>Doe je niet mee?</h2>
          <p>
            Ben je aangemeld zonder dat je dat wilde, of doe je niet mee? Dan ben je geen lid meer en verwijderen we het account dat voor je
            is aangemaakt.
          </p>
          {actionData?.errors?.decline ? (
            <div className="error-summary" role="alert">
              <p>{actionData.errors.decline}</p>
            </div>
          ) : null}
          <div className="actions">
            <button
              type="submit"
              name="intent"
              value="decline"
              className="button button--quiet"
              disabled={navigation.state === "submitting"}
            >
              Ik doe niet mee
            </button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
