import { json } from "@remix-run/node";
import { actionResult } from "~/utils/action-result";
import { z } from "zod";
import { DomainError } from "~/utils/domain-error.server";
import { getFeedback, replyToFeedback } from "./feedback.server";
import { notifyUsers } from "~/features/notifications/notification.server";
import { getSubmissionById } from "./submission.server";
import { isTrioMember, listMembersOfTrio } from "~/features/registration/trio.server";
import type { User } from "~/features/accounts/user.server";
import { parseForm } from "~/utils/forms";

/**
 * A model refusal as the answer it deserves, shown beside its field and in the
 * form's summary (the homework page shows only the summary for some fields);
 * anything else is rethrown.
 */
export function refusalResponse(error: unknown, values: Record<string, string> | null = null) {
  if (!(error instanceof DomainError)) throw error;
  return json(actionResult({ errors: { ...error.errors, form: error.message }, values }), { status: error.status });
}

const replySchema = z.object({
  feedbackId: z.string().min(1).max(64),
  body: z
    .string({ required_error: "Schrijf eerst een reactie." })
    .trim()
    .min(1, "Schrijf eerst een reactie.")
    .max(10_000, "Een reactie is hoogstens 10.000 tekens."),
});

/**
 * A reply in a feedback thread, by a trio member or a reviewer. The other side is
 * notified: the feedback's author when the trio replies, the trio otherwise.
 */
export async function handleReply(form: FormData, user: User, expected: { trioId: string; sessionId: string }) {
  const parsed = parseForm(form, replySchema);
  if (!parsed.ok)
    return json(actionResult({ errors: { ...parsed.errors, form: Object.values(parsed.errors)[0] }, values: parsed.values }), {
      status: 400,
    });
  const feedback = getFeedback(parsed.data.feedbackId);
  const submission = feedback ? getSubmissionById(feedback.submissionId) : null;
  if (!feedback || !submission || submission.trioId !== expected.trioId || submission.sessionId !== expected.sessionId) {
    return json(actionResult({ errors: { form: "Deze feedback bestaat niet (meer)." }, values: parsed.values }), { status: 404 });
  }
  try {
    await replyToFeedback(feedback.id, user.id, parsed.data.body);
  } catch (error) {
    return refusalResponse(error, parsed.values);
  }
  const fromTrio = isTrioMember(user.id, submission.trioId);
  const href = fromTrio
    ? `/sessies/${submission.sessionId}/huiswerk/${submission.trioId}`
    : `/trios/${submission.trioId}/huiswerk/${submission.sessionId}`;
  const recipients = fromTrio ? [feedback.authorId] : listMembersOfTrio(submission.trioId).map((m) => m.userId);
  await notifyUsers(
    recipients.filter((id) => id !== user.id),
    { kind: "reply", title: `${user.name} reageerde op feedback bij het huiswerk`, href },
  );
  return json(actionResult({ done: "Je reactie is geplaatst." }));
}
