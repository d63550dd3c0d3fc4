/**
 * The browser side of the schuifoefening: holds the trio's sliders and applies
 * server broadcasts by version, over the tab's shared socket (its listeners come
 * off again when the page goes; the socket stays up). Without JavaScript the page
 * still saves through its form; this only adds live sync.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { deskCategoryTexts, deskValueText, DESK_MAX, type DeskCategory } from "./exercise-content";
import { useAnnounce } from "~/components/live-announcer";
import { ClientEvent, ServerEvent, type Ack } from "~/realtime/events";
import { useSocket, type ClientSocket } from "~/realtime/socket-provider";
import { listen, type ServerToClientEvents } from "~/realtime/server-events";
import { DeskEvent, DeskLimits, type DeskView, type JoinView, type ProgressView, type RevealView } from "./desk-protocol";

export type LiveStatus = "offline" | "connecting" | "live";

type Options = {
  runId: string | null;
  /** Before the run exists, the page listens to the edition room to learn when it opens. */
  editionId: string;
  initialDesk: DeskView | null;
  initialProgress: ProgressView | null;
  /** Whether the desks were already shown when the page loaded (only a change is announced). */
  initiallyRevealed: boolean;
  /** Called when the organiser opened, closed or revealed: the page reloads its data. */
  onRunChanged: () => void;
};

