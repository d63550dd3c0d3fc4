/** The four sessions of an edition with date, place and speaker: on the landing page and the registration form alike. */
export type SessionDate = { id: string; number: number; title: string; when: string | null; place: string; speaker: string };

export function EditionDates({ sessions, headingId }: { sessions: SessionDate[]; headingId: string }) {
  if (sessions.length === 0) return <p className="empty">De bijeenkomsten worden nog ingepland.</p>;
  return (
    <ol className="session-dates" aria-labelledby={headingId}>
      {sessions.map((s) => (
        <li key={s.id} className="session-dates__item">
          <p className="session-dates__title">
            <strong>Bijeenkomst {s.number}</strong>: {s.title}
          </p>
          <p>
            {s.when ?? "Datum volgt"}
            {s.place ? ` · ${s.place}` : " · Plaats volgt"}
          </p>
          {s.speaker ? <p className="muted">Spreker: {s.speaker}</p> : null}
        </li>
      ))}
    </ol>
  );
}
