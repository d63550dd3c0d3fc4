import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import type { ActionResult } from "~/utils/action-result";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { FileUpload } from "~/features/files/file-upload";
import { MarkdownEditor } from "~/components/markdown-editor";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field } from "~/components/ui/field";
import { getStoredFile } from "~/data/file-store.server";
import {
  createMaterial,
  deleteMaterial,
  getMaterial,
  latestRevision,
  saveRevision,
  type Material,
} from "~/features/programme/material.server";
import { getUserById } from "~/features/accounts/user.server";
import { formatDateTime } from "~/utils/dates";
import { fromDutchParts, toDutchParts } from "~/utils/dutch-time";
import { parseForm, readFormData } from "~/utils/forms";
import { formatBytes } from "~/features/files/format-bytes";
import { materialFormLabels, materialFormSchema, materialKindLabels } from "~/features/programme/material-form";
import { useFormValidation } from "~/utils/use-form-validation";
import { requireSessionEditor } from "~/access/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.material ? "Materiaal bewerken" : "Nieuw materiaal"} – Werkplaats` },
];

type Kind = "text" | "file" | "link";

function loadMaterial(sessionId: string, materialId: string | undefined): Material | null {
  if (materialId === "nieuw") return null;
  const material = getMaterial(materialId ?? "");
  if (!material || material.sessionId !== sessionId) throw new Response("Dit materiaal bestaat niet (meer).", { status: 404 });
  return material;
}

function fileView(fileId: string | null) {
  const file = fileId ? getStoredFile(fileId) : null;
  return file ? { id: file.id, name: file.originalName, size: formatBytes(file.size) } : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, edition, role } = await requireSessionEditor(request, params.sessionId ?? "");
  const material = loadMaterial(session.id, params.materialId);
  const soort = new URL(request.url).searchParams.get("soort");
  const kind: Kind = material?.kind ?? (soort === "file" || soort === "link" ? soort : "text");
  const latest = material ? latestRevision(material) : null;
  const publish = latest?.status === "published" ? toDutchParts(latest.publishAt!) : null;
  return json({
    session: { id: session.id, number: session.number, title: session.title },
    archived: Boolean(edition.archivedAt),
    kind,
    material: material ? { id: material.id } : null,
    values: {
      title: latest?.title ?? "",
      body: latest?.body ?? "",
      url: latest?.url ?? "",
      fileId: latest?.fileId ?? "",
      publish: latest?.status === "published" ? "at" : "draft",
      publishDate: publish?.date ?? "",
      publishTime: publish?.time ?? "",
    },
    file: fileView(latest?.fileId ?? null),
    // Every earlier version stays visible to organisers.
    history:
      role === "organiser" && material
        ? [...material.revisions].reverse().map((r) => ({
            id: r.id,
            title: r.title,
            status: r.status,
            publishAt: r.publishAt,
            savedAt: r.savedAt,
            savedBy: getUserById(r.savedBy)?.name ?? "",
            file: fileView(r.fileId),
            url: r.url,
            bodyLength: r.body.length,
          }))
        : [],
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, user } = await requireSessionEditor(request, params.sessionId ?? "");
  const material = loadMaterial(session.id, params.materialId);
  const form = await readFormData(request);
  const back = `/sessies/${session.id}/materiaal`;
  try {
    if (form.get("intent") === "delete") {
      if (!material) throw new Response(null, { status: 404 });
      await deleteMaterial(material.id);
      return redirect(`${back}?ingetrokken=1`);
    }
    const result = parseForm(form, materialFormSchema, { maxFieldLength: 100_000 });
    if (!result.ok) return json<ActionResult>({ errors: result.errors, values: result.values, done: null }, { status: 400 });
    const data = result.data;
    if (material && material.kind !== data.kind)
      return json<ActionResult>(
        { errors: { kind: "Het soort materiaal kan niet veranderen." }, values: result.values, done: null },
        { status: 400 },
      );

    let fileId: string | null = null;
    if (data.kind === "file") {
      const file = getStoredFile(data.fileId);
      const alreadyOurs = material?.revisions.some((r) => r.fileId === data.fileId);
      if (!file || (!alreadyOurs && file.uploadedBy !== user.id)) {
        return json<ActionResult>(
          { errors: { fileId: "Dit bestand is niet gevonden; upload het opnieuw." }, values: result.values, done: null },
          { status: 400 },
        );
      }
      fileId = file.id;
    }

    let publishAt: string | null = null;
    if (data.publish === "now") publishAt = new Date().toISOString();
    if (data.publish === "at") {
      publishAt = fromDutchParts(data.publishDate, data.publishTime);
      if (!publishAt)
        return json<ActionResult>(
          { errors: { publishDate: "Deze datum bestaat niet." }, values: result.values, done: null },
          { status: 400 },
        );
      const unchanged = material && latestRevision(material).publishAt === publishAt;
      if (publishAt <= new Date().toISOString() && !unchanged) {
        return json<ActionResult>(
          {
            errors: { publishDate: "Dit moment is al voorbij. Kies een moment in de toekomst, of kies 'Nu publiceren'." },
            values: result.values,
            done: null,
          },
          { status: 400 },
        );
      }
    }

    const revision = { title: data.title, body: data.body, url: data.kind === "link" ? data.url : null, fileId };
    if (material) await saveRevision(material.id, { userId: user.id, revision, publishAt });
    else await createMaterial({ sessionId: session.id, kind: data.kind, userId: user.id, revision, publishAt });
    return redirect(`${back}?opgeslagen=1`);
  } catch (error) {
    return domainErrorResponse(error);
  }
}

