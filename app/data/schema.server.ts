import { z } from "zod";
import { auditCollections } from "./audit-schema.server";
import { boardCollections } from "./board-schema.server";
import { agendaKinds, domains, materialKinds, roles, trioStatuses } from "./enums";
import { exerciseCollections } from "./exercise-schema.server";
import { homeworkCollections } from "./homework-schema.server";
import { mailCollections } from "./mail-schema.server";
import { preferenceCollections } from "./preferences-schema.server";
import { liveCollections } from "./live-schema.server";
import { id, timestamp } from "./schema-primitives.server";

export { agendaKinds, domains, materialKinds, roles, trioStatuses };
export type { AgendaKind, Domain, MaterialKind, Role, TrioStatus } from "./enums";

/** Bump when the shape of the data file changes, and add a migration. */
export const DATA_VERSION = 3;

export const userSchema = z.object({
  id,
  email: z.string().email().max(254),
  name: z.string().min(1).max(200),
  role: z.enum(roles),
  /** null until the person sets a password through an invitation link. */
  passwordHash: z.string().nullable(),
  createdAt: timestamp,
});
export type User = z.infer<typeof userSchema>;

export const authSessionSchema = z.object({
  id,
  userId: id,
  createdAt: timestamp,
  expiresAt: timestamp,
});
export type AuthSession = z.infer<typeof authSessionSchema>;

export const tokenKinds = ["invite", "reset", "setup"] as const;
export type TokenKind = (typeof tokenKinds)[number];

export const tokenSchema = z.object({
  id,
  kind: z.enum(tokenKinds),
  /** sha256 of the secret in the link; the link itself is never stored. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  userId: id.nullable(),
  createdAt: timestamp,
  expiresAt: timestamp,
  usedAt: timestamp.nullable(),
});
export type Token = z.infer<typeof tokenSchema>;

export const editionSchema = z.object({
  id,
  name: z.string().min(1).max(200),
  /** Secret part of the calendar feed URL: calendar apps cannot log in. */
  feedToken: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/),
  year: z.number().int().min(2000).max(2100),
  capacity: z.number().int().min(1).max(500),
  registrationOpensAt: timestamp,
  registrationClosesAt: timestamp,
  archivedAt: timestamp.nullable(),
  createdAt: timestamp,
  /** Set when an organiser removed the edition's personal data; only the counts remain. */
  personalDataDeletedAt: timestamp.nullable(),
  anonymousCounts: z.object({ trios: z.number().int(), participants: z.number().int(), municipalities: z.number().int() }).nullable(),
});
export type Edition = z.infer<typeof editionSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const agendaItemSchema = z.object({ start: clock, end: clock, kind: z.enum(agendaKinds), title: z.string().min(1).max(200) });
export type AgendaItem = z.infer<typeof agendaItemSchema>;

/** One of the four meetings of an edition, with its own copy of the curriculum texts. */
export const sessionSchema = z.object({
  id,
  editionId: id,
  number: z.number().int().min(1).max(4),
  title: z.string().min(1).max(200),
  theme: z.string().max(300),
  /** Markdown. */
  intro: z.string().max(50_000),
  speakerName: z.string().max(200),
  speakerTopic: z.string().max(300),
  agenda: z.array(agendaItemSchema).max(20),
  /** Markdown. */
  assignment: z.string().max(50_000),
  /** Markdown. */
  homework: z.string().max(50_000),
  /** null until the organiser schedules the session. */
  startsAt: timestamp.nullable(),
  endsAt: timestamp.nullable(),
  location: z.string().max(500),
  onlineUrl: z.string().url().max(2000).nullable(),
  speakerIds: z.array(id),
  updatedAt: timestamp,
});
export type Session = z.infer<typeof sessionSchema>;


export const trioSchema = z.object({
  id,
  editionId: id,
  municipality: z.string().min(1).max(200),
  status: z.enum(trioStatuses),
  createdAt: timestamp,
  /** The member who filled in the registration form (null for seeded or imported trios). */
  registeredBy: id.nullable(),
  /** The short first description of the case given at registration. */
  caseSummary: z.string().max(2000),
  /** Whether the other trios of the edition may read this trio's case (peer consultation). */
  shareCase: z.boolean(),
  /** When an organiser last admitted, rejected or wait-listed the trio. */
  decidedAt: timestamp.nullable(),
});
export type Trio = z.infer<typeof trioSchema>;

export const membershipSchema = z.object({
  id,
  trioId: id,
  userId: id,
  domain: z.enum(domains),
  jobTitle: z.string().max(200),
  createdAt: timestamp,
});
export type Membership = z.infer<typeof membershipSchema>;

/**
 * A person named as trio member who has not (yet) agreed: an existing account named in a
 * registration, or by an organiser. It is no membership: no access to the trio, its
 * boards or dossier, until the person accepts through the link in their mail while
 * logged in as that account (ADR 021). A declined one stays for the organisers to see.
 */
export const trioInvitationSchema = z.object({
  id,
  trioId: id,
  /** null once the account is gone (a declined new account is removed). */
  userId: id.nullable(),
  domain: z.enum(domains),
  jobTitle: z.string().max(200),
  /** Who named the person: the registrant or an organiser (null for a visitor's registration). */
  invitedBy: id.nullable(),
  /** sha256 of the secret in the mailed link (null for a declined new account, which had no such link). */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  status: z.enum(["pending", "declined"]),
  createdAt: timestamp,
  expiresAt: timestamp,
  decidedAt: timestamp.nullable(),
});
export type TrioInvitation = z.infer<typeof trioInvitationSchema>;

