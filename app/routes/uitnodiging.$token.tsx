import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TokenProblem } from "~/features/accounts/token-problem";
import { getEdition } from "~/features/programme/edition.server";
import {
  acceptTrioInvitation,
  declineTrioInvitation,
  findInvitationByToken,
  InvitationError,
} from "~/features/registration/registration.server";
import { isTrioMember } from "~/features/registration/trio.server";
import { getUserById } from "~/features/accounts/user.server";
import { getOptionalUser } from "~/features/accounts/auth.server";
import { readFormData } from "~/utils/forms";
import { domainLabels } from "~/utils/labels";
import { sendMail } from "~/features/notifications/mail.server";
import { invitationDeclinedMail } from "~/features/accounts/mail-templates.server";

export const meta: MetaFunction = () => [{ title: "Uitnodiging voor een trio – Werkplaats" }];

/**
 * An existing account named as trio member confirms or refuses here (ADR 021). Only
 * the invited account, logged in, can accept; the link alone is enough to refuse.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const found = findInvitationByToken(token);
  if (!found) return json({ problem: "unknown" as const, invitation: null }, { status: 404 });
  const { invitation, trio, edition } = found;
  if (invitation.status !== "pending") return json({ problem: "used" as const, invitation: null }, { status: 410 });
  if (invitation.expiresAt <= new Date().toISOString()) return json({ problem: "expired" as const, invitation: null }, { status: 410 });
  const user = await getOptionalUser(request);
  const invitee = invitation.userId ? getUserById(invitation.userId) : null;
  return json({
    problem: null,
    invitation: {
      municipality: trio.municipality,
      edition: edition.name,
      domain: domainLabels[invitation.domain],
      jobTitle: invitation.jobTitle,
      loginLink: `/inloggen?redirectTo=${encodeURIComponent(`/uitnodiging/${token}`)}`,
      /** Who is looking: nobody, the invited account, or another account. */
      viewer: !user ? ("anonymous" as const) : user.id === invitation.userId ? ("invitee" as const) : ("other" as const),
      inviteeHasPassword: Boolean(invitee?.passwordHash),
    },
  });
}

type ActionData = { error: string | null; declined: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "accept") {
      const user = await getOptionalUser(request);
      if (!user) return redirect(`/inloggen?redirectTo=${encodeURIComponent(`/uitnodiging/${token}`)}`);
      const { trio } = await acceptTrioInvitation(token, user.id);
      return redirect(`/trios/${trio.id}`);
    }
    if (intent === "decline") {
      const { trio, invitation, user } = await declineTrioInvitation(token);
      // The person who registered the trio hears it, if they are in it themselves.
      const registrant = trio.registeredBy && trio.registeredBy !== invitation.userId ? getUserById(trio.registeredBy) : null;
      if (registrant?.passwordHash && isTrioMember(registrant.id, trio.id)) {
        const edition = getEdition(trio.editionId)?.name ?? "de werkplaats";
        await sendMail(
          invitationDeclinedMail(registrant, {
            name: user?.name ?? null,
            domain: domainLabels[invitation.domain].toLowerCase(),
            municipality: trio.municipality,
            editionName: edition,
          }),
        );
      }
      return json<ActionData>({ error: null, declined: true });
    }
  } catch (error) {
    if (error instanceof InvitationError) return json<ActionData>({ error: error.message, declined: false }, { status: error.status });
    throw error;
  }
  return json<ActionData>({ error: "Onbekende actie.", declined: false }, { status: 400 });
}

export default function InvitationPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  if (actionData?.declined) {
    return (
      <div className="narrow stack">
        <h1>Uitnodiging geweigerd</h1>
        <Notice tone="success">
          Je hebt de uitnodiging geweigerd. Je bent geen lid van het trio geworden en er is niets aan je account veranderd.
        </Notice>
        <p>
          <Link to="/">Naar de startpagina</Link>
        </p>
      </div>
    );
  }
  if (data.problem || !data.invitation) return <TokenProblem reason={data.problem ?? "unknown"} />;
  const inv = data.invitation;
  return (
    <div className="narrow stack">
      <h1>Uitnodiging voor een trio</h1>
      <p>Je bent genoemd als lid van een trio in {inv.edition}:</p>
      <dl className="stack">
        <div>
          <dt>Gemeente (zoals opgegeven)</dt>
          <dd>{inv.municipality}</dd>
        </div>
        <div>
          <dt>Domein</dt>
          <dd>{inv.domain}</dd>
        </div>
        <div>
          <dt>Functie (zoals opgegeven)</dt>
          <dd>{inv.jobTitle}</dd>
        </div>
      </dl>
      <p>Je wordt pas lid als je bevestigt. Tot dan heb je geen toegang tot het trio en verandert er niets aan je account.</p>
      {actionData?.error ? (
        <div className="error-summary" role="alert">
          <p>{actionData.error}</p>
        </div>
      ) : null}
      {inv.viewer === "invitee" ? (
        <Form method="post" className="actions">
          <SubmitButton name="intent" value="accept" className="button" busy={busy}>
            Ik doe mee
          </SubmitButton>
        </Form>
      ) : inv.viewer === "other" ? (
        <Notice tone="info">
          Je bent ingelogd met een ander account dan het account waarvoor deze uitnodiging is. Log uit en log in met het e-mailadres waar de
          uitnodiging naartoe ging om te bevestigen.
        </Notice>
      ) : (
        <Notice tone="info">
          Om te bevestigen <Link to={inv.loginLink}>log je in</Link> met het e-mailadres waar deze uitnodiging naartoe ging; daarna kom je
          hier terug.
          {inv.inviteeHasPassword ? null : " Heb je nog geen wachtwoord? Kies er eerst een via 'Wachtwoord vergeten' op de inlogpagina."}
        </Notice>
      )}
      <Form method="post" className="stack">
        <p>Doe je niet mee, of klopt dit niet? Weigeren kan zonder in te loggen.</p>
        <div className="actions">
          <SubmitButton name="intent" value="decline" className="button button--quiet" busy={busy}>
            Ik doe niet mee
          </SubmitButton>
        </div>
      </Form>
    </div>
  );
}
