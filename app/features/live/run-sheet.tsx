/**
 * The organiser's run sheet (draaiboek): the blocks with their times and notes,
 * start and next, polls (prepared per block), the questions and what the projector shows. Every
 * button is a plain form post; the lists stay live over the tab's socket.
 */
import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { ErrorSummary } from "~/components/ui/error-summary";
import { Field, TextArea } from "~/components/ui/field";
import { Notice } from "~/components/ui/notice";
import { agendaKindLabels } from "~/features/programme/session-forms";
import type { ActionResult } from "~/utils/action-result";
import { BlockTimer, blockLabel, LiveAnnouncer, QuestionList, useBlockAnnouncement } from "./live-parts";
import type { JoinView } from "./live-protocol";
import { BlockPolls, NewPollForm, PollList, Post, PreparedNow } from "./run-sheet-polls";
import { useLive } from "./use-live";

export type RunSheetData = {
  session: { id: string; number: number; title: string };
  edition: { id: string; name: string };
  archived: boolean;
  checkInCode: string | null;
  blocks: Array<{ id: string; kind: keyof typeof agendaKindLabels; title: string; start: string; end: string; notes: string }>;
  live: JoinView;
};

export function RunSheet({ data, result }: { data: RunSheetData; result: ActionResult | undefined }) {
  const live = useLive(data.session.id, data.live);
  const announcement = useBlockAnnouncement(live.state);
  const current = live.state.block;
  const disabled = data.archived;
  // The page has a form per block and poll: the summary links into the one that was sent.
  const [sent, setSent] = useState<HTMLFormElement | null>(null);
  return (
    <article className="stack run-sheet" onSubmit={(event) => setSent(event.target as HTMLFormElement)}>
      <p className="muted">
        <Link to={`/beheer/edities/${data.edition.id}`}>{data.edition.name}</Link> · bijeenkomst {data.session.number}
      </p>
      <h1>Draaiboek: {data.session.title}</h1>
      <LiveAnnouncer message={announcement} />
      {result?.done ? <Notice tone="success">{result.done}</Notice> : null}
      {result?.errors ? <ErrorSummary errors={result.errors} form={sent} /> : null}
      {live.problem ? (
        <p className="notice" role="alert">
          {live.problem}
        </p>
      ) : null}
      {data.archived ? <Notice tone="info">Deze editie is gearchiveerd: je kunt alles nog lezen, maar niets meer wijzigen.</Notice> : null}

      <section className="card" aria-labelledby="nu">
        <h2 id="nu">Nu</h2>
        <p className="live-now">
          De groep is bij: <strong data-testid="groep-blok">{blockLabel(live.state)}</strong>
        </p>
        {current ? <BlockTimer state={live.state} /> : null}
        {current && !disabled ? <PreparedNow blockId={current.id} polls={live.polls} /> : null}
        <div className="actions">
          {!disabled ? <Post intent="next">{current ? "Volgend onderdeel" : "Bijeenkomst starten"}</Post> : null}
          {!disabled && current ? (
            <Post intent="stop" quiet>
              Bijeenkomst afsluiten
            </Post>
          ) : null}
          <Link to={`/sessies/${data.session.id}/scherm`}>Scherm voor de zaal openen</Link>
          <Link to={`/beheer/edities/${data.edition.id}/aanwezigheid`}>Aanwezigheid</Link>
        </div>
        {data.checkInCode ? (
          <p>
            Incheckcode: <strong className="checkin-code">{data.checkInCode}</strong>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="onderdelen">
        <h2 id="onderdelen">Onderdelen</h2>
        <ol className="plain-list stack">
          {data.blocks.map((b, i) => (
            <li
              key={b.id}
              className={`card run-block${current?.id === b.id ? " run-block--current" : ""}`}
              aria-current={current?.id === b.id ? "step" : undefined}
            >
              <h3>
                {b.start}–{b.end} · {agendaKindLabels[b.kind]}: {b.title}
                {current?.id === b.id ? <span className="tag">nu</span> : null}
              </h3>
              {b.notes ? <p className="run-block__notes">{b.notes}</p> : <p className="muted">Geen aantekeningen.</p>}
              {!disabled ? (
                <div className="actions">
                  {current?.id !== b.id ? (
                    <Post intent="start" fields={{ blockId: b.id }}>
                      Start dit onderdeel<span className="visually-hidden">: {b.title}</span>
                    </Post>
                  ) : null}
                  {i > 0 ? (
                    <Post intent="move" fields={{ blockId: b.id, direction: "up" }} quiet>
                      Eerder<span className="visually-hidden">: {b.title}</span>
                    </Post>
                  ) : null}
                  {i < data.blocks.length - 1 ? (
                    <Post intent="move" fields={{ blockId: b.id, direction: "down" }} quiet>
                      Later<span className="visually-hidden">: {b.title}</span>
                    </Post>
                  ) : null}
                </div>
              ) : null}
              {!disabled ? (
                <details>
                  <summary>
                    Tijden en aantekeningen aanpassen<span className="visually-hidden">: {b.title}</span>
                  </summary>
                  <Form method="post" className="stack" noValidate>
                    <input type="hidden" name="intent" value="edit" />
                    <input type="hidden" name="blockId" value={b.id} />
                    <Field id={`titel-${b.id}`} name="title" label="Titel" type="text" defaultValue={b.title} maxLength={200} required />
                    <div className="field">
                      <label htmlFor={`begin-${b.id}`}>Begin</label>
                      <input id={`begin-${b.id}`} name="start" type="time" defaultValue={b.start} required />
                    </div>
                    <div className="field">
                      <label htmlFor={`einde-${b.id}`}>Einde</label>
                      <input id={`einde-${b.id}`} name="end" type="time" defaultValue={b.end} required />
                    </div>
                    <TextArea
                      id={`notities-${b.id}`}
                      name="notes"
                      label="Aantekeningen voor de begeleiders"
                      rows={3}
                      defaultValue={b.notes}
                      maxLength={5000}
                    />
                    <div className="actions">
                      <button type="submit" className="button button--small">
                        Opslaan
                      </button>
                    </div>
                  </Form>
                </details>
              ) : null}
              <BlockPolls block={b} polls={live.polls} disabled={disabled} />
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="peilingen">
        <h2 id="peilingen">Peilingen</h2>
        <PollList polls={live.polls} disabled={disabled} />
        <p>
          <a href={`/beheer/edities/${data.edition.id}/sessies/${data.session.id}/peilingen.csv`} download>
            Alle antwoorden als CSV
          </a>
        </p>
        {!disabled ? <NewPollForm id="poll" summary="Nieuwe peiling" /> : null}
      </section>

      <section aria-labelledby="vragen">
        <h2 id="vragen">Vragen aan de spreker</h2>
        {!disabled ? (
          <div className="actions">
            <Post intent="project" fields={{ questions: "on" }} quiet>
              Topvragen op het scherm
            </Post>
            <Post intent="project" quiet>
              Alleen het onderdeel op het scherm
            </Post>
          </div>
        ) : null}
        <QuestionList live={live} role="organiser" archived={disabled} />
      </section>
    </article>
  );
}
