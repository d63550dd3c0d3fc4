import { issueToken } from "~/features/accounts/token.server";
import { createUser, DuplicateEmailError, getUserByEmail, type User } from "~/features/accounts/user.server";
import { invitationMail, speakerAddedMail } from "~/features/accounts/mail-templates.server";
import { absoluteUrl, sendMail } from "~/features/notifications/mail.server";
import { INVITE_TTL_MS } from "~/utils/auth-config.server";
import type { FieldErrors } from "~/utils/forms";
import { addSpeakerToSession, type Session } from "./session.server";

/**
 * Links a speaker to a session by address: an existing speaker account is linked and told,
 * a new address gets a speaker account and an invitation to choose a password.
 */
export async function inviteSpeaker(
  session: Session,
  editionName: string,
  input: { name: string; email: string },
): Promise<{ ok: true; speaker: User } | { ok: false; errors: FieldErrors }> {
  const existing = getUserByEmail(input.email);
  if (existing && existing.role !== "speaker")
    return { ok: false, errors: { email: "Dit e-mailadres hoort bij een account dat geen spreker is." } };
  let speaker = existing;
  try {
    speaker ??= await createUser({ name: input.name, email: input.email, role: "speaker" });
  } catch (error) {
    if (error instanceof DuplicateEmailError) return { ok: false, errors: { email: "Er bestaat al een account met dit e-mailadres." } };
    throw error;
  }
  await addSpeakerToSession(session.id, speaker.id);
  if (speaker.passwordHash) {
    await sendMail(speakerAddedMail(speaker, session, editionName, absoluteUrl(`/sessies/${session.id}`)));
  } else {
    const { token } = await issueToken("invite", speaker.id, INVITE_TTL_MS);
    await sendMail(
      invitationMail(
        speaker,
        "speaker",
        absoluteUrl(`/wachtwoord/${token}`),
        INVITE_TTL_MS / 86_400_000,
        `bijeenkomst ${session.number} (${session.title}) van ${editionName}`,
      ),
    );
  }
  return { ok: true, speaker };
}
