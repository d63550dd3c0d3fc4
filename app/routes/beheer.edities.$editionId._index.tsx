import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { EditionFields } from "~/features/programme/edition-fields";
import { ErrorSummary } from "~/components/ui/error-summary";
import { setEditionArchived, updateEdition } from "~/features/programme/edition.server";
import { deleteEditionPersonalData, editionEndsAt, EditionNotEndedError } from "~/features/accounts/privacy.server";
import { retentionExports, retentionState } from "~/features/accounts/retention.server";
import { editionDashboard } from "~/features/programme/edition-dashboard.server";
import { EditionChecklist, EditionSummary, SessionOverview } from "~/features/programme/edition-dashboard";
import { EditionLifecycle, RetentionNotice } from "~/features/programme/edition-lifecycle";
import { formatDateTime } from "~/utils/dates";
import { fromDutchParts, toDutchParts } from "~/utils/dutch-time";
import { editionFormLabels, editionFormSchema } from "~/features/programme/edition-form";
import { getEnv } from "~/utils/env.server";
import { parseForm, readFormData } from "~/utils/forms";
import { useFormValidation } from "~/utils/use-form-validation";
import { requireEdition, requireOrganiser } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.edition.name ?? "Editie"} – Werkplaats` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const feed = `${getEnv().baseUrl}/agenda/${edition.id}/${edition.feedToken}.ics`;
  const endsAt = editionEndsAt(edition.id);
  const retention = retentionState(edition);
  return json({
    privacy: {
      deleteAt: retention.deleteAt,
      warn: retention.warn,
      exports: retentionExports(edition.id),
      endsAt,
      ended: Boolean(endsAt && endsAt <= new Date().toISOString()),
      deletedAt: edition.personalDataDeletedAt,
      counts: edition.anonymousCounts,
    },
    edition: {
      id: edition.id,
      name: edition.name,
      capacity: edition.capacity,
      archived: Boolean(edition.archivedAt),
      values: {
        name: edition.name,
        year: String(edition.year),
        capacity: String(edition.capacity),
        registrationOpens: toDutchParts(edition.registrationOpensAt).date,
        registrationCloses: toDutchParts(edition.registrationClosesAt).date,
      },
    },
    dashboard: editionDashboard(edition),
    feed,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const organiser = await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "delete-personal-data") {
    try {
      await deleteEditionPersonalData(edition.id, new Date(), organiser.id);
    } catch (error) {
      if (error instanceof EditionNotEndedError) {
        const privacyError = error.endsAt
          ? `Dit kan pas nadat de laatste bijeenkomst is afgelopen, op ${formatDateTime(error.endsAt)}.`
          : "Dit kan pas nadat de laatste bijeenkomst is afgelopen; nog niet alle bijeenkomsten zijn ingepland.";
        return json({ errors: null, values: null, done: null, privacyError }, { status: 409 });
      }
      throw error;
    }
    return json({
      errors: null,
      values: null,
      done: "De persoonsgegevens van deze editie zijn verwijderd. Alleen de aantallen zijn bewaard.",
    });
  }
  if (intent === "archive" || intent === "unarchive") {
    await setEditionArchived(edition.id, intent === "archive");
    return json({
      errors: null,
      values: null,
      done: intent === "archive" ? "De editie is gearchiveerd en kan niet meer worden gewijzigd." : "De editie is weer actief.",
    });
  }
  if (intent !== "update") return json({ errors: { form: "Onbekende actie." }, values: null, done: null }, { status: 400 });
  const result = parseForm(form, editionFormSchema);
  if (!result.ok) return json({ errors: result.errors, values: result.values, done: null }, { status: 400 });
  try {
    await updateEdition(edition.id, {
      name: result.data.name,
      year: result.data.year,
      capacity: result.data.capacity,
      registrationOpensAt: fromDutchParts(result.data.registrationOpens, "00:00")!,
      registrationClosesAt: fromDutchParts(result.data.registrationCloses, "23:59")!,
    });
  } catch (error) {
    return domainErrorResponse(error);
  }
  return json({ errors: null, values: null, done: "De gegevens van de editie zijn opgeslagen." });
}

export default function EditionPage() {
  const { edition, dashboard, feed, privacy } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { errors, onSubmit } = useFormValidation(editionFormSchema, actionData?.errors);
  return (
    <div className="stack">
      <p>
        <Link to="/beheer/edities">← Alle edities</Link>
      </p>
      <h1>
        {edition.name} {edition.archived ? <span className="tag tag--muted">Gearchiveerd</span> : null}
      </h1>
      {params.get("nieuw") === "1" && !actionData ? (
        <Notice tone="success">De editie is aangemaakt met de vier bijeenkomsten uit het standaardprogramma. Plan ze hieronder in.</Notice>
      ) : null}
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}
      <nav aria-label="Onderdelen van de editie" className="actions">
        <Link to="trios" className="button button--quiet">
          Trio&apos;s en aanmeldingen
        </Link>
        <Link to="oefeningen" className="button button--quiet">
          Oefeningen: deelname, spreiding en export
        </Link>
        <Link to="huiswerk" className="button button--quiet">
          Voortgang huiswerk
        </Link>
        <Link to="logboek" className="button button--quiet">
          Logboek: wie deed wat
        </Link>
      </nav>
      {edition.archived ? (
        <Notice tone="info">Deze editie is gearchiveerd: alles is nog te lezen, maar niets kan meer worden gewijzigd.</Notice>
      ) : null}
      <RetentionNotice privacy={privacy} />

      <EditionSummary counts={dashboard.counts} capacity={edition.capacity} next={dashboard.next} attention={dashboard.attention} />
      <EditionChecklist steps={dashboard.checklist} />
      <SessionOverview sessions={dashboard.sessions} archived={edition.archived} />

      <section aria-labelledby="agenda-abonnement" className="card">
        <h2 id="agenda-abonnement">Agenda-abonnement</h2>
        <p>
          Met deze link neemt iedereen de bijeenkomsten van deze editie op in de eigen agenda (Outlook, Google, Apple). Wijzigingen komen
          vanzelf mee.
        </p>
        <p className="code-line">
          <a href={feed}>{feed}</a>
        </p>
      </section>

      <section aria-labelledby="gegevens" className="card narrow">
        <h2 id="gegevens">Gegevens van de editie</h2>
        <p>
          {edition.values.name}, {edition.capacity} plaatsen. Aanmelden van {edition.values.registrationOpens} tot en met{" "}
          {edition.values.registrationCloses}.
        </p>
        <details open={Boolean(errors) || undefined}>
          <summary>Gegevens wijzigen…</summary>
          <ErrorSummary errors={errors} labels={editionFormLabels} />
          <Form method="post" noValidate onSubmit={onSubmit} className="stack">
            <input type="hidden" name="intent" value="update" />
            <fieldset disabled={edition.archived} className="plain-fieldset stack">
              <EditionFields values={actionData?.values ?? edition.values} errors={errors} />
              <div className="actions">
                <SubmitButton className="button" busy={navigation.state === "submitting"}>
                  Opslaan
                </SubmitButton>
              </div>
            </fieldset>
          </Form>
        </details>
      </section>

      <EditionLifecycle
        privacy={privacy}
        privacyError={
          actionData && "privacyError" in actionData && typeof actionData.privacyError === "string" ? actionData.privacyError : null
        }
        archived={edition.archived}
      />
    </div>
  );
}
