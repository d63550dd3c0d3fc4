/**
 * What each kind of viewer sees of a live session. Participants never see who
 * asked an anonymous question (organisers always do) nor hidden questions; poll
 * results reach participants only once revealed.
 */
import type { Session, User } from "~/data/schema.server";
import { memberTrioInEdition } from "~/access/facts.server";
import { getLiveQuestion } from "./live-questions.server";
import { attendanceOf, isPresent } from "./attendance.server";
import { getUserById } from "~/features/accounts/user.server";
import { getTrio } from "~/features/registration/trio.server";
import type { LivePoll } from "~/data/live-schema.server";
import { hasAnswered, listPolls, listVotes, pollResults } from "./live-polls.server";
import { listLiveQuestions, type LiveQuestion } from "./live-questions.server";
import {
  sortQuestions,
  type BlockState,
  type JoinView,
  type PollView,
  type PresenceUpdate,
  type ProjectorState,
  type QuestionView,
} from "./live-protocol";
import { draftRunSheet, getRunSheet, type RunSheet } from "./run-sheet.server";

export type ViewerRole = "organiser" | "speaker" | "participant";

export function blockState(session: Session, sheet: RunSheet | null = getRunSheet(session.id)): BlockState {
  const s = sheet ?? draftRunSheet(session);
  const blocks = s.blocks.map(({ id, kind, title, start, end }) => ({ id, kind, title, start, end }));
  const index = blocks.findIndex((b) => b.id === s.currentBlockId);
  return {
    sessionId: session.id,
    block: index === -1 ? null : blocks[index],
    index,
    total: blocks.length,
    startedAt: s.blockStartedAt,
    blocks,
  };
}

export function projectorState(session: Session, role: ViewerRole): ProjectorState {
  const sheet = getRunSheet(session.id);
  return {
    sessionId: session.id,
    pollId: sheet?.projecting.pollId ?? null,
    questions: sheet?.projecting.questions ?? false,
    checkInCode: role === "participant" ? null : (sheet?.checkInCode ?? null),
  };
}

export function questionView(q: LiveQuestion, role: ViewerRole, viewerId: string | null): QuestionView | null {
  if (q.hiddenAt && role === "participant") return null;
  const named = role === "organiser" || !q.anonymous;
  return {
    id: q.id,
    text: q.text,
    author: named ? (getUserById(q.authorId)?.name ?? null) : null,
    trio: named ? (getTrio(q.trioId)?.municipality ?? null) : null,
    anonymous: q.anonymous,
    upvotes: q.upvoterIds.length,
    answered: Boolean(q.answeredAt),
    hidden: Boolean(q.hiddenAt),
    createdAt: q.createdAt,
    own: viewerId !== null && q.authorId === viewerId,
  };
}

export function questionViews(sessionId: string, role: ViewerRole, viewerId: string | null): QuestionView[] {
  return sortQuestions(listLiveQuestions(sessionId).flatMap((q) => questionView(q, role, viewerId) ?? []));
}

export function pollView(poll: LivePoll, role: ViewerRole): PollView {
  const results = pollResults(poll);
  const responses = listVotes(poll.id).length;
  return {
    id: poll.id,
    sessionId: poll.sessionId,
    kind: poll.kind,
    question: poll.question,
    options: poll.options,
    per: poll.per,
    blockId: poll.blockId,
    state: poll.state,
    revealed: poll.revealed,
    responses,
    results: role !== "participant" || poll.revealed ? results : null,
  };
}

/** Participants see opened polls only; organisers and speakers see drafts too. */
export function pollViews(sessionId: string, role: ViewerRole): PollView[] {
  return listPolls(sessionId)
    .filter((p) => role !== "participant" || p.state !== "draft")
    .map((p) => pollView(p, role));
}

export function answeredPolls(sessionId: string, userId: string, trioId: string | null): string[] {
  return listPolls(sessionId)
    .filter((p) => hasAnswered(p, userId, trioId))
    .map((p) => p.id);
}

/** Everything a live page starts from (the join ack, and the loader's first render). */
export function joinView(session: Session, user: Pick<User, "id" | "role">): JoinView {
  const role: ViewerRole = user.role;
  const trio = role === "participant" ? memberTrioInEdition(user.id, session.editionId) : null;
  const questions = questionViews(session.id, role, user.id);
  return {
    sessionId: session.id,
    role,
    state: blockState(session),
    questions,
    upvoted: questions.filter((q) => getLiveQuestion(q.id)?.upvoterIds.includes(user.id)).map((q) => q.id),
    polls: pollViews(session.id, role),
    answered: answeredPolls(session.id, user.id, trio?.id ?? null),
    projector: projectorState(session, role),
    checkedIn: isPresent(session.id, user.id),
    screen: null,
  };
}

/** One row of a presence list as it changed (for organisers only: it names who corrected it). */
export function presenceUpdate(session: Session, userId: string): PresenceUpdate | null {
  const entry = attendanceOf(session.id, userId);
  const person = getUserById(userId);
  if (!entry || !person) return null;
  return {
    editionId: session.editionId,
    sessionId: session.id,
    sessionNumber: session.number,
    userId,
    name: person.name,
    present: entry.present,
    source: entry.source,
    at: entry.at,
    byId: entry.by,
    byName: getUserById(entry.by)?.name ?? "",
  };
}
