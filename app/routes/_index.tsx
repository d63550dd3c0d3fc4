import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getEdition, listEditions, listSessionsOfEdition, listSessionsOfSpeaker, type Session } from "~/models/edition.server";
import { getTrio, listMembershipsOfUser, listMembersOfTrio, listTriosOfEdition } from "~/models/trio.server";
import { getOptionalUser } from "~/utils/auth.server";
import { formatTimeRange } from "~/utils/dates";
import { domainLabels, trioStatusLabels } from "~/utils/labels";
import { relativeDays } from "~/utils/relative-time";

export const meta: MetaFunction = () => [{ title: "Start – Werkplaats wijkgericht werken" }];

type SessionView = Pick<Session, "id" | "number" | "title" | "startsAt" | "endsAt" | "location">;
const sessionView = (s: Session): SessionView => ({ id: s.id, number: s.number, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, location: s.location });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const now = new Date().toISOString();
  if (!user) return json({ view: "public" as const });
  if (user.role === "organiser") {
    const editions = listEditions().map((edition) => {
      const trios = listTriosOfEdition(edition.id);
      const counts = Object.fromEntries(Object.keys(trioStatusLabels).map((s) => [s, trios.filter((t) => t.status === s).length]));
      return { id: edition.id, name: edition.name, year: edition.year, capacity: edition.capacity, archived: Boolean(edition.archivedAt), counts, sessions: listSessionsOfEdition(edition.id).map(sessionView) };
    });
    return json({ view: "organiser" as const, name: user.name, editions, now });
  }
  if (user.role === "speaker") {
    const sessions = listSessionsOfSpeaker(user.id).map((s) => ({ ...sessionView(s), edition: getEdition(s.editionId)?.name ?? "" }));
    return json({ view: "speaker" as const, name: user.name, sessions, now });
  }
  const trios = listMembershipsOfUser(user.id).flatMap((m) => {
    const trio = getTrio(m.trioId);
    const edition = trio ? getEdition(trio.editionId) : null;
    if (!trio || !edition) return [];
    const members = listMembersOfTrio(trio.id).map((member) => ({ id: member.user.id, name: member.user.name, domain: member.domain, jobTitle: member.jobTitle }));
    return [{ id: trio.id, municipality: trio.municipality, status: trio.status, edition: edition.name, members, sessions: listSessionsOfEdition(edition.id).map(sessionView) }];
  });
  return json({ view: "participant" as const, name: user.name, trios, now });
}

function SessionList({ sessions, now, level = 3 }: { sessions: SessionView[]; now: string; level?: 3 | 4 }) {
  const Heading = level === 3 ? "h3" : "h4";
  const next = sessions.find((s) => s.endsAt > now);
  if (sessions.length === 0) return <p className="empty">Er zijn nog geen bijeenkomsten gepland.</p>;
  return (
    <ol className="session-list">
      {sessions.map((s) => (
        <li key={s.id} className={s.id === next?.id ? "session-list__item session-list__item--next" : "session-list__item"}>
          <span className="session-list__number" aria-hidden="true">{s.number}</span>
          <div>
            <Heading>
              <span className="visually-hidden">Bijeenkomst {s.number}: </span>
              {s.title}
            </Heading>
            <p>
              {formatTimeRange(s.startsAt, s.endsAt)}
              {s.id === next?.id ? <strong className="tag">Volgende, {relativeDays(s.startsAt, new Date(now))}</strong> : null}
              {s.endsAt <= now ? <span className="tag tag--muted">Geweest</span> : null}
            </p>
            {s.location ? <p className="muted">{s.location}</p> : null}
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
        In vier bijeenkomsten werken gemeenten als trio (een wijkambtenaar en collega&apos;s uit het fysieke en het
        sociale domein) aan een echte casus uit hun wijk. Met inspirerende sprekers, kennisuitwisseling, opdrachten op
        gedeelde borden en huiswerk tussen de bijeenkomsten.
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
  const welcome = params.get("welkom") === "1" ? <p className="notice notice--success" role="status">Je account is klaar. Welkom!</p> : null;

  if (data.view === "organiser") {
    return (
      <>
        <h1>{`Welkom, ${data.name}`}</h1>
        {welcome}
        <h2>Edities</h2>
        {data.editions.length === 0 ? (
          <p className="empty">Er is nog geen editie. Zodra er een editie is, zie je hier de trio&apos;s en bijeenkomsten.</p>
        ) : (
          <div className="card-grid">
            {data.editions.map((edition) => (
              <section key={edition.id} className="card" aria-labelledby={`editie-${edition.id}`}>
                <h3 id={`editie-${edition.id}`}>
                  {edition.name} {edition.archived ? <span className="tag tag--muted">Gearchiveerd</span> : null}
                </h3>
                <dl className="stats">
                  <div><dt>Toegelaten</dt><dd>{edition.counts.admitted} van {edition.capacity}</dd></div>
                  <div><dt>Aangemeld</dt><dd>{edition.counts.registered}</dd></div>
                  <div><dt>Wachtlijst</dt><dd>{edition.counts.waiting}</dd></div>
                </dl>
                <SessionList sessions={edition.sessions} now={data.now} level={4} />
              </section>
            ))}
          </div>
        )}
      </>
    );
  }

  if (data.view === "speaker") {
    return (
      <>
        <h1>{`Welkom, ${data.name}`}</h1>
        {welcome}
        <h2>Jouw bijeenkomsten</h2>
        {data.sessions.length === 0 ? (
          <p className="empty">Je bent nog niet aan een bijeenkomst gekoppeld. De begeleiders nodigen je uit voor de bijeenkomst waar je spreekt.</p>
        ) : (
          <ul className="plain-list">
            {data.sessions.map((s) => (
              <li key={s.id} className="card">
                <h3>{s.title}</h3>
                <p>{s.edition}, bijeenkomst {s.number}</p>
                <p>{formatTimeRange(s.startsAt, s.endsAt)}</p>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }

  return (
    <>
      <h1>{`Welkom, ${data.name}`}</h1>
      {welcome}
      {data.trios.length === 0 ? (
        <p className="empty">Je zit nog niet in een trio. Zodra je trio is aangemeld en toegelaten, zie je hier je programma.</p>
      ) : (
        data.trios.map((trio) => (
          <section key={trio.id} aria-labelledby={`trio-${trio.id}`} className="stack">
            <h2 id={`trio-${trio.id}`}>
              Trio {trio.municipality} <span className="tag">{trioStatusLabels[trio.status]}</span>
            </h2>
            <p className="muted">{trio.edition}</p>
            <ul className="member-list">
              {trio.members.map((m) => (
                <li key={m.id} className={`member member--${m.domain}`}>
                  <span className="member__name">{m.name}</span>
                  <span className="member__meta">{m.jobTitle} · {domainLabels[m.domain]}</span>
                </li>
              ))}
            </ul>
            <h3>Programma</h3>
            <SessionList sessions={trio.sessions} now={data.now} />
          </section>
        ))
      )}
    </>
  );
}
