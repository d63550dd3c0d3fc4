/**
 * The follow-the-block area of a participant's (or speaker's) session page: what
 * the block the facilitator started needs, live. A participant may look at another
 * block and is offered "terug naar waar de groep is"; changes are announced politely.
 */
import { useState, type FormEvent } from "react";
import { Link } from "@remix-run/react";
import { agendaKindLabels } from "~/features/programme/session-forms";
import {
  AskForm,
  BlockTimer,
  blockLabel,
  LiveAnnouncer,
  PollResultsView,
  QuestionList,
  useBlockAnnouncement,
  VoteForm,
} from "./live-parts";
import type { JoinView, LiveBlockView } from "./live-protocol";
import { useLive, type Live } from "./use-live";

export type LiveLinks = {
  plenaryBoard: string | null;
  trioBoard: string | null;
  desk: string | null;
  homework: string | null;
  runSheet: string | null;
  projector: string | null;
  certificate: string | null;
};

export function LiveArea({ initial, links, archived }: { initial: JoinView; links: LiveLinks; archived: boolean }) {
  const live = useLive(initial.sessionId, initial);
  const [viewing, setViewing] = useState<string | null>(null);
  const announcement = useBlockAnnouncement(live.state);
  const groupBlock = live.state.block;
  const shown = (viewing ? live.state.blocks.find((b) => b.id === viewing) : null) ?? groupBlock;
  const away = Boolean(viewing && groupBlock && viewing !== groupBlock.id);
  const openPolls = live.polls.filter((p) => p.state === "open" || (p.state === "closed" && p.revealed));
  const role = initial.role;

  return (
    <section className="live-area card" aria-labelledby="live-kop" data-block={groupBlock?.kind ?? "geen"}>
      <h2 id="live-kop">Nu in de bijeenkomst</h2>
      <LiveAnnouncer message={announcement} />
      {live.problem ? (
        <p className="notice" role="alert">
          {live.problem}
        </p>
      ) : null}
      <p className="live-now">
        De groep is bij: <strong data-testid="groep-blok">{blockLabel(live.state)}</strong>
        {groupBlock ? ` (${groupBlock.start}–${groupBlock.end})` : ""}
      </p>
      {groupBlock ? <BlockTimer state={live.state} /> : null}
      {away ? (
        <p className="notice live-away">
          Je kijkt naar een ander onderdeel.{" "}
          <button type="button" className="button button--small" onClick={() => setViewing(null)}>
            Terug naar waar de groep is
          </button>
        </p>
      ) : null}

      {links.runSheet || links.projector ? (
        <p className="actions">
          {links.runSheet ? <Link to={links.runSheet}>Draaiboek</Link> : null}
          {links.projector ? <Link to={links.projector}>Scherm voor de zaal</Link> : null}
        </p>
      ) : null}
      {role === "participant" && groupBlock && !live.checkedIn && !archived ? <CheckInForm live={live} /> : null}
      {role === "participant" && live.checkedIn ? <p className="muted">Je bent ingecheckt.</p> : null}
      {links.certificate ? (
        <p>
          <Link to={links.certificate}>Je deelnamebewijs</Link>
        </p>
      ) : null}

      {openPolls.length > 0 ? (
        <div className="stack">
          {openPolls.map((poll) => (
            <div key={poll.id} className="card live-poll">
              <h3>Peiling: {poll.question}</h3>
              {poll.state === "open" && role === "participant" ? <VoteForm live={live} poll={poll} /> : null}
              {poll.state === "closed" ? <p className="muted">Deze peiling is gesloten.</p> : null}
              {poll.revealed || role !== "participant" ? (
                <PollResultsView poll={poll} />
              ) : (
                <p className="muted">De begeleider laat de uitslag zo zien.</p>
              )}
            </div>
          ))}
        </div>
      ) : null}

      {shown ? <BlockContent block={shown} live={live} links={links} role={role} archived={archived} /> : null}

      {live.state.blocks.length > 0 ? (
        <nav aria-labelledby="programma">
          <h3 id="programma">Programma</h3>
          <ol className="agenda live-blocks">
            {live.state.blocks.map((b) => (
              <li key={b.id} className={`agenda__item agenda__item--${b.kind}`} aria-current={groupBlock?.id === b.id ? "step" : undefined}>
                <span className="agenda__time">
                  {b.start}–{b.end}
                </span>
                <span className="agenda__kind">{agendaKindLabels[b.kind]}</span>
                <span className="agenda__title">{b.title}</span>
                {groupBlock?.id === b.id ? <span className="tag">nu</span> : null}
                {shown?.id !== b.id ? (
                  <button type="button" className="button button--small button--quiet" onClick={() => setViewing(b.id)}>
                    Bekijk<span className="visually-hidden"> {b.title}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
    </section>
  );
}

function BlockContent({
  block,
  live,
  links,
  role,
  archived,
}: {
  block: LiveBlockView;
  live: Live;
  links: LiveLinks;
  role: JoinView["role"];
  archived: boolean;
}) {
  const heading = <h3 className="live-block__title">{block.title}</h3>;
  switch (block.kind) {
    case "spreker":
      return (
        <div className="live-block stack">
          {heading}
          <p>Stel je vragen aan de spreker en steun de vragen van anderen. De meest gesteunde vragen staan bovenaan.</p>
          {role === "participant" && !archived ? <AskForm live={live} /> : null}
          <QuestionList live={live} role={role} archived={archived} />
          <p>
            <Link to="materiaal">Materiaal van de spreker</Link>
          </p>
        </div>
      );
    case "kennisuitwisseling":
      return (
        <div className="live-block stack">
          {heading}
          {links.plenaryBoard ? (
            <Link to={links.plenaryBoard}>Naar het plenaire bord</Link>
          ) : (
            <p className="muted">Er is (nog) geen plenair bord.</p>
          )}
        </div>
      );
    case "opdracht":
      return (
        <div className="live-block stack">
          {heading}
          <ul className="plain-list">
            {links.trioBoard ? (
              <li>
                <Link to={links.trioBoard}>Naar het bord van jullie trio</Link>
              </li>
            ) : null}
            {links.desk ? (
              <li>
                <Link to={links.desk}>Naar de schuifoefening (mengpaneel)</Link>
              </li>
            ) : null}
          </ul>
        </div>
      );
    case "pauze":
      return (
        <div className="live-block stack">
          {heading}
          <p>Even pauze. De timer loopt mee; we gaan verder zodra de begeleider het volgende onderdeel start.</p>
        </div>
      );
    case "afsluiting":
      return (
        <div className="live-block stack">
          {heading}
          {links.homework ? <Link to={links.homework}>{role === "participant" ? "Naar jullie huiswerk" : "Naar het huiswerk"}</Link> : null}
        </div>
      );
    default:
      return (
        <div className="live-block stack">
          {heading}
          <p>Welkom! Check in als je er bent.</p>
        </div>
      );
  }
}

function CheckInForm({ live }: { live: Live }) {
  const [code, setCode] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void live.checkIn(code.trim() || undefined);
  };
  return (
    <form className="live-checkin actions" onSubmit={submit}>
      <div className="field">
        <label htmlFor="live-code">Code op het scherm (mag leeg)</label>
        <input id="live-code" type="text" maxLength={8} autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
      </div>
      <button type="submit" className="button">
        Ik ben er: inchecken
      </button>
    </form>
  );
}
