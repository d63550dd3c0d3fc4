import type { TrioInvitation } from "~/data/schema.server";
import { issueToken } from "~/features/accounts/token.server";
import type { User } from "~/features/accounts/user.server";
import { INVITE_TTL_MS } from "~/utils/auth-config.server";
import { absoluteUrl, sendMail } from "~/features/notifications/mail.server";
import { trioInvitationMail, trioWelcomeMail, type NamedBy } from "~/features/accounts/mail-templates.server";
import { quoted } from "~/utils/plain-text";
import { getEnv } from "~/utils/env.server";

export type { NamedBy };

/** 'trio “Altena” in Werkplaats wijkgericht werken 2026': what an invitation is for (the municipality quoted). */
export function trioForWhat(municipality: string, editionName: string): string {
  return `trio ${quoted(municipality)} in ${editionName}`;
}

const validDays = INVITE_TTL_MS / 86_400_000;

/**
 * The AVG art. 14 notice for someone whose data we got from another person (the registrant
 * or an organiser): who holds it, what, why, how long, their rights, and how to refuse.
 */
export function namedPersonNotice(by: NamedBy, refuse: string): string {
  const env = getEnv();
  const controller = env.CONTROLLER_NAME ?? "de gemeente die dit platform aanbiedt";
  const source =
    by.kind === "organisers" ? "de begeleiders" : by.kind === "self" ? "het aanmeldformulier" : "degene die het trio aanmeldde";
  return (
    `Wat we van je hebben, en waarom\n` +
    `Je naam, e-mailadres, functie en domein kregen we van ${source}, niet van jou zelf. ${controller} (verantwoordelijk voor dit platform) ` +
    `gebruikt ze alleen om het leerprogramma met jouw trio te doen: je uitnodigen, toelaten en op de hoogte houden (AVG artikel 6 lid 1 onder e). ` +
    `De begeleiders zien ze; andere trio's niet. We bewaren ze tot de begeleiders de gegevens van deze editie verwijderen; ` +
    `doen zij dat niet eerder, dan verwijdert het platform ze automatisch ${env.RETENTION_MONTHS} maanden na de laatste bijeenkomst.\n` +
    `Je mag je gegevens inzien, laten verbeteren of laten verwijderen, en bezwaar maken` +
    (env.CONTROLLER_EMAIL ? ` (mail naar ${env.CONTROLLER_EMAIL})` : "") +
    `. Wil je niet meedoen? ${refuse} Dan ben je geen lid van het trio en horen de begeleiders dat. ` +
    `Meer staat in de privacyverklaring: ${absoluteUrl("/privacy")}`
  );
}

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
    const link = absoluteUrl(`/uitnodiging/${person.token}`);
    const notice = namedPersonNotice(by, `Open de link hierboven en kies "Ik doe niet mee"; inloggen is daarvoor niet nodig.`);
    await sendMail(trioInvitationMail(person.user, { forWhat, by, link, validDays, notice }));
    return;
  }
  const { token } = await issueToken("invite", person.user.id, INVITE_TTL_MS);
  const notice = namedPersonNotice(
    by,
    `Open de link hierboven en kies "Ik doe niet mee"; het account dat voor je is aangemaakt verdwijnt dan.`,
  );
  await sendMail(trioWelcomeMail(person.user, { forWhat, by, link: absoluteUrl(`/wachtwoord/${token}`), validDays, notice }));
}
