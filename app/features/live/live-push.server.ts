/**
 * What the server pushes when the live models announce a change: every view room
 * of the session gets its own view (live-views.server.ts). Question changes within
 * QUESTION_FLUSH_MS go out as one message per room (a burst of upvotes is one
 * re-sort, not a hundred); votes likewise within TALLY_FLUSH_MS.
 */
import type { Server } from "socket.io";
import type { Announcement } from "~/utils/announcements.server";
import { isDatabaseOpen } from "~/data/db.server";
import { getSession } from "~/features/programme/session.server";
import { getPoll } from "./live-polls.server";
import { LiveEvent, LiveLimits, liveRooms, type QuestionsUpdate } from "./live-protocol";
import { getLiveQuestion } from "./live-questions.server";
import { blockState, pollView, presenceUpdate, projectorState, questionView, type ViewerRole } from "./live-views.server";

const roles: ViewerRole[] = ["participant", "speaker", "organiser"];
const roomOf = (role: ViewerRole, sessionId: string) =>
  role === "organiser"
    ? liveRooms.organisers(sessionId)
    : role === "speaker"
      ? liveRooms.speakers(sessionId)
      : liveRooms.participants(sessionId);

const pendingQuestions = new Map<string, Set<string>>();
const pendingTallies = new Set<string>();

function flushTally(io: Server, sessionId: string, pollId: string): void {
  pendingTallies.delete(pollId);
  // A batch that comes due after the server closed has no one left to tell.
  if (!isDatabaseOpen()) return;
  const poll = getPoll(pollId);
  if (!poll) return;
  for (const role of roles) {
    const view = pollView(poll, role);
    io.to(roomOf(role, sessionId)).emit(LiveEvent.tally, { sessionId, pollId, responses: view.responses, results: view.results });
  }
}

function flushQuestions(io: Server, sessionId: string): void {
  const ids = pendingQuestions.get(sessionId);
  pendingQuestions.delete(sessionId);
  if (!ids || !isDatabaseOpen()) return;
  for (const role of roles) {
    const update: QuestionsUpdate = { sessionId, questions: [], removed: [] };
    for (const id of ids) {
      const question = getLiveQuestion(id);
      if (!question || question.sessionId !== sessionId) continue;
      const view = questionView(question, role, null);
      if (view) update.questions.push(view);
      else update.removed.push(id);
    }
    io.to(roomOf(role, sessionId)).emit(LiveEvent.questions, update);
  }
}

export function pushLive(io: Server, announcement: Announcement): void {
  if (announcement.kind !== "live") return;
  const session = getSession(announcement.sessionId);
  if (!session) return;
  const sessionId = session.id;
  switch (announcement.what) {
    case "block": {
      const state = blockState(session);
      io.to(roles.map((role) => roomOf(role, sessionId))).emit(LiveEvent.block, state);
      return;
    }
    case "projector":
      for (const role of ["speaker", "organiser"] as const)
        io.to(roomOf(role, sessionId)).emit(LiveEvent.projector, projectorState(session, role));
      return;
    case "questions": {
      let ids = pendingQuestions.get(sessionId);
      if (!ids) {
        pendingQuestions.set(sessionId, (ids = new Set()));
        setTimeout(() => flushQuestions(io, sessionId), LiveLimits.QUESTION_FLUSH_MS).unref();
      }
      for (const id of announcement.ids) ids.add(id);
      return;
    }
    case "tally":
      // A class voting at once: one tally per poll per TALLY_FLUSH_MS, not one per vote per person.
      for (const id of announcement.ids) {
        if (pendingTallies.has(id)) continue;
        pendingTallies.add(id);
        setTimeout(() => flushTally(io, sessionId, id), LiveLimits.TALLY_FLUSH_MS).unref();
      }
      return;
    case "presence":
      for (const userId of announcement.ids) {
        const update = presenceUpdate(session, userId);
        if (update) io.to(liveRooms.presence(session.editionId)).emit(LiveEvent.presence, update);
      }
      return;
    case "poll-removed":
      for (const pollId of announcement.ids)
        io.to([roomOf("speaker", sessionId), roomOf("organiser", sessionId)]).emit(LiveEvent.pollRemoved, { sessionId, pollId });
      return;
    case "poll":
      for (const id of announcement.ids) {
        const poll = getPoll(id);
        if (!poll) continue;
        for (const role of roles) {
          if (role === "participant" && poll.state === "draft") continue;
          io.to(roomOf(role, sessionId)).emit(LiveEvent.poll, { sessionId, poll: pollView(poll, role) });
        }
      }
      return;
  }
}
