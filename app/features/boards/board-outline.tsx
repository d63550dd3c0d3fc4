/**
 * The accessible outline of a board: its sticky notes and texts as lists, grouped
 * by frame, with ordinary forms to add, edit and delete. It edits the same board as
 * the canvas, through the same portal, live. Text is always rendered as text.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { FieldError } from "~/components/ui/field";
import {
  deletionOf,
  newStickyNote,
  newText,
  outlineGroups,
  placeOnTop,
  STICKY_SIZE,
  withText,
  type Author,
  type OutlineItem,
} from "./board-elements";
import { BoardLimits, type BoardElement } from "./board-protocol";
import { bumpElement } from "./board-sync";
import { moveIntoFrame } from "./board-move";
import { domainLabels } from "~/utils/labels";
import { findSpotInFrame, obstaclesOf } from "./board-placement";

const TEXT_TOO_LONG = `Deze tekst is te lang (hoogstens ${BoardLimits.MAX_TEXT_LENGTH.toLocaleString("nl-NL")} tekens).`;

type Props = {
  elements: readonly BoardElement[];
  /** Bumped whenever `elements` changed (the list is recomputed only then). */
  revision: number;
  author: Author | null;
  readOnly: boolean;
  /** False until the board's state has arrived: no adding before that. */
  ready: boolean;
  votes: Record<string, number>;
  votingOpen: boolean;
  myVotesLeft: number | undefined;
  onChange(elements: BoardElement[]): void;
  onVote(elementId: string, add: boolean): void | Promise<void>;
  announce(message: string): void;
};

const GAP = 20;
/** Where focus goes after an outline action (WCAG 2.4.3): an item, a control inside one, or the heading. */
type FocusTarget = { id: string } | null;
const HEADING_ID = "overzicht-kop";
export const outlineItemId = (itemId: string) => `item-${itemId}`;

/** Where a new item goes: the next free cell of a grid inside its frame, or under everything else. */
function placeFor(frameId: string | null, elements: readonly BoardElement[], itemsInGroup: number): { x: number; y: number } {
  const live = elements.filter((e) => !e.isDeleted);
  const frame = frameId ? live.find((e) => e.id === frameId) : undefined;
  if (frame) {
    const spot = findSpotInFrame(
      { x: Number(frame.x), y: Number(frame.y), width: Number(frame.width), height: Number(frame.height) },
      { width: STICKY_SIZE, height: STICKY_SIZE },
      obstaclesOf(live),
    );
    if (spot) return spot;
    const perRow = Math.max(1, Math.floor((Number(frame.width) - GAP) / (STICKY_SIZE + GAP)));
    return {
      x: Number(frame.x) + GAP + (itemsInGroup % perRow) * (STICKY_SIZE + GAP),
      y: Number(frame.y) + GAP + Math.floor(itemsInGroup / perRow) * (STICKY_SIZE + GAP),
    };
  }
  if (!live.length) return { x: 0, y: 0 };
  const left = Math.min(...live.map((e) => Number(e.x) || 0));
  const bottom = Math.max(...live.map((e) => (Number(e.y) || 0) + (Number(e.height) || 0)));
  return { x: left, y: bottom + GAP * 2 };
}

