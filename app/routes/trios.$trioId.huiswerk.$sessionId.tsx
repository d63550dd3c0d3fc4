/**
 * A trio's homework for one session: the assignment, the shared draft (saved as
 * you type, with a refusal when someone else saved first), files, handing in,
 * every submitted version with its feedback, and the reply thread.
 */
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import { useEffect, useRef } from "react";
import { FileUpload } from "~/features/files/file-upload";
import { ANSWER_MAX, DraftEditor, type AutosaveResult, type DraftState } from "~/features/homework/draft-editor";
import { HomeworkFiles, HomeworkHistory } from "~/features/homework/homework-history";
import { Markdown } from "~/components/markdown";
import { dueAtForTrio, isPastDue } from "~/features/homework/assignment.server";
import { listAdmittedTrios } from "~/features/homework/homework-overview.server";
import {
  addDraftFile,
  getSubmission,
  latestVersion,
  removeDraftFile,
  saveDraft,
  submitDraft,
  type Submission,
} from "~/features/homework/submission.server";
import { getStoredFile } from "~/data/file-store.server";
import { formatDateTime, formatTime } from "~/utils/dates";
import { parseForm, readFormData } from "~/utils/forms";
import { handleReply, refusalResponse } from "~/features/homework/homework-actions.server";
import { actionResult, type ActionResult } from "~/utils/action-result";
import { expectationLabels, feedbackStatusLabels, homeworkStatusLabels } from "~/features/homework/homework-labels";
import { draftView, homeworkStatus, submissionHistory, versionView } from "~/features/homework/homework-view.server";
import { nameOf } from "~/features/dossier/case-view.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { requireHomeworkWork, requireTrioHomework } from "~/access/guards.server";
import { markdownField } from "~/utils/markdown-limits";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Huiswerk bijeenkomst ${data.session.number} – trio ${data.trio.municipality} – Werkplaats` : "Huiswerk – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { trio, session, edition, assignment, isMember } = await requireTrioHomework(request, params.trioId ?? "", params.sessionId ?? "");
  const submission = getSubmission(session.id, trio.id);
  const now = new Date();
  const generalDuePassed = Boolean(assignment.dueAt && assignment.dueAt < now.toISOString());
  const peers =
    assignment.shareAfterDue && generalDuePassed
      ? listAdmittedTrios(edition.id)
          .filter((t) => t.id !== trio.id)
          .flatMap((t) => {
            const latest = latestVersion(getSubmission(session.id, t.id));
            return latest ? [{ municipality: t.municipality, version: versionView(latest, 0) }] : [];
          })
      : [];
  return json({
    trio: { id: trio.id, municipality: trio.municipality },
    session: { id: session.id, number: session.number, title: session.title },
    homeworkHtml: renderMarkdown(session.homework),
    archived: Boolean(edition.archivedAt || edition.personalDataDeletedAt),
    isMember,
    expects: assignment.expects,
    dueAt: dueAtForTrio(assignment, trio.id),
    hasExtension: assignment.extensions.some((e) => e.trioId === trio.id),
    pastDue: isPastDue(assignment, trio.id, now),
    status: homeworkStatus(assignment, trio.id, submission, now),
    draft: draftView(submission),
    history: submissionHistory(submission),
    shareAfterDue: assignment.shareAfterDue,
    peers,
  });
}

/** Autosaves answer with their own shape; they do not reload the page's data. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

const draftSchema = z.object({
  text: markdownField(ANSWER_MAX, { trim: false, tooLong: "Het antwoord is te lang (hoogstens 50.000 tekens)." }),
  baseRevision: z.coerce.number({ invalid_type_error: "De versie van het concept ontbreekt." }).int().min(0),
});

function draftState(submission: Submission): DraftState {
  return {
    text: submission.draftText,
    revision: submission.draftRevision,
    savedAt: submission.draftSavedAt,
    savedBy: nameOf(submission.draftSavedBy),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireTrioHomework(request, params.trioId ?? "", params.sessionId ?? "");
  const { user, trio, session, assignment } = context;
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "reply") return handleReply(form, user, { trioId: trio.id, sessionId: session.id });
  requireHomeworkWork(context);

  if (intent === "autosave" || intent === "submit") {
    // The long-text limit of parseForm is for ordinary forms; an answer may be longer.
    const parsed = parseForm(form, draftSchema.passthrough(), { maxFieldLength: 50_000 });
    if (!parsed.ok) {
      const message = Object.values(parsed.errors)[0];
      if (intent === "autosave") return json<AutosaveResult>({ autosave: { ok: false, conflict: null, message } }, { status: 400 });
      return json(actionResult({ errors: { text: message, form: message }, values: parsed.values }), { status: 400 });
    }
    let saved;
    try {
      saved = await saveDraft(session, trio.id, user.id, parsed.data.text, parsed.data.baseRevision);
    } catch (error) {
      if (intent === "autosave") {
        const refusal = refusalResponse(error);
        const body = (await refusal.json()) as ActionResult;
        return json<AutosaveResult>(
          { autosave: { ok: false, conflict: null, message: body.errors?.form ?? "Opslaan lukte niet." } },
          { status: refusal.status },
        );
      }
      return refusalResponse(error, parsed.values);
    }
    if (!saved.ok) {
      const conflict = draftState(saved.current);
      const message = `${conflict.savedBy} heeft het concept om ${formatTime(conflict.savedAt)} ook gewijzigd. Jouw tekst is niet opgeslagen, maar ook niet weg: vergelijk beide versies en voeg ze samen.`;
      if (intent === "autosave") return json<AutosaveResult>({ autosave: { ok: false, conflict, message } }, { status: 409 });
      return json({ ...actionResult({ errors: { form: message }, values: parsed.values }), conflict }, { status: 409 });
    }
    if (intent === "autosave") return json<AutosaveResult>({ autosave: { ok: true, draft: draftState(saved.submission) } });
    try {
      const version = await submitDraft(session, assignment, trio.id, user.id);
      return json(
        actionResult({
          done: version.late
            ? "Jullie huiswerk is ingeleverd, na de inleverdatum: het staat als ‘te laat’ gemarkeerd."
            : "Jullie huiswerk is ingeleverd. Tot de inleverdatum kunnen jullie nog een nieuwe versie inleveren.",
        }),
      );
    } catch (error) {
      return refusalResponse(error, parsed.values);
    }
  }

  if (intent === "add-file" || intent === "remove-file") {
    const fileId = String(form.get("fileId") ?? "").slice(0, 64);
    try {
      if (intent === "add-file") await addDraftFile(session, trio.id, user.id, fileId);
      else await removeDraftFile(session, trio.id, user.id, fileId);
    } catch (error) {
      return refusalResponse(error);
    }
    const name = getStoredFile(fileId)?.originalName ?? "Het bestand";
    return json(
      actionResult({ done: intent === "add-file" ? `${name} is aan het concept toegevoegd.` : `${name} is uit het concept gehaald.` }),
    );
  }
  return json(actionResult({ errors: { form: "Onbekende actie." } }), { status: 400 });
}

export default function HomeworkPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as (ActionResult & { conflict?: DraftState }) | undefined;
  // After a hand-in (keyboard or not) focus moves to the confirmation, not back to the top of the page.
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (actionData?.done) doneRef.current?.focus();
  }, [actionData]);
  const navigation = useNavigation();
  const addFile = useFetcher<typeof action>();
  const busy = navigation.state !== "idle";
  const canWork = data.isMember && !data.archived;
  const formError = actionData?.errors?.form ?? null;
  return (
    <div className="stack">
      <p>
        <Link to={`/trios/${data.trio.id}`}>← Dossier van trio {data.trio.municipality}</Link>
      </p>
      <h1>
        Huiswerk bijeenkomst {data.session.number}: {data.session.title}
      </h1>
      <dl className="stats">
        <div>
          <dt>Inleveren vóór</dt>
          <dd>
            {data.dueAt ? formatDateTime(data.dueAt) : "geen inleverdatum"}
            {data.hasExtension ? " (verlengd voor jullie trio)" : ""}
          </dd>
        </div>
        <div>
          <dt>Verwacht</dt>
          <dd>{expectationLabels[data.expects]}</dd>
        </div>
        <div>
          <dt>Stand</dt>
          <dd>
            {data.status === "feedback" && data.history[0]?.feedback.at(-1)
              ? `Feedback: ${feedbackStatusLabels[data.history[0].feedback.at(-1)!.status].toLowerCase()}`
              : homeworkStatusLabels[data.status]}
          </dd>
        </div>
      </dl>
      {data.archived ? <Notice tone="info">Deze editie is afgesloten; het huiswerk kan niet meer worden gewijzigd.</Notice> : null}
      {actionData?.done ? (
        <div ref={doneRef} tabIndex={-1} className="focus-target">
          <Notice tone="success">{actionData.done}</Notice>
        </div>
      ) : null}
      {formError ? <Notice tone="error">{formError}</Notice> : null}

      <section aria-labelledby="opdracht" className="stack">
        <h2 id="opdracht">De opdracht</h2>
        {data.homeworkHtml ? (
          <Markdown html={data.homeworkHtml} className="prose" />
        ) : (
          <p className="empty">De begeleiders hebben nog geen huiswerk beschreven.</p>
        )}
      </section>

      {data.isMember ? (
        <section aria-labelledby="concept" className="stack">
          <h2 id="concept">Concept</h2>
          <Form method="post" className="stack narrow">
            <DraftEditor draft={data.draft} disabled={!canWork} />
            <h3>Bestanden bij het concept</h3>
            {data.draft.files.length === 0 ? (
              <p className="empty">Nog geen bestanden.</p>
            ) : (
              <ul className="plain-list stack">
                {data.draft.files.map((f) => (
                  <li key={f.id}>
                    <a href={`/bestanden/${f.id}`}>{f.name}</a> <span className="muted">({f.size})</span>{" "}
                    {canWork ? (
                      <button
                        type="button"
                        className="button button--small button--quiet"
                        disabled={addFile.state !== "idle"}
                        onClick={() => addFile.submit({ intent: "remove-file", fileId: f.id }, { method: "post" })}
                      >
                        Uit concept halen<span className="visually-hidden"> ({f.name})</span>
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            <div className="actions">
              <SubmitButton name="intent" value="submit" className="button" busy={busy} disabled={!canWork}>
                {data.history.length > 0 ? "Nieuwe versie inleveren" : "Inleveren als trio"}
              </SubmitButton>
            </div>
            {data.pastDue ? (
              <p className="warning-text">De inleverdatum is voorbij: wat jullie nu inleveren, staat als ‘te laat’ gemarkeerd.</p>
            ) : null}
          </Form>
          {canWork ? (
            <div className="card narrow stack">
              <FileUpload
                purpose="huiswerk"
                fields={{ trioId: data.trio.id }}
                label="Bestand toevoegen"
                onUploaded={(file) => addFile.submit({ intent: "add-file", fileId: file.id }, { method: "post" })}
              />
              {addFile.data && "errors" in addFile.data && addFile.data.errors?.form ? (
                <p className="field__error" role="alert">
                  {addFile.data.errors.form}
                </p>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : (
        <section aria-labelledby="concept" className="stack">
          <h2 id="concept">Concept</h2>
          {data.draft.text || data.draft.files.length ? (
            <>
              <p className="pre-line">{data.draft.text}</p>
              <HomeworkFiles files={data.draft.files} />
            </>
          ) : (
            <p className="empty">Het trio heeft nog geen concept.</p>
          )}
        </section>
      )}

      <section aria-labelledby="ingeleverd" className="stack">
        <h2 id="ingeleverd">Ingeleverde versies en feedback</h2>
        <HomeworkHistory items={data.history} canReply={!data.archived} busy={busy} />
      </section>

      {data.shareAfterDue ? (
        <section aria-labelledby="anderen" className="stack">
          <h2 id="anderen">Huiswerk van andere trio's</h2>
          {data.peers.length === 0 ? (
            <p className="empty">Na de inleverdatum zien jullie hier wat de andere trio's hebben ingeleverd.</p>
          ) : (
            data.peers.map((p) => (
              <article key={p.municipality} className="card stack">
                <h3>Trio {p.municipality}</h3>
                {p.version.html ? <Markdown html={p.version.html} /> : null}
                <HomeworkFiles files={p.version.files} />
              </article>
            ))
          )}
        </section>
      ) : null}
    </div>
  );
}
