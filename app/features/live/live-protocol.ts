/**
 * The live session's realtime contract (issue 17), shared by server and browser
 * (no server imports). Handlers: live-handlers.server.ts; pushes: live-push.server.ts.
 * Documented in docs/realtime.md ("Live bijeenkomst").
 *
 * A socket watches one session (`live:join`) and is put in exactly one of its
 * three view rooms (participants, speakers, organisers), derived from the policy;
 * each room gets its own view of a change (names of anonymous askers and hidden
 * questions only where the policy allows).
 */
import { z } from "zod";
import type { AgendaKind } from "~/data/enums";
import type { RevealView } from "~/features/exercises/desk-protocol";

export const LiveEvent = {
  // client → server (each answered in an ack, see app/realtime/events.ts `Ack`)
  join: "live:join",
  leave: "live:leave",
  ask: "live:ask",
  upvote: "live:upvote",
  moderate: "live:moderate",
  vote: "live:vote",
  checkIn: "live:check-in",
  facilitate: "live:facilitate",
  presenceWatch: "live:presence-watch",
  presenceUnwatch: "live:presence-unwatch",
  // server → client
  block: "live:block",
  questions: "live:questions",
  poll: "live:poll",
  tally: "live:tally",
  projector: "live:projector",
  pollRemoved: "live:poll-removed",
  presence: "live:presence",
  screenBoard: "live:screen-board",
  screenDesks: "live:screen-desks",
} as const;

export const LiveLimits = {
  QUESTION_MAX: 500,
  WORDS_MAX: 40,
  /** A person votes once per poll: a few tokens cover a retry, a flood is refused per socket. */
  VOTE_BURST: 5,
  VOTE_PER_SECOND: 1,
  UPVOTE_BURST: 10,
  UPVOTE_PER_SECOND: 4,
  ASK_BURST: 3,
  ASK_PER_SECOND: 0.2,
  /** Question changes within this window reach the clients in one message. */
  QUESTION_FLUSH_MS: 30,
  /** Votes within this window reach the clients as one tally. */
  TALLY_FLUSH_MS: 40,
  /** A busy plenary board is drawn again for the projector at most this often. */
  SCREEN_BOARD_FLUSH_MS: 500,
} as const;

const safeId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ongeldige verwijzing");

/** A question to the speaker; the form checks it with the same rules before sending. */
export const questionText = z
  .string({ required_error: "Schrijf je vraag op." })
  .trim()
  .min(1, "Schrijf je vraag op.")
  .max(LiveLimits.QUESTION_MAX, `Houd je vraag korter dan ${LiveLimits.QUESTION_MAX} tekens.`);

/** The words of a word-cloud answer. */
export const pollWords = z
  .string()
  .trim()
  .min(1, "Schrijf een paar woorden.")
  .max(LiveLimits.WORDS_MAX, `Hoogstens ${LiveLimits.WORDS_MAX} tekens.`);

