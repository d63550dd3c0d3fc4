/**
 * The data and form actions of a session page (sessies.$sessionId._index): what
 * the route's loader and action delegate to.
 */
import { speakerDisplayName } from "./session.server";
import { json } from "@remix-run/node";
import type { SessionAccess } from "~/access/guards.server";
import { requireAllowed } from "~/access/guards.server";
import { Messages, withBoardRoles } from "~/access/policy.server";
import { getStoredFile } from "~/data/file-store.server";
import { getUserById } from "~/features/accounts/user.server";
import { listBoardsOfSession } from "~/features/boards/board.server";
import { formatBytes } from "~/features/files/format-bytes";
import { getAssignment } from "~/features/homework/assignment.server";
import { homeworkLinkFor } from "~/features/homework/homework-view.server";
import { getTrio } from "~/features/registration/trio.server";
import type { ActionResult } from "~/utils/action-result";
import { formatTimeRange } from "~/utils/dates";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { getEnv } from "~/utils/env.server";
import { parseForm } from "~/utils/forms";
import { renderMarkdown } from "~/utils/markdown.server";
import { relativeDays } from "~/utils/relative-time";
import { listMaterialsOfSession, listVisibleMaterials, materialState } from "./material.server";
import { createQuestion, getQuestion, listQuestionsOfSession, setQuestionHidden } from "./question.server";
import { questionSchema } from "./session-page-form";

/** Everything the session page shows, for this person. */
export async function sessionPageData(access: SessionAccess) {
  const { session, edition, role } = access;
  const now = new Date();
  const materials = listVisibleMaterials(session.id, now).map(({ material, revision }) => {
    const file = revision.fileId ? getStoredFile(revision.fileId) : null;
    return {
      id: material.id,
      kind: material.kind,
      title: revision.title,
      html: revision.body ? renderMarkdown(revision.body) : "",
      url: revision.url,
      file: file ? { id: file.id, name: file.originalName, size: formatBytes(file.size), mime: file.mime } : null,
      publishedAt: revision.publishAt!,
    };
  });
  const canManage = role !== "participant";
  const unpublished = canManage ? listMaterialsOfSession(session.id).filter((m) => materialState(m, now) !== "published").length : 0;
  const questions = listQuestionsOfSession(session.id, { includeHidden: role === "organiser" }).map((q) => ({
    id: q.id,
    text: q.text,
    trio: getTrio(q.trioId)?.municipality ?? "",
    author: getUserById(q.authorId)?.name ?? "",
    createdAt: q.createdAt,
    hidden: Boolean(q.hiddenAt),
    own: q.trioId === access.trio?.id,
  }));
  const started = Boolean(session.startsAt && session.startsAt <= now.toISOString());
  const assignment = getAssignment(session);
  const boards = withBoardRoles(access.user, await listBoardsOfSession(session.id)).map((b) => ({
    id: b.id,
    title: b.title,
    scope: b.scope,
    trioName: b.trioName,
    locked: b.locked,
  }));
  return {
    boards,
    role,
    archived: Boolean(edition.archivedAt),
    edition: { id: edition.id, name: edition.name },
    feed: `${getEnv().baseUrl}/agenda/${edition.id}/${edition.feedToken}.ics`,
    session: {
      id: session.id,
      number: session.number,
      title: session.title,
      theme: session.theme,
      when: session.startsAt && session.endsAt ? formatTimeRange(session.startsAt, session.endsAt) : null,
      countdown: session.startsAt && !started ? relativeDays(session.startsAt, now) : null,
      location: session.location,
      onlineUrl: session.onlineUrl,
      speakerName: speakerDisplayName(session),
      speakerTopic: session.speakerTopic,
      agenda: session.agenda,
      introHtml: renderMarkdown(session.intro),
      assignmentHtml: renderMarkdown(session.assignment),
      homeworkHtml: renderMarkdown(session.homework),
    },
    homework: {
      link: homeworkLinkFor(role, session.id, access.trio?.id ?? null, assignment.speakerMayGiveFeedback),
      dueAt: assignment.dueAt,
    },
    materials,
    unpublished,
    canManage,
    questions,
    canAsk: role === "participant" && !started && !edition.archivedAt,
    started,
  };
}

/** The page's form posts: a question before the session, hiding or showing one. */
export async function sessionPageAction(access: SessionAccess, form: FormData) {
  const intent = form.get("intent");
  try {
    if (intent === "ask") {
      requireAllowed(access.user, "session.ask", access.session);
      if (!access.trio) throw new Response(Messages.askParticipants, { status: 403 });
      if (access.session.startsAt && access.session.startsAt <= new Date().toISOString()) {
        return json<ActionResult>(
          { errors: { text: "Deze bijeenkomst is al begonnen; vragen stellen kan niet meer." }, done: null },
          { status: 409 },
        );
      }
      const result = parseForm(form, questionSchema);
      if (!result.ok) return json<ActionResult>({ errors: result.errors, done: null }, { status: 400 });
      await createQuestion({ sessionId: access.session.id, trioId: access.trio.id, authorId: access.user.id, text: result.data.text });
      return json<ActionResult>({ errors: null, done: "Je vraag is geplaatst. De spreker ziet hem bij de voorbereiding." });
    }
    if (intent === "hide" || intent === "show") {
      requireAllowed(access.user, "session.moderate", access.session);
      const question = getQuestion(String(form.get("questionId") ?? ""));
      if (!question || question.sessionId !== access.session.id)
        return json<ActionResult>({ errors: { form: "Deze vraag bestaat niet (meer)." }, done: null }, { status: 404 });
      await setQuestionHidden(question.id, intent === "hide", access.user.id);
      return json<ActionResult>({
        errors: null,
        done: intent === "hide" ? "De vraag is verborgen voor deelnemers en de spreker." : "De vraag is weer zichtbaar.",
      });
    }
  } catch (error) {
    return domainErrorResponse(error);
  }
  return json<ActionResult>({ errors: { form: "Onbekende actie." }, done: null }, { status: 400 });
}
