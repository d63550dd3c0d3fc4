/** The settings of one session's homework (the text itself is edited with the session) and extensions per trio. */
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import type { ActionResult } from "~/utils/action-result";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, SelectField } from "~/components/ui/field";
import { AssignmentError, getAssignment, saveAssignmentSettings, setExtension } from "~/features/homework/assignment.server";
import { listAdmittedTrios } from "~/features/homework/homework-overview.server";
import { getSession } from "~/features/programme/session.server";
import { formatDateTime } from "~/utils/dates";
import { toDutchParts } from "~/utils/dutch-time";
import { parseForm, readFormData } from "~/utils/forms";
import { extensionSchema, fieldLabels, settingsSchema } from "~/features/homework/assignment-form";
import { expectationLabels } from "~/features/homework/homework-labels";
import { requireEdition, requireOrganiser } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Huiswerk bijeenkomst ${data.session.number} – Werkplaats` : "Huiswerk – Werkplaats" },
];

function requireSessionOfEdition(editionId: string, sessionId: string | undefined) {
  const session = getSession(sessionId ?? "");
  if (!session || session.editionId !== editionId) throw new Response("Deze bijeenkomst bestaat niet in deze editie.", { status: 404 });
  return session;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const session = requireSessionOfEdition(edition.id, params.sessionId);
  const assignment = getAssignment(session);
  const trios = listAdmittedTrios(edition.id);
  return json({
    edition: { id: edition.id, name: edition.name, archived: Boolean(edition.archivedAt) },
    session: { id: session.id, number: session.number, title: session.title },
    saved: !assignment.id.startsWith("standaard-"),
    due: assignment.dueAt ? toDutchParts(assignment.dueAt) : { date: "", time: "" },
    dueAt: assignment.dueAt,
    expects: assignment.expects,
    shareAfterDue: assignment.shareAfterDue,
    speakerMayGiveFeedback: assignment.speakerMayGiveFeedback,
    reminderDays: assignment.reminderDays,
    trios: trios.map((t) => ({ id: t.id, municipality: t.municipality })),
    extensions: assignment.extensions.map((e) => ({
      trioId: e.trioId,
      municipality: trios.find((t) => t.id === e.trioId)?.municipality ?? "Onbekend trio",
      dueAt: e.dueAt,
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const session = requireSessionOfEdition(edition.id, params.sessionId);
  const form = await readFormData(request);
  const intent = form.get("intent");
  try {
    if (intent === "settings") {
      const parsed = parseForm(form, settingsSchema);
      if (!parsed.ok) return json<ActionResult>({ errors: parsed.errors, values: parsed.values, done: null }, { status: 400 });
      await saveAssignmentSettings(session.id, user.id, parsed.data);
      return json<ActionResult>({ errors: null, values: null, done: "De instellingen van het huiswerk zijn opgeslagen." });
    }
    if (intent === "extension" || intent === "remove-extension") {
      const parsed = parseForm(form, extensionSchema);
      if (!parsed.ok) return json<ActionResult>({ errors: parsed.errors, values: parsed.values, done: null }, { status: 400 });
      if (intent === "extension" && !parsed.data.dueAt)
        return json<ActionResult>(
          { errors: { dueDate: "Vul een nieuwe inleverdatum in." }, values: parsed.values, done: null },
          { status: 400 },
        );
      await setExtension(session.id, parsed.data.trioId, user.id, intent === "extension" ? parsed.data.dueAt : null);
      return json<ActionResult>({
        errors: null,
        values: null,
        done: intent === "extension" ? "De verlenging is toegekend." : "De verlenging is ingetrokken.",
      });
    }
  } catch (error) {
    // A refused setting keeps what was typed; other refusals (an archived edition) do not.
    if (error instanceof AssignmentError)
      return domainErrorResponse(error, { values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])) });
    return domainErrorResponse(error);
  }
  return json<ActionResult>({ errors: { form: "Onbekende actie." }, values: null, done: null }, { status: 400 });
}

export default function AssignmentSettingsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = actionData?.errors ?? null;
  const values = actionData?.values ?? null;
  const isExtension = values?.intent === "extension";
  return (
    <div className="stack">
      <p>
        <Link to={`/beheer/edities/${data.edition.id}/huiswerk`}>← Voortgang huiswerk</Link>
      </p>
      <h1>
        Huiswerk bijeenkomst {data.session.number}: {data.session.title}
      </h1>
      <p>
        De tekst van het huiswerk staat bij de bijeenkomst:{" "}
        <Link to={`/beheer/edities/${data.edition.id}/sessies/${data.session.id}`}>
          tekst van bijeenkomst {data.session.number} bewerken
        </Link>
        .
      </p>
      {data.saved ? null : (
        <p className="muted">
          Nog niet opgeslagen: dit zijn de standaardinstellingen (inleveren drie dagen vóór de volgende bijeenkomst, om 17:00).
        </p>
      )}
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}
      {errors?.form ? <Notice tone="error">{errors.form}</Notice> : null}

      <section aria-labelledby="instellingen" className="stack narrow">
        <h2 id="instellingen">Instellingen</h2>
        {!isExtension ? <ErrorSummary errors={errors} labels={fieldLabels} /> : null}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <div className="field-row">
            <Field
              name="dueDate"
              type="date"
              label="Inleverdatum"
              defaultValue={(!isExtension && values?.dueDate) || data.due.date}
              error={!isExtension ? errors?.dueDate : undefined}
              hint="Leeg: geen inleverdatum."
            />
            <Field name="dueTime" type="time" label="Tijd" defaultValue={(!isExtension && values?.dueTime) || data.due.time} />
          </div>
          <SelectField
            name="expects"
            label="Wat wordt ingeleverd"
            required
            defaultValue={data.expects}
            options={(Object.keys(expectationLabels) as Array<keyof typeof expectationLabels>).map((k) => ({
              value: k,
              label: expectationLabels[k],
            }))}
          />
          <Field
            name="reminderDays"
            type="number"
            min={0}
            max={14}
            label="Herinnering (dagen vóór de inleverdatum)"
            required
            defaultValue={String(data.reminderDays)}
            error={errors?.reminderDays}
            hint="0: geen herinnering. Trio's die nog niets hebben ingeleverd krijgen een e-mail."
          />
          <div className="choice">
            <input type="checkbox" id="veld-shareAfterDue" name="shareAfterDue" defaultChecked={data.shareAfterDue} />
            <label htmlFor="veld-shareAfterDue">Na de inleverdatum zien trio's elkaars huiswerk</label>
          </div>
          <div className="choice">
            <input
              type="checkbox"
              id="veld-speakerMayGiveFeedback"
              name="speakerMayGiveFeedback"
              defaultChecked={data.speakerMayGiveFeedback}
            />
            <label htmlFor="veld-speakerMayGiveFeedback">De spreker van deze bijeenkomst mag de inzendingen lezen en feedback geven</label>
          </div>
          <div className="actions">
            <SubmitButton className="button" busy={busy} disabled={data.edition.archived}>
              Instellingen opslaan
            </SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="verlenging" className="stack narrow">
        <h2 id="verlenging">Verlenging voor één trio</h2>
        {data.extensions.length === 0 ? (
          <p className="empty">Geen enkel trio heeft een verlenging.</p>
        ) : (
          <ul className="plain-list stack">
            {data.extensions.map((e) => (
              <li key={e.trioId}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-extension" />
                  <input type="hidden" name="trioId" value={e.trioId} />
                  Trio {e.municipality}: tot {formatDateTime(e.dueAt)}{" "}
                  <SubmitButton className="button button--small button--quiet" busy={busy}>
                    Intrekken<span className="visually-hidden"> (trio {e.municipality})</span>
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {data.trios.length > 0 ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="extension" />
            <SelectField
              name="trioId"
              label="Trio"
              required
              placeholder="Kies een trio"
              defaultValue={isExtension ? values?.trioId : ""}
              error={isExtension ? errors?.trioId : undefined}
              options={data.trios.map((t) => ({ value: t.id, label: t.municipality }))}
            />
            <div className="field-row">
              <Field
                name="dueDate"
                type="date"
                label="Nieuwe inleverdatum"
                required
                defaultValue={isExtension ? values?.dueDate : ""}
                error={isExtension ? errors?.dueDate : undefined}
              />
              <Field name="dueTime" type="time" label="Tijd" defaultValue={isExtension ? values?.dueTime : "17:00"} />
            </div>
            <div className="actions">
              <SubmitButton className="button" busy={busy} disabled={data.edition.archived}>
                Verlenging toekennen
              </SubmitButton>
            </div>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
