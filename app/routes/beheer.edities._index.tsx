import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EditionFields } from "~/features/programme/edition-fields";
import { ErrorSummary } from "~/components/ui/error-summary";
import { createEdition, listEditions } from "~/features/programme/edition.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { listTriosOfEdition } from "~/features/registration/trio.server";
import { formatDate } from "~/utils/dates";
import { fromDutchParts } from "~/utils/dutch-time";
import { editionFormLabels, editionFormSchema } from "~/features/programme/edition-form";
import { parseForm, readFormData } from "~/utils/forms";
import { useFormValidation } from "~/utils/use-form-validation";
import { requireOrganiser } from "~/access/guards.server";

export const meta: MetaFunction = () => [{ title: "Edities – Werkplaats" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const editions = listEditions().map((e) => {
    const sessions = listSessionsOfEdition(e.id);
    return {
      id: e.id,
      name: e.name,
      year: e.year,
      capacity: e.capacity,
      archived: Boolean(e.archivedAt),
      registrationOpensAt: e.registrationOpensAt,
      registrationClosesAt: e.registrationClosesAt,
      admitted: listTriosOfEdition(e.id).filter((t) => t.status === "admitted").length,
      scheduled: sessions.filter((s) => s.startsAt).length,
      sessions: sessions.length,
    };
  });
  return json({ editions, thisYear: new Date().getFullYear() });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireOrganiser(request);
  const result = parseForm(await readFormData(request), editionFormSchema);
  if (!result.ok) return json({ errors: result.errors, values: result.values }, { status: 400 });
  const { edition } = await createEdition({
    name: result.data.name,
    year: result.data.year,
    capacity: result.data.capacity,
    registrationOpensAt: fromDutchParts(result.data.registrationOpens, "00:00")!,
    registrationClosesAt: fromDutchParts(result.data.registrationCloses, "23:59")!,
  });
  return redirect(`/beheer/edities/${edition.id}?nieuw=1`);
}

export default function EditionsPage() {
  const { editions, thisYear } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(editionFormSchema, actionData?.errors);
  return (
    <div className="stack">
      <h1>Edities</h1>
      {editions.length === 0 ? (
        <p className="empty">
          Er is nog geen editie. Maak hieronder de eerste aan; de vier bijeenkomsten komen uit het standaardprogramma.
        </p>
      ) : (
        <ul className="card-grid plain-list">
          {editions.map((e) => (
            <li key={e.id} className="card">
              <h2 className="card__title">
                <Link to={e.id}>{e.name}</Link> {e.archived ? <span className="tag tag--muted">Gearchiveerd</span> : null}
              </h2>
              <dl className="stats">
                <div>
                  <dt>Trio&apos;s toegelaten</dt>
                  <dd>
                    {e.admitted} van {e.capacity}
                  </dd>
                </div>
                <div>
                  <dt>Bijeenkomsten gepland</dt>
                  <dd>
                    {e.scheduled} van {e.sessions}
                  </dd>
                </div>
              </dl>
              <p className="muted">
                Aanmelding: {formatDate(e.registrationOpensAt)} tot en met {formatDate(e.registrationClosesAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="nieuwe-editie" className="card narrow">
        <h2 id="nieuwe-editie">Nieuwe editie</h2>
        <p>De editie krijgt de vier bijeenkomsten van het standaardprogramma. Daarna plan je ze in en pas je de teksten aan waar nodig.</p>
        <ErrorSummary errors={errors} labels={editionFormLabels} />
        <Form method="post" noValidate onSubmit={onSubmit} className="stack">
          <EditionFields values={actionData?.values ?? { year: String(thisYear + 1), capacity: "12" }} errors={errors} />
          <div className="actions">
            <SubmitButton className="button" busy={navigation.state === "submitting"}>
              Editie aanmaken
            </SubmitButton>
          </div>
        </Form>
      </section>
    </div>
  );
}
