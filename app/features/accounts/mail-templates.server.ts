import type { Role } from "./user.server";
import { roleLabels } from "~/utils/labels";
import type { OutgoingMail } from "~/features/notifications/mail.server";
import { quoted } from "~/utils/plain-text";

const signature = "\n\nMet vriendelijke groet,\nHet team van de werkplaats wijkgericht werken";

/**
 * Text typed by participants (names, municipalities) only appears in a mail through
 * quoted(): on one line, between quote marks, with web addresses defanged, so it is
 * recognisably their data and never a link or the platform's own words (ADR 021).
 * Mails about trios therefore greet with "Beste collega": the name was typed by
 * whoever registered the trio, not by the recipient.
 */
const trioGreeting = "Beste collega,\n\n";

/** One line of a name typed by an organiser (already validated as one line without links). */
function plainName(name: string): string {
  return quoted(name).slice(1, -1);
}

export function invitationMail(
  to: { email: string; name: string },
  role: Role,
  link: string,
  validDays: number,
  forWhat?: string,
): OutgoingMail {
  return {
    to: to.email,
    subject: "Uitnodiging voor de werkplaats wijkgericht werken",
    text:
      (forWhat ? trioGreeting : `Beste ${plainName(to.name)},\n\n`) +
      `Je bent uitgenodigd voor het platform van de werkplaats wijkgericht werken, als ${roleLabels[role].toLowerCase()}${forWhat ? ` voor ${forWhat}` : ""}.\n` +
      `Kies via deze link een wachtwoord om je account te activeren:\n\n${link}\n\n` +
      `De link werkt één keer en is ${validDays} dagen geldig.` +
      signature,
  };
}

export function passwordResetMail(to: { email: string; name: string }, link: string, validMinutes: number): OutgoingMail {
  return {
    to: to.email,
    subject: "Nieuw wachtwoord instellen",
    text:
      trioGreeting +
      `Iemand (hopelijk jij) heeft gevraagd om een nieuw wachtwoord voor je account.\n` +
      `Stel het in via deze link:\n\n${link}\n\n` +
      `De link werkt één keer en is ${validMinutes} minuten geldig. Heb je niets aangevraagd? Dan kun je deze e-mail negeren; je wachtwoord blijft hetzelfde.` +
      signature,
  };
}

export function speakerAddedMail(
  to: { email: string; name: string },
  session: { number: number; title: string },
  editionName: string,
  link: string,
): OutgoingMail {
  return {
    to: to.email,
    subject: `Je spreekt in bijeenkomst ${session.number} van ${editionName}`,
    text:
      `Beste ${plainName(to.name)},\n\n` +
      `Je bent als spreker gekoppeld aan bijeenkomst ${session.number} (${session.title}) van ${editionName}.\n` +
      `Op de pagina van de bijeenkomst zie je de planning en de vragen van de deelnemers, en publiceer je je materiaal:\n\n${link}` +
      signature,
  };
}

export type TrioDecision = "admitted" | "rejected" | "waiting";

/** The organisers' decision about a trio, sent to every member. */
export function trioDecisionMail(
  to: { email: string; name: string },
  decision: TrioDecision,
  trio: { municipality: string; editionName: string },
  link: string,
): OutgoingMail {
  const texts: Record<TrioDecision, { subject: string; body: string }> = {
    admitted: {
      subject: `Jullie trio doet mee aan ${trio.editionName}`,
      body:
        `Goed nieuws: trio ${quoted(trio.municipality)} is toegelaten tot ${trio.editionName}. Welkom!\n` +
        `Op het platform vinden jullie het programma, de data van de bijeenkomsten en het materiaal van de sprekers:\n\n${link}`,
    },
    waiting: {
      subject: `Trio ${quoted(trio.municipality)} staat op de wachtlijst`,
      body:
        `Trio ${quoted(trio.municipality)} staat op de wachtlijst voor ${trio.editionName}: op dit moment zijn alle plaatsen bezet.\n` +
        `Komt er een plaats vrij, dan hoort je trio dat meteen van ons. Je aanmelding blijft gewoon staan; je hoeft niets te doen.`,
    },
    rejected: {
      subject: `Trio ${quoted(trio.municipality)} kan helaas niet meedoen`,
      body:
        `Helaas kan trio ${quoted(trio.municipality)} niet meedoen aan ${trio.editionName}. Dat vinden we jammer.\n` +
        `Wil je weten waarom, of samen kijken naar een volgende ronde? Reageer dan op deze e-mail; we denken graag mee.`,
    },
  };
  const { subject, body } = texts[decision];
  return { to: to.email, subject, text: `${trioGreeting}${body}` + signature };
}

