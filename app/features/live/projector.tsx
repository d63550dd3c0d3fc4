/**
 * The projector view (scherm voor de zaal): large type, high contrast, no
 * navigation. It follows the facilitator: the block and its timer, the check-in
 * code, the poll put on the screen (results only once revealed), the top
 * questions, the plenary board and the revealed desks.
 */
import { agendaKindLabels } from "~/features/programme/session-forms";
import { BlockTimer, LiveAnnouncer, PollResultsView, QuestionList, responsesText, useBlockAnnouncement } from "./live-parts";
import type { JoinView } from "./live-protocol";
import { useLive } from "./use-live";

export type ProjectorData = {
  session: { id: string; number: number; title: string };
  live: JoinView;
  plenaryBoard: { title: string; url: string } | null;
  desk: string | null;
};

export function Projector({ data }: { data: ProjectorData }) {
  const live = useLive(data.session.id, data.live);
  const announcement = useBlockAnnouncement(live.state);
  const block = live.state.block;
  const poll = live.polls.find((p) => p.id === live.projector.pollId) ?? null;
  const showQuestions = live.projector.questions || block?.kind === "spreker";
  return (
    <div className="projector" data-block={block?.kind ?? "geen"}>
      <LiveAnnouncer message={announcement} />
      <header className="projector__header">
        <p className="projector__session">
          Bijeenkomst {data.session.number}: {data.session.title}
        </p>
        {live.projector.checkInCode ? (
          <p className="projector__code">
            Inchecken met code <strong data-testid="incheckcode">{live.projector.checkInCode}</strong>
          </p>
        ) : null}
      </header>
      <h1 className="projector__block" data-testid="scherm-blok">
        {block ? `${agendaKindLabels[block.kind]}: ${block.title}` : "We beginnen zo"}
      </h1>
      {block ? <BlockTimer state={live.state} className="projector__timer" /> : null}
      {live.problem ? (
        <p className="projector__problem" role="alert">
          {live.problem}
        </p>
      ) : null}

      {poll ? (
        <section className="projector__panel" aria-labelledby="scherm-peiling">
          <h2 id="scherm-peiling">{poll.question}</h2>
          <p data-testid="scherm-antwoorden">{responsesText(poll)}</p>
          {poll.revealed ? <PollResultsView poll={poll} large /> : <p>De uitslag volgt.</p>}
        </section>
      ) : null}

      {showQuestions ? (
        <section className="projector__panel" aria-labelledby="scherm-vragen">
          <h2 id="scherm-vragen">Meest gesteunde vragen</h2>
          <QuestionList live={live} role="projector" limit={5} />
        </section>
      ) : null}

      {block?.kind === "kennisuitwisseling" && data.plenaryBoard ? (
        <section className="projector__panel" aria-labelledby="scherm-bord">
          <h2 id="scherm-bord">Plenair bord: {data.plenaryBoard.title}</h2>
          <p>
            <a href={data.plenaryBoard.url}>Open het plenaire bord</a>
          </p>
        </section>
      ) : null}

      {block?.kind === "opdracht" && data.desk ? (
        <section className="projector__panel" aria-labelledby="scherm-mengpanelen">
          <h2 id="scherm-mengpanelen">De mengpanelen</h2>
          <p>
            <a href={data.desk}>De mengpanelen naast elkaar (zodra ze getoond worden)</a>
          </p>
        </section>
      ) : null}
    </div>
  );
}
