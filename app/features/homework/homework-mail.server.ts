/** The homework scheduler's mails (kept out of mail-templates.server.ts, which other features edit too). */
import type { Edition, Session, Trio } from "~/data/schema.server";
import { formatDateTime } from "~/utils/dates";
import { absoluteUrl, type OutgoingMail } from "~/features/notifications/mail.server";
import { quoted } from "~/utils/plain-text";

const signature = "\n\nMet vriendelijke groet,\nHet team van de werkplaats wijkgericht werken";

export function reminderMail(input: {
  to: string;
  name: string;
  trio: Pick<Trio, "id" | "municipality">;
  session: Pick<Session, "id" | "number" | "title">;
  dueAt: string;
}): OutgoingMail {
  const link = absoluteUrl(`/trios/${input.trio.id}/huiswerk/${input.session.id}`);
  return {
    to: input.to,
    subject: `Herinnering: huiswerk bijeenkomst ${input.session.number} inleveren vóór ${formatDateTime(input.dueAt)}`,
    text:
      // The member's name and the municipality were typed by participants: greeting without it, municipality quoted (ADR 021).
      `Beste collega,\n\n` +
      `Jullie trio (${quoted(input.trio.municipality)}) heeft het huiswerk van bijeenkomst ${input.session.number} (${input.session.title}) nog niet ingeleverd. ` +
      `De inleverdatum is ${formatDateTime(input.dueAt)}.\n\n` +
      `Werk samen verder aan jullie concept en lever het in via:\n\n${link}` +
      signature,
  };
}

export function digestMail(input: {
  to: string;
  name: string;
  edition: Pick<Edition, "id" | "name">;
  at: string;
  items: Array<{ municipality: string; session: number; late: boolean; submittedAt: string }>;
}): OutgoingMail {
  const lines = input.items
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
    .map(
      (i) =>
        `- Trio ${quoted(i.municipality)}, bijeenkomst ${i.session}: ingeleverd op ${formatDateTime(i.submittedAt)}${i.late ? " (te laat)" : ""}`,
    );
  return {
    to: input.to,
    subject: `Huiswerk binnengekomen: ${input.items.length} ${input.items.length === 1 ? "inzending" : "inzendingen"} (${input.edition.name})`,
    text:
      `Beste ${input.name},\n\n` +
      `In de 24 uur tot ${formatDateTime(input.at)} kwam dit huiswerk binnen:\n\n${lines.join("\n")}\n\n` +
      `Bekijk de voortgang en geef feedback via:\n\n${absoluteUrl(`/beheer/edities/${input.edition.id}/huiswerk`)}` +
      signature,
  };
}
