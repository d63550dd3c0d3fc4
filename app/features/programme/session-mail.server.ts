/** The mail participants get when a session they take part in moves or changes place. */
import type { Session } from "~/data/schema.server";
import { getDb } from "~/data/db.server";
import { absoluteUrl, sendMail, type OutgoingMail } from "~/features/notifications/mail.server";
import { formatTimeRange } from "~/utils/dates";

const signature = "\n\nMet vriendelijke groet,\nHet team van de werkplaats wijkgericht werken";

type Schedule = Pick<Session, "startsAt" | "endsAt" | "location" | "onlineUrl">;

export function scheduleChanged(before: Schedule, after: Schedule): boolean {
  return (
    before.startsAt !== after.startsAt ||
    before.endsAt !== after.endsAt ||
    before.location.trim() !== after.location.trim() ||
    before.onlineUrl !== after.onlineUrl
  );
}

export function placeOf(session: Schedule): string {
  const parts = [session.location.trim(), session.onlineUrl ? `online: ${session.onlineUrl}` : ""].filter(Boolean);
  return parts.join("; ") || "geen plaats opgegeven";
}

function whenOf(session: Schedule): string {
  return session.startsAt && session.endsAt ? formatTimeRange(session.startsAt, session.endsAt) : "nog niet gepland";
}

export function scheduleChangeMail(to: string, input: { before: Schedule; after: Session; editionName: string }): OutgoingMail {
  const { before, after } = input;
  return {
    to,
    subject: `Gewijzigd: bijeenkomst ${after.number} van ${input.editionName}`,
    text:
      `Beste collega,\n\n` +
      `De datum, tijd of plaats van bijeenkomst ${after.number} (${after.title}) is gewijzigd.\n\n` +
      `Nu: ${whenOf(after)}\nPlaats: ${placeOf(after)}\n\n` +
      `Was: ${whenOf(before)}\nPlaats: ${placeOf(before)}\n\n` +
      `Zet je de bijeenkomst in je agenda? Haal dan de nieuwe afspraak op via de pagina van de bijeenkomst:\n\n${absoluteUrl(`/sessies/${after.id}`)}` +
      signature,
  };
}

/**
 * Mails every member of the edition's admitted trios and the session's speakers.
 * Sent regardless of mail preferences and without an unsubscribe link: a change to the
 * date or place of a session someone committed to is a service message about that
 * commitment (like an invitation), not a notification they chose to receive; missing
 * it means travelling to the wrong place.
 */
export async function mailScheduleChange(before: Schedule, after: Session): Promise<number> {
  const data = getDb().data;
  const edition = data.editions.find((e) => e.id === after.editionId);
  if (!edition || edition.archivedAt || edition.personalDataDeletedAt) return 0;
  const trioIds = new Set(data.trios.filter((t) => t.editionId === edition.id && t.status === "admitted").map((t) => t.id));
  const userIds = new Set([...data.memberships.filter((m) => trioIds.has(m.trioId)).map((m) => m.userId), ...after.speakerIds]);
  const recipients = data.users.filter((u) => userIds.has(u.id));
  for (const user of recipients) await sendMail(scheduleChangeMail(user.email, { before, after, editionName: edition.name }));
  return recipients.length;
}
