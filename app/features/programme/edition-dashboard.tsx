import { Link } from "@remix-run/react";
import { formatTimeRange } from "~/utils/dates";
import type { ChecklistStep, StepState } from "./edition-dashboard.server";

const stateLabels: Record<StepState, string> = { done: "Klaar", next: "Nu aan de beurt", todo: "Nog te doen" };

/** The organiser's route from an empty edition to a prepared first session. */
export function EditionChecklist({ steps }: { steps: ChecklistStep[] }) {
  return (
    <section aria-labelledby="checklist" className="card stack">
      <h2 id="checklist">Checklist</h2>
      <ol className="checklist-steps">
        {steps.map((step, i) => (
          <li
            key={step.key}
            className={step.state === "next" ? "checklist-steps__item checklist-steps__item--next" : "checklist-steps__item"}
            data-step={step.key}
            data-state={step.state}
            aria-current={step.state === "next" ? "step" : undefined}
          >
            <span className="checklist-steps__state">
              <span aria-hidden="true">{step.state === "done" ? "✓ " : step.state === "next" ? "→ " : "○ "}</span>
              {stateLabels[step.state]}
            </span>
            <div className="grow">
              <h3>
                {i + 1}. {step.title}
              </h3>
              <p>{step.detail}</p>
            </div>
            <Link to={step.link} className={step.state === "next" ? "button button--small" : "button button--small button--quiet"}>
              {step.linkText}
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}

type Counts = { admitted: number; registered: number; waiting: number; rejected: number };
type NextSession = { id: string; number: number; title: string; when: string; countdown: string } | null;

/** The numbers an organiser checks first, the next session and what needs attention. */
export function EditionSummary({
  counts,
  capacity,
  next,
  attention,
}: {
  counts: Counts;
  capacity: number;
  next: NextSession;
  attention: Array<{ text: string; link: string }>;
}) {
  return (
    <div className="card-grid">
      <section aria-labelledby="in-cijfers" className="card">
        <h2 id="in-cijfers">In cijfers</h2>
        <dl className="stats">
          <div>
            <dt>Toegelaten trio&apos;s</dt>
            <dd>
              {counts.admitted} van {capacity}
            </dd>
          </div>
          <div>
            <dt>Wacht op besluit</dt>
            <dd>{counts.registered}</dd>
          </div>
          <div>
            <dt>Wachtlijst</dt>
            <dd>{counts.waiting}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="volgende" className="card">
        <h2 id="volgende">Volgende bijeenkomst</h2>
        {next ? (
          <p>
            <Link to={`/sessies/${next.id}`}>
              Bijeenkomst {next.number}: {next.title}
            </Link>
            <br />
            {next.when} <strong className="tag">{next.countdown}</strong>
          </p>
        ) : (
          <p className="empty">Er is geen geplande bijeenkomst meer.</p>
        )}
      </section>
      <section aria-labelledby="aandacht" className="card">
        <h2 id="aandacht">Vraagt aandacht</h2>
        {attention.length === 0 ? (
          <p className="empty">Niets: alles is bij.</p>
        ) : (
          <ul>
            {attention.map((a) => (
              <li key={a.text}>
                <Link to={a.link}>{a.text}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

type SessionRow = {
  id: string;
  number: number;
  title: string;
  startsAt: string | null;
  endsAt: string | null;
  location: string;
  speaker: string;
  linked: boolean;
};

export function SessionOverview({ sessions, archived }: { sessions: SessionRow[]; archived: boolean }) {
  return (
    <section aria-labelledby="bijeenkomsten">
      <h2 id="bijeenkomsten">Bijeenkomsten</h2>
      <ol className="session-list">
        {sessions.map((s) => (
          <li key={s.id} className="session-list__item">
            <span className="session-list__number" aria-hidden="true">
              {s.number}
            </span>
            <div className="grow">
              <h3>
                <span className="visually-hidden">Bijeenkomst {s.number}: </span>
                {s.title}
              </h3>
              <p>
                {s.startsAt && s.endsAt ? (
                  formatTimeRange(s.startsAt, s.endsAt)
                ) : (
                  <strong className="warning-text">Nog niet ingepland</strong>
                )}
              </p>
              {s.location ? <p className="muted">{s.location}</p> : null}
              <p className="muted">
                Spreker: {s.speaker || "nog niet bekend"}
                {s.linked ? "" : " (nog geen account gekoppeld)"}
              </p>
            </div>
            <div className="session-list__actions">
              <Link to={`sessies/${s.id}`} className="button button--small button--quiet">
                {archived ? "Bekijken" : "Plannen en bewerken"}
                <span className="visually-hidden"> bijeenkomst {s.number}</span>
              </Link>
              <Link to={`/sessies/${s.id}`} className="button button--small button--quiet">
                Pagina voor deelnemers<span className="visually-hidden"> van bijeenkomst {s.number}</span>
              </Link>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
