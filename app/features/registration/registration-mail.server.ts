import type { OutgoingMail } from "~/features/notifications/mail.server";
import type { PublicSessionDate } from "~/features/programme/edition-dates.server";
import { quoted } from "~/utils/plain-text";

/**
 * The confirmation for the person who filled in the registration form: what was
 * registered, the four dates to keep free and what happens next. Names and the
 * municipality were typed into the form, so they appear quoted (ADR 021).
 */
export function registrationConfirmationMail(
  to: { email: string },
  input: { municipality: string; editionName: string; waiting: boolean; colleagues: string[]; sessions: PublicSessionDate[] },
): OutgoingMail {
  const dates = input.sessions
    .map((s) => `- Bijeenkomst ${s.number}: ${s.when ?? "datum volgt"}${s.place ? `, ${s.place}` : ""}`)
    .join("\n");
  return {
    to: to.email,
    subject: `Aanmelding ontvangen: ${input.editionName}`,
    text:
      "Beste collega,\n\n" +
      `We hebben de aanmelding van trio ${quoted(input.municipality)} voor ${input.editionName} ontvangen.\n` +
      (input.waiting
        ? "Alle plaatsen zijn op dit moment bezet: jullie trio staat op de wachtlijst. Komt er een plaats vrij, dan hoor je het meteen.\n"
        : "De begeleiders bekijken de aanmelding en laten jullie weten of jullie trio is toegelaten.\n") +
      (input.colleagues.length
        ? `\nJe collega's ${input.colleagues.map((name) => quoted(name)).join(" en ")} hebben een eigen e-mail gekregen om te bevestigen dat ze meedoen.\n`
        : "") +
      `\nHoud deze data vrij; een trio is samen bij alle vier de bijeenkomsten:\n${dates}\n` +
      "\nKlopt deze aanmelding niet? Neem dan contact op met de begeleiders." +
      "\n\nMet vriendelijke groet,\nHet team van de werkplaats wijkgericht werken",
  };
}
