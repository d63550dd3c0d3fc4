/**
 * The browser side of a live session: joins the session over the tab's shared
 * socket, keeps the block, questions, polls and projector state, and applies the
 * server's pushes. Every page of the live session (participant, run sheet,
 * projector) uses it; none opens a socket of its own.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Ack } from "~/realtime/events";
import { ServerEvent } from "~/realtime/events";
import { useSocket } from "~/realtime/socket-provider";
import { listen, type ServerToClientEvents } from "~/realtime/server-events";
import {
  LiveEvent,
  sortQuestions,
  type BlockState,
  type JoinView,
  type PollView,
  type ProjectorState,
  type QuestionView,
  type ScreenView,
} from "./live-protocol";

export type LiveStatus = "offline" | "connecting" | "live";

/** `screen`: the projector, which also follows the plenary board's picture and the revealed desks. */
export function useLive(sessionId: string, initial: JoinView, { screen: isScreen = false }: { screen?: boolean } = {}) {
  const socket = useSocket();
  const [state, setState] = useState<BlockState>(initial.state);
  const [questions, setQuestions] = useState<QuestionView[]>(initial.questions);
  const [upvoted, setUpvoted] = useState<Set<string>>(() => new Set(initial.upvoted));
  const [polls, setPolls] = useState<PollView[]>(initial.polls);
  const [answered, setAnswered] = useState<Set<string>>(() => new Set(initial.answered));
  const [projector, setProjector] = useState<ProjectorState>(initial.projector);
  const [checkedIn, setCheckedIn] = useState(initial.checkedIn);
  const [screen, setScreen] = useState<ScreenView | null>(initial.screen);
  const [status, setStatus] = useState<LiveStatus>("offline");
  const [problem, setProblem] = useState<string | null>(null);
  const applyJoin = useRef((view: JoinView) => {
    setState(view.state);
    setQuestions(view.questions);
    setUpvoted(new Set(view.upvoted));
    setPolls(view.polls);
    setAnswered(new Set(view.answered));
    setProjector(view.projector);
    setCheckedIn(view.checkedIn);
    setScreen(view.screen);
  });

  // New loader data (after a form post on the same page) replaces the view.
  useEffect(() => applyJoin.current(initial), [initial]);

  useEffect(() => {
    if (!socket) return;
    setStatus(socket.connected ? "live" : "connecting");
    const removers: Array<() => void> = [];
    const on = <E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]) =>
      removers.push(listen(socket, event, handler));
    const join = () =>
      socket.emit(LiveEvent.join, isScreen ? { sessionId, screen: true } : { sessionId }, (ack: Ack<JoinView>) => {
        if (!ack.ok) {
          setStatus("offline");
          setProblem(ack.error.message);
          return;
        }
        setStatus("live");
        setProblem(null);
        applyJoin.current(ack.data);
      });
    const lost = () => setStatus("connecting");
    socket.on("connect", join);
    socket.on("disconnect", lost);
    removers.push(() => {
      socket.off("connect", join);
      socket.off("disconnect", lost);
    });
    on(LiveEvent.block, (message) => {
      if (message.sessionId === sessionId) setState(message);
    });
    on(LiveEvent.questions, (message) => {
      if (message.sessionId !== sessionId) return;
      setQuestions((current) => {
        const byId = new Map(current.map((q) => [q.id, q]));
        for (const id of message.removed) byId.delete(id);
        for (const q of message.questions) byId.set(q.id, { ...q, own: byId.get(q.id)?.own ?? q.own });
        return sortQuestions([...byId.values()]);
      });
    });
    on(LiveEvent.poll, (message) => {
      if (message.sessionId !== sessionId) return;
      setPolls((current) =>
        current.some((p) => p.id === message.poll.id)
          ? current.map((p) => (p.id === message.poll.id ? message.poll : p))
          : [...current, message.poll],
      );
    });
    on(LiveEvent.pollRemoved, (message) => {
      if (message.sessionId === sessionId) setPolls((current) => current.filter((p) => p.id !== message.pollId));
    });
    on(LiveEvent.tally, (message) => {
      if (message.sessionId !== sessionId) return;
      setPolls((current) =>
        current.map((p) => (p.id === message.pollId ? { ...p, responses: message.responses, results: message.results ?? p.results } : p)),
      );
    });
    on(LiveEvent.projector, (message) => {
      if (message.sessionId === sessionId) setProjector(message);
    });
    on(LiveEvent.screenBoard, (message) => {
      if (message.sessionId === sessionId) setScreen((current) => ({ desks: current?.desks ?? null, board: message.board }));
    });
    on(LiveEvent.screenDesks, (message) => {
      if (message.sessionId === sessionId) setScreen((current) => ({ board: current?.board ?? null, desks: message.reveal }));
    });
    on(ServerEvent.accessRevoked, (event) => {
      if (event.kind !== "live" || event.id !== sessionId) return;
      setStatus("offline");
      setProblem("Je hebt geen toegang meer tot deze bijeenkomst. Laad de pagina opnieuw.");
    });
    if (socket.connected) join();
    return () => {
      for (const remove of removers) remove();
      if (socket.connected) socket.emit(LiveEvent.leave, { sessionId });
    };
  }, [socket, sessionId, isScreen]);

  /** Sends one event; resolves with the data, or shows the Dutch refusal and resolves null. */
  const send = useCallback(
    <T>(event: string, payload: unknown): Promise<T | null> =>
      new Promise((resolve) => {
        if (!socket?.connected) {
          setProblem("Geen verbinding met de server. We proberen het opnieuw; laad anders de pagina opnieuw.");
          resolve(null);
          return;
        }
        socket.emit(event, payload, (ack: Ack<T>) => {
          if (ack.ok) {
            setProblem(null);
            resolve(ack.data);
          } else {
            setProblem(ack.error.message);
            resolve(null);
          }
        });
      }),
    [socket],
  );

  const ask = useCallback(
    async (text: string, anonymous: boolean) => {
      const question = await send<QuestionView>(LiveEvent.ask, { sessionId, text, anonymous });
      if (question) setQuestions((current) => sortQuestions([...current.filter((q) => q.id !== question.id), { ...question, own: true }]));
      return Boolean(question);
    },
    [send, sessionId],
  );
  const upvote = useCallback(
    async (questionId: string) => {
      const result = await send<{ upvotes: number }>(LiveEvent.upvote, { questionId });
      if (result) setUpvoted((current) => new Set(current).add(questionId));
      return Boolean(result);
    },
    [send],
  );
  const moderate = useCallback(
    (questionId: string, action: "answer" | "unanswer" | "hide" | "show") => send(LiveEvent.moderate, { questionId, action }),
    [send],
  );
  const vote = useCallback(
    async (pollId: string, answer: { choice?: number; words?: string }) => {
      const result = await send(LiveEvent.vote, { pollId, ...answer });
      if (result) setAnswered((current) => new Set(current).add(pollId));
      return Boolean(result);
    },
    [send],
  );
  const checkIn = useCallback(
    async (code?: string) => {
      const result = await send(LiveEvent.checkIn, { sessionId, ...(code ? { code } : {}) });
      if (result) setCheckedIn(true);
      return Boolean(result);
    },
    [send, sessionId],
  );
  const facilitate = useCallback(
    (command: {
      action: "start" | "next" | "stop" | "open" | "close" | "reveal" | "hide" | "project";
      blockId?: string;
      pollId?: string;
      questions?: boolean;
    }) => send<BlockState>(LiveEvent.facilitate, { sessionId, ...command }),
    [send, sessionId],
  );

  return {
    state,
    questions,
    upvoted,
    polls,
    answered,
    projector,
    checkedIn,
    screen,
    status,
    problem,
    ask,
    upvote,
    moderate,
    vote,
    checkIn,
    facilitate,
  };
}

export type Live = ReturnType<typeof useLive>;

/** Seconds left in a block from its planned length, counted from when it started (null when not running). */
export function secondsLeft(state: BlockState, now: number): number | null {
  if (!state.block || !state.startedAt) return null;
  const [sh, sm] = state.block.start.split(":").map(Number);
  const [eh, em] = state.block.end.split(":").map(Number);
  const planned = (eh * 60 + em - (sh * 60 + sm)) * 60;
  return Math.max(0, planned - Math.floor((now - Date.parse(state.startedAt)) / 1000));
}

export function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}
