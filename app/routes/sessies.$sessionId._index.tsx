import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { SubmitButton } from "~/components/ui/submit-button";
import { Notice } from "~/components/ui/notice";
import type { ActionResult } from "~/utils/action-result";
import { domainErrorResponse } from "~/utils/domain-error.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Markdown } from "~/components/markdown";
import { ErrorSummary } from "~/components/ui/error-summary";
import { TextArea } from "~/components/ui/field";
import { getStoredFile } from "~/data/file-store.server";
import { listBoardsOfSession } from "~/features/boards/board.server";
import { listMaterialsOfSession, listVisibleMaterials, materialState } from "~/features/programme/material.server";
import { createQuestion, getQuestion, listQuestionsOfSession, setQuestionHidden } from "~/features/programme/question.server";
import { getTrio } from "~/features/registration/trio.server";
import { getUserById } from "~/features/accounts/user.server";
import { formatDateTime, formatTimeRange } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { parseForm, readFormData } from "~/utils/forms";
import { formatBytes } from "~/features/files/format-bytes";
import { renderMarkdown } from "~/utils/markdown.server";
import { relativeDays } from "~/utils/relative-time";
import { agendaKindLabels } from "~/features/programme/session-forms";
import { speakerDisplayName } from "~/features/programme/session.server";
import { useFormValidation } from "~/utils/use-form-validation";
import { getAssignment } from "~/features/homework/assignment.server";
import { homeworkLinkFor } from "~/features/homework/homework-view.server";
import { requireAllowed, requireSessionAccess } from "~/access/guards.server";
import { Messages } from "~/access/policy.server";
import { withBoardRoles } from "~/access/policy.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Bijeenkomst ${data.session.number}: ${data.session.title} – Werkplaats` : "Bijeenkomst – Werkplaats" },
];

