import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { formatTime } from "~/utils/dates";
import { useAnnounce } from "~/components/live-announcer";
import { CharacterCounter } from "~/components/ui/field";

/** The schema's limit on an answer (draftSchema in the homework route). */
export const ANSWER_MAX = 50_000;

/** Waits this long after the last keystroke before saving the draft. */
const AUTOSAVE_DEBOUNCE_MS = 800;
/**
 * At most one autosave per this long per tab (20 a minute): the change rate limit is
 * 120 a minute per IP address, and a trio's three members may share one office address.
 */
const AUTOSAVE_MIN_INTERVAL_MS = 3_000;

export type DraftState = { text: string; revision: number; savedAt: string; savedBy: string };
export type AutosaveResult = { autosave: { ok: true; draft: DraftState } | { ok: false; conflict: DraftState | null; message: string } };

type Conflict = DraftState;

/** The draft as the page's loader gives it (see draftView in homework-view.server.ts). */
export type DraftView = { text: string; revision: number; savedAt: string | null; savedBy: string | null };

/**
 * The trio's shared answer: saved as you type (debounced and throttled), sent with a
 * beacon when the tab closes, and, when someone else saved first, both versions side
 * by side to merge. Posts `intent=autosave` to the page's own action.
 */
export function DraftEditor({ draft, disabled }: { draft: DraftView; disabled: boolean }) {
  const autosave = useFetcher<AutosaveResult>();
  const [text, setText] = useState(draft.text);
  const [base, setBase] = useState(draft.revision);
  const [saved, setSaved] = useState({ text: draft.text, at: draft.savedAt, by: draft.savedBy });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<number>();
  const lastSave = useRef(0);
  const dirty = text !== saved.text;
  const submitAutosave = autosave.submit;
  const announce = useAnnounce();

  // A fresh loader draft (after handing in or a file change) replaces ours when we have nothing
  // unsaved, or when it is our own text (handing in saves the draft too).
  useEffect(() => {
    if (!conflict && draft.revision !== base && (text === saved.text || text === draft.text)) {
      setText(draft.text);
      setBase(draft.revision);
      setSaved({ text: draft.text, at: draft.savedAt, by: draft.savedBy });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft.revision]);

  const save = useCallback(
    (value: string, revision: number) =>
      submitAutosave({ intent: "autosave", text: value, baseRevision: String(revision) }, { method: "post" }),
    [submitAutosave],
  );

  useEffect(() => {
    const answer = autosave.data as AutosaveResult | undefined;
    if (!answer || !("autosave" in answer)) return;
    if (answer.autosave.ok) {
      const d = answer.autosave.draft;
      setBase(d.revision);
      setSaved({ text: d.text, at: d.savedAt, by: d.savedBy });
      setConflict(null);
      setProblem(null);
      // Said once per save; the visible status below changes with every keystroke and is no live region.
      announce(`Concept opgeslagen om ${formatTime(d.savedAt)}.`, { group: "draft-saved" });
    } else {
      setConflict(answer.autosave.conflict);
      setProblem(answer.autosave.message);
    }
  }, [autosave.data, announce]);

  useEffect(() => {
    window.clearTimeout(timer.current);
    if (!dirty || conflict || disabled || autosave.state !== "idle") return;
    const wait = Math.max(AUTOSAVE_DEBOUNCE_MS, lastSave.current + AUTOSAVE_MIN_INTERVAL_MS - Date.now());
    timer.current = window.setTimeout(() => {
      lastSave.current = Date.now();
      save(text, base);
    }, wait);
    return () => window.clearTimeout(timer.current);
  }, [text, base, dirty, conflict, disabled, autosave.state, save]);

  // Closing the tab: send what is unsaved with a beacon, which outlives the page.
  useEffect(() => {
    if (!dirty || conflict || disabled) return;
    const flush = () => {
      if (document.visibilityState !== "hidden") return;
      const body = new FormData();
      body.set("intent", "autosave");
      body.set("text", text);
      body.set("baseRevision", String(base));
      navigator.sendBeacon(window.location.pathname, body);
    };
    document.addEventListener("visibilitychange", flush);
    return () => document.removeEventListener("visibilitychange", flush);
  }, [text, base, dirty, conflict, disabled]);

  const status =
    autosave.state !== "idle"
      ? "Wordt opgeslagen…"
      : dirty
        ? "Nog niet opgeslagen"
        : saved.at
          ? `Opgeslagen. Laatst gewijzigd door ${saved.by} om ${formatTime(saved.at)}`
          : "Nog leeg";

  return (
    <div className="stack">
      <div className="field">
        <label htmlFor="veld-text">Jullie antwoord</label>
        <p className="field__hint" id="veld-text-hint">
          Markdown mag. Alle leden van het trio werken aan hetzelfde concept; het wordt onder het typen bewaard. Hoogstens{" "}
          {ANSWER_MAX.toLocaleString("nl-NL")} tekens.
        </p>
        <textarea
          id="veld-text"
          name="text"
          rows={12}
          value={text}
          disabled={disabled}
          aria-describedby="veld-text-hint concept-status"
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <CharacterCounter id="veld-text-teller" length={text.length} limit={ANSWER_MAX} />
        <input type="hidden" name="baseRevision" value={base} />
      </div>
      <p className="muted" id="concept-status">
        {status}
      </p>
      {problem ? (
        <div className="notice stack" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      {conflict ? (
        <section className="card stack" aria-labelledby="samenvoegen">
          <h3 id="samenvoegen">Twee versies samenvoegen</h3>
          <p>
            Pas jouw tekst hierboven aan zodat er niets verloren gaat, en sla dan de samengevoegde tekst op. Of neem de andere versie over.
          </p>
          <div className="field">
            <label htmlFor="andere-versie">
              Versie van {conflict.savedBy} ({formatTime(conflict.savedAt)})
            </label>
            <textarea id="andere-versie" rows={8} readOnly value={conflict.text} />
          </div>
          <div className="actions">
            <button type="button" className="button" onClick={() => save(text, conflict.revision)}>
              Mijn samengevoegde tekst opslaan
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setText(conflict.text);
                setBase(conflict.revision);
                setSaved({ text: conflict.text, at: conflict.savedAt, by: conflict.savedBy });
                setConflict(null);
                setProblem(null);
              }}
            >
              Versie van {conflict.savedBy} overnemen
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
