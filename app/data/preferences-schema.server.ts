import { z } from "zod";
import { id, timestamp } from "./schema-primitives.server";

/** The non-essential mails a person can turn off (issue 16.13). Invitations, password and account mail always go. */
export const mailKinds = ["reminders", "feedback", "material", "digest"] as const;
export type MailKind = (typeof mailKinds)[number];

/** One person's choices; a person without a record gets every kind (the default). */
export const mailPreferenceSchema = z.object({
  userId: id,
  reminders: z.boolean(),
  feedback: z.boolean(),
  material: z.boolean(),
  digest: z.boolean(),
  updatedAt: timestamp,
});
export type MailPreference = z.infer<typeof mailPreferenceSchema>;

/** `.default([])`: older data files load without a migration. */
export const preferenceCollections = {
  mailPreferences: z.array(mailPreferenceSchema).default([]),
};
