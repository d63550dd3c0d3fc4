import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { actionResult, type ActionResult } from "~/utils/action-result";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { FileUpload } from "~/features/files/file-upload";
import { OrganogramAnswersList } from "~/features/exercises/organogram-view";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, TextArea } from "~/components/ui/field";
import { getStoredFile } from "~/data/file-store.server";
import { getOrganogram, removeOrganogramFile, saveOrganogramAnswers, setOrganogramFile } from "~/features/exercises/organogram.server";
import { isTrioMember } from "~/features/registration/trio.server";
import exerciseStyles from "~/styles/exercises.css";
import { organogramView } from "~/features/exercises/exercise-views.server";
import { organogramChoices, organogramQuestions } from "~/features/exercises/exercise-content";
import { parseForm, readFormData } from "~/utils/forms";
import { organogramFieldLabels, organogramFormSchema } from "~/features/exercises/organogram-form";
import { requireTrioChange, requireTrioMember } from "~/access/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: exerciseStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Organogram van trio ${data.trio.municipality} – Werkplaats` : "Organogram – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, trio } = await requireTrioMember(request, params.trioId ?? "");
  return json({
    trio: { id: trio.id, municipality: trio.municipality },
    isMember: isTrioMember(user.id, trio.id),
    organogram: organogramView(getOrganogram(trio.id)),
  });
}

const result = (partial: Partial<ActionResult>, status = 200) => json(actionResult(partial), { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trio } = await requireTrioChange(request, params.trioId ?? "", "Alleen leden van het trio vullen het organogram in.");
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "file") {
    try {
      await setOrganogramFile(trio.id, user.id, String(form.get("fileId") ?? ""));
    } catch (error) {
      return domainErrorResponse(error);
    }
    return result({ done: `${getStoredFile(String(form.get("fileId")))?.originalName ?? "Het bestand"} is nu jullie organogram.` });
  }
  if (intent === "remove-file") {
    await removeOrganogramFile(trio.id, user.id);
    return result({ done: "Het organogram-bestand is losgekoppeld. De antwoorden blijven bewaard." });
  }
  if (intent === "save") {
    const parsed = parseForm(form, organogramFormSchema);
    if (!parsed.ok) return result({ errors: parsed.errors, values: parsed.values }, 400);
    const { markerX, markerY, ...rest } = parsed.data as Record<string, unknown> & { markerX: number | null; markerY: number | null };
    const current = getOrganogram(trio.id);
    const hasImage = Boolean(current?.fileId && getStoredFile(current.fileId)?.mime.startsWith("image/"));
    await saveOrganogramAnswers(trio.id, user.id, {
      location: String(rest.location ?? ""),
      notes: String(rest.notes ?? ""),
      marker: hasImage && markerX !== null && markerY !== null ? { x: markerX, y: markerY } : null,
      ...(Object.fromEntries(organogramQuestions.map((q) => [q, (rest[q] as string | null) ?? null])) as Record<
        (typeof organogramQuestions)[number],
        string | null
      >),
    });
    return result({ done: "De antwoorden bij het organogram zijn opgeslagen." });
  }
  return result({ errors: { form: "Onbekende actie." } }, 400);
}

