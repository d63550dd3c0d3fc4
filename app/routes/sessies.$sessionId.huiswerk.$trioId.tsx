/**
 * A trio's homework as organisers (and the session's speaker, when allowed) see
 * it: the submitted versions, feedback with a status, deleting feedback, replies.
 */
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { HomeworkHistory } from "~/features/homework/homework-history";
import { Markdown } from "~/components/markdown";
import { MarkdownEditor } from "~/components/markdown-editor";
import { SelectField } from "~/components/ui/field";
import { dueAtForTrio } from "~/features/homework/assignment.server";
import { deleteFeedback, getFeedback, giveFeedback } from "~/features/homework/feedback.server";
import { notifyUsers } from "~/features/notifications/notification.server";
import { getSubmission, getSubmissionById, latestVersion } from "~/features/homework/submission.server";
import { listMembersOfTrio } from "~/features/registration/trio.server";
import { formatDateTime } from "~/utils/dates";
import { parseForm, readFormData } from "~/utils/forms";
import { handleReply, refusalResponse } from "~/features/homework/homework-actions.server";
import { actionResult, type ActionResult } from "~/utils/action-result";
import { feedbackStatusLabels, feedbackStatusValues as feedbackStatuses, homeworkStatusLabels } from "~/features/homework/homework-labels";
import { draftView, homeworkStatus, submissionHistory } from "~/features/homework/homework-view.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { requireHomeworkReviewer, requireTrioOfEdition } from "~/access/guards.server";
import { decide } from "~/access/policy.server";
import { ErrorSummary } from "~/components/ui/error-summary";
import { markdownField } from "~/utils/markdown-limits";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Huiswerk trio ${data.trio.municipality}, bijeenkomst ${data.session.number} – Werkplaats` : "Huiswerk – Werkplaats" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, edition, assignment, role } = await requireHomeworkReviewer(request, params.sessionId ?? "");
  const trio = requireTrioOfEdition(params.trioId, edition.id);
  const submission = getSubmission(session.id, trio.id);
  return json({
    role,
    trio: { id: trio.id, municipality: trio.municipality },
    session: { id: session.id, number: session.number, title: session.title },
    editionId: edition.id,
    archived: Boolean(edition.archivedAt || edition.personalDataDeletedAt),
    homeworkHtml: renderMarkdown(session.homework),
    dueAt: dueAtForTrio(assignment, trio.id),
    status: homeworkStatus(assignment, trio.id, submission),
    draft: draftView(submission),
    latestVersionId: latestVersion(submission)?.id ?? null,
    history: submissionHistory(submission),
  });
}

const feedbackSchema = z.object({
  versionId: z.string().min(1).max(64),
  body: markdownField(20_000, { required: "Schrijf eerst je feedback.", tooLong: "Feedback is hoogstens 20.000 tekens." }),
  status: z.enum(feedbackStatuses, { errorMap: () => ({ message: "Kies een status." }) }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session, edition } = await requireHomeworkReviewer(request, params.sessionId ?? "");
  const trio = requireTrioOfEdition(params.trioId, edition.id);
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "reply") return handleReply(form, user, { trioId: trio.id, sessionId: session.id });
  const submission = getSubmission(session.id, trio.id);

  if (intent === "feedback") {
    const parsed = parseForm(form, feedbackSchema, { maxFieldLength: 20_000 });
    if (!parsed.ok) return json(actionResult({ errors: parsed.errors, values: parsed.values }), { status: 400 });
    if (!submission)
      return json(actionResult({ errors: { form: "Dit trio heeft nog niets ingeleverd." }, values: parsed.values }), { status: 409 });
    try {
      await giveFeedback({
        submissionId: submission.id,
        versionId: parsed.data.versionId,
        authorId: user.id,
        body: parsed.data.body,
        status: parsed.data.status,
      });
    } catch (error) {
      return refusalResponse(error, parsed.values);
    }
    await notifyUsers(
      listMembersOfTrio(trio.id).map((m) => m.userId),
      {
        kind: "feedback",
        title: `Nieuwe feedback op jullie huiswerk van bijeenkomst ${session.number}`,
        href: `/trios/${trio.id}/huiswerk/${session.id}`,
      },
    );
    return json(actionResult({ done: "Je feedback is geplaatst; het trio krijgt een melding." }));
  }

  if (intent === "delete-feedback") {
    const removal = decide(user, "homework.removeFeedback", session);
    if (!removal.allowed) return json(actionResult({ errors: { form: removal.message } }), { status: removal.status });
    const feedback = getFeedback(String(form.get("feedbackId") ?? "").slice(0, 64));
    if (!feedback || getSubmissionById(feedback.submissionId)?.trioId !== trio.id) {
      return json(actionResult({ errors: { form: "Deze feedback bestaat niet." } }), { status: 404 });
    }
    try {
      await deleteFeedback(feedback.id);
    } catch (error) {
      return refusalResponse(error);
    }
    return json(actionResult({ done: "De feedback is verwijderd." }));
  }
  return json(actionResult({ errors: { form: "Onbekende actie." } }), { status: 400 });
}

export default function ReviewHomeworkPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const errors = actionData?.errors ?? null;
  return (
    <div className="stack">
      <p>
        {data.role === "organiser" ? (
          <Link to={`/beheer/edities/${data.editionId}/huiswerk`}>← Voortgang huiswerk</Link>
        ) : (
          <Link to={`/sessies/${data.session.id}/huiswerk`}>← Huiswerk van deze bijeenkomst</Link>
        )}
      </p>
      <h1>
        Huiswerk van trio {data.trio.municipality}, bijeenkomst {data.session.number}
      </h1>
      <p className="muted">
        Stand: {homeworkStatusLabels[data.status]} · inleveren vóór {data.dueAt ? formatDateTime(data.dueAt) : "geen datum"}
      </p>
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}
      {errors?.form ? (
        <Notice tone="error">{errors.form}</Notice>
      ) : (
        <ErrorSummary errors={errors} labels={{ body: "Feedback", status: "Status" }} />
      )}
      <details>
        <summary>De opdracht</summary>
        <Markdown html={data.homeworkHtml} />
      </details>

      <section aria-labelledby="versies" className="stack">
        <h2 id="versies">Ingeleverde versies</h2>
        <HomeworkHistory
          items={data.history}
          canReply={!data.archived}
          busy={busy}
          renderFeedbackActions={
            data.role === "organiser" && !data.archived
              ? (f) => (
                  <details>
                    <summary>
                      Feedback verwijderen<span className="visually-hidden"> (van {f.author})</span>…
                    </summary>
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="delete-feedback" />
                      <input type="hidden" name="feedbackId" value={f.id} />
                      <p>Het trio ziet deze feedback en de reacties daarop dan niet meer. Weet je het zeker?</p>
                      <SubmitButton className="button button--small" busy={busy}>
                        Ja, verwijderen
                      </SubmitButton>
                    </Form>
                  </details>
                )
              : undefined
          }
        />
      </section>

      {data.latestVersionId && !data.archived ? (
        <section aria-labelledby="feedback-geven" className="stack narrow">
          <h2 id="feedback-geven">Feedback geven op de nieuwste versie</h2>
          <Form method="post" className="stack" key={data.history[0]?.feedback.length ?? 0}>
            <input type="hidden" name="intent" value="feedback" />
            <input type="hidden" name="versionId" value={data.latestVersionId} />
            <MarkdownEditor
              name="body"
              label="Feedback"
              required
              rows={6}
              maxLength={20_000}
              error={errors?.body}
              defaultValue={actionData?.values?.body ?? ""}
            />
            <SelectField
              name="status"
              label="Status"
              required
              defaultValue={actionData?.values?.status ?? "ontvangen"}
              error={errors?.status}
              options={feedbackStatuses.map((s) => ({ value: s, label: feedbackStatusLabels[s] }))}
            />
            <div className="actions">
              <SubmitButton className="button" busy={busy}>
                Feedback plaatsen
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : (
        <p className="empty">Zodra het trio iets inlevert, kun je hier feedback geven.</p>
      )}
    </div>
  );
}
