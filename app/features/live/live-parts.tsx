/**
 * Pieces every live view shares: the polite announcer, the timer, the question
 * list and the poll results. Text from people is always rendered as text.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useAnnounce } from "~/components/live-announcer";
import { agendaKindLabels } from "~/features/programme/session-forms";
import type { Live } from "./use-live";
import { formatSeconds, secondsLeft } from "./use-live";
import { Field, FieldError, TextArea } from "~/components/ui/field";
import { LiveLimits, pollWords, problemOf, questionText, type BlockState, type PollView, type QuestionView } from "./live-protocol";

/** Says `message` through the page's one polite live region whenever it changes. */
export function LiveAnnouncer({ message }: { message: string }) {
  const announce = useAnnounce();
  useEffect(() => {
    if (message) announce(message, { group: "live-block" });
  }, [announce, message]);
  return null;
}

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The time left in the running block; says so once when it has run out. */
export function BlockTimer({ state, className }: { state: BlockState; className?: string }) {
  const now = useNow();
  const left = secondsLeft(state, now);
  if (left === null) return null;
  return (
    <p className={className ?? "live-timer"}>
      <span className="visually-hidden">Nog </span>
      <span aria-hidden="true">⏱ </span>
      <span>{left > 0 ? formatSeconds(left) : "De tijd is om"}</span>
      {left > 0 ? <span className="visually-hidden"> minuten</span> : null}
    </p>
  );
}

export function blockLabel(state: BlockState): string {
  return state.block ? `${agendaKindLabels[state.block.kind]}: ${state.block.title}` : "nog niet begonnen";
}

