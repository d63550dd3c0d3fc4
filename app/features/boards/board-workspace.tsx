/**
 * A board as a person uses it: connection status, toolbar, timer, facilitation,
 * the Excalidraw canvas (browser only, loaded lazily) and the outline beside it.
 * Owns one BoardPortal for as long as the page is open, on the tab's shared socket.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { newStickyNote, outlineGroups, placeOnTop, STICKY_SIZE, type Author } from "./board-elements";
import { useBoardLayout, useOutlineLinks } from "./board-layout";
import { nudgeOverlaps, placeNewNote } from "./board-placement";
import { BoardPortal, connectionLabels, type ConnectionStatus, type FacilitateAction } from "./board-client";
import type { BoardElement, BoardMeta, BoardRole, PeerPresence, Viewport } from "./board-protocol";
import { createThrottle } from "./board-sync";
import { BoardOutline } from "./board-outline";
import { prepareEditorAssets } from "./editor-assets";
import type { CanvasHandle } from "./excalidraw-canvas.client";
import { BoardTimer, FacilitationPanel } from "./facilitation";
import { useSocket } from "~/realtime/socket-provider";
import { plural } from "~/utils/plural";
import { useAnnounce } from "~/components/live-announcer";
import { announceMetaChange, announceNewNotes, rememberNotes } from "./board-announcements";

/** A leader's view is sent at most 5 times per second: enough to follow, cheap for the room. */
const FOLLOW_INTERVAL_MS = 200;

const ExcalidrawCanvas = lazy(() => {
  prepareEditorAssets();
  return import("./excalidraw-canvas.client");
});

type Props = { boardId: string; title: string; me: Author };

/** Notes by others that this page sees for the first time (none on the first load); remembers them as seen. */
/** How long a note I placed counts as fresh: longer than a sync takes, short enough that a later deliberate move onto it stays. */
const FRESH_NOTE_MS = 15_000;

function arrivedNotes(seenNotes: { current: Set<string> | null }, elements: readonly BoardElement[], myId: string): Set<string> {
  const notes = elements.filter((e) => !e.isDeleted && e.customData?.kind === "sticky");
  const seen = seenNotes.current;
  seenNotes.current = new Set([...(seen ?? []), ...notes.map((n) => n.id)]);
  if (!seen) return new Set();
  return new Set(notes.filter((n) => !seen.has(n.id) && n.customData?.authorId !== myId).map((n) => n.id));
}

