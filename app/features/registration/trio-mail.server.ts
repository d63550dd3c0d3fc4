import type { TrioInvitation } from "~/data/schema.server";
import { issueToken } from "~/features/accounts/token.server";
import type { User } from "~/features/accounts/user.server";
import { INVITE_TTL_MS } from "~/utils/auth-config.server";
import { absoluteUrl, sendMail } from "~/features/notifications/mail.server";
import { trioInvitationMail, trioWelcomeMail, type NamedBy } from "~/features/accounts/mail-templates.server";
import { quoted } from "~/utils/plain-text";

export type { NamedBy };

/** 'trio “Altena” in Werkplaats wijkgericht werken 2026': what an invitation is for (the municipality quoted). */
export function trioForWhat(municipality: string, editionName: string): string {
  return `trio ${quoted(municipality)} in ${editionName}`;
}

const validDays = INVITE_TTL_MS / 86_400_000;

/**
 * Mails one person named in a trio (ADR 021). A new account (or one whose invitation
 * was never used) gets a link to choose a password or refuse; an account in use gets
 * an invitation to accept (logged in) or refuse, and is no member until then.
 */
export async function mailNamedPerson(
  person:
    | { kind: "new"; user: Pick<User, "id" | "email"> }
    | { kind: "invited"; user: Pick<User, "id" | "email">; invitation: TrioInvitation; token: string },
  forWhat: string,
  by: NamedBy,
): Promise<void> {
  if (person.kind === "invited") {
    await sendMail(trioInvitationMail(person.user, { forWhat, by, link: absoluteUrl(`/uitnodiging/${person.token}`), validDays }));
    return;
  }
  const { token } = await issueToken("invite", person.user.id, INVITE_TTL_MS);
  await sendMail(trioWelcomeMail(person.user, { forWhat, by, link: absoluteUrl(`/wachtwoord/${token}`), validDays }));
}
