import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextArea } from "~/components/ui/field";
import { Markdown } from "~/components/markdown";
import { formatDateTime } from "~/utils/dates";
import { feedbackStatusLabels, homeworkStatusLabels } from "./homework-labels";

type FileItem = { id: string; name: string; size: string };
type Reply = { id: string; author: string; body: string; createdAt: string };
type FeedbackItem = {
  id: string;
  author: string;
  html: string;
  status: keyof typeof feedbackStatusLabels;
  createdAt: string;
  replies: Reply[];
};
export type HistoryItem = {
  id: string;
  number: number;
  html: string;
  files: FileItem[];
  submittedAt: string;
  submittedBy: string;
  late: boolean;
  feedback: FeedbackItem[];
};

export function HomeworkFiles({ files }: { files: FileItem[] }) {
  if (files.length === 0) return null;
  return (
    <ul className="plain-list">
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/bestanden/${f.id}`}>{f.name}</a> <span className="muted">({f.size})</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Every submitted version, newest first, with its feedback and the reply thread.
 * `canReply` shows a reply form under each feedback; `onDelete` a delete control.
 */
export function HomeworkHistory({
  items,
  canReply,
  busy,
  renderFeedbackActions,
  headingLevel = 3,
}: {
  items: HistoryItem[];
  canReply: boolean;
  busy: boolean;
  renderFeedbackActions?: (feedback: FeedbackItem) => React.ReactNode;
  /** The level of each version's heading (its feedback is one deeper); 4 inside the portfolio. */
  headingLevel?: 3 | 4;
}) {
  if (items.length === 0) return <p className="empty">Er is nog niets ingeleverd.</p>;
  const VersionHeading = headingLevel === 3 ? "h3" : "h4";
  const FeedbackHeading = headingLevel === 3 ? "h4" : "h5";
  return (
    <ol className="plain-list stack">
      {items.map((v, index) => (
        <li key={v.id} className="card stack">
          <VersionHeading>
            Versie {v.number}
            {index === 0 ? " (nieuwste)" : ""}
            {v.late ? <span className="tag"> te laat</span> : null}
          </VersionHeading>
          <p className="muted">
            Ingeleverd door {v.submittedBy} op {formatDateTime(v.submittedAt)}
          </p>
          {v.html ? <Markdown html={v.html} /> : null}
          <HomeworkFiles files={v.files} />
          {v.feedback.map((f) => (
            <article key={f.id} className="card card--muted stack" aria-label={`Feedback van ${f.author}`}>
              <FeedbackHeading>
                Feedback van {f.author} <span className="tag">{feedbackStatusLabels[f.status]}</span>
              </FeedbackHeading>
              <p className="muted">{formatDateTime(f.createdAt)}</p>
              <Markdown html={f.html} />
              {f.replies.length > 0 ? (
                <ol className="plain-list stack" aria-label="Reacties">
                  {f.replies.map((r) => (
                    <li key={r.id}>
                      <p className="muted">
                        {r.author} · {formatDateTime(r.createdAt)}
                      </p>
                      <p className="pre-line">{r.body}</p>
                    </li>
                  ))}
                </ol>
              ) : null}
              {canReply ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="reply" />
                  <input type="hidden" name="feedbackId" value={f.id} />
                  <TextArea id={`reactie-${f.id}`} name="body" label="Reageren op deze feedback" rows={3} maxLength={10_000} required />
                  <div className="actions">
                    <SubmitButton className="button button--small" busy={busy}>
                      Reactie plaatsen
                    </SubmitButton>
                  </div>
                </Form>
              ) : null}
              {renderFeedbackActions?.(f)}
            </article>
          ))}
        </li>
      ))}
    </ol>
  );
}

type TrioHomeworkItem = {
  sessionId: string;
  number: number;
  title: string;
  dueAt: string | null;
  status: keyof typeof homeworkStatusLabels;
};

/** The homework block of the trio dossier: one line per session with its state and due date. */
export function TrioHomeworkList({ trioId, items }: { trioId: string; items: TrioHomeworkItem[] }) {
  if (items.length === 0) return <p className="empty">Het huiswerk komt hier beschikbaar zodra jullie trio is toegelaten.</p>;
  return (
    <ul className="plain-list stack">
      {items.map((h) => (
        <li key={h.sessionId}>
          <Link to={`/trios/${trioId}/huiswerk/${h.sessionId}`}>
            Huiswerk bijeenkomst {h.number}: {h.title}
          </Link>{" "}
          <span className="tag tag--muted">{homeworkStatusLabels[h.status]}</span>
          <span className="muted"> · inleveren vóór {h.dueAt ? formatDateTime(h.dueAt) : "nog geen datum"}</span>
        </li>
      ))}
    </ul>
  );
}
