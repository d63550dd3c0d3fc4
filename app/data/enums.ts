/**
 * Enumerations shared by the data schema (server) and forms (browser). Kept out of
 * schema.server.ts, whose runtime values the browser bundle cannot import.
 */
export const roles = ["organiser", "speaker", "participant"] as const;
export type Role = (typeof roles)[number];

export const domains = ["wijk", "fysiek", "sociaal"] as const;
export type Domain = (typeof domains)[number];

export const trioStatuses = ["registered", "admitted", "waiting", "rejected"] as const;
export type TrioStatus = (typeof trioStatuses)[number];

export const agendaKinds = ["welkom", "spreker", "kennisuitwisseling", "pauze", "opdracht", "afsluiting"] as const;
export type AgendaKind = (typeof agendaKinds)[number];

export const materialKinds = ["text", "file", "link"] as const;
export type MaterialKind = (typeof materialKinds)[number];
