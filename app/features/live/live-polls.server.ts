import { getDb } from "~/data/db.server";
import { newId, nowIso } from "~/data/ids.server";
import type { LivePoll, LiveVote, PollKind } from "~/data/live-schema.server";
import { assertEditable } from "~/features/programme/edition.server";
import { getSession } from "~/features/programme/session.server";
import { announce } from "~/utils/announcements.server";
import { DomainError } from "~/utils/domain-error.server";
import { agreeOptions, scaleOptions, type PollResults } from "./live-protocol";
import { ensureRunSheet, getRunSheet } from "./run-sheet.server";

export type { LivePoll, LiveVote, PollKind };

export const PollMessages = {
  notFound: "Deze peiling bestaat niet (meer).",
  notOpen: "Deze peiling is niet open: je antwoord is niet meegeteld.",
  again: "Je hebt al geantwoord op deze peiling.",
  againTrio: "Jullie trio heeft al geantwoord op deze peiling.",
  choice: "Kies een van de antwoorden.",
  words: "Schrijf een paar woorden.",
  alreadyOpened: "Deze peiling is al geopend: je kunt hem niet meer aanpassen of verwijderen.",
  unknownBlock: "Dit onderdeel staat niet (meer) in het draaiboek.",
  fewOptions: "Geef minstens twee antwoorden om uit te kiezen.",
} as const;

export function getPoll(id: string): LivePoll | null {
  return getDb().data.livePolls.find((p) => p.id === id) ?? null;
}

export function listPolls(sessionId: string): LivePoll[] {
  return getDb().data.livePolls.filter((p) => p.sessionId === sessionId);
}

export function listVotes(pollId: string): LiveVote[] {
  return getDb().data.liveVotes.filter((v) => v.pollId === pollId);
}

export function voterKey(poll: Pick<LivePoll, "per">, userId: string, trioId: string | null): string {
  return poll.per === "trio" && trioId ? `trio:${trioId}` : `user:${userId}`;
}

export function hasAnswered(poll: LivePoll, userId: string, trioId: string | null): boolean {
  const key = voterKey(poll, userId, trioId);
  return getDb().data.liveVotes.some((v) => v.pollId === poll.id && v.voterKey === key);
}

export function pollResults(poll: LivePoll): PollResults {
  const votes = listVotes(poll.id);
  const counts = poll.options.map((_, i) => votes.filter((v) => v.choice === i).length);
  const words = new Map<string, number>();
  for (const vote of votes) {
    const text = vote.words?.trim().toLocaleLowerCase("nl");
    if (text) words.set(text, (words.get(text) ?? 0) + 1);
  }
  return {
    counts,
    words: [...words]
      .map(([text, count]) => ({ text, count }))
      .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text, "nl"))
      .slice(0, 40),
  };
}

export type PollInput = { kind: PollKind; question: string; options: string[]; per: "person" | "trio"; blockId: string | null };

export function optionsFor(kind: PollKind, options: string[]): string[] {
  if (kind === "scale") return scaleOptions;
  if (kind === "agree") return agreeOptions;
  if (kind === "words") return [];
  return options;
}

/** The options to store, or a refusal; a prepared poll's block must be in the session's run sheet. */
function checkedInput(sessionId: string, input: PollInput): { options: string[] } {
  const options = optionsFor(input.kind, input.options);
  if (input.kind === "choice" && options.length < 2) throw new DomainError(PollMessages.fewOptions, { field: "options" });
  if (input.blockId !== null && !getRunSheet(sessionId)?.blocks.some((b) => b.id === input.blockId))
    throw new DomainError(PollMessages.unknownBlock, { status: 404 });
  return { options };
}

/** A poll made on the spot (blockId null) or prepared for a block of the run sheet; it starts as a draft. */
export async function createPoll(sessionId: string, input: PollInput, by: string): Promise<LivePoll> {
  const session = getSession(sessionId);
  if (!session) throw new DomainError("Deze bijeenkomst bestaat niet.", { status: 404 });
  assertEditable(session.editionId);
  if (input.blockId !== null) await ensureRunSheet(sessionId);
  const { options } = checkedInput(sessionId, input);
  const poll: LivePoll = {
    id: newId(),
    sessionId,
    editionId: session.editionId,
    blockId: input.blockId,
    kind: input.kind,
    question: input.question,
    options,
    per: input.per,
    state: "draft",
    revealed: false,
    createdAt: nowIso(),
    createdBy: by,
    openedAt: null,
    closedAt: null,
  };
  const written = getDb().change((data) => {
    data.livePolls.push(poll);
  });
  announce({ kind: "live", sessionId, what: "poll", ids: [poll.id] });
  await written;
  return poll;
}