const questionSchema = z.object({
  text: z
    .string({ required_error: "Schrijf je vraag op." })
    .trim()
    .min(1, "Schrijf je vraag op.")
    .max(2000, "Houd je vraag korter dan 2.000 tekens."),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireSessionAccess(request, params.sessionId ?? "");
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
  const boards = withBoardRoles(access.user, await listBoardsOfSession(session.id)).map((b) => ({
    id: b.id,
    title: b.title,
    scope: b.scope,
    trioName: b.trioName,
    locked: b.locked,
  }));
  return json({
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
      link: homeworkLinkFor(role, session.id, access.trio?.id ?? null, getAssignment(session).speakerMayGiveFeedback),
      dueAt: getAssignment(session).dueAt,
    },
    materials,
    unpublished,
    canManage,
    questions,
    canAsk: role === "participant" && !started && !edition.archivedAt,
    started,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireSessionAccess(request, params.sessionId ?? "");
  const form = await readFormData(request);
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

export default function SessionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useFormValidation(questionSchema, actionData?.errors);
  const { session } = data;
  return (
    <article className="stack session-page">
      <p className="muted">
        {data.edition.name} · bijeenkomst {session.number} van 4
      </p>
      <h1>{session.title}</h1>
      {session.theme ? <p className="lead">{session.theme}</p> : null}
      {actionData?.done ? <Notice tone="success">{actionData.done}</Notice> : null}
      {actionData?.errors?.form ? <ErrorSummary errors={{ form: actionData.errors.form }} /> : null}

      <section className="when-where card" aria-labelledby="wanneer">
        <h2 id="wanneer" className="visually-hidden">
          Wanneer en waar
        </h2>
        <dl className="details">
          <div>
            <dt>Wanneer</dt>
            <dd>
              {session.when ?? "De datum volgt nog."}
              {session.countdown ? <strong className="tag">{session.countdown}</strong> : null}
            </dd>
          </div>
          <div>
            <dt>Waar</dt>
            <dd>{session.location || (session.onlineUrl ? "Online" : "Volgt nog")}</dd>
          </div>
          {session.onlineUrl ? (
            <div>
              <dt>Online</dt>
              <dd>
                <a href={session.onlineUrl}>Deelnemen via de link</a>
              </dd>
            </div>
          ) : null}
          {session.speakerName ? (
            <div>
              <dt>Spreker</dt>
              <dd>
                {session.speakerName}
                {session.speakerTopic ? `: ${session.speakerTopic}` : ""}
              </dd>
            </div>
          ) : null}
        </dl>
        {session.when ? (
          <p className="actions">
            <a className="button button--quiet" href={`/sessies/${session.id}/agenda.ics`} download>
              Zet in agenda
            </a>
            <a href={data.feed}>Alle bijeenkomsten in je agenda (abonnement)</a>
          </p>
        ) : null}
      </section>

      {data.canManage ? (
        <Notice tone="info">
          {data.unpublished > 0
            ? `Er ${data.unpublished === 1 ? "staat 1 item" : `staan ${data.unpublished} items`} materiaal klaar dat deelnemers nog niet zien. `
            : ""}
          <Link to="materiaal">Materiaal beheren</Link>
        </Notice>
      ) : null}

      <Markdown html={session.introHtml} />

      {session.agenda.length > 0 ? (
        <section aria-labelledby="programma">
          <h2 id="programma">Programma</h2>
          <ol className="agenda">
            {session.agenda.map((item, i) => (
              <li key={i} className={`agenda__item agenda__item--${item.kind}`}>
                <span className="agenda__time">
                  {item.start}–{item.end}
                </span>
                <span className="agenda__kind">{agendaKindLabels[item.kind]}</span>
                <span className="agenda__title">{item.title}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="opdracht">
        <h2 id="opdracht">Opdracht tijdens de bijeenkomst</h2>
        <Markdown html={session.assignmentHtml} />
        {data.role !== "speaker" ? (
          <p>
            <Link to="schuifoefening">Naar de schuifoefening (mengpaneel)</Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="huiswerk">
        <h2 id="huiswerk">Huiswerk</h2>
        <Markdown html={session.homeworkHtml} />
        {data.homework.dueAt ? <p className="muted">Inleveren vóór {formatDateTime(data.homework.dueAt)}</p> : null}
        {data.homework.link ? (
          <p>
            <Link to={data.homework.link}>
              {data.role === "participant" ? "Naar jullie huiswerk" : "Inzendingen van de trio's bekijken"}
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="borden">
        <h2 id="borden">Borden</h2>
        {data.boards.length === 0 ? (
          <p className="empty">Er zijn nog geen borden voor deze bijeenkomst.</p>
        ) : (
          <ul className="plain-list">
            {data.boards.map((b) => (
              <li key={b.id}>
                <Link to={`/borden/${b.id}`}>{b.title}</Link>{" "}
                <span className="muted">
                  ({b.scope === "plenary" ? "de hele groep" : `trio ${b.trioName ?? ""}`}
                  {b.locked ? ", vergrendeld" : ""})
                </span>
              </li>
            ))}
          </ul>
        )}
        {data.role === "organiser" ? (
          <p>
            <Link to={`/beheer/edities/${data.edition.id}/sessies/${session.id}/borden`}>
              Borden toevoegen en de galerij van de trioborden
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="materiaal">
        <h2 id="materiaal">Materiaal van de spreker</h2>
        {data.materials.length === 0 ? (
          <p className="empty">Er is nog geen materiaal gepubliceerd. Sprekers delen hun presentatie vaak vlak na de bijeenkomst.</p>
        ) : (
          <ul className="plain-list material-list">
            {data.materials.map((m) => (
              <li key={m.id} className="card">
                <h3>{m.title}</h3>
                <p className="muted">Gepubliceerd {formatDateTime(m.publishedAt)}</p>
                {m.html ? <Markdown html={m.html} /> : null}
                {m.file ? (
                  <p>
                    <a className="button button--quiet" href={`/bestanden/${m.file.id}`}>
                      Download {m.file.name}
                    </a>{" "}
                    <span className="muted">({m.file.size})</span>
                  </p>
                ) : null}
                {m.url ? (
                  <p>
                    <a href={m.url} rel="noopener noreferrer nofollow">
                      {m.url}
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="vragen">
        <h2 id="vragen">Vragen voor de spreker</h2>
        {data.questions.length === 0 ? (
          <p className="empty">Er zijn nog geen vragen gesteld.</p>
        ) : (
          <ul className="plain-list question-list">
            {data.questions.map((q) => (
              <li key={q.id} className={`card${q.hidden ? " card--muted" : ""}`}>
                <p className="question__text">{q.text}</p>
                <p className="muted">
                  Trio {q.trio}
                  {data.role !== "speaker" ? `, ${q.author}` : ""} · {formatDateTime(q.createdAt)}
                  {q.hidden ? " · verborgen" : ""}
                </p>
                {data.role === "organiser" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value={q.hidden ? "show" : "hide"} />
                    <input type="hidden" name="questionId" value={q.id} />
                    <button type="submit" className="button button--small button--quiet" disabled={data.archived}>
                      {q.hidden ? "Weer tonen" : "Verbergen"}
                      <span className="visually-hidden"> vraag van trio {q.trio}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {data.canAsk ? (
          <div className="card narrow">
            <h3>Stel een vraag namens je trio</h3>
            <ErrorSummary errors={errors?.text ? { text: errors.text } : null} labels={{ text: "Je vraag" }} />
            <Form method="post" noValidate onSubmit={onSubmit} className="stack" key={actionData?.done ?? "ask"}>
              <input type="hidden" name="intent" value="ask" />
              <TextArea
                name="text"
                label="Je vraag"
                required
                rows={4}
                maxLength={2000}
                error={errors?.text}
                hint="De spreker ziet de vragen van alle trio's samen, vóór de bijeenkomst."
              />
              <div className="actions">
                <SubmitButton className="button" busy={navigation.state === "submitting"}>
                  Vraag plaatsen
                </SubmitButton>
              </div>
            </Form>
          </div>
        ) : data.role === "participant" && data.started ? (
          <p className="muted">De bijeenkomst is begonnen; nieuwe vragen stel je ter plekke.</p>
        ) : null}
      </section>
    </article>
  );
}
