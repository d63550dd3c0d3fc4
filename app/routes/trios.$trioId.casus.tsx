import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { actionResult, type ActionResult } from "~/utils/action-result";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { caseFieldLabels, CaseDetails, CaseFileList } from "~/features/dossier/case-view";
import { FileUpload } from "~/features/files/file-upload";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, TextArea } from "~/components/ui/field";
import { addCaseFile, getCaseOfTrio, removeCaseFile, restoreCaseFile, saveCaseVersion } from "~/features/dossier/case.server";
import { getStoredFile } from "~/data/file-store.server";
import { isTrioMember } from "~/features/registration/trio.server";
import { caseFormSchema } from "~/features/dossier/case-form";
import { caseView, versionView } from "~/features/dossier/case-view.server";
import { formatDateTime } from "~/utils/dates";
import { parseForm, readFormData } from "~/utils/forms";
import { useFormValidation } from "~/utils/use-form-validation";
import { requireTrioChange, requireTrioMember } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Casus van trio ${data.trio.municipality} – Werkplaats` : "Casus – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, trio } = await requireTrioMember(request, params.trioId ?? "");
  const trioCase = getCaseOfTrio(trio.id);
  return json({
    trio: { id: trio.id, municipality: trio.municipality, caseSummary: trio.caseSummary },
    isMember: isTrioMember(user.id, trio.id),
    trioCase: caseView(trioCase),
    // Newest first, the current one excluded.
    history: trioCase ? trioCase.versions.slice(0, -1).reverse().map(versionView) : [],
  });
}

/** Besides the usual result: the file just removed, so the page can offer to put it back. */
type Removed = { removed: { id: string; name: string } | null };
const result = (partial: Partial<ActionResult & Removed>) => actionResult<Removed>({ removed: null, ...partial });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trio } = await requireTrioChange(request, params.trioId ?? "", "Alleen leden van het trio bewerken de casus.");
  const form = await readFormData(request);
  const intent = form.get("intent");
  const fileId = String(form.get("fileId") ?? "");
  if (intent === "save") {
    const parsed = parseForm(form, caseFormSchema);
    if (!parsed.ok) return json(result({ errors: parsed.errors, values: parsed.values }), { status: 400 });
    await saveCaseVersion(trio.id, user.id, parsed.data);
    return json(result({ done: "De casus is opgeslagen. De vorige versie blijft bewaard." }));
  }
  if (intent === "add-file") {
    try {
      await addCaseFile(trio, user.id, fileId);
    } catch (error) {
      return domainErrorResponse(error, { removed: null });
    }
    return json(result({ done: `${getStoredFile(fileId)?.originalName ?? "Het bestand"} is aan de casus toegevoegd.` }));
  }
  if (intent === "remove-file" || intent === "restore-file") {
    const ok = intent === "remove-file" ? await removeCaseFile(trio.id, fileId) : await restoreCaseFile(trio.id, fileId);
    if (!ok) return json(result({ errors: { file: "Dit bestand hoort niet (meer) bij deze casus." } }), { status: 404 });
    const name = getStoredFile(fileId)?.originalName ?? "Het bestand";
    return json(intent === "remove-file" ? result({ removed: { id: fileId, name } }) : result({ done: `${name} is teruggezet.` }));
  }
  return json(result({ errors: { form: "Onbekende actie." } }), { status: 400 });
}

export default function CasePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const addFile = useFetcher<typeof action>();
  const formErrors = actionData?.values ? actionData.errors : null;
  const { errors, onSubmit } = useFormValidation(caseFormSchema, formErrors);
  const current = data.trioCase?.current;
  const values = { ...(current ?? {}), ...(actionData?.values ?? {}) } as Record<string, string | undefined>;
  const otherError = actionData?.errors && !actionData.values ? (actionData.errors.file ?? actionData.errors.form) : null;
  const addError = addFile.data?.errors?.file ?? null;
  const busy = navigation.state !== "idle";
  return (
    <div className="stack">
      <p>
        <Link to={`/trios/${data.trio.id}`}>← Dossier van trio {data.trio.municipality}</Link>
      </p>
      <h1>Casus van trio {data.trio.municipality}</h1>
      {current ? (
        <p className="muted">
          Laatst gewijzigd door {current.savedBy} op {formatDateTime(current.savedAt)}
        </p>
      ) : (
        <p className="muted">Nog niet opgeslagen.</p>
      )}
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}
      {otherError ? <Notice tone="error">{otherError}</Notice> : null}
      {actionData?.removed ? (
        <div className="notice" role="status">
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="restore-file" />
            <input type="hidden" name="fileId" value={actionData.removed.id} />
            {actionData.removed.name} is verwijderd uit de casus.{" "}
            <SubmitButton className="button button--small button--quiet" busy={busy}>
              Ongedaan maken
            </SubmitButton>
          </Form>
        </div>
      ) : null}

      {data.isMember ? (
        <section aria-labelledby="beschrijving" className="stack">
          <h2 id="beschrijving">Beschrijving</h2>
          {data.trio.caseSummary ? (
            <p className="muted">
              Bij de aanmelding schreven jullie: <span className="pre-line">{data.trio.caseSummary}</span>
            </p>
          ) : null}
          <ErrorSummary errors={errors} labels={caseFieldLabels} />
          <Form method="post" noValidate onSubmit={onSubmit} className="stack narrow" key={current?.id ?? "nieuw"}>
            <input type="hidden" name="intent" value="save" />
            <Field
              name="title"
              label={caseFieldLabels.title}
              required
              maxLength={200}
              defaultValue={values.title ?? ""}
              error={errors?.title}
            />
            <TextArea
              name="question"
              label={caseFieldLabels.question}
              rows={4}
              maxLength={5000}
              defaultValue={values.question ?? ""}
              error={errors?.question}
              hint="Welke vraag willen jullie in deze werkplaats een stap verder brengen?"
            />
            <Field
              name="neighbourhood"
              label={caseFieldLabels.neighbourhood}
              maxLength={500}
              defaultValue={values.neighbourhood ?? ""}
              error={errors?.neighbourhood}
            />
            <TextArea
              name="involved"
              label={caseFieldLabels.involved}
              rows={4}
              maxLength={5000}
              defaultValue={values.involved ?? ""}
              error={errors?.involved}
              hint="Bewoners, collega's, afdelingen, partners, bestuur."
            />
            <TextArea
              name="learningGoals"
              label={caseFieldLabels.learningGoals}
              rows={4}
              maxLength={5000}
              defaultValue={values.learningGoals ?? ""}
              error={errors?.learningGoals}
            />
            <div className="actions">
              <SubmitButton className="button" busy={busy}>
                Casus opslaan
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : current ? (
        <section aria-labelledby="beschrijving" className="stack">
          <h2 id="beschrijving">{current.title}</h2>
          <CaseDetails version={current} />
        </section>
      ) : (
        <p className="empty">Dit trio heeft zijn casus nog niet beschreven.</p>
      )}

      <section aria-labelledby="bestanden" className="stack">
        <h2 id="bestanden">Bestanden</h2>
        <CaseFileList
          files={data.trioCase?.files ?? []}
          renderActions={
            data.isMember
              ? (f) => (
                  <details>
                    <summary>
                      Verwijderen<span className="visually-hidden"> ({f.name})</span>…
                    </summary>
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="remove-file" />
                      <input type="hidden" name="fileId" value={f.id} />
                      <p>Weet je zeker dat je {f.name} uit de casus wilt verwijderen?</p>
                      <div className="actions">
                        <SubmitButton className="button button--small" busy={busy}>
                          Ja, verwijderen<span className="visually-hidden"> ({f.name})</span>
                        </SubmitButton>
                      </div>
                    </Form>
                  </details>
                )
              : undefined
          }
        />
        {data.isMember ? (
          <div className="card narrow stack">
            <FileUpload
              purpose="casus"
              fields={{ trioId: data.trio.id }}
              label="Bestand toevoegen"
              onUploaded={(file) => addFile.submit({ intent: "add-file", fileId: file.id }, { method: "post" })}
            />
            {addError ? (
              <p className="field__error" role="alert">
                {addError}
              </p>
            ) : null}
            {addFile.state !== "idle" ? (
              <p className="muted" role="status">
                Bestand wordt aan de casus toegevoegd…
              </p>
            ) : null}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="versies" className="stack">
        <h2 id="versies">Eerdere versies</h2>
        {data.history.length === 0 ? (
          <p className="empty">Er zijn nog geen eerdere versies.</p>
        ) : (
          <ol className="plain-list stack">
            {data.history.map((v) => (
              <li key={v.id}>
                <details className="card">
                  <summary>
                    {v.title}{" "}
                    <span className="muted">
                      · opgeslagen door {v.savedBy} op {formatDateTime(v.savedAt)}
                    </span>
                  </summary>
                  <CaseDetails version={v} />
                </details>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
