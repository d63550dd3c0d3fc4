import { memberTrioInEdition } from "~/access/facts.server";
import { decide, Messages } from "~/access/policy.server";
import { getEdition } from "~/features/programme/edition.server";
import { presenceLists } from "./attendance-report.server";
import { screenView } from "./live-screen.server";
import type { User } from "~/features/accounts/user.server";
import { getSession, type Session } from "~/features/programme/session.server";
import { allowOrRefuse, defineHandler, RealtimeError, type HandlerTable } from "~/realtime/registry.server";
import { defineWatchable, unwatch, watch } from "~/realtime/watch.server";
import { DomainError } from "~/utils/domain-error.server";
import { checkIn } from "./attendance.server";
import { castVote, getPoll, setPollState } from "./live-polls.server";
import { LiveEvent, LiveLimits, livePayloads, liveRooms, type JoinView } from "./live-protocol";
import { askLiveQuestion, getLiveQuestion, moderateQuestion, upvoteQuestion } from "./live-questions.server";
import { blockState, joinView, questionView, type ViewerRole } from "./live-views.server";
import { nextBlock, startBlock, stopRun, setProjecting, getRunSheet } from "./run-sheet.server";

const notFound = "Deze bijeenkomst bestaat niet of je hebt er geen toegang toe.";

/** Runs a model call and turns its Dutch refusal into the ack's error; nothing was stored. */
async function guarded<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new RealtimeError("forbidden", error.message);
    throw error;
  }
}

function sessionOrRefuse(sessionId: string): Session {
  const session = getSession(sessionId);
  if (!session) throw new RealtimeError("forbidden", notFound);
  return session;
}

export function viewerRole(user: Pick<User, "role">): ViewerRole {
  return user.role;
}

function roomFor(role: ViewerRole, sessionId: string): string {
  return role === "organiser"
    ? liveRooms.organisers(sessionId)
    : role === "speaker"
      ? liveRooms.speakers(sessionId)
      : liveRooms.participants(sessionId);
}

/** The projector's room of a session follows "live.project" (organisers and the session's speaker). */
defineWatchable("live-screen", {
  rooms: (user, sessionId) => {
    const session = getSession(sessionId);
    const decision = session ? decide(user, "live.project", session) : null;
    if (!session || !decision) return { refused: { allowed: false, status: 404, message: notFound } };
    if (!decision.allowed) return { refused: decision };
    return { rooms: [liveRooms.screen(session.id)] };
  },
});

/** An edition's open presence lists follow "attendance.manage" (organisers). */
defineWatchable("live-presence", {
  rooms: (user, editionId) => {
    const edition = getEdition(editionId);
    if (!edition) return { refused: { allowed: false, status: 404, message: Messages.editionNotFound } };
    const decision = decide(user, "attendance.manage", edition);
    return decision.allowed ? { rooms: [liveRooms.presence(edition.id)] } : { refused: decision };
  },
});

/** A session's live rooms follow "live.follow": one view room per role. */
defineWatchable("live", {
  rooms: (user, sessionId) => {
    const session = getSession(sessionId);
    const decision = session ? decide(user, "live.follow", session) : null;
    if (!session || !decision) return { refused: { allowed: false, status: 404, message: notFound } };
    if (!decision.allowed) return { refused: decision };
    return { rooms: [roomFor(viewerRole(user), session.id)] };
  },
});

const rate = (name: string, burst: number, perSecond: number) => ({ name, burst, perSecond });

