/**
 * The organiser's view of an edition as a dashboard: counts, the next session, what
 * needs attention, and the checklist from an empty edition to a prepared first session,
 * every step derived from the data (nothing is ticked by hand).
 */
import { listTriosOfEdition } from "~/features/registration/trio.server";
import { getUserById } from "~/features/accounts/user.server";
import { formatDate, formatTimeRange } from "~/utils/dates";
import { plural } from "~/utils/plural";
import { relativeDays } from "~/utils/relative-time";
import type { Edition } from "./edition.server";
import { listVisibleMaterials } from "./material.server";
import { listSessionsOfEdition, nextSession, speakerDisplayName } from "./session.server";

export type StepState = "done" | "next" | "todo";
export type ChecklistStep = { key: string; title: string; state: StepState; detail: string; link: string; linkText: string };

export function editionDashboard(edition: Edition, now = new Date()) {
  const sessions = listSessionsOfEdition(edition.id);
  const trios = listTriosOfEdition(edition.id);
  const count = (status: string) => trios.filter((t) => t.status === status).length;
  const counts = { admitted: count("admitted"), registered: count("registered"), waiting: count("waiting"), rejected: count("rejected") };
  const unplanned = sessions.filter((s) => !s.startsAt || !(s.location.trim() || s.onlineUrl));
  const withoutSpeaker = sessions.filter((s) => s.speakerIds.length === 0);
  const at = now.toISOString();
  const registrationOpened = edition.registrationOpensAt <= at;
  const first = sessions[0] ?? null;
  const firstMaterial = first ? listVisibleMaterials(first.id, now).length : 0;

  const raw: Array<Omit<ChecklistStep, "state"> & { done: boolean }> = [
    {
      key: "plannen",
      title: "Bijeenkomsten plannen",
      done: sessions.length > 0 && unplanned.length === 0,
      detail:
        unplanned.length === 0
          ? "Alle bijeenkomsten hebben een datum en een plaats."
          : `${plural(unplanned.length, "bijeenkomst heeft", "bijeenkomsten hebben")} nog geen datum of plaats.`,
      link: unplanned[0] ? `sessies/${unplanned[0].id}` : "#bijeenkomsten",
      linkText: unplanned[0] ? `Bijeenkomst ${unplanned[0].number} plannen` : "Bijeenkomsten bekijken",
    },
    {
      key: "sprekers",
      title: "Sprekers koppelen",
      done: sessions.length > 0 && withoutSpeaker.length === 0,
      detail:
        withoutSpeaker.length === 0
          ? "Elke bijeenkomst heeft een spreker met een account."
          : `${plural(withoutSpeaker.length, "bijeenkomst heeft", "bijeenkomsten hebben")} nog geen gekoppelde spreker.`,
      link: withoutSpeaker[0] ? `sessies/${withoutSpeaker[0].id}#sprekers` : "#bijeenkomsten",
      linkText: withoutSpeaker[0] ? `Spreker koppelen aan bijeenkomst ${withoutSpeaker[0].number}` : "Sprekers bekijken",
    },
    {
      key: "aanmelding",
      title: "Aanmelding openen",
      done: registrationOpened,
      detail: registrationOpened
        ? `De aanmelding is geopend op ${formatDate(edition.registrationOpensAt)} en sluit op ${formatDate(edition.registrationClosesAt)}.`
        : `De aanmelding opent op ${formatDate(edition.registrationOpensAt)}.`,
      link: registrationOpened ? `/aanmelden/${edition.id}` : "#gegevens",
      linkText: registrationOpened ? "Aanmeldformulier bekijken" : "Aanmeldperiode aanpassen",
    },
    {
      key: "toelaten",
      title: "Trio's toelaten",
      done: counts.admitted > 0 && counts.registered === 0,
      detail:
        counts.registered > 0
          ? `${plural(counts.registered, "trio wacht", "trio's wachten")} op een besluit; ${counts.admitted} van ${edition.capacity} plaatsen bezet.`
          : counts.admitted > 0
            ? `${plural(counts.admitted, "trio is", "trio's zijn")} toegelaten; niemand wacht op een besluit.`
            : "Er is nog geen trio toegelaten.",
      link: "trios",
      linkText: "Naar de trio's",
    },
    {
      key: "voorbereiden",
      title: "Eerste bijeenkomst voorbereiden",
      done: firstMaterial > 0,
      detail:
        firstMaterial > 0
          ? `${plural(firstMaterial, "onderdeel", "onderdelen")} voor bijeenkomst 1 gepubliceerd.`
          : "Er is nog geen materiaal voor bijeenkomst 1 gepubliceerd; controleer ook de opdracht en het huiswerk.",
      link: first ? `sessies/${first.id}#teksten` : "#bijeenkomsten",
      linkText: "Bijeenkomst 1 voorbereiden",
    },
  ];
  const nextIndex = raw.findIndex((s) => !s.done);
  const checklist: ChecklistStep[] = raw.map(({ done, ...step }, i) => ({
    ...step,
    state: done ? "done" : i === nextIndex ? "next" : "todo",
  }));

  const next = nextSession(sessions, now);
  const attention = [
    ...(counts.registered > 0
      ? [{ text: `${plural(counts.registered, "aanmelding wacht", "aanmeldingen wachten")} op een besluit`, link: "trios" }]
      : []),
    ...unplanned.map((s) => ({ text: `Bijeenkomst ${s.number} is nog niet (volledig) ingepland`, link: `sessies/${s.id}` })),
    ...withoutSpeaker.map((s) => ({ text: `Bijeenkomst ${s.number} heeft nog geen gekoppelde spreker`, link: `sessies/${s.id}#sprekers` })),
  ];

  return {
    counts,
    checklist,
    attention,
    next: next
      ? {
          id: next.id,
          number: next.number,
          title: next.title,
          when: formatTimeRange(next.startsAt!, next.endsAt!),
          countdown: relativeDays(next.startsAt!, now),
        }
      : null,
    sessions: sessions.map((s) => ({
      id: s.id,
      number: s.number,
      title: s.title,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      location: s.location || (s.onlineUrl ? "Online" : ""),
      speaker: speakerDisplayName(s),
      linked: s.speakerIds.map((id) => getUserById(id)?.name).filter(Boolean).length > 0,
    })),
  };
}