export const storedFileSchema = z.object({
  id,
  /** The name of the file in DATA_DIR/files: generated, never the uploaded name. */
  storedName: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  originalName: z.string().min(1).max(255),
  /** Established from the content, not from the name or the browser's claim. */
  mime: z.string().max(200),
  size: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedBy: id,
  createdAt: timestamp,
});
export type StoredFile = z.infer<typeof storedFileSchema>;


/** A version of a material. The newest published one whose time has come is what participants see. */
export const revisionSchema = z.object({
  id,
  title: z.string().min(1).max(200),
  /** Markdown: the text itself, or a description of the file or link. */
  body: z.string().max(100_000),
  url: z.string().url().max(2000).nullable(),
  fileId: id.nullable(),
  status: z.enum(["draft", "published"]),
  /** For published revisions: from when participants see it. */
  publishAt: timestamp.nullable(),
  savedAt: timestamp,
  savedBy: id,
});
export type Revision = z.infer<typeof revisionSchema>;

export const materialSchema = z.object({
  id,
  sessionId: id,
  kind: z.enum(materialKinds),
  createdBy: id,
  createdAt: timestamp,
  /** Oldest first; never removed, so organisers can see every earlier version. */
  revisions: z.array(revisionSchema).min(1),
  deletedAt: timestamp.nullable(),
});
export type Material = z.infer<typeof materialSchema>;

export const questionSchema = z.object({
  id,
  sessionId: id,
  trioId: id,
  authorId: id,
  text: z.string().min(1).max(2000),
  createdAt: timestamp,
  hiddenAt: timestamp.nullable(),
  hiddenBy: id.nullable(),
});
export type Question = z.infer<typeof questionSchema>;

/** One saved version of a trio's case; editing adds a version, earlier ones are kept. */
export const caseVersionSchema = z.object({
  id,
  title: z.string().min(1).max(200),
  question: z.string().max(5000),
  neighbourhood: z.string().max(500),
  involved: z.string().max(5000),
  learningGoals: z.string().max(5000),
  savedAt: timestamp,
  savedBy: id,
});
export type CaseVersion = z.infer<typeof caseVersionSchema>;

export const caseFileSchema = z.object({
  fileId: id,
  addedAt: timestamp,
  addedBy: id,
  removedAt: timestamp.nullable(),
});

/** A trio's case (casus): one per trio. */
export const trioCaseSchema = z.object({
  id,
  trioId: id,
  versions: z.array(caseVersionSchema).min(1),
  files: z.array(caseFileSchema),
});
export type TrioCase = z.infer<typeof trioCaseSchema>;

/** A member's request to have their personal data deleted, handled by an organiser. */
export const deletionRequestSchema = z.object({
  id,
  userId: id,
  createdAt: timestamp,
  handledAt: timestamp.nullable(),
});
export type DeletionRequest = z.infer<typeof deletionRequestSchema>;

export const mailSchema = z.object({
  id,
  to: z.string().email(),
  subject: z.string().max(500),
  text: z.string().max(100_000),
  /** Extra headers the transport passes on (List-Unsubscribe, List-Unsubscribe-Post). */
  headers: z.record(z.string().max(2000)).optional(),
  createdAt: timestamp,
});
export type Mail = z.infer<typeof mailSchema>;

/** Collections contributed by feature schemas (added in version 2; see migrations.server.ts). */
export const featureCollections = { ...homeworkCollections, ...boardCollections, ...exerciseCollections, ...mailCollections };
export const featureCollectionNames = Object.keys(featureCollections) as (keyof typeof featureCollections)[];

export const dataSchema = z.object({
  version: z.literal(DATA_VERSION),
  users: z.array(userSchema),
  authSessions: z.array(authSessionSchema),
  tokens: z.array(tokenSchema),
  editions: z.array(editionSchema),
  sessions: z.array(sessionSchema),
  trios: z.array(trioSchema),
  memberships: z.array(membershipSchema),
  trioInvitations: z.array(trioInvitationSchema),
  files: z.array(storedFileSchema),
  materials: z.array(materialSchema),
  questions: z.array(questionSchema),
  cases: z.array(trioCaseSchema),
  deletionRequests: z.array(deletionRequestSchema),
  outbox: z.array(mailSchema),
  ...featureCollections,
  ...auditCollections,
  ...preferenceCollections,
  ...liveCollections,
});
export type Data = z.infer<typeof dataSchema>;
export type Collection = Exclude<keyof Data, "version">;

export function emptyData(): Data {
  return {
    version: DATA_VERSION,
    users: [],
    authSessions: [],
    tokens: [],
    editions: [],
    sessions: [],
    trios: [],
    memberships: [],
    trioInvitations: [],
    files: [],
    materials: [],
    questions: [],
    cases: [],
    deletionRequests: [],
    outbox: [],
    auditEvents: [],
    mailPreferences: [],
    ...(Object.fromEntries(featureCollectionNames.map((name) => [name, []])) as { [K in keyof typeof featureCollections]: [] }),
    ...(Object.fromEntries(Object.keys(liveCollections).map((name) => [name, []])) as { [K in keyof typeof liveCollections]: [] }),
  };
}
