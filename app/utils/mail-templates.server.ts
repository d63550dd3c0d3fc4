import type { Role } from "~/models/user.server";
import { roleLabels } from "./labels";
import type { OutgoingMail } from "./mail.server";

const signature = "\n\nMet vriendelijke groet,\nHet team van de werkplaats wijkgericht werken";

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
      `Beste ${to.name},\n\n` +
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
      `Beste ${to.name},\n\n` +
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
      `Beste ${to.name},\n\n` +
      `Je bent als spreker gekoppeld aan bijeenkomst ${session.number} (${session.title}) van ${editionName}.\n` +
      `Op de pagina van de bijeenkomst zie je de planning en de vragen van de deelnemers, en publiceer je je materiaal:\n\n${link}` +
      signature,
  };
}

/** For someone who already has an account and is now in a trio (no second account, no new password). */
export function addedToTrioMail(to: { email: string; name: string }, forWhat: string, link: string): OutgoingMail {
  return {
    to: to.email,
    subject: `Je bent toegevoegd aan ${forWhat}`,
    text:
      `Beste ${to.name},\n\n` +
      `Je bent toegevoegd aan ${forWhat}. Je hebt al een account op het platform van de werkplaats wijkgericht werken, dus je hoeft niets nieuws aan te maken.\n` +
      `Log in met je bestaande e-mailadres en wachtwoord:\n\n${link}\n\n` +
      `Klopt dit niet? Laat het de begeleiders weten door op deze e-mail te reageren.` +
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
        `Goed nieuws: trio ${trio.municipality} is toegelaten tot ${trio.editionName}. Welkom!\n` +
        `Op het platform vinden jullie het programma, de data van de bijeenkomsten en het materiaal van de sprekers:\n\n${link}`,
    },
    waiting: {
      subject: `Trio ${trio.municipality} staat op de wachtlijst`,
      body:
        `Trio ${trio.municipality} staat op de wachtlijst voor ${trio.editionName}: op dit moment zijn alle plaatsen bezet.\n` +
        `Komt er een plaats vrij, dan hoort je trio dat meteen van ons. Je aanmelding blijft gewoon staan; je hoeft niets te doen.`,
    },
    rejected: {
      subject: `Trio ${trio.municipality} kan helaas niet meedoen`,
      body:
        `Helaas kan trio ${trio.municipality} niet meedoen aan ${trio.editionName}. Dat vinden we jammer.\n` +
        `Wil je weten waarom, of samen kijken naar een volgende ronde? Reageer dan op deze e-mail; we denken graag mee.`,
    },
  };
  const { subject, body } = texts[decision];
  return { to: to.email, subject, text: `Beste ${to.name},\n\n${body}` + signature };
}

/** For someone who is no longer in a trio (replaced by the organisers, or left). Their account stays. */
export function removedFromTrioMail(to: { email: string; name: string }, trio: { municipality: string; editionName: string }, byOrganiser: boolean): OutgoingMail {
  return {
    to: to.email,
    subject: `Je bent niet meer lid van trio ${trio.municipality}`,
    text:
      `Beste ${to.name},\n\n` +
      (byOrganiser
        ? `De begeleiders hebben je in trio ${trio.municipality} (${trio.editionName}) vervangen door een collega. Bedankt voor je inzet!\n`
        : `Je hebt trio ${trio.municipality} (${trio.editionName}) verlaten.\n`) +
      `Je account blijft bestaan, zodat je later weer mee kunt doen. Klopt dit niet? Reageer dan op deze e-mail.` +
      signature,
  };
}
