import { formatTimeRange } from "~/utils/dates";
import { listSessionsOfEdition, speakerDisplayName } from "./session.server";

/** One session as anyone may see it before registering: when, where and who speaks. */
export type PublicSessionDate = { id: string; number: number; title: string; when: string | null; place: string; speaker: string };

export function listPublicSessionDates(editionId: string): PublicSessionDate[] {
  return listSessionsOfEdition(editionId).map((s) => ({
    id: s.id,
    number: s.number,
    title: s.title,
    when: s.startsAt && s.endsAt ? formatTimeRange(s.startsAt, s.endsAt) : null,
    place: s.location.trim() || (s.onlineUrl ? "Online" : ""),
    speaker: speakerDisplayName(s),
  }));
}
