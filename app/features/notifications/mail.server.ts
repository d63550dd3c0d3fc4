import { addToOutbox } from "./outbox.server";
import { enqueueMail, type OutgoingMail } from "./mail-queue.server";
import { getEnv } from "~/utils/env.server";

export type { OutgoingMail };

/**
 * With SMTP_URL the mail is queued durably and sent in the background with retries
 * (mail-queue.server.ts), so a slow or absent SMTP server never fails the user's
 * action; without it the mail lands in the outbox, which organisers read in the app.
 */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  if (getEnv().SMTP_URL) {
    await enqueueMail(mail);
    return;
  }
  await addToOutbox(mail);
}

export function absoluteUrl(path: string): string {
  return `${getEnv().baseUrl}${path}`;
}
