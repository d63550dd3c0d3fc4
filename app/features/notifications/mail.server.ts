import nodemailer, { type Transporter } from "nodemailer";
import { addToOutbox } from "./outbox.server";
import { getEnv } from "~/utils/env.server";
import { singleton } from "~/utils/singleton.server";

/** `headers`: extra headers such as List-Unsubscribe, kept on the outbox record and passed on by the transport. */
export type OutgoingMail = { to: string; subject: string; text: string; headers?: Record<string, string> };

function transport(): Transporter | null {
  const { SMTP_URL } = getEnv();
  if (!SMTP_URL) return null;
  return singleton(`smtp:${SMTP_URL}`, () => nodemailer.createTransport(SMTP_URL));
}

/**
 * Sends over SMTP when SMTP_URL is set; otherwise the mail lands in the outbox in
 * the data folder, which organisers read in the app. Every flow works either way.
 */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const smtp = transport();
  if (smtp) {
    await smtp.sendMail({ from: getEnv().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, headers: mail.headers });
    return;
  }
  await addToOutbox(mail);
}

export function absoluteUrl(path: string): string {
  return `${getEnv().baseUrl}${path}`;
}