/** The poll of this session that may still be changed (a draft), or a refusal. */
function draftOrRefuse(sessionId: string, pollId: string): LivePoll {
  const poll = getPoll(pollId);
  if (!poll || poll.sessionId !== sessionId) throw new DomainError(PollMessages.notFound, { status: 404 });
  assertEditable(poll.editionId);
  if (poll.state !== "draft") throw new DomainError(PollMessages.alreadyOpened, { status: 409 });
  return poll;
}

/** Changes a prepared poll before it is opened (the block it belongs to stays). */
export async function updatePoll(sessionId: string, pollId: string, input: Omit<PollInput, "blockId">): Promise<LivePoll> {
  const poll = draftOrRefuse(sessionId, pollId);
  const { options } = checkedInput(sessionId, { ...input, blockId: poll.blockId });
  const written = getDb().change((data) => {
    const index = data.livePolls.findIndex((p) => p.id === pollId);
    // Checked again inside the change: a facilitator may have opened it meanwhile.
    if (data.livePolls[index]?.state !== "draft") throw new DomainError(PollMessages.alreadyOpened, { status: 409 });
    const next: LivePoll = { ...data.livePolls[index], kind: input.kind, question: input.question, options, per: input.per };
    data.livePolls[index] = next;
    return next;
  });
  announce({ kind: "live", sessionId, what: "poll", ids: [pollId] });
  return written;
}

/** Removes a prepared poll that was never opened (it has no answers). */
export async function removePoll(sessionId: string, pollId: string): Promise<void> {
  draftOrRefuse(sessionId, pollId);
  const written = getDb().change((data) => {
    const index = data.livePolls.findIndex((p) => p.id === pollId);
    if (data.livePolls[index]?.state !== "draft") throw new DomainError(PollMessages.alreadyOpened, { status: 409 });
    data.livePolls.splice(index, 1);
  });
  announce({ kind: "live", sessionId, what: "poll-removed", ids: [pollId] });
  await written;
}

/** Opens, closes or reveals (or hides the results of) a poll. */
export async function setPollState(id: string, change: "open" | "close" | "reveal" | "hide"): Promise<LivePoll> {
  const poll = getPoll(id);
  if (!poll) throw new DomainError(PollMessages.notFound, { status: 404 });
  assertEditable(poll.editionId);
  const now = nowIso();
  const written = getDb().change((data) => {
    const index = data.livePolls.findIndex((p) => p.id === id);
    const p = data.livePolls[index];
    const next: LivePoll =
      change === "open"
        ? { ...p, state: "open", openedAt: p.openedAt ?? now, closedAt: null }
        : change === "close"
          ? { ...p, state: "closed", closedAt: now }
          : { ...p, revealed: change === "reveal" };
    data.livePolls[index] = next;
    return next;
  });
  // Pushed as soon as the change is in the store; the caller's answer waits for the disk.
  announce({ kind: "live", sessionId: poll.sessionId, what: "poll", ids: [id] });
  return written;
}

/**
 * One answer per person (or per trio) while the poll is open. The check and the
 * write happen in one synchronous change, so two members of a trio answering at
 * once cannot both be counted.
 */
export async function castVote(
  pollId: string,
  voter: { userId: string; trioId: string | null },
  answer: { choice?: number; words?: string },
): Promise<LiveVote> {
  const poll = getPoll(pollId);
  if (!poll) throw new DomainError(PollMessages.notFound, { status: 404 });
  assertEditable(poll.editionId);
  if (poll.kind === "words") {
    if (!answer.words) throw new DomainError(PollMessages.words, { field: "words" });
  } else if (answer.choice === undefined || answer.choice >= poll.options.length) {
    throw new DomainError(PollMessages.choice, { field: "choice" });
  }
  const key = voterKey(poll, voter.userId, voter.trioId);
  const vote: LiveVote = {
    id: newId(),
    pollId,
    userId: voter.userId,
    trioId: voter.trioId,
    voterKey: key,
    choice: poll.kind === "words" ? null : answer.choice!,
    words: poll.kind === "words" ? answer.words! : null,
    createdAt: nowIso(),
  };
  const written = getDb().change((data) => {
    const current = data.livePolls.find((p) => p.id === pollId);
    if (current?.state !== "open") throw new DomainError(PollMessages.notOpen, { status: 409 });
    if (data.liveVotes.some((v) => v.pollId === pollId && v.voterKey === key))
      throw new DomainError(poll.per === "trio" ? PollMessages.againTrio : PollMessages.again, { status: 409 });
    data.liveVotes.push(vote);
  });
  announce({ kind: "live", sessionId: poll.sessionId, what: "tally", ids: [pollId] });
  await written;
  return vote;
}
