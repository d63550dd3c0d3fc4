import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { EditionFields } from "~/features/programme/edition-fields";
import { ErrorSummary } from "~/components/ui/error-summary";
import { setEditionArchived, updateEdition } from "~/features/programme/edition.server";
import { deleteEditionPersonalData, editionEndsAt, EditionNotEndedError } from "~/features/accounts/privacy.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { getUserById } from "~/features/accounts/user.server";
import { formatDateTime, formatTimeRange } from "~/utils/dates";
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
  const sessions = listSessionsOfEdition(edition.id).map((s) => ({
    id: s.id,
    number: s.number,
    title: s.title,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    location: s.location || (s.onlineUrl ? "Online" : ""),
    speakers: s.speakerIds.map((id) => getUserById(id)?.name).filter(Boolean) as string[],
    speakerName: s.speakerName,
  }));
  const feed = `${getEnv().baseUrl}/agenda/${edition.id}/${edition.feedToken}.ics`;
  const endsAt = editionEndsAt(edition.id);
  return json({
    privacy: {
      endsAt,
      ended: Boolean(endsAt && endsAt <= new Date().toISOString()),
      deletedAt: edition.personalDataDeletedAt,
      counts: edition.anonymousCounts,
    },
    edition: {
      id: edition.id,
      name: edition.name,
      archived: Boolean(edition.archivedAt),
      values: {
        name: edition.name,
        year: String(edition.year),
        capacity: String(edition.capacity),
        registrationOpens: toDutchParts(edition.registrationOpensAt).date,
        registrationCloses: toDutchParts(edition.registrationClosesAt).date,
      },
    },
    sessions,
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
  const { edition, sessions, feed, privacy } = useLoaderData<typeof loader>();
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
      <p>
        <Link to="trios" className="button button--quiet">
          Trio&apos;s en aanmeldingen
        </Link>
      </p>
      <p>
        <Link to="oefeningen" className="button button--quiet">
          Oefeningen: deelname, spreiding en export
        </Link>
      </p>
      <p>
        <Link to="huiswerk" className="button button--quiet">
          Voortgang huiswerk
        </Link>
      </p>
      <p>
        <Link to="logboek" className="button button--quiet">
          Logboek: wie deed wat
        </Link>
      </p>
      {edition.archived ? (
        <Notice tone="info">Deze editie is gearchiveerd: alles is nog te lezen, maar niets kan meer worden gewijzigd.</Notice>
      ) : null}

      <section aria-labelledby="bijeenkomsten">
        <h2 id="bijeenkomsten">Bijeenkomsten</h2>
        <ol className="session-list">
          {sessions.map((s) => (
            <li key={s.id} className="session-list__item">
              <span className="session-list__number" aria-hidden="true">
                {s.number}
              </span>
              <div className="grow">
                <h3>
                  <span className="visually-hidden">Bijeenkomst {s.number}: </span>
                  {s.title}
                </h3>
                <p>
                  {s.startsAt && s.endsAt ? (
                    formatTimeRange(s.startsAt, s.endsAt)
                  ) : (
                    <strong className="warning-text">Nog niet ingepland</strong>
                  )}
                </p>
                {s.location ? <p className="muted">{s.location}</p> : null}
                <p className="muted">
                  Spreker: {s.speakerName || "nog niet bekend"}
                  {s.speakers.length ? ` (account: ${s.speakers.join(", ")})` : " (nog geen account gekoppeld)"}
                </p>
              </div>
              <div className="session-list__actions">
                <Link to={`sessies/${s.id}`} className="button button--small button--quiet">
                  {edition.archived ? "Bekijken" : "Plannen en bewerken"}
                  <span className="visually-hidden"> bijeenkomst {s.number}</span>
                </Link>
                <Link to={`/sessies/${s.id}`} className="button button--small button--quiet">
                  Pagina voor deelnemers<span className="visually-hidden"> van bijeenkomst {s.number}</span>
                </Link>
              </div>
            </li>
          ))}
        </ol>
      </section>

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
      </section>

      <section aria-labelledby="persoonsgegevens" className="card narrow stack">
        <h2 id="persoonsgegevens">Persoonsgegevens (AVG)</h2>
        {actionData && "privacyError" in actionData && typeof actionData.privacyError === "string" ? (
          <Notice tone="error">{actionData.privacyError}</Notice>
        ) : null}
        {privacy.deletedAt ? (
          <>
            <p>
              De persoonsgegevens van deze editie zijn verwijderd op {formatDateTime(privacy.deletedAt)}. Bewaard zijn alleen deze
              aantallen:
            </p>
            {privacy.counts ? (
              <dl className="details">
                <div>
                  <dt>Trio&apos;s</dt>
                  <dd>{privacy.counts.trios}</dd>
                </div>
                <div>
                  <dt>Deelnemers</dt>
                  <dd>{privacy.counts.participants}</dd>
                </div>
                <div>
                  <dt>Gemeenten</dt>
                  <dd>{privacy.counts.municipalities}</dd>
                </div>
              </dl>
            ) : null}
          </>
        ) : privacy.ended ? (
          <details>
            <summary>Persoonsgegevens van deze editie verwijderen…</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="delete-personal-data" />
              <p>
                Dit verwijdert de accounts van deelnemers die niet in een trio van een andere editie zitten, de koppeling van leden aan
                trio&apos;s, de casussen met hun bestanden en de namen bij de vragen aan sprekers. Bewaard blijven alleen het aantal
                trio&apos;s, deelnemers en gemeenten. Dit kan niet ongedaan worden gemaakt.
              </p>
              <button type="submit" className="button">
                Ja, verwijder de persoonsgegevens
              </button>
            </Form>
          </details>
        ) : (
          <p>
            Na afloop van de editie kun je hier de persoonsgegevens verwijderen.{" "}
            {privacy.endsAt
              ? `De laatste bijeenkomst eindigt op ${formatDateTime(privacy.endsAt)}.`
              : "Nog niet alle bijeenkomsten zijn ingepland."}
          </p>
        )}
      </section>

      <section aria-labelledby="archiveren" className="card narrow">
        <h2 id="archiveren">{edition.archived ? "Archivering" : "Archiveren"}</h2>
        {edition.archived ? (
          <Form method="post">
            <input type="hidden" name="intent" value="unarchive" />
            <p>Maak de editie weer actief als er toch nog iets moet worden aangepast.</p>
            <button type="submit" className="button button--quiet">
              Archivering ongedaan maken
            </button>
          </Form>
        ) : (
          <details>
            <summary>Deze editie archiveren…</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="archive" />
              <p>
                Na het archiveren blijft alles leesbaar, maar kan niemand nog iets wijzigen of publiceren. Je kunt het later ongedaan maken.
              </p>
              <button type="submit" className="button">
                Ja, archiveer deze editie
              </button>
            </Form>
          </details>
        )}
      </section>
    </div>
  );
}