/** For someone who is no longer in a trio (replaced by the organisers, or left). Their account stays. */
export function removedFromTrioMail(
  to: { email: string; name: string },
  trio: { municipality: string; editionName: string },
  byOrganiser: boolean,
): OutgoingMail {
  return {
    to: to.email,
    subject: `Je bent niet meer lid van trio ${quoted(trio.municipality)}`,
    text:
      trioGreeting +
      (byOrganiser
        ? `De begeleiders hebben je in trio ${quoted(trio.municipality)} (${trio.editionName}) vervangen door een collega. Bedankt voor je inzet!\n`
        : `Je hebt trio ${quoted(trio.municipality)} (${trio.editionName}) verlaten.\n`) +
      `Je account blijft bestaan, zodat je later weer mee kunt doen. Klopt dit niet? Reageer dan op deze e-mail.` +
      signature,
  };
}

/** Who named the recipient in a trio: the registrant's name as typed (quoted), or the organisers. */
export type NamedBy = { kind: "registrant"; name: string } | { kind: "self" } | { kind: "organisers" };

function namedByLine(by: NamedBy, forWhat: string): string {
  if (by.kind === "self") return `Met dit e-mailadres is ${forWhat} aangemeld, met jou als lid.\n`;
  if (by.kind === "organisers") return `De begeleiders hebben je toegevoegd aan ${forWhat}.\n`;
  return `Je bent aangemeld als lid van ${forWhat}. Dat deed iemand die de naam ${quoted(by.name)} opgaf.\n`;
}

/**
 * For a new account made by a registration (or an organiser): choose a password to take
 * part, or refuse; refusing removes the unused account. `forWhat` comes from trioForWhat.
 */
export function trioWelcomeMail(
  to: { email: string },
  input: { forWhat: string; by: NamedBy; link: string; validDays: number; notice?: string },
): OutgoingMail {
  return {
    to: to.email,
    subject: "Uitnodiging voor de werkplaats wijkgericht werken",
    text:
      trioGreeting +
      namedByLine(input.by, input.forWhat) +
      `Doe je mee? Kies via deze link een wachtwoord om je account te activeren:\n\n${input.link}\n\n` +
      `Doe je niet mee, of klopt dit niet? Open dezelfde link en kies "Ik doe niet mee". Dan ben je geen lid meer en verwijderen we het account dat voor je is aangemaakt.\n` +
      `De link werkt één keer en is ${input.validDays} dagen geldig. Doe je niets, dan word je na die tijd niet actief in het trio.` +
      (input.notice ? `\n\n${input.notice}` : "") +
      signature,
  };
}

/**
 * For an existing account named as trio member: nothing changes until the person
 * accepts (logged in as this account) or refuses through the link.
 */
export function trioInvitationMail(
  to: { email: string },
  input: { forWhat: string; by: NamedBy; link: string; validDays: number; notice?: string },
): OutgoingMail {
  return {
    to: to.email,
    subject: "Bevestig of weiger: uitnodiging voor een trio",
    text:
      trioGreeting +
      namedByLine(input.by, input.forWhat) +
      `Je hebt al een account op het platform. Je wordt pas lid als jij dat bevestigt; tot dan verandert er niets aan je account.\n` +
      `Bevestigen of weigeren doe je via deze link (om te bevestigen log je in met je bestaande account):\n\n${input.link}\n\n` +
      `De link is ${input.validDays} dagen geldig. Doe je niets, dan word je geen lid.` +
      (input.notice ? `\n\n${input.notice}` : "") +
      signature,
  };
}

/** For the registrant of a trio: someone named in it does not take part. */
export function invitationDeclinedMail(
  to: { email: string },
  input: { name: string | null; domain: string; municipality: string; editionName: string },
): OutgoingMail {
  const who = input.name ? `${quoted(input.name)} (${input.domain})` : `De persoon die je opgaf voor het ${input.domain}`;
  return {
    to: to.email,
    subject: `Iemand doet niet mee in trio ${quoted(input.municipality)}`,
    text:
      trioGreeting +
      `${who} heeft laten weten niet mee te doen in trio ${quoted(input.municipality)} (${input.editionName}).\n` +
      `De begeleiders zien dit in het overzicht van de trio's. Geef hun door wie de plaats in het trio inneemt, door op deze e-mail te reageren.` +
      signature,
  };
}
