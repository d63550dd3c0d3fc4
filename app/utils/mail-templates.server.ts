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
