import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Notice } from "~/components/ui/notice";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getEdition, listEditions } from "~/features/programme/edition.server";
import { listMaterialsOfSession, listVisibleMaterials, materialState } from "~/features/programme/material.server";
import { listQuestionsOfSession } from "~/features/programme/question.server";
import { listSessionsOfEdition, listSessionsOfSpeaker, nextSession, type Session } from "~/features/programme/session.server";
import { getTrio, listMembershipsOfUser, listMembersOfTrio, listTriosOfEdition } from "~/features/registration/trio.server";
import { getOptionalUser } from "~/features/accounts/auth.server";
import { formatDateTime, formatTimeRange } from "~/utils/dates";
import { domainLabels, trioStatusLabels } from "~/utils/labels";
import { renderMarkdown } from "~/utils/markdown.server";
import { relativeDays } from "~/utils/relative-time";
import { Markdown } from "~/components/markdown";

export const meta: MetaFunction = () => [{ title: "Start – Werkplaats wijkgericht werken" }];

/** Material published this recently counts as "new" on a participant's home page. */
const NEW_MATERIAL_DAYS = 14;

function sessionView(s: Session, now: Date) {
  return {
    id: s.id,
    number: s.number,
    title: s.title,
    when: s.startsAt && s.endsAt ? formatTimeRange(s.startsAt, s.endsAt) : null,
    past: Boolean(s.endsAt && s.endsAt <= now.toISOString()),
    location: s.location || (s.onlineUrl ? "Online" : ""),
  };
}
type SessionView = ReturnType<typeof sessionView>;

function organiserHome(now: Date) {
  return listEditions().map((edition) => {
    const trios = listTriosOfEdition(edition.id);
    const sessions = listSessionsOfEdition(edition.id);
    const next = nextSession(sessions, now);
    return {
      id: edition.id,
      name: edition.name,
      capacity: edition.capacity,
      archived: Boolean(edition.archivedAt),
      admitted: trios.filter((t) => t.status === "admitted").length,
      registered: trios.filter((t) => t.status === "registered").length,
      waiting: trios.filter((t) => t.status === "waiting").length,
      unscheduled: sessions.filter((s) => !s.startsAt).length,
      next: next ? { ...sessionView(next, now), countdown: relativeDays(next.startsAt!, now) } : null,
    };
  });
}

function speakerHome(userId: string, now: Date) {
  return listSessionsOfSpeaker(userId).map((s) => ({
    ...sessionView(s, now),
    edition: getEdition(s.editionId)?.name ?? "",
    unpublished: listMaterialsOfSession(s.id).filter((m) => materialState(m, now) !== "published").length,
    published: listVisibleMaterials(s.id, now).length,
    questions: listQuestionsOfSession(s.id, { includeHidden: false }).length,
  }));
}

function participantHome(userId: string, now: Date) {
  return listMembershipsOfUser(userId).flatMap((m) => {
    const trio = getTrio(m.trioId);
    const edition = trio ? getEdition(trio.editionId) : null;
    if (!trio || !edition) return [];
    const sessions = listSessionsOfEdition(edition.id);
    const admitted = trio.status === "admitted";
    const next = admitted ? nextSession(sessions, now) : null;
    // Homework is given at a session for the one after it: the latest session that has ended.
    const lastPast = [...sessions].reverse().find((s) => s.endsAt && s.endsAt <= now.toISOString());
    const cutoff = new Date(now.getTime() - NEW_MATERIAL_DAYS * 86_400_000).toISOString();
    const newMaterial = admitted
      ? sessions.flatMap((s) =>
          listVisibleMaterials(s.id, now)
            .filter(({ revision }) => revision.publishAt! >= cutoff)
            .map(({ material, revision }) => ({
              id: material.id,
              title: revision.title,
              sessionId: s.id,
              sessionNumber: s.number,
              publishedAt: revision.publishAt!,
            })),
        )
      : [];
    return [
      {
        id: trio.id,
        municipality: trio.municipality,
        status: trio.status,
        admitted,
        edition: edition.name,
        members: listMembersOfTrio(trio.id).map((member) => ({
          id: member.user.id,
          name: member.user.name,
          domain: member.domain,
          jobTitle: member.jobTitle,
        })),
        sessions: sessions.map((s) => sessionView(s, now)),
        next: next ? { ...sessionView(next, now), countdown: relativeDays(next.startsAt!, now), speakerName: next.speakerName } : null,
        homework:
          admitted && lastPast && lastPast.homework.trim()
            ? { sessionNumber: lastPast.number, sessionId: lastPast.id, html: renderMarkdown(lastPast.homework) }
            : null,
        newMaterial: newMaterial.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)),
      },
    ];
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const now = new Date();
  if (!user) return json({ view: "public" as const });
  if (user.role === "organiser") return json({ view: "organiser" as const, name: user.name, editions: organiserHome(now) });
  if (user.role === "speaker") return json({ view: "speaker" as const, name: user.name, sessions: speakerHome(user.id, now) });
  return json({ view: "participant" as const, name: user.name, trios: participantHome(user.id, now) });
}

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

function PublicHome() {
  return (
    <div className="hero">
      <h1>Werkplaats wijkgericht werken</h1>
      <p className="lead">
        In vier bijeenkomsten werken gemeenten als trio (een wijkambtenaar en collega&apos;s uit het fysieke en het sociale domein) aan een
        echte casus uit hun wijk. Met inspirerende sprekers, kennisuitwisseling, opdrachten op gedeelde borden en huiswerk tussen de
        bijeenkomsten.
      </p>
      <p>
        <Link to="/inloggen" className="button">
          Inloggen
        </Link>
      </p>
    </div>
  );
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  if (data.view === "public") return <PublicHome />;
  const welcome =
    params.get("welkom") === "1" ? (
      <Notice tone="success">Je account is klaar. Welkom!</Notice>
    ) : params.get("aangemeld") ? (
      <Notice tone="success">
        {params.get("aangemeld") === "wachtlijst"
          ? "Jullie trio is aangemeld en staat op de wachtlijst: alle plaatsen zijn nu bezet. Komt er een plaats vrij, dan hoor je het meteen."
          : "Jullie trio is aangemeld. De begeleiders laten jullie weten of jullie trio is toegelaten."}{" "}
        Je twee collega's hebben een e-mail gekregen.
      </Notice>
    ) : params.get("verlaten") === "1" ? (
      <Notice tone="success">Je hebt het trio verlaten. Je account blijft bestaan.</Notice>
    ) : null;

  if (data.view === "organiser") {
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

  if (data.view === "speaker") {
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
                  <li>
                    {s.published} gepubliceerd {s.published === 1 ? "onderdeel" : "onderdelen"}
                  </li>
                  {s.unpublished > 0 ? <li className="warning-text">{s.unpublished} nog niet zichtbaar voor deelnemers</li> : null}
                  <li>{s.questions === 1 ? "1 vraag" : `${s.questions} vragen`} van deelnemers</li>
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
