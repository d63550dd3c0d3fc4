/**
 * The run sheet's polls: prepared per block (add, change and remove while still a
 * draft), opened with one click while their block runs, and the list of all polls
 * with their controls. Every button is a plain form post.
 */
import { Form } from "@remix-run/react";
import { Field, TextArea } from "~/components/ui/field";
import { PollResultsView, responsesText } from "./live-parts";
import { pollKindLabels, type PollView } from "./live-protocol";

export function Post({
  intent,
  children,
  fields = {},
  quiet,
}: {
  intent: string;
  children: React.ReactNode;
  fields?: Record<string, string>;
  quiet?: boolean;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={`button button--small${quiet ? " button--quiet" : ""}`}>
        {children}
      </button>
    </Form>
  );
}

const stateLabels = { draft: "klaar", open: "open", closed: "gesloten" } as const;

/** Question, kind, options and who answers; `id` keeps the labels unique when a page has several. */
function PollFields({ id, poll }: { id: string; poll?: PollView }) {
  return (
    <>
      <Field id={`${id}-vraag`} name="question" label="Vraag" type="text" maxLength={300} defaultValue={poll?.question} required />
      <div className="field">
        <label htmlFor={`${id}-soort`}>Soort</label>
        <select id={`${id}-soort`} name="kind" defaultValue={poll?.kind ?? "choice"}>
          {Object.entries(pollKindLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <TextArea
        id={`${id}-antwoorden`}
        name="options"
        label="Antwoorden bij meerkeuze"
        optionalNote="verplicht bij meerkeuze: minstens twee"
        hint="Eén per regel, hoogstens tien."
        rows={4}
        defaultValue={poll?.kind === "choice" ? poll.options.join("\n") : undefined}
      />
      <div className="field">
        <label htmlFor={`${id}-per`}>Wie antwoordt</label>
        <select id={`${id}-per`} name="per" defaultValue={poll?.per ?? "person"}>
          <option value="person">Iedereen apart</option>
          <option value="trio">Eén antwoord per trio</option>
        </select>
      </div>
    </>
  );
}

/** A form that makes a poll: on the spot (no block) or prepared for one block. */
export function NewPollForm({ id, blockId, summary }: { id: string; blockId?: string; summary: React.ReactNode }) {
  return (
    <details className="card">
      <summary>{summary}</summary>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="poll" />
        {blockId ? <input type="hidden" name="blockId" value={blockId} /> : null}
        <PollFields id={id} />
        <div className="actions">
          <button type="submit" className="button">
            Peiling klaarzetten
          </button>
        </div>
      </Form>
    </details>
  );
}

/** The polls prepared for one block, changeable and removable until they are opened. */
export function BlockPolls({ block, polls, disabled }: { block: { id: string; title: string }; polls: PollView[]; disabled: boolean }) {
  const prepared = polls.filter((p) => p.blockId === block.id);
  return (
    <div className="stack run-block__polls">
      {prepared.length > 0 ? (
        <ul className="plain-list stack" aria-label={`Peilingen bij ${block.title}`}>
          {prepared.map((poll) => (
            <li key={poll.id} className="run-poll">
              <p>
                <strong>Peiling:</strong> {poll.question}{" "}
                <span className="muted">
                  ({pollKindLabels[poll.kind]}, {poll.per === "trio" ? "per trio" : "per persoon"}, {stateLabels[poll.state]})
                </span>
              </p>
              {!disabled && poll.state === "draft" ? (
                <div className="actions">
                  <details>
                    <summary>
                      Aanpassen<span className="visually-hidden">: {poll.question}</span>
                    </summary>
                    <Form method="post" className="stack" noValidate>
                      <input type="hidden" name="intent" value="poll-edit" />
                      <input type="hidden" name="pollId" value={poll.id} />
                      <PollFields id={`peiling-${poll.id}`} poll={poll} />
                      <div className="actions">
                        <button type="submit" className="button button--small">
                          Peiling opslaan
                        </button>
                      </div>
                    </Form>
                  </details>
                  <Post intent="poll-remove" fields={{ pollId: poll.id }} quiet>
                    Verwijderen<span className="visually-hidden">: {poll.question}</span>
                  </Post>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {!disabled ? (
        <NewPollForm
          id={`nieuw-${block.id}`}
          blockId={block.id}
          summary={
            <>
              Peiling voorbereiden<span className="visually-hidden">: {block.title}</span>
            </>
          }
        />
      ) : null}
    </div>
  );
}

/** While a block runs: its prepared polls that are not open yet, each opened with one click. */
export function PreparedNow({ blockId, polls }: { blockId: string; polls: PollView[] }) {
  const ready = polls.filter((p) => p.blockId === blockId && p.state === "draft");
  if (ready.length === 0) return null;
  return (
    <div className="stack">
      <h3>Klaargezet voor dit onderdeel</h3>
      <ul className="plain-list actions">
        {ready.map((poll) => (
          <li key={poll.id}>
            <Post intent="poll-state" fields={{ pollId: poll.id, change: "open" }}>
              Peiling openen: {poll.question}
            </Post>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Every poll of the session with its results and controls. */
export function PollList({ polls, disabled }: { polls: PollView[]; disabled: boolean }) {
  if (polls.length === 0) return <p className="empty">Nog geen peilingen.</p>;
  return (
    <ul className="plain-list stack">
      {polls.map((poll) => (
        <li key={poll.id} className="card">
          <h3>{poll.question}</h3>
          <p className="muted">
            {pollKindLabels[poll.kind]} · {poll.per === "trio" ? "één antwoord per trio" : "per persoon"} · {stateLabels[poll.state]}
            {poll.revealed ? " · uitslag zichtbaar" : " · uitslag verborgen"} · <span data-testid="antwoorden">{responsesText(poll)}</span>
          </p>
          <PollResultsView poll={poll} />
          {!disabled ? (
            <div className="actions">
              {poll.state !== "open" ? (
                <Post intent="poll-state" fields={{ pollId: poll.id, change: "open" }}>
                  Openen<span className="visually-hidden">: {poll.question}</span>
                </Post>
              ) : (
                <Post intent="poll-state" fields={{ pollId: poll.id, change: "close" }}>
                  Sluiten<span className="visually-hidden">: {poll.question}</span>
                </Post>
              )}
              <Post intent="poll-state" fields={{ pollId: poll.id, change: poll.revealed ? "hide" : "reveal" }} quiet>
                {poll.revealed ? "Uitslag verbergen" : "Uitslag tonen"}
                <span className="visually-hidden">: {poll.question}</span>
              </Post>
              <Post intent="project" fields={{ pollId: poll.id }} quiet>
                Op het scherm<span className="visually-hidden">: {poll.question}</span>
              </Post>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
