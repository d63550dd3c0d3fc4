import { z } from "zod";
import { id, timestamp } from "./schema-primitives.server";

/**
 * Mail waiting for the SMTP server (ADR 027). A mail is written here before the
 * user's action answers and leaves only once the SMTP server accepted it, or when
 * it is given up on and moved to the outbox that organisers read.
 */
export const queuedMailSchema = z.object({
  id,
  to: z.string().email(),
  subject: z.string().max(500),
  text: z.string().max(100_000),
  headers: z.record(z.string().max(2000)).optional(),
  createdAt: timestamp,
  attempts: z.number().int().min(0),
  nextAttemptAt: timestamp,
  lastError: z.string().max(500).optional(),
});
export type QueuedMail = z.infer<typeof queuedMailSchema>;

export const mailCollections = { mailQueue: z.array(queuedMailSchema).default([]) };
