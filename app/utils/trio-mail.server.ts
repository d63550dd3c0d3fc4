import { issueToken } from "~/models/token.server";
import type { User } from "~/models/user.server";
import { INVITE_TTL_MS } from "./auth-config.server";
import { absoluteUrl, sendMail } from "./mail.server";
import { addedToTrioMail, invitationMail } from "./mail-templates.server";

/** "trio Altena in Werkplaats wijkgericht werken 2026": what an invitation is for. */
export function trioForWhat(municipality: string, editionName: string): string {
  return `trio ${municipality} in ${editionName}`;
}

/**
 * Tells a person they are in a trio: without a password yet (a new account, or an
 * earlier invitation never used) they get an invitation link to choose one; with
 * an account in use, a short notice to log in as usual.
 */
export async function inviteOrNotify(user: Pick<User, "id" | "name" | "email" | "passwordHash">, forWhat: string): Promise<void> {
  if (user.passwordHash === null) {
    const { token } = await issueToken("invite", user.id, INVITE_TTL_MS);
    await sendMail(invitationMail(user, "participant", absoluteUrl(`/wachtwoord/${token}`), INVITE_TTL_MS / 86_400_000, forWhat));
    return;
  }
  await sendMail(addedToTrioMail(user, forWhat, absoluteUrl("/inloggen")));
}
