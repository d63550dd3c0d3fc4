/**
 * The projector view (scherm voor de zaal): large type, high contrast, no
 * navigation. It follows the facilitator: the block and its timer, the check-in
 * code, the poll put on the screen (results only once revealed), the top
 * questions, the plenary board as a live read-only picture during
 * kennisuitwisseling, and the revealed desks during an opdracht. The desks are
 * drawn by the exercises feature's chart, which the route passes in (`renderDesks`).
 */
import type { ReactNode } from "react";
import type { RevealView } from "~/features/exercises/desk-protocol";
import { agendaKindLabels } from "~/features/programme/session-forms";
import { BlockTimer, LiveAnnouncer, PollResultsView, QuestionList, responsesText, useBlockAnnouncement } from "./live-parts";
import type { JoinView } from "./live-protocol";
import { useLive } from "./use-live";

export type ProjectorData = {
  session: { id: string; number: number; title: string };
  live: JoinView;
};

export function Projector({ data, renderDesks }: { data: ProjectorData; renderDesks: (reveal: RevealView) => ReactNode }) {
  const live = useLive(data.session.id, data.live, { screen: true });
  const board = live.screen?.board ?? null;
  const desks = live.screen?.desks ?? null;
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

      {block?.kind === "kennisuitwisseling" && board ? (
        <section className="projector__panel" aria-labelledby="scherm-bord">
          <h2 id="scherm-bord">Plenair bord: {board.title}</h2>
          <p data-testid="scherm-bord-inhoud">{board.summary === "leeg" ? "Het bord is nog leeg." : board.summary}</p>
          {board.picture ? (
            <div className="projector__sheet">
              <img className="projector__board" src={board.picture} alt={`Plenair bord “${board.title}”: ${board.summary}`} />
            </div>
          ) : null}
        </section>
      ) : null}

      {block?.kind === "opdracht" && desks ? (
        <section className="projector__panel" aria-labelledby="scherm-mengpanelen">
          <h2 id="scherm-mengpanelen">De mengpanelen naast elkaar</h2>
          <div className="projector__sheet" data-testid="scherm-mengpanelen">
            {renderDesks(desks)}
          </div>
        </section>
      ) : null}
    </div>
  );
}