export default function MaterialEditorPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(materialFormSchema, actionData?.errors);
  const values = { ...data.values, ...(actionData?.values ?? {}) };
  const [publish, setPublish] = useState(values.publish);
  const [file, setFile] = useState(data.file);
  const kind = data.kind;
  return (
    <div className="stack">
      <p>
        <Link to={`/sessies/${data.session.id}/materiaal`}>← Materiaal van bijeenkomst {data.session.number}</Link>
      </p>
      <h1>{data.material ? `${materialKindLabels[kind]} bewerken` : `Nieuw: ${materialKindLabels[kind].toLowerCase()}`}</h1>
      {data.archived ? <Notice tone="info">Deze editie is gearchiveerd: er kan niets meer worden gewijzigd of gepubliceerd.</Notice> : null}
      <ErrorSummary errors={errors} labels={materialFormLabels} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <input type="hidden" name="kind" value={kind} />
        <fieldset disabled={data.archived} className="plain-fieldset stack">
          <Field name="title" label={materialFormLabels.title} required defaultValue={values.title} error={errors?.title} />
          {kind === "file" ? (
            <div className="field">
              <input type="hidden" name="fileId" value={file?.id ?? ""} />
              {file ? (
                <p id="veld-fileId">
                  Gekozen bestand: <strong>{file.name}</strong> ({file.size})
                </p>
              ) : null}
              {errors?.fileId ? <p className="field__error">{errors.fileId}</p> : null}
              <FileUpload
                purpose="materiaal"
                label={file ? "Ander bestand kiezen" : "Bestand kiezen"}
                onUploaded={(f) => setFile({ id: f.id, name: f.name, size: formatBytes(f.size) })}
              />
            </div>
          ) : null}
          {kind === "link" ? (
            <Field
              name="url"
              label={materialFormLabels.url}
              type="url"
              required
              defaultValue={values.url}
              error={errors?.url}
              hint="Bijvoorbeeld een artikel, video of rapport."
            />
          ) : null}
          <MarkdownEditor
            name="body"
            label={kind === "text" ? materialFormLabels.body : "Toelichting"}
            required={kind === "text"}
            maxLength={100_000}
            defaultValue={values.body}
            error={errors?.body}
          />
          <fieldset className="field">
            <legend>{materialFormLabels.publish}</legend>
            {errors?.publish ? <p className="field__error">{errors.publish}</p> : null}
            <label className="choice">
              <input type="radio" name="publish" value="draft" checked={publish === "draft"} onChange={() => setPublish("draft")} /> Nog
              niet: bewaren als concept
            </label>
            <label className="choice">
              <input type="radio" name="publish" value="now" checked={publish === "now"} onChange={() => setPublish("now")} /> Nu publiceren
            </label>
            <label className="choice">
              <input type="radio" name="publish" value="at" checked={publish === "at"} onChange={() => setPublish("at")} /> Publiceren op
              een gekozen moment
            </label>
            {publish === "at" ? (
              <div className="field-row">
                <Field
                  name="publishDate"
                  label={materialFormLabels.publishDate}
                  type="date"
                  required
                  defaultValue={values.publishDate}
                  error={errors?.publishDate}
                />
                <Field
                  name="publishTime"
                  label={materialFormLabels.publishTime}
                  type="time"
                  required
                  defaultValue={values.publishTime || "17:00"}
                  error={errors?.publishTime}
                />
              </div>
            ) : null}
          </fieldset>
          <div className="actions">
            <SubmitButton className="button" busy={navigation.state === "submitting"}>
              Opslaan
            </SubmitButton>
            <Link to={`/sessies/${data.session.id}/materiaal`}>Annuleren</Link>
          </div>
        </fieldset>
      </Form>

      {data.material && !data.archived ? (
        <details className="card narrow">
          <summary>Dit materiaal intrekken…</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="delete" />
            <p>Deelnemers zien het daarna niet meer. De begeleiders houden de eerdere versies in hun overzicht.</p>
            <SubmitButton busy={navigation.state === "submitting"} className="button">
              Ja, intrekken
            </SubmitButton>
          </Form>
        </details>
      ) : null}

      {data.history.length > 0 ? (
        <section aria-labelledby="versies">
          <h2 id="versies">Alle versies</h2>
          <ol className="plain-list">
            {data.history.map((r) => (
              <li key={r.id} className="card">
                <strong>{r.title}</strong>{" "}
                <span className="muted">
                  {r.status === "published" ? `gepubliceerd vanaf ${formatDateTime(r.publishAt!)}` : "concept"} · opgeslagen{" "}
                  {formatDateTime(r.savedAt)} door {r.savedBy}
                </span>
                {r.file ? (
                  <p>
                    <a href={`/bestanden/${r.file.id}`}>{r.file.name}</a> ({r.file.size})
                  </p>
                ) : null}
                {r.url ? <p>{r.url}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
