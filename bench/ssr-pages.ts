import type { BenchData } from "./bench-data";

/** The pages bench:ssr measures, each with a marker only that page (and login) has. */
export type PageSpec = { name: string; path: string; cookie: string; marker: string };

export function pagesOf(data: BenchData): PageSpec[] {
  return [
    { name: "organiser_home", path: "/", cookie: data.organiser.cookie, marker: "<h2>Edities</h2>" },
    { name: "speaker_home", path: "/", cookie: data.speaker.cookie, marker: "<h2>Jouw bijeenkomsten</h2>" },
    { name: "participant_home", path: "/", cookie: data.participant.cookie, marker: "Naar ons trio-dossier" },
    { name: "session", path: `/sessies/${data.sessionId}`, cookie: data.participant.cookie, marker: "<h1>" },
    { name: "dossier", path: `/trios/${data.trioId}`, cookie: data.participant.cookie, marker: "Trio Altena" },
    { name: "homework", path: `/trios/${data.trioId}/huiswerk/${data.sessionId}`, cookie: data.participant.cookie, marker: "<h1>" },
  ];
}