/** Live session events (issue 17). See live-protocol.ts and docs/realtime.md. */
export const liveHandlers: HandlerTable = {
  [LiveEvent.join]: defineHandler({
    schema: livePayloads[LiveEvent.join],
    handle: async (socket, user, { sessionId, screen }): Promise<JoinView> => {
      const session = sessionOrRefuse(sessionId);
      allowOrRefuse(user, "live.follow", session);
      if (screen) allowOrRefuse(user, "live.project", session);
      watch(socket, user, "live", session.id);
      if (!screen) return joinView(session, user);
      watch(socket, user, "live-screen", session.id);
      return { ...joinView(session, user), screen: await screenView(session) };
    },
  }),
  [LiveEvent.leave]: defineHandler({
    schema: livePayloads[LiveEvent.leave],
    handle: (socket, user, { sessionId }) => {
      const screen = unwatch(socket, user, "live-screen", sessionId);
      return { left: unwatch(socket, user, "live", sessionId) || screen };
    },
  }),
  [LiveEvent.presenceWatch]: defineHandler({
    schema: livePayloads[LiveEvent.presenceWatch],
    handle: (socket, user, { editionId }) => {
      const edition = getEdition(editionId);
      if (!edition) throw new RealtimeError("forbidden", Messages.editionNotFound);
      allowOrRefuse(user, "attendance.manage", edition);
      watch(socket, user, "live-presence", edition.id);
      return { editionId: edition.id, lists: presenceLists(edition.id) };
    },
  }),
  [LiveEvent.presenceUnwatch]: defineHandler({
    schema: livePayloads[LiveEvent.presenceUnwatch],
    handle: (socket, user, { editionId }) => ({ left: unwatch(socket, user, "live-presence", editionId) }),
  }),
  [LiveEvent.ask]: defineHandler({
    schema: livePayloads[LiveEvent.ask],
    rate: rate("live-ask", LiveLimits.ASK_BURST, LiveLimits.ASK_PER_SECOND),
    handle: (_socket, user, { sessionId, text, anonymous }) =>
      guarded(async () => {
        const session = sessionOrRefuse(sessionId);
        allowOrRefuse(user, "live.ask", session);
        const trio = memberTrioInEdition(user.id, session.editionId)!;
        const question = await askLiveQuestion({ sessionId: session.id, authorId: user.id, trioId: trio.id, text, anonymous });
        return questionView(question, "participant", user.id);
      }),
  }),
  [LiveEvent.upvote]: defineHandler({
    schema: livePayloads[LiveEvent.upvote],
    rate: rate("live-upvote", LiveLimits.UPVOTE_BURST, LiveLimits.UPVOTE_PER_SECOND),
    handle: (_socket, user, { questionId }) =>
      guarded(async () => {
        const question = getLiveQuestion(questionId);
        const session = question ? getSession(question.sessionId) : null;
        if (!question || !session) throw new RealtimeError("forbidden", "Deze vraag bestaat niet (meer).");
        allowOrRefuse(user, "live.ask", session);
        const updated = await upvoteQuestion(question.id, user.id);
        return { questionId: updated.id, upvotes: updated.upvoterIds.length };
      }),
  }),
  [LiveEvent.moderate]: defineHandler({
    schema: livePayloads[LiveEvent.moderate],
    handle: (_socket, user, { questionId, action }) =>
      guarded(async () => {
        const question = getLiveQuestion(questionId);
        const session = question ? getSession(question.sessionId) : null;
        if (!question || !session) throw new RealtimeError("forbidden", "Deze vraag bestaat niet (meer).");
        allowOrRefuse(user, "live.moderate", session);
        const updated = await moderateQuestion(question.id, action, user.id);
        return { questionId: updated.id, answered: Boolean(updated.answeredAt), hidden: Boolean(updated.hiddenAt) };
      }),
  }),
  [LiveEvent.vote]: defineHandler({
    schema: livePayloads[LiveEvent.vote],
    rate: rate("live-vote", LiveLimits.VOTE_BURST, LiveLimits.VOTE_PER_SECOND),
    handle: (_socket, user, { pollId, choice, words }) =>
      guarded(async () => {
        const poll = getPoll(pollId);
        const session = poll ? getSession(poll.sessionId) : null;
        if (!poll || !session) throw new RealtimeError("forbidden", "Deze peiling bestaat niet (meer).");
        allowOrRefuse(user, "live.vote", session);
        const trio = memberTrioInEdition(user.id, session.editionId);
        await castVote(poll.id, { userId: user.id, trioId: trio?.id ?? null }, { choice, words });
        return { pollId: poll.id };
      }),
  }),
  [LiveEvent.checkIn]: defineHandler({
    schema: livePayloads[LiveEvent.checkIn],
    rate: rate("live-check-in", 5, 0.5),
    handle: (_socket, user, { sessionId, code }) =>
      guarded(async () => {
        const session = sessionOrRefuse(sessionId);
        allowOrRefuse(user, "attendance.checkIn", session);
        await checkIn(session.id, user.id, code);
        return { checkedIn: true };
      }),
  }),
  [LiveEvent.facilitate]: defineHandler({
    schema: livePayloads[LiveEvent.facilitate],
    handle: (_socket, user, command) =>
      guarded(async () => {
        const session = sessionOrRefuse(command.sessionId);
        allowOrRefuse(user, "live.run", session);
        if (command.action === "start") await startBlock(session.id, command.blockId ?? "");
        else if (command.action === "next") await nextBlock(session.id);
        else if (command.action === "stop") await stopRun(session.id);
        else if (command.action === "project") {
          const pollId = command.pollId ?? null;
          if (pollId && getPoll(pollId)?.sessionId !== session.id)
            throw new RealtimeError("forbidden", "Deze peiling bestaat niet (meer).");
          await setProjecting(session.id, { pollId, questions: command.questions ?? false });
        } else {
          const poll = getPoll(command.pollId ?? "");
          if (!poll || poll.sessionId !== session.id) throw new RealtimeError("forbidden", "Deze peiling bestaat niet (meer).");
          await setPollState(poll.id, command.action);
        }
        return blockState(session, getRunSheet(session.id));
      }),
  }),
};
