/**
 * The parts of a session page (sessies.$sessionId._index): the header with when
 * and where, and the sections below the live area.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { Markdown } from "~/components/markdown";
import { ErrorSummary } from "~/components/ui/error-summary";
import { TextArea } from "~/components/ui/field";
import { Notice } from "~/components/ui/notice";
import { SubmitButton } from "~/components/ui/submit-button";
import type { ActionResult } from "~/utils/action-result";
import { formatDateTime } from "~/utils/dates";
import type { FieldErrors } from "~/utils/forms";
import type { sessionPageData } from "./session-page.server";

export type SessionPageData = SerializeFrom<typeof sessionPageData>;

export function SessionHeader({ data, actionData }: { data: SessionPageData; actionData: ActionResult | undefined }) {
  const { session } = data;
  return (
    <>
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
    </>
  );
}

export function SessionSections({
  data,
  errors,
  onSubmit,
  submitting,
  formKey,
}: {
  data: SessionPageData;
  errors: FieldErrors | null | undefined;
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
  submitting: boolean;
  formKey: string;
}) {
  const { session } = data;
  return (
    <>
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
                    <SubmitButton busy={submitting} className="button button--small button--quiet" disabled={data.archived}>
                      {q.hidden ? "Weer tonen" : "Verbergen"}
                      <span className="visually-hidden"> vraag van trio {q.trio}</span>
                    </SubmitButton>
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
            <Form method="post" noValidate onSubmit={onSubmit} className="stack" key={formKey}>
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
                <SubmitButton className="button" busy={submitting}>
                  Vraag plaatsen
                </SubmitButton>
              </div>
            </Form>
          </div>
        ) : data.role === "participant" && data.started ? (
          <p className="muted">De bijeenkomst is begonnen; nieuwe vragen stel je ter plekke.</p>
        ) : null}
      </section>
    </>
  );
}
