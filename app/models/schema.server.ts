import { z } from "zod";

/** Bump when the shape of the data file changes, and add a migration. */
export const DATA_VERSION = 1;

const id = z.string().min(1).max(64);
const timestamp = z.string().datetime({ offset: true });

export const roles = ["organiser", "speaker", "participant"] as const;
export type Role = (typeof roles)[number];

export const domains = ["wijk", "fysiek", "sociaal"] as const;
export type Domain = (typeof domains)[number];

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
  year: z.number().int().min(2000).max(2100),
  capacity: z.number().int().min(1).max(500),
  registrationOpensAt: timestamp,
  registrationClosesAt: timestamp,
  archivedAt: timestamp.nullable(),
  createdAt: timestamp,
});
export type Edition = z.infer<typeof editionSchema>;

export const sessionSchema = z.object({
  id,
  editionId: id,
  number: z.number().int().min(1).max(4),
  title: z.string().min(1).max(200),
  startsAt: timestamp,
  endsAt: timestamp,
  location: z.string().max(500),
  speakerIds: z.array(id),
});
export type Session = z.infer<typeof sessionSchema>;

export const trioStatuses = ["registered", "admitted", "waiting", "rejected"] as const;
export type TrioStatus = (typeof trioStatuses)[number];

export const trioSchema = z.object({
  id,
  editionId: id,
  municipality: z.string().min(1).max(200),
  status: z.enum(trioStatuses),
  createdAt: timestamp,
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

export const mailSchema = z.object({
  id,
  to: z.string().email(),
  subject: z.string().max(500),
  text: z.string().max(100_000),
  createdAt: timestamp,
});
export type Mail = z.infer<typeof mailSchema>;

export const dataSchema = z.object({
  version: z.literal(DATA_VERSION),
  users: z.array(userSchema),
  authSessions: z.array(authSessionSchema),
  tokens: z.array(tokenSchema),
  editions: z.array(editionSchema),
  sessions: z.array(sessionSchema),
  trios: z.array(trioSchema),
  memberships: z.array(membershipSchema),
  outbox: z.array(mailSchema),
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
    outbox: [],
  };
}