/** Questions, sorted as the server sorts them; actions depend on who looks. */
export function QuestionList({
  live,
  role,
  limit,
  archived,
}: {
  live: Live;
  role: "organiser" | "speaker" | "participant" | "projector";
  limit?: number;
  archived?: boolean;
}) {
  const shown = limit ? live.questions.filter((q) => !q.hidden && !q.answered).slice(0, limit) : live.questions;
  if (shown.length === 0) return <p className="empty">Er zijn nog geen vragen gesteld.</p>;
  return (
    <ol className="plain-list question-list live-questions" aria-label="Vragen, meest gesteund bovenaan">
      {shown.map((q) => (
        <li key={q.id} className={`card${q.hidden || q.answered ? " card--muted" : ""}`}>
          <p className="question__text">{q.text}</p>
          <p className="muted">
            {questionByline(q, role)} · {q.upvotes === 1 ? "1 steunbetuiging" : `${q.upvotes} steunbetuigingen`}
            {q.answered ? " · beantwoord" : ""}
            {q.hidden ? " · verborgen" : ""}
          </p>
          {role === "participant" && !q.own && !q.hidden && !archived ? (
            <button
              type="button"
              className="button button--small button--quiet"
              disabled={live.upvoted.has(q.id)}
              onClick={() => void live.upvote(q.id)}
            >
              {live.upvoted.has(q.id) ? "Gesteund" : "Steun deze vraag"}
              <span className="visually-hidden">: {q.text.slice(0, 60)}</span>
            </button>
          ) : null}
          {(role === "organiser" || role === "speaker") && !archived ? (
            <div className="actions">
              <button
                type="button"
                className="button button--small button--quiet"
                onClick={() => void live.moderate(q.id, q.answered ? "unanswer" : "answer")}
              >
                {q.answered ? "Toch niet beantwoord" : "Beantwoord"}
                <span className="visually-hidden">: {q.text.slice(0, 60)}</span>
              </button>
              <button
                type="button"
                className="button button--small button--quiet"
                onClick={() => void live.moderate(q.id, q.hidden ? "show" : "hide")}
              >
                {q.hidden ? "Weer tonen" : "Verbergen"}
                <span className="visually-hidden">: {q.text.slice(0, 60)}</span>
              </button>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function questionByline(q: QuestionView, role: string): string {
  if (role === "projector") return q.anonymous || !q.trio ? "Anoniem" : `Trio ${q.trio}`;
  if (q.own) return q.anonymous ? "Jouw vraag (anoniem voor anderen)" : "Jouw vraag";
  if (!q.author) return "Anoniem";
  return `${q.author}${q.trio ? `, trio ${q.trio}` : ""}${q.anonymous ? " (anoniem voor deelnemers)" : ""}`;
}

export function AskForm({ live }: { live: Live }) {
  const [text, setText] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [done, setDone] = useState("");
  const [error, setError] = useState<string | undefined>();
  // A new key empties the (uncontrolled) field and its counter after a question is sent.
  const [round, setRound] = useState(0);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = problemOf(questionText, text);
    setError(problem);
    if (problem) return document.getElementById("live-vraag")?.focus();
    if (await live.ask(text, anonymous)) {
      setText("");
      setRound((r) => r + 1);
      setDone("Je vraag staat in de lijst.");
    }
  };
  return (
    <form className="stack live-ask" onSubmit={submit} noValidate>
      <TextArea
        key={round}
        name="vraag"
        id="live-vraag"
        label="Je vraag aan de spreker"
        rows={3}
        limit={LiveLimits.QUESTION_MAX}
        required
        error={error}
        onChange={(value) => {
          setText(value);
          setDone("");
        }}
      />
      <div className="field field--checkbox">
        <input id="live-anoniem" type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        <label htmlFor="live-anoniem">Anoniem voor andere deelnemers (de begeleiders zien wie het vroeg)</label>
      </div>
      <div className="actions">
        <button type="submit" className="button">
          Vraag stellen
        </button>
        {done ? <span className="muted">{done}</span> : null}
      </div>
    </form>
  );
}

/** Counts as bars (progress elements) or a word cloud; hidden until revealed for participants. */
export function PollResultsView({ poll, large }: { poll: PollView; large?: boolean }) {
  if (!poll.results) return <p className="muted">De uitslag is nog verborgen. {responsesText(poll)}</p>;
  const total = Math.max(1, poll.responses);
  if (poll.kind === "words") {
    const max = Math.max(1, ...poll.results.words.map((w) => w.count));
    return poll.results.words.length === 0 ? (
      <p className="empty">Nog geen woorden.</p>
    ) : (
      <ul className={`word-cloud${large ? " word-cloud--large" : ""}`} aria-label="Woordwolk">
        {poll.results.words.map((w) => (
          <li key={w.text} className={`word-cloud__word word-cloud__word--${Math.ceil((w.count / max) * 4)}`}>
            {w.text} <span className="visually-hidden">({w.count}×)</span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul className={`plain-list poll-bars${large ? " poll-bars--large" : ""}`}>
      {poll.options.map((option, i) => (
        <li key={option}>
          <span className="poll-bars__label">{option}</span>
          <progress max={total} value={poll.results!.counts[i]} aria-label={option} />
          <span className="poll-bars__count">{poll.results!.counts[i]}</span>
        </li>
      ))}
    </ul>
  );
}

export function responsesText(poll: PollView): string {
  return poll.responses === 1 ? "1 antwoord." : `${poll.responses} antwoorden.`;
}

export function VoteForm({ live, poll }: { live: Live; poll: PollView }) {
  const [choice, setChoice] = useState<number | null>(null);
  const [words, setWords] = useState("");
  const [error, setError] = useState<string | undefined>();
  const name = `poll-${poll.id}`;
  if (live.answered.has(poll.id)) {
    return <p className="notice notice--success">{poll.per === "trio" ? "Jullie trio heeft geantwoord." : "Je hebt geantwoord."}</p>;
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = poll.kind === "words" ? problemOf(pollWords, words) : choice === null ? "Kies een antwoord." : undefined;
    setError(problem);
    if (problem) return document.getElementById(poll.kind === "words" ? name : `${name}-0`)?.focus();
    void live.vote(poll.id, poll.kind === "words" ? { words } : { choice: choice ?? -1 });
  };
  return (
    <form onSubmit={submit} className="stack" noValidate>
      {poll.kind === "words" ? (
        <Field
          name={name}
          id={name}
          label="Je woorden"
          type="text"
          maxLength={LiveLimits.WORDS_MAX}
          required
          error={error}
          value={words}
          onChange={(e) => setWords(e.target.value)}
        />
      ) : (
        <fieldset className={`poll-options${error ? " field--error" : ""}`} aria-describedby={error ? `${name}-fout` : undefined}>
          <legend className="visually-hidden">{poll.question}</legend>
          <FieldError id={`${name}-fout`} error={error} />
          {poll.options.map((option, i) => (
            <div key={option} className="field field--checkbox">
              <input
                id={`${name}-${i}`}
                type="radio"
                name={name}
                checked={choice === i}
                onChange={() => {
                  setChoice(i);
                  setError(undefined);
                }}
              />
              <label htmlFor={`${name}-${i}`}>{option}</label>
            </div>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="submit" className="button">
          {poll.per === "trio" ? "Antwoord namens ons trio" : "Antwoord geven"}
        </button>
      </div>
    </form>
  );
}

/** Announces politely when the group moves to another block, and returns whether it just did. */
export function useBlockAnnouncement(state: BlockState): string {
  const [message, setMessage] = useState("");
  const previous = useRef(state.block?.id ?? null);
  useEffect(() => {
    const id = state.block?.id ?? null;
    if (id === previous.current) return;
    previous.current = id;
    setMessage(state.block ? `De groep is nu bij: ${blockLabel(state)}.` : "De bijeenkomst is afgelopen.");
  }, [state]);
  return message;
}