export function BoardWorkspace({ boardId, title, me }: Props) {
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [role, setRole] = useState<BoardRole>("view");
  const [meta, setMeta] = useState<BoardMeta | null>(null);
  const [votes, setVotes] = useState<{ counts: Record<string, number>; left: number | undefined }>({ counts: {}, left: undefined });
  const [revision, setRevision] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [unsaved, setUnsaved] = useState(0);
  const [leading, setLeading] = useState(false);
  const [following, setFollowing] = useState(true);
  const [hydrated, setHydrated] = useState(false);
  const canvas = useRef<CanvasHandle | null>(null);
  const peers = useRef(new Map<string, PeerPresence>());
  const layout = useBoardLayout(me.id);
  useOutlineLinks("overzicht", layout.setOutlineOpen);
  /** Ids of the notes this page has seen; null until the first state arrived. */
  const seenNotes = useRef<Set<string> | null>(null);
  const separate = useRef<(arrived: Set<string>) => void>(() => undefined);
  /** The notes I placed, with when: see the separation below. */
  const freshNotes = useRef(new Map<string, number>());

  const announce = useAnnounce();
  const knownNotes = useRef(new Set<string>());
  const lastMeta = useRef<BoardMeta | null>(null);

  // Canvas edits fire on every pointer move: the outline catches up at most 5 times a second.
  const bumpRevision = useMemo(() => createThrottle(() => setRevision((r) => r + 1), 200), []);
  const portal = useMemo(
    () =>
      new BoardPortal(boardId, {
        changedLocally: () => bumpRevision.call(),
        elements(changed, replaceAll) {
          if (replaceAll) rememberNotes(changed, knownNotes.current);
          else announceNewNotes(changed, knownNotes.current, me.id, announce);
          setRevision((r) => r + 1);
          canvas.current?.sync(changed, replaceAll);
          if (replaceAll) setLoaded(true);
          const arrived = arrivedNotes(seenNotes, replaceAll ? portal.elements() : changed, me.id);
          // Someone else's note may have moved onto a note I placed a moment ago, before
          // my placement knew of the move: my fresh notes take part in the separation too.
          if (!replaceAll && changed.some((e) => e.customData?.kind === "sticky" && e.customData?.authorId !== me.id)) {
            const now = Date.now();
            for (const [id, at] of freshNotes.current) {
              if (now - at > FRESH_NOTE_MS) freshNotes.current.delete(id);
              else arrived.add(id);
            }
          }
          separate.current(arrived);
        },
        status: setStatus,
        joined(ack) {
          setRole(ack.role);
          setProblem(null);
        },
        meta(next) {
          announceMetaChange(lastMeta.current, next, announce);
          lastMeta.current = next;
          setMeta(next);
        },
        votes: (counts, left) => setVotes({ counts: { ...counts }, left }),
        peer(presence) {
          peers.current.set(presence.userId, presence);
          canvas.current?.peers(peers.current);
        },
        peerLeft(userId) {
          peers.current.delete(userId);
          canvas.current?.peers(peers.current);
        },
        problem: setProblem,
        unsaved: setUnsaved,
      }),
    [boardId, bumpRevision, me.id, announce],
  );

  const socket = useSocket();
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    // The root opens the tab's socket after the page's first effects ran: start once it is there.
    if (!socket) return;
    portal.start(socket);
    return () => portal.stop();
  }, [portal, socket]);

  const facilitator = role === "facilitate";
  // The join ack says "view" while locked; the meta events say when that changes.
  const readOnly = !facilitator && Boolean(meta?.locked);

  // Two notes made apart (one offline) can meet on one spot when the boards sync:
  // the author of one of them moves it to free space (see nudgeOverlaps).
  separate.current = (arrived) => {
    if (readOnly || arrived.size === 0) return;
    setTimeout(() => {
      const moved = nudgeOverlaps(portal.elements(), arrived, (note) => note.customData?.authorId === me.id);
      if (!moved.length) return;
      portal.change(moved);
      canvas.current?.sync(moved, false);
      setRevision((r) => r + 1);
    });
  };
  const follow = meta?.follow && meta.follow.userId !== me.id ? meta.follow : null;

  // Follow the facilitator's view unless I chose to stop.
  useEffect(() => {
    if (follow && following) canvas.current?.setViewport(follow.viewport);
  }, [follow, following]);
  useEffect(() => {
    if (follow) setFollowing(true);
    // A new "follow me" (another leader) asks again.
  }, [follow?.userId]); // eslint-disable-line react-hooks/exhaustive-deps

  const act = useCallback(
    async (action: FacilitateAction, done: string) => {
      const ack = await portal.facilitate(action);
      if (ack.ok) announce(done);
      else setProblem(ack.error.message);
      return ack.ok;
    },
    [portal, announce],
  );

  const sendFollow = useMemo(
    () => createThrottle((viewport: Viewport) => void portal.facilitate({ type: "follow", viewport }), FOLLOW_INTERVAL_MS),
    [portal],
  );
  const leadingRef = useRef(leading);
  leadingRef.current = leading;

  async function toggleLead(lead: boolean) {
    const viewport = canvas.current?.viewport() ?? { scrollX: 0, scrollY: 0, zoom: 1 };
    const ok = await act(
      { type: "follow", viewport: lead ? viewport : null },
      lead ? "Iedereen volgt nu jouw beeld." : "De anderen volgen je niet meer.",
    );
    if (ok) setLeading(lead);
  }

  function addSticky() {
    const center = canvas.current?.viewCenter() ?? { x: 0, y: 0 };
    // Free space near the centre among all notes known here, offline ones included.
    const spot = placeNewNote(portal.elements(), center, { width: STICKY_SIZE, height: STICKY_SIZE });
    const made = placeOnTop(newStickyNote({ ...spot, text: "", author: me }), portal.elements());
    const note = made.find((e) => e.customData?.kind === "sticky");
    if (note) freshNotes.current.set(note.id, Date.now());
    if (canvas.current) canvas.current.add(made);
    else portal.change(made);
    announce("Plaknotitie toegevoegd. Dubbelklik erop om te typen, of vul hem in via het overzicht.");
  }

  async function vote(elementId: string, add: boolean) {
    const ack = await portal.vote(elementId, add);
    if (ack.ok) announce(add ? "Stem uitgebracht." : "Stem teruggenomen.");
    else setProblem(ack.error.message);
  }

  /** Votes on the sticky notes selected on the canvas (a note's text or author line selects its note). */
  async function voteOnSelection() {
    const selected = new Set(canvas.current?.selectedIds() ?? []);
    const all = portal.elements();
    const notes = all.filter(
      (e) =>
        !e.isDeleted &&
        e.customData?.kind === "sticky" &&
        (selected.has(e.id) ||
          all.some(
            (o) =>
              selected.has(o.id) &&
              (o.containerId === e.id ||
                (Array.isArray(o.groupIds) &&
                  Array.isArray(e.groupIds) &&
                  (o.groupIds as string[]).some((g) => (e.groupIds as string[]).includes(g)))),
          )),
    );
    if (notes.length === 0) return setProblem("Selecteer eerst een plaknotitie op het bord (of stem in het overzicht).");
    for (const note of notes) await vote(note.id, true);
  }

  async function download(kind: "png" | "svg") {
    if (!canvas.current) return;
    const blob =
      kind === "png" ? await canvas.current.exportPng() : new Blob([await canvas.current.exportSvg()], { type: "image/svg+xml" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = `${title.replace(/[^\p{L}\p{N} _-]+/gu, "").trim() || "bord"}.${kind}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const elements = portal.elements();
  const votingOpen = Boolean(meta?.voting?.open);
  const results = useMemo(() => {
    const texts = new Map(outlineGroups(elements).flatMap((g) => g.items.map((i) => [i.id, i.text] as const)));
    return Object.entries(votes.counts)
      .filter(([id, n]) => n > 0 && texts.has(id))
      .map(([id, n]) => ({ id, text: texts.get(id) ?? "", votes: n }))
      .sort((a, b) => b.votes - a.votes);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [votes, revision]);

  return (
    <div className={`board-workspace${layout.maximised ? " board-workspace--max" : ""}`}>
      <div className="board-bar" aria-label="Status van het bord" role="group">
        <p className={`board-status board-status--${status}`} role="status">
          {connectionLabels[status]}
          {unsaved > 0 && status !== "connected"
            ? ` (${unsaved === 1 ? "1 wijziging" : `${unsaved} wijzigingen`} nog niet opgeslagen)`
            : ""}
        </p>
        {meta?.locked ? <p className="tag">Vergrendeld{facilitator ? " voor deelnemers" : ""}</p> : null}
        {meta?.privateMode ? (
          <p className="tag">Privémodus{facilitator ? "" : ": je notities zijn verborgen voor anderen tot de begeleider ze onthult"}</p>
        ) : null}
        {votingOpen ? (
          <p className="tag">
            Stemronde
            {facilitator
              ? ""
              : votes.left !== undefined
                ? `: je hebt nog ${plural(votes.left, "stem", "stemmen")}`
                : `: ${plural(meta?.voting?.votesPerParticipant ?? 0, "stem", "stemmen")} per deelnemer`}
          </p>
        ) : null}
        {meta?.timer ? <BoardTimer timer={meta.timer} announce={announce} /> : null}
        <span className="board-toolbar__layout" role="group" aria-label="Weergave van het bord">
          <button
            type="button"
            className="button button--small button--quiet"
            aria-pressed={layout.maximised}
            onClick={() => layout.setMaximised(!layout.maximised)}
          >
            Groot scherm
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            aria-pressed={layout.fullscreen}
            onClick={() => void layout.toggleFullscreen()}
          >
            Volledig scherm
          </button>
          {layout.maximised ? (
            <button
              type="button"
              className="button button--small button--quiet"
              aria-expanded={layout.outlineOpen}
              aria-controls="overzicht-paneel"
              onClick={() => layout.setOutlineOpen(!layout.outlineOpen)}
            >
              Overzicht
            </button>
          ) : null}
        </span>
      </div>
      {problem ? (
        <p className="notice" role="alert">
          {problem}
        </p>
      ) : null}
      {follow ? (
        <p className="notice board-follow">
          {following ? `Je volgt het beeld van ${follow.name}.` : `${follow.name} vraagt iedereen het beeld te volgen.`}{" "}
          <button type="button" className="button button--small button--quiet" onClick={() => setFollowing(!following)}>
            {following ? "Stop met volgen" : "Weer volgen"}
          </button>
        </p>
      ) : null}

      {facilitator && meta ? <FacilitationPanel meta={meta} leading={leading} onFollow={toggleLead} act={act} results={results} /> : null}

      <div className={`board-layout${layout.maximised && !layout.outlineOpen ? " board-layout--no-outline" : ""}`}>
        <section className="board-canvas-area" aria-labelledby="tekenvlak-kop">
          <h2 id="tekenvlak-kop" className="visually-hidden">
            Tekenvlak
          </h2>
          <div className="actions board-toolbar">
            {!readOnly ? (
              <button type="button" className="button button--small" onClick={addSticky} disabled={!loaded}>
                Plaknotitie
              </button>
            ) : null}
            {votingOpen && !readOnly ? (
              <button type="button" className="button button--small" onClick={() => void voteOnSelection()} disabled={!loaded}>
                Stem op selectie
              </button>
            ) : null}
            <button type="button" className="button button--small button--quiet" onClick={() => void download("png")} disabled={!loaded}>
              Download als PNG
            </button>
            <button type="button" className="button button--small button--quiet" onClick={() => void download("svg")} disabled={!loaded}>
              Download als SVG
            </button>
          </div>
          <div className="board-canvas">
            {hydrated && loaded ? (
              <Suspense fallback={<p className="board-canvas__loading">De tekentool wordt geladen…</p>}>
                <ExcalidrawCanvas
                  portal={portal}
                  readOnly={readOnly}
                  onReady={(handle) => {
                    canvas.current = handle;
                    handle.sync([], true);
                  }}
                  onViewportChange={(viewport) => {
                    if (leadingRef.current) sendFollow.call(viewport);
                  }}
                />
              </Suspense>
            ) : (
              <p className="board-canvas__loading">
                {status === "refused" ? "Dit bord kan niet worden geopend." : "Het bord wordt geladen…"}
              </p>
            )}
          </div>
        </section>
        <div id="overzicht-paneel" className="board-outline-panel" hidden={layout.maximised && !layout.outlineOpen}>
          <BoardOutline
            elements={elements}
            revision={revision}
            author={me}
            readOnly={readOnly}
            ready={loaded}
            votes={votes.counts}
            votingOpen={votingOpen}
            myVotesLeft={votes.left}
            onChange={(changed) => {
              portal.change(changed);
              setRevision((r) => r + 1);
              canvas.current?.sync(changed, false);
            }}
            onVote={(id, add) => void vote(id, add)}
            announce={announce}
          />
        </div>
      </div>
    </div>
  );
}
