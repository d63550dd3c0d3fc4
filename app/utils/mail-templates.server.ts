import type { Role } from "~/models/user.server";
import { roleLabels } from "./labels";
import type { OutgoingMail } from "./mail.server";

const signature = "\n\nMet vriendelijke groet,\nHet team van de werkplaats wijkgericht werken";

export function invitationMail(to: { email: string; name: string }, role: Role, link: string, validDays: number): OutgoingMail {
  return {
    to: to.email,
    subject: "Uitnodiging voor de werkplaats wijkgericht werken",
    text:
      `Beste ${to.name},\n\n` +
      `Je bent uitgenodigd voor het platform van de werkplaats wijkgericht werken, als ${roleLabels[role].toLowerCase()}.\n` +
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
