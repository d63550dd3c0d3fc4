import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { Markdown } from "~/components/markdown";
import { Notice } from "~/components/ui/notice";
import { formatDateTime } from "~/utils/dates";
import { domainLabels, trioStatusLabels } from "~/utils/labels";
import { plural } from "~/utils/plural";
import type { OrganiserHome, ParticipantHome, SessionView, SpeakerHome } from "./home.server";

/** The start page of a logged-in organiser, speaker or participant. */

function SessionList({ sessions, nextId }: { sessions: SessionView[]; nextId?: string }) {
  if (sessions.length === 0) return <p className="empty">Er zijn nog geen bijeenkomsten.</p>;
  return (
    <ol className="session-list">
      {sessions.map((s) => (
        <li key={s.id} className={s.id === nextId ? "session-list__item session-list__item--next" : "session-list__item"}>
          <span className="session-list__number" aria-hidden="true">
            {s.number}
          </span>
          <div>
            <h4>
              <span className="visually-hidden">Bijeenkomst {s.number}: </span>
              <Link to={`/sessies/${s.id}`}>{s.title}</Link>
            </h4>
            <p>
              {s.when ?? "Datum volgt"}
              {s.past ? <span className="tag tag--muted">Geweest</span> : null}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}

export function OrganiserStart({ data, welcome }: { data: { name: string; editions: OrganiserHome }; welcome: ReactNode }) {
  return (
    <div className="stack">
      <h1>{`Welkom, ${data.name}`}</h1>
      {welcome}
      <h2>Edities</h2>
      {data.editions.length === 0 ? (
        <p className="empty">
          Er is nog geen editie. <Link to="/beheer/edities">Maak de eerste editie aan</Link>.
        </p>
      ) : (
        <div className="card-grid">
          {data.editions.map((e) => (
            <section key={e.id} className="card" aria-labelledby={`editie-${e.id}`}>
              <h3 id={`editie-${e.id}`}>
                <Link to={`/beheer/edities/${e.id}`}>{e.name}</Link>{" "}
                {e.archived ? <span className="tag tag--muted">Gearchiveerd</span> : null}
              </h3>
              <dl className="stats">
                <div>
                  <dt>Toegelaten trio&apos;s</dt>
                  <dd>
                    {e.admitted} van {e.capacity}
                  </dd>
                </div>
                <div>
                  <dt>Aangemeld</dt>
                  <dd>{e.registered}</dd>
                </div>
                <div>
                  <dt>Wachtlijst</dt>
                  <dd>{e.waiting}</dd>
                </div>
              </dl>
              <p>
                <Link to={`/beheer/edities/${e.id}/trios`}>
                  Trio&apos;s bekijken<span className="visually-hidden"> van {e.name}</span>
                </Link>
              </p>
              {e.unscheduled > 0 ? (
                <p className="warning-text">
                  {e.unscheduled === 1 ? "1 bijeenkomst is" : `${e.unscheduled} bijeenkomsten zijn`} nog niet ingepland.
                </p>
              ) : null}
              {e.next ? (
                <p>
                  Volgende:{" "}
                  <Link to={`/sessies/${e.next.id}`}>
                    bijeenkomst {e.next.number}, {e.next.title}
                  </Link>
                  , {e.next.when} <strong className="tag">{e.next.countdown}</strong>
                </p>
              ) : null}
            </section>
          ))}
        </div>
      )}
      <p>
        <Link to="/beheer/edities">Alle edities beheren</Link>
      </p>
    </div>
  );
}

export function SpeakerStart({ data, welcome }: { data: { name: string; sessions: SpeakerHome }; welcome: ReactNode }) {
  return (
    <div className="stack">
      <h1>{`Welkom, ${data.name}`}</h1>
      {welcome}
      <h2>Jouw bijeenkomsten</h2>
      {data.sessions.length === 0 ? (
        <p className="empty">
          Je bent nog niet aan een bijeenkomst gekoppeld. De begeleiders nodigen je uit voor de bijeenkomst waar je spreekt.
        </p>
      ) : (
        <ul className="card-grid plain-list">
          {data.sessions.map((s) => (
            <li key={s.id} className="card">
              <h3>
                <Link to={`/sessies/${s.id}`}>{s.title}</Link>
              </h3>
              <p className="muted">
                {s.edition}, bijeenkomst {s.number}
              </p>
              <p>{s.when ?? "Datum volgt"}</p>
              <ul className="checklist">
                <li>{plural(s.published, "gepubliceerd onderdeel", "gepubliceerde onderdelen")}</li>
                {s.unpublished > 0 ? (
                  <li className="warning-text">{plural(s.unpublished, "onderdeel", "onderdelen")} nog niet zichtbaar voor deelnemers</li>
                ) : null}
                <li>{plural(s.questions, "vraag", "vragen")} van deelnemers</li>
              </ul>
              <p>
                <Link to={`/sessies/${s.id}/materiaal`} className="button button--small">
                  Materiaal beheren
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ParticipantStart({ data, welcome }: { data: { name: string; trios: ParticipantHome }; welcome: ReactNode }) {
  return (
    <div className="stack">
      <h1>{`Welkom, ${data.name}`}</h1>
      {welcome}
      {data.trios.length === 0 ? (
        <p className="empty">Je zit nog niet in een trio. Zodra je trio is aangemeld en toegelaten, zie je hier je programma.</p>
      ) : (
        data.trios.map((trio) => (
          <section key={trio.id} aria-labelledby={`trio-${trio.id}`} className="stack">
            {trio.next ? (
              <section className="next-session card" aria-labelledby={`volgende-${trio.id}`}>
                <p className="next-session__countdown" aria-hidden="true">
                  {trio.next.countdown}
                </p>
                <h2 id={`volgende-${trio.id}`}>
                  Volgende bijeenkomst: <Link to={`/sessies/${trio.next.id}`}>{trio.next.title}</Link>
                </h2>
                <p>
                  <strong>{trio.next.when}</strong> <span className="visually-hidden">({trio.next.countdown})</span>
                </p>
                {trio.next.location ? <p>{trio.next.location}</p> : null}
                {trio.next.speakerName ? <p>Spreker: {trio.next.speakerName}</p> : null}
                <p className="actions">
                  <Link className="button" to={`/sessies/${trio.next.id}`}>
                    Naar de bijeenkomst
                  </Link>
                  <a className="button button--quiet" href={`/sessies/${trio.next.id}/agenda.ics`} download>
                    Zet in agenda
                  </a>
                </p>
              </section>
            ) : null}
            <h2 id={`trio-${trio.id}`}>
              Trio {trio.municipality} <span className="tag">{trioStatusLabels[trio.status]}</span>
            </h2>
            <p className="muted">{trio.edition}</p>
            <p>
              <Link to={`/trios/${trio.id}`}>Naar ons trio-dossier</Link>
            </p>
            {!trio.admitted ? (
              <Notice tone="info">
                Jullie aanmelding is nog niet definitief. Zodra de begeleiders jullie trio toelaten, zie je hier het programma en het
                materiaal.
              </Notice>
            ) : null}
            <ul className="member-list">
              {trio.members.map((m) => (
                <li key={m.id} className={`member member--${m.domain}`}>
                  <span className="member__name">{m.name}</span>
                  <span className="member__meta">
                    {m.jobTitle} · {domainLabels[m.domain]}
                  </span>
                </li>
              ))}
            </ul>
            {trio.homework ? (
              <section aria-labelledby={`huiswerk-${trio.id}`} className="card">
                <h3 id={`huiswerk-${trio.id}`}>Huiswerk uit bijeenkomst {trio.homework.sessionNumber}</h3>
                <Markdown html={trio.homework.html} />
              </section>
            ) : null}
            {trio.admitted ? (
              <section aria-labelledby={`nieuw-${trio.id}`}>
                <h3 id={`nieuw-${trio.id}`}>Nieuw materiaal</h3>
                {trio.newMaterial.length === 0 ? (
                  <p className="empty">Geen nieuw materiaal in de afgelopen twee weken.</p>
                ) : (
                  <ul className="plain-list">
                    {trio.newMaterial.map((m) => (
                      <li key={m.id}>
                        <Link to={`/sessies/${m.sessionId}#materiaal`}>{m.title}</Link>{" "}
                        <span className="muted">
                          (bijeenkomst {m.sessionNumber}, {formatDateTime(m.publishedAt)})
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ) : null}
            {trio.admitted ? (
              <section aria-labelledby={`programma-${trio.id}`}>
                <h3 id={`programma-${trio.id}`}>Programma</h3>
                <SessionList sessions={trio.sessions} nextId={trio.next?.id} />
              </section>
            ) : null}
          </section>
        ))
      )}
    </div>
  );
}
