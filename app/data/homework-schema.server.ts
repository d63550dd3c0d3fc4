import { z } from "zod";
import { id, timestamp } from "./schema-primitives.server";

/**
 * Homework (issue 5): assignments, submissions, feedback, notifications, the reminder log.
 * Each entry is a collection of the data file: a key of the data object whose value
 * is a z.array(...). A collection added here is created empty by the migration to
 * version 2 (migrations.server.ts) and by emptyData().
 */

export const assignmentExpectations = ["text", "files", "both"] as const;
export const feedbackStatuses = ["ontvangen", "besproken", "aanvulling-gevraagd"] as const;
export const notificationKinds = ["feedback", "reply", "material", "invitation-declined"] as const;

/** One trio's own due date, granted by an organiser. */
export const extensionSchema = z.object({ trioId: id, dueAt: timestamp, grantedBy: id, grantedAt: timestamp });

/**
 * The settings of a session's homework. The text itself is `session.homework`
 * (the edition's copy of the curriculum); until an organiser saves settings the
 * defaults in assignment.server.ts apply.
 */
export const assignmentSchema = z.object({
  id,
  sessionId: id,
  /** null: no due date (never late, no reminders). */
  dueAt: timestamp.nullable(),
  expects: z.enum(assignmentExpectations),
  /** After the due date, trios of the edition may read each other's submissions. */
  shareAfterDue: z.boolean(),
  /** The session's speaker may give feedback too. */
  speakerMayGiveFeedback: z.boolean(),
  /** Days before the due date the reminder goes out; 0: none. */
  reminderDays: z.number().int().min(0).max(14),
  extensions: z.array(extensionSchema),
  updatedAt: timestamp,
  updatedBy: id.nullable(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const submissionVersionSchema = z.object({
  id,
  text: z.string().max(50_000),
  fileIds: z.array(id).max(20),
  submittedAt: timestamp,
  submittedBy: id,
  /** The due date that applied (the trio's extension if any); null when there was none. */
  dueAt: timestamp.nullable(),
  late: z.boolean(),
});
export type SubmissionVersion = z.infer<typeof submissionVersionSchema>;

/** A trio's work on one session's homework: the shared draft and every submitted version. */
export const submissionSchema = z.object({
  id,
  sessionId: id,
  trioId: id,
  draftText: z.string().max(50_000),
  draftFileIds: z.array(id).max(20),
  /** Goes up by one with every saved change of the draft; a save names the revision it started from. */
  draftRevision: z.number().int().min(0),
  draftSavedAt: timestamp,
  draftSavedBy: id,
  /** Oldest first; never changed or removed. */
  versions: z.array(submissionVersionSchema),
  createdAt: timestamp,
});
export type Submission = z.infer<typeof submissionSchema>;

export const feedbackReplySchema = z.object({ id, authorId: id, body: z.string().min(1).max(10_000), createdAt: timestamp });

export const feedbackSchema = z.object({
  id,
  submissionId: id,
  /** The submitted version the feedback is about. */
  versionId: id,
  authorId: id,
  body: z.string().min(1).max(20_000),
  status: z.enum(feedbackStatuses),
  createdAt: timestamp,
  deletedAt: timestamp.nullable(),
  replies: z.array(feedbackReplySchema),
});
export type Feedback = z.infer<typeof feedbackSchema>;

export const notificationSchema = z.object({
  id,
  userId: id,
  kind: z.enum(notificationKinds),
  title: z.string().min(1).max(300),
  href: z.string().startsWith("/").max(500),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

/**
 * The scheduler's log: one entry per reminder, digest or announcement, written
 * (and on disk) before the mail goes out. See docs/decisions/011-homework-scheduler.md.
 */
export const sentLogSchema = z.object({
  key: z.string().min(1).max(300),
  claimedAt: timestamp,
  /** null while sending, or when the process stopped between claim and send. */
  sentAt: timestamp.nullable(),
});
export type SentLogEntry = z.infer<typeof sentLogSchema>;

export const homeworkCollections = {
  assignments: z.array(assignmentSchema),
  submissions: z.array(submissionSchema),
  feedback: z.array(feedbackSchema),
  notifications: z.array(notificationSchema),
  sentLog: z.array(sentLogSchema),
} satisfies Record<string, z.ZodArray<z.ZodTypeAny>>;
