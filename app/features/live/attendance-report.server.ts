/** Presence lists, poll exports and certificates, built from the live models. */
import { getUserById, listUsers } from "~/features/accounts/user.server";
import type { Edition } from "~/data/schema.server";
import { getPoll, listPolls, listVotes } from "./live-polls.server";
import { attendanceOf, attendedSessions, certificateThreshold } from "./attendance.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { listMembersOfTrio, listTriosOfEdition } from "~/features/registration/trio.server";
import { formatDate, formatDateTime } from "~/utils/dates";

/** Every member of an admitted trio of the edition, by trio. */
export function participantsOfEdition(editionId: string) {
  return listTriosOfEdition(editionId)
    .filter((t) => t.status === "admitted")
    .flatMap((trio) => listMembersOfTrio(trio.id).map((m) => ({ userId: m.user.id, name: m.user.name, trio: trio.municipality })));
}

export function presenceLists(editionId: string) {
  const people = participantsOfEdition(editionId);
  return listSessionsOfEdition(editionId).map((session) => ({
    session: { id: session.id, number: session.number, title: session.title },
    rows: people.map((p) => {
      const entry = attendanceOf(session.id, p.userId);
      return { ...p, present: entry?.present ?? false, source: entry?.source ?? null, at: entry?.at ?? null };
    }),
  }));
}

const sourceLabels = { session: "zelf ingecheckt", code: "met de code", organiser: "door een begeleider" } as const;

export function presenceCsvRows(editionId: string): string[][] {
  const rows = [["bijeenkomst", "trio", "naam", "aanwezig", "hoe", "wanneer"]];
  for (const list of presenceLists(editionId))
    for (const row of list.rows)
      rows.push([
        `${list.session.number}. ${list.session.title}`,
        row.trio,
        row.name,
        row.present ? "ja" : "nee",
        row.source ? sourceLabels[row.source] : "",
        row.at ? formatDateTime(row.at) : "",
      ]);
  return rows;
}

export function pollCsvRows(sessionId: string): string[][] {
  const rows = [["peiling", "soort", "per", "naam", "trio", "antwoord", "wanneer"]];
  for (const poll of listPolls(sessionId)) {
    for (const vote of listVotes(poll.id)) {
      const trio = vote.trioId ? listTriosOfEdition(poll.editionId).find((t) => t.id === vote.trioId)?.municipality : "";
      rows.push([
        poll.question,
        poll.kind,
        poll.per === "trio" ? "trio" : "persoon",
        getUserById(vote.userId)?.name ?? "",
        trio ?? "",
        vote.words ?? (vote.choice !== null ? (getPoll(poll.id)?.options[vote.choice] ?? "") : ""),
        formatDateTime(vote.createdAt),
      ]);
    }
  }
  return rows;
}

export type Certificate = {
  name: string;
  trio: string;
  edition: string;
  sessions: Array<{ number: number; title: string; date: string | null }>;
  organisers: string[];
};

/** The certificate of one participant, or null when they attended fewer sessions than the threshold. */
export function certificateFor(edition: Edition, userId: string): Certificate | null {
  const person = participantsOfEdition(edition.id).find((p) => p.userId === userId);
  if (!person) return null;
  const sessions = attendedSessions(edition.id, userId);
  if (sessions.length < certificateThreshold(edition.id)) return null;
  return {
    name: person.name,
    trio: person.trio,
    edition: edition.name,
    sessions: sessions.map((s) => ({ number: s.number, title: s.title, date: s.startsAt ? formatDate(s.startsAt) : null })),
    organisers: listUsers("organiser").map((u) => u.name),
  };
}

export function allCertificates(edition: Edition): Certificate[] {
  return participantsOfEdition(edition.id).flatMap((p) => certificateFor(edition, p.userId) ?? []);
}