/** The Dutch message of the first rule `value` breaks, if any. */
export function problemOf(schema: z.ZodTypeAny, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

export const livePayloads = {
  /** `screen`: the projector, which also gets the plenary board and the revealed desks (policy `live.project`). */
  [LiveEvent.join]: z.object({ sessionId: safeId, screen: z.boolean().optional() }).strict(),
  [LiveEvent.leave]: z.object({ sessionId: safeId }).strict(),
  [LiveEvent.ask]: z
    .object({
      sessionId: safeId,
      text: questionText,
      anonymous: z.boolean(),
    })
    .strict(),
  [LiveEvent.upvote]: z.object({ questionId: safeId }).strict(),
  [LiveEvent.moderate]: z.object({ questionId: safeId, action: z.enum(["answer", "unanswer", "hide", "show"]) }).strict(),
  [LiveEvent.vote]: z
    .object({
      pollId: safeId,
      choice: z.number().int().min(0, "kies een antwoord").max(9, "kies een antwoord").optional(),
      words: pollWords.optional(),
    })
    .strict(),
  [LiveEvent.checkIn]: z
    .object({
      sessionId: safeId,
      code: z.string().trim().max(12, "Deze code klopt niet.").optional(),
    })
    .strict(),
  [LiveEvent.facilitate]: z
    .object({
      sessionId: safeId,
      action: z.enum(["start", "next", "stop", "open", "close", "reveal", "hide", "project"]),
      blockId: safeId.optional(),
      pollId: safeId.optional(),
      questions: z.boolean().optional(),
    })
    .strict(),
  [LiveEvent.presenceWatch]: z.object({ editionId: safeId }).strict(),
  [LiveEvent.presenceUnwatch]: z.object({ editionId: safeId }).strict(),
} as const;

export type LiveBlockView = {
  id: string;
  kind: AgendaKind;
  title: string;
  start: string;
  end: string;
};

/** `live:block`: where the group is. `startedAt` lets clients run the timer; `index` counts from 0. */
export type BlockState = {
  sessionId: string;
  block: LiveBlockView | null;
  index: number;
  total: number;
  startedAt: string | null;
  blocks: LiveBlockView[];
};

export type QuestionView = {
  id: string;
  text: string;
  /** null when anonymous to this viewer. */
  author: string | null;
  trio: string | null;
  anonymous: boolean;
  upvotes: number;
  answered: boolean;
  hidden: boolean;
  createdAt: string;
  own: boolean;
};

/** `live:questions`: changed or new questions (a hidden one arrives with hidden: true or as `removed` for participants). */
export type QuestionsUpdate = { sessionId: string; questions: QuestionView[]; removed: string[] };

export type PollResults = { counts: number[]; words: Array<{ text: string; count: number }> };
export type PollView = {
  id: string;
  sessionId: string;
  kind: "choice" | "scale" | "agree" | "words";
  question: string;
  options: string[];
  per: "person" | "trio";
  /** The run-sheet block it was prepared for; null when made on the spot. */
  blockId: string | null;
  state: "draft" | "open" | "closed";
  revealed: boolean;
  responses: number;
  /** Only for organisers and speakers, or for everyone once revealed. */
  results: PollResults | null;
};
/** `live:poll`: a poll opened, closed, revealed or changed. */
export type PollUpdate = { sessionId: string; poll: PollView };
/** `live:tally`: a vote arrived. */
export type TallyUpdate = { sessionId: string; pollId: string; responses: number; results: PollResults | null };
/** `live:projector`: what the facilitator puts on the beamer besides the block. */
export type ProjectorState = { sessionId: string; pollId: string | null; questions: boolean; checkInCode: string | null };

/** `live:poll-removed`: a prepared poll was removed before it was opened (organisers and speakers). */
export type PollRemoved = { sessionId: string; pollId: string };

/** The plenary board as the projector shows it: a read-only picture and what is on it in words. */
export type BoardPicture = {
  boardId: string;
  title: string;
  /** "14 notities, 2 kaders", or "leeg". */
  summary: string;
  /** An SVG data URL (text escaped, shown as <img>), or null for an empty board. */
  picture: string | null;
};
/** `live:screen-board`: the plenary board changed (at most every SCREEN_BOARD_FLUSH_MS) or the block became kennisuitwisseling. */
export type ScreenBoard = { sessionId: string; board: BoardPicture | null };
/** `live:screen-desks`: the session's schuifoefening was revealed, hidden or anonymised. */
export type ScreenDesks = { sessionId: string; reveal: RevealView | null };
/** What only the projector gets (`live:join` with `screen: true`). */
export type ScreenView = { board: BoardPicture | null; desks: RevealView | null };

export type PresenceSource = "session" | "code" | "organiser";
/** `live:presence`: someone checked in, or an organiser corrected the list (to the edition's presence-list watchers). */
export type PresenceUpdate = {
  editionId: string;
  sessionId: string;
  sessionNumber: number;
  userId: string;
  name: string;
  present: boolean;
  source: PresenceSource;
  at: string;
  /** Who made the change (the participant themselves, or the organiser who corrected it). */
  byId: string;
  byName: string;
};

export type JoinView = {
  sessionId: string;
  role: "organiser" | "speaker" | "participant";
  state: BlockState;
  questions: QuestionView[];
  upvoted: string[];
  polls: PollView[];
  /** Per poll: whether I (or my trio) answered already. */
  answered: string[];
  projector: ProjectorState;
  checkedIn: boolean;
  /** Only for the projector (`screen: true`). */
  screen: ScreenView | null;
};

export const liveRooms = {
  participants: (sessionId: string) => `live:${sessionId}:participants`,
  speakers: (sessionId: string) => `live:${sessionId}:speakers`,
  organisers: (sessionId: string) => `live:${sessionId}:organisers`,
  /** The projector of a session (policy `live.project`). */
  screen: (sessionId: string) => `live:${sessionId}:screen`,
  /** The open presence lists of an edition (policy `attendance.manage`). */
  presence: (editionId: string) => `live:presence:${editionId}`,
};

export const pollKindLabels = {
  choice: "Meerkeuze",
  scale: "Schaal 1 tot 5",
  agree: "Eens of oneens",
  words: "Woordwolk",
} as const;

export const scaleOptions = ["1", "2", "3", "4", "5"];
export const agreeOptions = ["Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens"];

/** Sorts questions as every screen shows them: open before answered, most upvotes first, then oldest first. */
export function sortQuestions<Q extends Pick<QuestionView, "answered" | "upvotes" | "createdAt">>(questions: Q[]): Q[] {
  return [...questions].sort(
    (a, b) => Number(a.answered) - Number(b.answered) || b.upvotes - a.upvotes || a.createdAt.localeCompare(b.createdAt),
  );
}
