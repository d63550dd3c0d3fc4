/**
 * Per-person choices about non-essential mail (issue 16.13), and the signed unsubscribe
 * link that changes them without logging in. Essential mail (invitations, password
 * links, account messages, a session that moves) ignores these choices.
 */
import { getDb } from "~/data/db.server";
import { nowIso } from "~/data/ids.server";
import { mailKinds, type MailKind, type MailPreference } from "~/data/preferences-schema.server";
import { signLink, verifyLink } from "~/utils/signed-links.server";
import { absoluteUrl, type OutgoingMail } from "./mail.server";

export { mailKinds, type MailKind };
export type MailChoices = Record<MailKind, boolean>;

export const mailKindLabels: Record<MailKind, string> = {
  reminders: "herinneringen aan huiswerk",
  feedback: "feedback en reacties op jullie huiswerk",
  material: "nieuw materiaal van sprekers",
  digest: "het dagoverzicht van ingeleverd huiswerk (begeleiders)",
};

const ALL_ON: MailChoices = { reminders: true, feedback: true, material: true, digest: true };

export function getMailChoices(userId: string): MailChoices {
  const stored = getDb().data.mailPreferences.find((p) => p.userId === userId);
  return stored
    ? { reminders: stored.reminders, feedback: stored.feedback, material: stored.material, digest: stored.digest }
    : { ...ALL_ON };
}

export function wantsMail(userId: string, kind: MailKind): boolean {
  return getMailChoices(userId)[kind];
}

export async function setMailChoices(userId: string, choices: Partial<MailChoices>): Promise<MailChoices> {
  const next: MailChoices = { ...getMailChoices(userId), ...choices };
  await getDb().change((data) => {
    const record: MailPreference = { userId, ...next, updatedAt: nowIso() };
    const index = data.mailPreferences.findIndex((p) => p.userId === userId);
    if (index === -1) data.mailPreferences.push(record);
    else data.mailPreferences[index] = record;
  });
  return next;
}

/** A link that turns off one kind of mail for one person; it never expires. */
export function unsubscribeUrl(userId: string, kind: MailKind): string {
  return absoluteUrl(`/afmelden/${signLink(`${kind}:${userId}`)}`);
}

/** Who and what an unsubscribe token stands for, or null when it is not ours. */
export function readUnsubscribeToken(token: string): { userId: string; kind: MailKind } | null {
  const payload = verifyLink(token);
  if (!payload) return null;
  const [kind, userId] = payload.split(":");
  if (!(mailKinds as readonly string[]).includes(kind) || !userId) return null;
  if (!getDb().data.users.some((u) => u.id === userId)) return null;
  return { userId, kind: kind as MailKind };
}

/**
 * A non-essential mail gets its unsubscribe link in the text and the List-Unsubscribe
 * headers (RFC 2369 and RFC 8058 one-click), so mail programs offer the button too.
 */
export function withUnsubscribe(mail: OutgoingMail, userId: string, kind: MailKind): OutgoingMail {
  const url = unsubscribeUrl(userId, kind);
  return {
    ...mail,
    text:
      `${mail.text}\n\n--\nJe krijgt deze e-mail omdat je ${mailKindLabels[kind]} per e-mail ontvangt. ` +
      `Wil je dat niet meer? Meld je af met één klik: ${url}\nAlle e-mailvoorkeuren staan op ${absoluteUrl("/account#e-mail")}`,
    headers: { ...mail.headers, "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
