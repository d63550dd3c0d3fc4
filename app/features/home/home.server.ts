/** What the start page shows to each kind of visitor. */
import { getEdition, listEditions } from "~/features/programme/edition.server";
import { listPublicSessionDates } from "~/features/programme/edition-dates.server";
import { listMaterialsOfSession, listVisibleMaterials, materialState } from "~/features/programme/material.server";
import { listQuestionsOfSession } from "~/features/programme/question.server";
import {
  listSessionsOfEdition,
  listSessionsOfSpeaker,
  nextSession,
  speakerDisplayName,
  type Session,
} from "~/features/programme/session.server";
import { isEditionFull, listOpenEditions } from "~/features/registration/registration.server";
import { getTrio, listMembershipsOfUser, listMembersOfTrio, listTriosOfEdition } from "~/features/registration/trio.server";
import { formatDate, formatTimeRange } from "~/utils/dates";
import { renderMarkdown } from "~/utils/markdown.server";
import { relativeDays } from "~/utils/relative-time";

/** Material published this recently counts as "new" on a participant's home page. */
const NEW_MATERIAL_DAYS = 14;

export function sessionView(s: Session, now: Date) {
  return {
    id: s.id,
    number: s.number,
    title: s.title,
    when: s.startsAt && s.endsAt ? formatTimeRange(s.startsAt, s.endsAt) : null,
    past: Boolean(s.endsAt && s.endsAt <= now.toISOString()),
    location: s.location || (s.onlineUrl ? "Online" : ""),
  };
}
export type SessionView = ReturnType<typeof sessionView>;

/** The editions anyone can register for now, with the dates and places of their sessions. */
export function publicHome(now: Date) {
  return listOpenEditions(now).map((edition) => ({
    id: edition.id,
    name: edition.name,
    closes: formatDate(edition.registrationClosesAt),
    full: isEditionFull(edition),
    sessions: listPublicSessionDates(edition.id),
  }));
}

export function organiserHome(now: Date) {
  return listEditions().map((edition) => {
    const trios = listTriosOfEdition(edition.id);
    const sessions = listSessionsOfEdition(edition.id);
    const next = nextSession(sessions, now);
    return {
      id: edition.id,
      name: edition.name,
      capacity: edition.capacity,
      archived: Boolean(edition.archivedAt),
      admitted: trios.filter((t) => t.status === "admitted").length,
      registered: trios.filter((t) => t.status === "registered").length,
      waiting: trios.filter((t) => t.status === "waiting").length,
      unscheduled: sessions.filter((s) => !s.startsAt).length,
      next: next ? { ...sessionView(next, now), countdown: relativeDays(next.startsAt!, now) } : null,
    };
  });
}

export function speakerHome(userId: string, now: Date) {
  return listSessionsOfSpeaker(userId).map((s) => ({
    ...sessionView(s, now),
    edition: getEdition(s.editionId)?.name ?? "",
    unpublished: listMaterialsOfSession(s.id).filter((m) => materialState(m, now) !== "published").length,
    published: listVisibleMaterials(s.id, now).length,
    questions: listQuestionsOfSession(s.id, { includeHidden: false }).length,
  }));
}

export function participantHome(userId: string, now: Date) {
  return listMembershipsOfUser(userId).flatMap((m) => {
    const trio = getTrio(m.trioId);
    const edition = trio ? getEdition(trio.editionId) : null;
    if (!trio || !edition) return [];
    const sessions = listSessionsOfEdition(edition.id);
    const admitted = trio.status === "admitted";
    const next = admitted ? nextSession(sessions, now) : null;
    // Homework is given at a session for the one after it: the latest session that has ended.
    const lastPast = [...sessions].reverse().find((s) => s.endsAt && s.endsAt <= now.toISOString());
    const cutoff = new Date(now.getTime() - NEW_MATERIAL_DAYS * 86_400_000).toISOString();
    const newMaterial = admitted
      ? sessions.flatMap((s) =>
          listVisibleMaterials(s.id, now)
            .filter(({ revision }) => revision.publishAt! >= cutoff)
            .map(({ material, revision }) => ({
              id: material.id,
              title: revision.title,
              sessionId: s.id,
              sessionNumber: s.number,
              publishedAt: revision.publishAt!,
            })),
        )
      : [];
    return [
      {
        id: trio.id,
        municipality: trio.municipality,
        status: trio.status,
        admitted,
        edition: edition.name,
        members: listMembersOfTrio(trio.id).map((member) => ({
          id: member.user.id,
          name: member.user.name,
          domain: member.domain,
          jobTitle: member.jobTitle,
        })),
        sessions: sessions.map((s) => sessionView(s, now)),
        next: next
          ? { ...sessionView(next, now), countdown: relativeDays(next.startsAt!, now), speakerName: speakerDisplayName(next) }
          : null,
        homework:
          admitted && lastPast && lastPast.homework.trim()
            ? { sessionNumber: lastPast.number, sessionId: lastPast.id, html: renderMarkdown(lastPast.homework) }
            : null,
        newMaterial: newMaterial.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)),
      },
    ];
  });
}

export type OrganiserHome = ReturnType<typeof organiserHome>;
export type SpeakerHome = ReturnType<typeof speakerHome>;
export type ParticipantHome = ReturnType<typeof participantHome>;
export type PublicHome = ReturnType<typeof publicHome>;
