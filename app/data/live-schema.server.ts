import { z } from "zod";
import { agendaKinds } from "./enums";
import { id, timestamp } from "./schema-primitives.server";

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** One block of a session's run sheet (draaiboek): a copy of an agenda item, re-timed and annotated on the day. */
export const runBlockSchema = z.object({
  id,
  kind: z.enum(agendaKinds),
  title: z.string().min(1).max(200),
  start: clock,
  end: clock,
  notes: z.string().max(5000),
});
export type RunBlock = z.infer<typeof runBlockSchema>;

/** The run sheet of one session of an edition: its blocks in order and which one the group is in. */
export const runSheetSchema = z.object({
  id,
  editionId: id,
  sessionId: id,
  blocks: z.array(runBlockSchema).max(30),
  currentBlockId: id.nullable(),
  blockStartedAt: timestamp.nullable(),
  /** Short code shown on the projector to check in with. */
  checkInCode: z.string().regex(/^[A-Z2-9]{4,8}$/),
  /** What the projector shows besides the block: nothing extra, a poll, or the top questions. */
  projecting: z.object({ pollId: id.nullable(), questions: z.boolean() }),
  updatedAt: timestamp,
});
export type RunSheet = z.infer<typeof runSheetSchema>;

/** A question to the speaker during the session (the ones asked beforehand are copied in as `fromQuestionId`). */
export const liveQuestionSchema = z.object({
  id,
  sessionId: id,
  editionId: id,
  authorId: id,
  trioId: id,
  text: z.string().min(1).max(2000),
  /** Hidden from other participants (never from organisers). */
  anonymous: z.boolean(),
  upvoterIds: z.array(id),
  createdAt: timestamp,
  answeredAt: timestamp.nullable(),
  hiddenAt: timestamp.nullable(),
  hiddenBy: id.nullable(),
  fromQuestionId: id.nullable(),
});
export type LiveQuestion = z.infer<typeof liveQuestionSchema>;

export const pollKinds = ["choice", "scale", "agree", "words"] as const;
export type PollKind = (typeof pollKinds)[number];

export const livePollSchema = z.object({
  id,
  sessionId: id,
  editionId: id,
  /** The block it was prepared for, if any. */
  blockId: id.nullable(),
  kind: z.enum(pollKinds),
  question: z.string().min(1).max(300),
  options: z.array(z.string().min(1).max(120)).max(10),
  /** One answer per person, or one per trio (any member may give it). */
  per: z.enum(["person", "trio"]),
  state: z.enum(["draft", "open", "closed"]),
  revealed: z.boolean(),
  createdAt: timestamp,
  createdBy: id,
  openedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
});
export type LivePoll = z.infer<typeof livePollSchema>;

/** One answer to a poll: a choice (index into the options) or a short text for a word cloud. */
export const liveVoteSchema = z.object({
  id,
  pollId: id,
  userId: id,
  trioId: id.nullable(),
  /** `user:<id>` or `trio:<id>`: at most one vote per key and poll. */
  voterKey: z.string().min(1).max(80),
  choice: z.number().int().min(0).max(9).nullable(),
  words: z.string().max(40).nullable(),
  createdAt: timestamp,
});
export type LiveVote = z.infer<typeof liveVoteSchema>;

/** Presence at one session, by check-in or by an organiser's correction. */
export const attendanceSchema = z.object({
  id,
  sessionId: id,
  editionId: id,
  userId: id,
  present: z.boolean(),
  source: z.enum(["session", "code", "organiser"]),
  at: timestamp,
  by: id,
});
export type Attendance = z.infer<typeof attendanceSchema>;

/** Per edition: how many sessions earn a deelnamebewijs. */
export const certificateSettingSchema = z.object({ editionId: id, threshold: z.number().int().min(1).max(4) });
export type CertificateSetting = z.infer<typeof certificateSettingSchema>;

/**
 * The live session (issue 17). Each defaults to empty, so data files written
 * before these collections existed load without a migration.
 */
export const liveCollections = {
  runSheets: z.array(runSheetSchema).default([]),
  liveQuestions: z.array(liveQuestionSchema).default([]),
  livePolls: z.array(livePollSchema).default([]),
  liveVotes: z.array(liveVoteSchema).default([]),
  attendance: z.array(attendanceSchema).default([]),
  certificateSettings: z.array(certificateSettingSchema).default([]),
};