export function BoardOutline(props: Props) {
  const { elements, revision, readOnly, votes } = props;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const groups = useMemo(() => outlineGroups(elements), [revision]);
  const formId = useId();
  const [newKind, setNewKind] = useState<"sticky" | "text">("sticky");
  const [error, setError] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ label: string; elements: BoardElement[]; itemId: string } | null>(null);
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  const [focusTarget, setFocusTarget] = useState<FocusTarget>(null);

  // After an edit the list re-renders (a moved item is a new node): focus once the target exists.
  useEffect(() => {
    if (!focusTarget) return;
    const target = document.getElementById(focusTarget.id);
    if (!target) return;
    target.focus();
    setFocusTarget(null);
  }, [focusTarget, groups, undo]);

  const focusOn = (id: string) => setFocusTarget({ id });

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = String(data.get("text") ?? "").trim();
    const frameId = String(data.get("frame") ?? "") || null;
    if (!text) return setError("Schrijf eerst de tekst van de notitie.");
    if (text.length > BoardLimits.MAX_TEXT_LENGTH) return setError(TEXT_TOO_LONG);
    if (!props.author) return;
    setError(null);
    const inGroup = groups.find((g) => g.frameId === frameId)?.items.length ?? 0;
    const at = placeFor(frameId, elements, inGroup);
    const made =
      newKind === "sticky"
        ? newStickyNote({ ...at, text, author: props.author, frameId })
        : [newText({ ...at, text, author: props.author, frameId })];
    props.onChange(placeOnTop(made, elements));
    form.reset();
    props.announce(newKind === "sticky" ? "Plaknotitie toegevoegd." : "Tekst toegevoegd.");
  }

  function remove(item: OutlineItem) {
    const target = elements.find((e) => e.id === item.id);
    if (!target) return;
    const tombstones = deletionOf(target, elements);
    const order = groups.flatMap((g) => g.items.map((i) => i.id));
    const at = order.indexOf(item.id);
    const neighbour = order[at + 1] ?? order[at - 1];
    props.onChange(tombstones);
    setUndo({ label: item.text.slice(0, 60), elements: tombstones, itemId: item.id });
    focusOn(neighbour ? outlineItemId(neighbour) : HEADING_ID);
    props.announce(`${item.kind === "sticky" ? "Notitie" : "Tekst"} verwijderd.`);
  }

  function restore() {
    if (!undo) return;
    props.onChange(undo.elements.map((e) => bumpElement(e, { isDeleted: false } as Partial<BoardElement>)));
    props.announce("Teruggezet.");
    focusOn(outlineItemId(undo.itemId));
    setUndo(null);
  }

  return (
    <section id="overzicht" tabIndex={-1} aria-labelledby="overzicht-kop" className="board-outline stack">
      <h2 id={HEADING_ID} tabIndex={-1}>
        Overzicht van het bord
      </h2>
      <p className="muted">
        Alle notities en teksten van het bord als lijst{groups.length > 1 ? ", per kader" : ""}. Wat je hier toevoegt of wijzigt, zien de
        anderen meteen op het bord. {total === 1 ? "Er staat 1 item op het bord." : `Er staan ${total} items op het bord.`}
      </p>
      {undo ? (
        <p className="notice" role="status">
          Verwijderd: “{undo.label}”.{" "}
          <button type="button" className="button button--small button--quiet" onClick={restore}>
            Ongedaan maken
          </button>
        </p>
      ) : null}
      {groups.map((group) => (
        <section key={group.frameId ?? "los"} aria-labelledby={`groep-${group.frameId ?? "los"}`} className="board-outline__group">
          <h3 id={`groep-${group.frameId ?? "los"}`}>{group.name}</h3>
          {group.items.length === 0 ? (
            <p className="empty">{group.frameId ? "Nog niets in dit kader." : "Nog geen notities of teksten."}</p>
          ) : (
            <ul className="plain-list board-outline__items">
              {group.items.map((item) => (
                <OutlineEntry
                  key={item.id}
                  item={item}
                  votes={votes[item.id] ?? 0}
                  readOnly={readOnly}
                  votingOpen={props.votingOpen}
                  canVote={(props.myVotesLeft ?? 1) > 0}
                  elements={elements}
                  onChange={props.onChange}
                  onVote={props.onVote}
                  onRemove={() => remove(item)}
                  announce={props.announce}
                  focusOn={focusOn}
                  frames={groups
                    .filter((g) => g.frameId !== group.frameId)
                    .map((g) => ({ id: g.frameId, name: g.name, items: g.items.length }))
                    .concat(
                      group.frameId !== null && !groups.some((g) => g.frameId === null)
                        ? [{ id: null, name: "Los op het bord", items: 0 }]
                        : [],
                    )}
                />
              ))}
            </ul>
          )}
        </section>
      ))}
      {!props.ready ? null : readOnly ? (
        <p className="notice">Dit bord is vergrendeld: je kunt het lezen, maar niet wijzigen.</p>
      ) : props.author ? (
        <form className="card stack board-outline__add" onSubmit={add} noValidate aria-labelledby={`${formId}-kop`}>
          <h3 id={`${formId}-kop`}>Iets toevoegen</h3>
          {error ? (
            <p className="field__error" role="alert" id={`${formId}-fout`}>
              {error}
            </p>
          ) : null}
          <fieldset className="choice-group">
            <legend>Soort</legend>
            <label className="choice">
              <input type="radio" name="kind" value="sticky" checked={newKind === "sticky"} onChange={() => setNewKind("sticky")} />{" "}
              Plaknotitie
            </label>
            <label className="choice">
              <input type="radio" name="kind" value="text" checked={newKind === "text"} onChange={() => setNewKind("text")} /> Tekst
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor={`${formId}-tekst`} className="field__label">
              Inhoud
            </label>
            <textarea
              id={`${formId}-tekst`}
              name="text"
              rows={3}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${formId}-fout` : undefined}
            />
          </div>
          {groups.length > 1 ? (
            <div className="field">
              <label htmlFor={`${formId}-kader`} className="field__label">
                Waar
              </label>
              <select id={`${formId}-kader`} name="frame" defaultValue="">
                {groups.map((g) => (
                  <option key={g.frameId ?? ""} value={g.frameId ?? ""}>
                    {g.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="button">
              Toevoegen
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function OutlineEntry(props: {
  item: OutlineItem;
  votes: number;
  readOnly: boolean;
  votingOpen: boolean;
  canVote: boolean;
  elements: readonly BoardElement[];
  onChange(elements: BoardElement[]): void;
  onVote(elementId: string, add: boolean): void | Promise<void>;
  onRemove(): void;
  announce(message: string): void;
  focusOn(id: string): void;
  /** The other places this item can move to. */
  frames: Array<{ id: string | null; name: string; items: number }>;
}) {
  const { item } = props;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [editError, setEditError] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [voting, setVoting] = useState(false);
  const id = useId();
  const editButton = `${id}-bewerken`;
  const removeButton = `${id}-verwijderen`;
  const moveButton = `${id}-verplaatsen`;
  const voteButton = `${id}-stem`;
  const votingRef = useRef(false);

  async function vote(add: boolean) {
    // aria-disabled, not disabled: the focused button keeps focus while the vote is under way or used up.
    if (votingRef.current) return;
    if (add && !props.canVote) return props.announce("Je hebt geen stemmen meer over.");
    votingRef.current = true;
    setVoting(true);
    try {
      await props.onVote(item.id, add);
    } finally {
      votingRef.current = false;
      setVoting(false);
    }
  }

  function move(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("frame") ?? "");
    const target = props.frames.find((f) => (f.id ?? "") === value);
    if (!target) return;
    const at = placeFor(target.id, props.elements, target.items);
    const moved = moveIntoFrame(item.id, target.id, at, props.elements);
    if (!moved.length) return;
    props.onChange(moved);
    setMoving(false);
    props.announce(`${item.kind === "sticky" ? "Notitie" : "Tekst"} verplaatst naar ${target.name}.`);
    props.focusOn(outlineItemId(item.id));
  }
  const noun = item.kind === "sticky" ? "notitie" : "tekst";
  const short = item.text.length > 40 ? `${item.text.slice(0, 40)}…` : item.text;

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("text") ?? "").trim();
    const textElement = props.elements.find((e) => e.id === item.textId);
    if (!textElement) return;
    const problem = !text
      ? `Schrijf de tekst van de ${noun}, of verwijder de ${noun}.`
      : text.length > BoardLimits.MAX_TEXT_LENGTH
        ? TEXT_TOO_LONG
        : null;
    setEditError(problem);
    if (problem) return document.getElementById(`${id}-tekst`)?.focus();
    const container =
      typeof textElement.containerId === "string" ? props.elements.find((e) => e.id === textElement.containerId) : undefined;
    props.onChange([withText(textElement, text, container)]);
    setEditing(false);
    props.announce("Wijziging opgeslagen.");
    props.focusOn(outlineItemId(item.id));
  }

  return (
    <li
      id={outlineItemId(item.id)}
      tabIndex={-1}
      className={`board-outline__item${item.authorDomain ? ` board-outline__item--${item.authorDomain}` : ""}`}
    >
      {editing ? (
        <form onSubmit={save} className="stack">
          <div className="field">
            <label htmlFor={`${id}-tekst`} className="field__label">
              Tekst van de {noun}
            </label>
            <FieldError id={`${id}-fout`} error={editError} />
            <textarea
              id={`${id}-tekst`}
              name="text"
              rows={3}
              defaultValue={item.text}
              aria-invalid={editError ? true : undefined}
              aria-describedby={editError ? `${id}-fout` : undefined}
              autoFocus
            />
          </div>
          <div className="actions">
            <button type="submit" className="button button--small">
              Opslaan
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => {
                setEditing(false);
                setEditError(null);
                props.focusOn(editButton);
              }}
            >
              Annuleren
            </button>
          </div>
        </form>
      ) : (
        <p className="board-outline__text pre-line">{item.text || <span className="muted">(zonder tekst)</span>}</p>
      )}
      <p className="board-outline__meta muted">
        {item.kind === "sticky" ? "Plaknotitie" : "Tekst"}
        {item.authorName ? ` van ${item.authorName}` : ""}
        {item.authorDomain ? ` (${domainLabels[item.authorDomain].toLowerCase()})` : ""}
        {props.votes > 0 ? ` · ${props.votes === 1 ? "1 stem" : `${props.votes} stemmen`}` : ""}
      </p>
      <div className="actions">
        {props.votingOpen && !props.readOnly ? (
          <button
            type="button"
            id={voteButton}
            className="button button--small"
            aria-disabled={!props.canVote || voting || undefined}
            onClick={() => void vote(true)}
          >
            Stem<span className="visually-hidden"> op “{short}”</span>
          </button>
        ) : null}
        {props.votingOpen && !props.readOnly && props.votes > 0 ? (
          <button
            type="button"
            className="button button--small button--quiet"
            aria-disabled={voting || undefined}
            onClick={() => void vote(false)}
          >
            Stem terugnemen<span className="visually-hidden"> van “{short}”</span>
          </button>
        ) : null}
        {!props.readOnly && !editing && item.textId ? (
          <button type="button" id={editButton} className="button button--small button--quiet" onClick={() => setEditing(true)}>
            Bewerken
            <span className="visually-hidden">
              {" "}
              {noun} “{short}”
            </span>
          </button>
        ) : null}
        {!props.readOnly && !confirming ? (
          <button type="button" id={removeButton} className="button button--small button--quiet" onClick={() => setConfirming(true)}>
            Verwijderen
            <span className="visually-hidden">
              {" "}
              {noun} “{short}”
            </span>
          </button>
        ) : null}
        {confirming ? (
          <>
            <button type="button" className="button button--small" onClick={props.onRemove} autoFocus>
              Ja, verwijderen<span className="visually-hidden"> ({short})</span>
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => {
                setConfirming(false);
                props.focusOn(removeButton);
              }}
            >
              Nee
            </button>
          </>
        ) : null}
        {!props.readOnly && !moving && props.frames.length > 0 ? (
          <button type="button" id={moveButton} className="button button--small button--quiet" onClick={() => setMoving(true)}>
            Verplaats naar…
            <span className="visually-hidden">
              {" "}
              ({noun} “{short}”)
            </span>
          </button>
        ) : null}
      </div>
      {moving ? (
        <form onSubmit={move} className="actions board-outline__move">
          <label htmlFor={`${id}-kader`} className="field__label">
            Verplaats naar
          </label>
          <select id={`${id}-kader`} name="frame" autoFocus>
            {props.frames.map((f) => (
              <option key={f.id ?? ""} value={f.id ?? ""}>
                {f.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small">
            Verplaatsen
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => {
              setMoving(false);
              props.focusOn(moveButton);
            }}
          >
            Annuleren
          </button>
        </form>
      ) : null}
    </li>
  );
}