export function useDesk({ runId, editionId, initialDesk, initialProgress, initiallyRevealed, onRunChanged }: Options) {
  const [desk, setDeskState] = useState<DeskView | null>(initialDesk);
  /** The desk as last set, readable synchronously (sends read it, not a render's copy). */
  const deskRef = useRef<DeskView | null>(initialDesk);
  const setDesk = useCallback((next: DeskView | null | ((current: DeskView | null) => DeskView | null)) => {
    const value = typeof next === "function" ? next(deskRef.current) : next;
    deskRef.current = value;
    setDeskState(value);
  }, []);
  const [progress, setProgress] = useState<ProgressView | null>(initialProgress);
  const [reveal, setReveal] = useState<RevealView | null>(null);
  const [status, setStatus] = useState<LiveStatus>("offline");
  const [problem, setProblem] = useState<string | null>(null);
  const announce = useAnnounce();
  const revealedRef = useRef(initiallyRevealed);
  const socket = useSocket();
  const socketRef = useRef<ClientSocket | null>(null);
  const changed = useRef(onRunChanged);
  changed.current = onRunChanged;
  const lastSent = useRef(new Map<DeskCategory, number>());
  const pending = useRef(new Map<DeskCategory, ReturnType<typeof setTimeout>>());

  /** Newer data from the loader (e.g. after a form post) wins where its version is higher. */
  const merge = useCallback(
    (incoming: DeskView | null) => {
      if (!incoming) return;
      setDesk((current) => {
        if (!current) return incoming;
        const next = { ...current };
        for (const key of Object.keys(incoming) as DeskCategory[])
          if (incoming[key].version > current[key].version) next[key] = incoming[key];
        return next;
      });
    },
    [setDesk],
  );
  useEffect(() => merge(initialDesk), [initialDesk, merge]);
  useEffect(() => setProgress(initialProgress), [initialProgress]);

  useEffect(() => {
    // The root opens the tab's socket after the page's first effects ran.
    if (!socket) return;
    setStatus(socket.connected ? "live" : "connecting");
    socketRef.current = socket;
    const room = `edition:${editionId}`;
    const removers: Array<() => void> = [];
    const on = <E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]) =>
      removers.push(listen(socket, event, handler));
    const join = () => {
      if (!runId) {
        socket.emit(ClientEvent.joinRoom, { room }, () => setStatus("live"));
        return;
      }
      socket.emit(DeskEvent.join, { runId }, (ack: Ack<JoinView>) => {
        if (!ack.ok) {
          setProblem(ack.error.message);
          return;
        }
        setStatus("live");
        setProblem(null);
        merge(ack.data.desk);
        if (ack.data.progress) setProgress(ack.data.progress);
      });
    };
    const lost = () => setStatus("connecting");
    const refused = () => setStatus("offline");
    socket.on("connect", join);
    socket.on("disconnect", lost);
    socket.on("connect_error", refused);
    removers.push(() => {
      socket.off("connect", join);
      socket.off("disconnect", lost);
      socket.off("connect_error", refused);
    });
    on(ServerEvent.accessRevoked, (event) => {
      if (event.kind !== "desk" && event.kind !== "edition") return;
      setStatus("offline");
      setProblem("Je hebt geen toegang meer tot deze schuifoefening. Laad de pagina opnieuw.");
    });
    on(ServerEvent.sessionEnded, () => setProblem("Je bent uitgelogd. Log opnieuw in om verder te gaan."));
    on(DeskEvent.slider, (message) => {
      if (message.runId !== runId) return;
      const current = deskRef.current;
      if (!current || current[message.category].version >= message.version) return;
      const before = current[message.category].value;
      setDesk({ ...current, [message.category]: { value: message.value, reason: message.reason, version: message.version } });
      // A new position, not my own save coming back; while someone drags, the newest position per slider wins.
      if (before === message.value) return;
      const name = deskCategoryTexts[message.category].name;
      announce(`${message.by} zette ${name} op ${deskValueText(message.value)} (${message.value} van ${DESK_MAX}).`, {
        group: `desk-${message.category}`,
      });
    });
    on(DeskEvent.progress, (message) => {
      if (message.runId === runId) setProgress(message);
    });
    on(DeskEvent.revealed, (message) => {
      if (message.runId === runId) setReveal(message);
    });
    on(DeskEvent.state, (message) => {
      if (runId && message.runId !== runId) return;
      if (message.revealed !== revealedRef.current) {
        revealedRef.current = message.revealed;
        announce(
          message.revealed
            ? "De mengpanelen van alle trio's zijn nu voor iedereen zichtbaar."
            : "De mengpanelen van de trio's zijn weer verborgen.",
          { group: "desk-reveal" },
        );
      }
      changed.current();
    });
    on(DeskEvent.trioDone, () => changed.current());
    if (socket.connected) join();
    const timers = pending.current;
    return () => {
      for (const timer of timers.values()) clearTimeout(timer);
      for (const remove of removers) remove();
      // The shared socket stays open: give back what this page watched.
      if (socket.connected) {
        if (runId) socket.emit(DeskEvent.leave, { runId });
        else socket.emit(ClientEvent.leaveRoom, { room });
      }
      socketRef.current = null;
    };
  }, [socket, runId, editionId, merge, setDesk, announce]);

  /** Moves a slider locally at once and sends it, at most every MOVE_THROTTLE_MS per slider. */
  const move = useCallback(
    (category: DeskCategory, value: number, reason?: string) => {
      const before = deskRef.current;
      if (!before) return;
      const next = { ...before, [category]: { ...before[category], value, reason: reason ?? before[category].reason } };
      deskRef.current = next;
      setDesk(next);
      const socket = socketRef.current;
      if (!socket?.connected || !runId) return;
      const send = () => {
        pending.current.delete(category);
        lastSent.current.set(category, Date.now());
        const slider = deskRef.current?.[category];
        if (!slider) return;
        socket.emit(
          DeskEvent.move,
          { exerciseId: runId, category, value: slider.value, reason: slider.reason, baseVersion: slider.version },
          (ack: Ack<{ version: number }>) => {
            if (!ack.ok) {
              setProblem(ack.error.message);
              return;
            }
            setProblem(null);
            const latest = deskRef.current;
            if (!latest || latest[category].version >= ack.data.version) return;
            // Keep what the hand is doing now; only the version is the server's.
            const acked = { ...latest, [category]: { ...latest[category], version: ack.data.version } };
            deskRef.current = acked;
            setDesk(acked);
          },
        );
      };
      const since = Date.now() - (lastSent.current.get(category) ?? 0);
      if (pending.current.has(category)) return;
      if (since >= DeskLimits.MOVE_THROTTLE_MS) send();
      else pending.current.set(category, setTimeout(send, DeskLimits.MOVE_THROTTLE_MS - since));
    },
    [runId, setDesk],
  );

  return { desk, progress, reveal, status, problem, move };
}
