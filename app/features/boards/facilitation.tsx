/**
 * Facilitation on a board: the timer everyone sees, and the panel for whoever
 * facilitates (follow me, timer, lock, private mode and reveal, dot voting).
 * Everything goes through `board:facilitate`; the server broadcasts the new
 * `BoardMeta` to the room, which is what these components render.
 */
import { useEffect, useId, useState, type FormEvent } from "react";
import { Field } from "~/components/ui/field";
import type { FacilitateAction } from "./board-client";
import { BoardLimits, type BoardMeta } from "./board-protocol";

const TIMER_LABEL_MAX = BoardLimits.TIMER_LABEL_MAX;
import { timerStartedMessage, votingOpenedMessage } from "./board-announcements";

/** "4:05" for 245 seconds. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/** The countdown shown to everyone; its end is announced (politely) to screen readers. */
export function BoardTimer({ timer, announce }: { timer: BoardMeta["timer"]; announce(message: string): void }) {
  const [now, setNow] = useState(() => Date.now());
  const endsAt = timer ? Date.parse(timer.endsAt) : null;
  useEffect(() => {
    if (endsAt === null) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [endsAt]);
  const left = endsAt === null ? null : (endsAt - now) / 1000;
  const done = left !== null && left <= 0;
  useEffect(() => {
    if (done) announce(`De tijd is om${timer?.label ? `: ${timer.label}` : ""}.`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [done]);
  if (!timer || left === null) return null;
  return (
    <p className={`board-timer${done ? " board-timer--done" : ""}`}>
      <span className="board-timer__label">{timer.label || "Timer"}</span>{" "}
      {/* Not a live region itself: a tick every second would flood screen readers. */}
      <strong className="board-timer__time">{done ? "Tijd is om" : formatCountdown(left)}</strong>
    </p>
  );
}

type PanelProps = {
  meta: BoardMeta;
  /** Whether I am the one the others follow. */
  leading: boolean;
  onFollow(lead: boolean): void;
  act(action: FacilitateAction, done: string): void;
  results: Array<{ id: string; text: string; votes: number }>;
};

export function FacilitationPanel({ meta, leading, onFollow, act, results }: PanelProps) {
  const id = useId();
  const [confirmClear, setConfirmClear] = useState(false);
  const [labelError, setLabelError] = useState<string | undefined>();

  function startTimer(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const minutes = Number(data.get("minutes"));
    const label = String(data.get("label") ?? "").trim();
    const problem = label.length > TIMER_LABEL_MAX ? `Houd de omschrijving korter: hoogstens ${TIMER_LABEL_MAX} tekens.` : undefined;
    setLabelError(problem);
    if (problem) return document.getElementById(`${id}-label`)?.focus();
    const seconds = Math.round(minutes * 60);
    act({ type: "timer", seconds, ...(label ? { label } : {}) }, timerStartedMessage(seconds, label));
  }

  function openVoting(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const votes = Number(new FormData(event.currentTarget).get("votes"));
    act({ type: "voting", open: true, votesPerParticipant: votes }, votingOpenedMessage(votes));
  }

  return (
    <section aria-labelledby={`${id}-kop`} className="card stack board-facilitation">
      <h2 id={`${id}-kop`}>Begeleiden</h2>
      <div className="actions">
        <button type="button" className="button button--small" aria-pressed={leading} onClick={() => onFollow(!leading)}>
          {leading ? "Stop ‘volg mij’" : "Volg mij"}
        </button>
        <button
          type="button"
          className="button button--small button--quiet"
          aria-pressed={meta.locked}
          onClick={() =>
            act(
              { type: "lock", locked: !meta.locked },
              meta.locked ? "Het bord is weer te bewerken." : "Het bord is vergrendeld voor deelnemers.",
            )
          }
        >
          {meta.locked ? "Bord ontgrendelen" : "Bord vergrendelen"}
        </button>
        <button
          type="button"
          className="button button--small button--quiet"
          aria-pressed={meta.privateMode}
          onClick={() =>
            act(
              { type: "private", enabled: !meta.privateMode },
              meta.privateMode ? "Privémodus staat uit." : "Privémodus staat aan: nieuwe notities zijn verborgen voor anderen.",
            )
          }
        >
          {meta.privateMode ? "Privémodus uitzetten" : "Privémodus aanzetten"}
        </button>
        {meta.privateMode ? (
          <button type="button" className="button button--small" onClick={() => act({ type: "reveal" }, "Alle notities zijn onthuld.")}>
            Notities onthullen
          </button>
        ) : null}
      </div>

      {meta.timer ? (
        <div className="actions">
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => act({ type: "timer", seconds: null }, "Timer gestopt.")}
          >
            Timer stoppen
          </button>
        </div>
      ) : (
        <form onSubmit={startTimer} className="field-row board-facilitation__form">
          <div className="field">
            <label htmlFor={`${id}-min`}>Minuten</label>
            <select id={`${id}-min`} name="minutes" defaultValue="5">
              {[1, 2, 3, 5, 10, 15, 20, 30, 45, 60].map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </div>
          <Field name="label" id={`${id}-label`} label="Waarvoor" maxLength={TIMER_LABEL_MAX} error={labelError} />
          <div className="actions">
            <button type="submit" className="button button--small">
              Timer starten
            </button>
          </div>
        </form>
      )}

      {meta.voting?.open ? (
        <div className="actions">
          <button
            type="button"
            className="button button--small"
            onClick={() => act({ type: "voting", open: false }, "De stemronde is gesloten; de uitslag blijft staan.")}
          >
            Stemronde sluiten
          </button>
        </div>
      ) : (
        <form onSubmit={openVoting} className="field-row board-facilitation__form">
          <div className="field">
            <label htmlFor={`${id}-votes`}>Stemmen per deelnemer</label>
            <input
              id={`${id}-votes`}
              name="votes"
              type="number"
              min={1}
              max={20}
              defaultValue={meta.voting?.votesPerParticipant ?? 3}
              required
            />
          </div>
          <div className="actions">
            <button type="submit" className="button button--small">
              Stemronde openen
            </button>
          </div>
        </form>
      )}
      {results.length > 0 ? (
        <div className="stack">
          <h3>Uitslag van de stemronde</h3>
          <ol className="board-results">
            {results.map((r) => (
              <li key={r.id}>
                {r.text || "(zonder tekst)"} — <strong>{r.votes === 1 ? "1 stem" : `${r.votes} stemmen`}</strong>
              </li>
            ))}
          </ol>
          {confirmClear ? (
            <p className="actions">
              <span>Alle stemmen wissen?</span>
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  setConfirmClear(false);
                  act({ type: "clear-votes" }, "Alle stemmen zijn gewist.");
                }}
              >
                Ja, wissen
              </button>
              <button type="button" className="button button--small button--quiet" onClick={() => setConfirmClear(false)}>
                Nee
              </button>
            </p>
          ) : (
            <p>
              <button type="button" className="button button--small button--quiet" onClick={() => setConfirmClear(true)}>
                Stemmen wissen…
              </button>
            </p>
          )}
        </div>
      ) : null}
    </section>
  );
}