export default function OrganogramPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const attach = useFetcher<typeof action>();
  const o = data.organogram;
  const values = { ...(o?.values ?? {}), ...(actionData?.values ?? {}) } as Record<string, string | undefined>;
  const [marker, setMarker] = useState({ x: values.markerX ?? "", y: values.markerY ?? "" });
  useEffect(() => setMarker({ x: o?.values.markerX ?? "", y: o?.values.markerY ?? "" }), [o?.values.markerX, o?.values.markerY]);
  const errors = actionData?.errors ?? null;
  const busy = navigation.state !== "idle";
  const markerPos = marker.x !== "" && marker.y !== "" ? { x: Number(marker.x), y: Number(marker.y) } : null;

  return (
    <div className="stack">
      <p>
        <Link to={`/trios/${data.trio.id}`}>← Dossier van trio {data.trio.municipality}</Link>
      </p>
      <h1>Organogram van {data.trio.municipality}</h1>
      <p className="lead">
        Waar zit het wijkgerichte werken in jullie organisatie? Een organogram geeft een eerste indruk, maar mist ook veel: de vragen
        hieronder helpen om verder te kijken.
      </p>
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}
      <ErrorSummary errors={errors} labels={organogramFieldLabels} />

      <section aria-labelledby="bestand" className="stack">
        <h2 id="bestand">Het organogram</h2>
        {o?.file ? (
          <div className="stack">
            <p>
              <a href={`/bestanden/${o.file.id}`} download>
                {o.file.name}
              </a>{" "}
              <span className="muted">({o.file.type})</span>
            </p>
            {o.file.preview ? (
              <div className="organogram-figure">
                {data.isMember ? (
                  <button
                    type="button"
                    className="organogram-pick"
                    aria-label="Klik op de plek van het wijkgerichte werken (of vul de plek hieronder in met het toetsenbord)"
                    onClick={(event) => {
                      const box = event.currentTarget.getBoundingClientRect();
                      const x = Math.round(((event.clientX - box.left) / box.width) * 1000) / 10;
                      const y = Math.round(((event.clientY - box.top) / box.height) * 1000) / 10;
                      setMarker({ x: String(Math.min(100, Math.max(0, x))), y: String(Math.min(100, Math.max(0, y))) });
                    }}
                  >
                    <img src={`/bestanden/${o.file.id}/voorbeeld`} alt={`Organogram van ${data.trio.municipality}`} />
                  </button>
                ) : (
                  <img src={`/bestanden/${o.file.id}/voorbeeld`} alt={`Organogram van ${data.trio.municipality}`} />
                )}
                {markerPos ? (
                  <span className="organogram-marker" style={{ left: `${markerPos.x}%`, top: `${markerPos.y}%` }} aria-hidden="true" />
                ) : null}
              </div>
            ) : (
              <p className="muted">Van een PDF is geen voorbeeld te zien; download het bestand om het te bekijken.</p>
            )}
            {data.isMember ? (
              <details className="no-print">
                <summary>Bestand loskoppelen…</summary>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="remove-file" />
                  <p>Weet je het zeker? De antwoorden blijven bewaard; de markering op de afbeelding vervalt.</p>
                  <SubmitButton className="button button--small" busy={busy}>
                    Ja, loskoppelen
                  </SubmitButton>
                </Form>
              </details>
            ) : null}
          </div>
        ) : (
          <p className="empty">
            Er is nog geen organogram toegevoegd.
            {data.isMember ? " Upload een afbeelding of PDF, of teken het op jullie organogram-bord." : ""}
          </p>
        )}
        {data.isMember ? (
          <div className="card narrow stack">
            <FileUpload
              purpose="organogram"
              fields={{ trioId: data.trio.id }}
              label={o?.file ? "Ander organogram uploaden" : "Organogram uploaden"}
              hint="Een afbeelding (PNG, JPEG, GIF of WebP) of een PDF, hoogstens 50 MB."
              accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,application/pdf,image/png,image/jpeg,image/gif,image/webp"
              onUploaded={(file) => attach.submit({ intent: "file", fileId: file.id }, { method: "post" })}
            />
            {attach.data?.errors?.file ? (
              <p className="field__error" role="alert">
                {attach.data.errors.file}
              </p>
            ) : null}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="vragen" className="stack">
        <h2 id="vragen">Reflectie</h2>
        {data.isMember ? (
          <Form method="post" className="stack narrow" noValidate key={o?.updatedAt ?? "nieuw"}>
            <input type="hidden" name="intent" value="save" />
            <TextArea
              name="location"
              label={organogramFieldLabels.location}
              rows={3}
              maxLength={2000}
              defaultValue={values.location ?? ""}
              error={errors?.location}
              hint="Bij welke afdeling, directie of welk team hoort het? Onder welke naam?"
            />
            {o?.file?.preview ? (
              <fieldset className="plain-fieldset stack">
                <legend className="field__legend">Markering op het organogram</legend>
                <p className="field__hint">
                  Klik op de afbeelding, of vul hier de plek in procenten in (0 is links of boven, 100 rechts of onder). Vul beide in, of
                  laat beide leeg.
                </p>
                <div className="field-row">
                  <Field
                    name="markerX"
                    label={organogramFieldLabels.markerX}
                    optionalNote="samen met de andere plek"
                    inputMode="decimal"
                    value={marker.x}
                    onChange={(e) => setMarker({ ...marker, x: e.currentTarget.value })}
                    error={errors?.markerX}
                  />
                  <Field
                    name="markerY"
                    label={organogramFieldLabels.markerY}
                    optionalNote="samen met de andere plek"
                    inputMode="decimal"
                    value={marker.y}
                    onChange={(e) => setMarker({ ...marker, y: e.currentTarget.value })}
                    error={errors?.markerY}
                  />
                </div>
              </fieldset>
            ) : null}
            {organogramQuestions.map((q) => (
              <fieldset key={q} id={`veld-${q}`} className={`field${errors?.[q] ? " field--error" : ""}`}>
                <legend>
                  {organogramChoices[q].label}
                  <span className="field__optional"> (niet verplicht)</span>
                </legend>
                {errors?.[q] ? <p className="field__error">{errors[q]}</p> : null}
                {Object.entries(organogramChoices[q].options).map(([value, label]) => (
                  <label key={value} className="choice">
                    <input type="radio" name={q} value={value} defaultChecked={values[q] === value} /> {label}
                  </label>
                ))}
              </fieldset>
            ))}
            <TextArea
              name="notes"
              label={organogramFieldLabels.notes}
              rows={4}
              maxLength={5000}
              defaultValue={values.notes ?? ""}
              error={errors?.notes}
              hint="Wat laat het organogram niet zien?"
            />
            <div className="actions">
              <SubmitButton className="button" busy={busy}>
                Antwoorden opslaan
              </SubmitButton>
            </div>
          </Form>
        ) : o ? (
          <OrganogramAnswersList organogram={o} />
        ) : (
          <p className="empty">Dit trio heeft de vragen nog niet beantwoord.</p>
        )}
      </section>
    </div>
  );
}
