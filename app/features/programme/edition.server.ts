import { DomainError } from "~/utils/domain-error.server";
import { randomBytes } from "node:crypto";
import { getCurriculum } from "./curriculum.server";
import { getDb } from "~/data/db.server";
import { newId, nowIso } from "~/data/ids.server";
import type { Edition, Session } from "~/data/schema.server";

export type { Edition, Session };

export type EditionInput = Pick<Edition, "name" | "year" | "capacity" | "registrationOpensAt" | "registrationClosesAt">;

export class ArchivedEditionError extends DomainError {
  constructor() {
    super("Deze editie is gearchiveerd en kan niet meer worden gewijzigd.", { status: 409 });
  }
}

export function listEditions(): Edition[] {
  return [...getDb().data.editions].sort(
    (a, b) => Number(Boolean(a.archivedAt)) - Number(Boolean(b.archivedAt)) || b.year - a.year || a.name.localeCompare(b.name, "nl"),
  );
}

export function getEdition(id: string): Edition | null {
  return getDb().data.editions.find((e) => e.id === id) ?? null;
}

export function getEditionByFeedToken(id: string, token: string): Edition | null {
  const edition = getEdition(id);
  return edition && edition.feedToken === token ? edition : null;
}

export function isArchived(editionId: string): boolean {
  return Boolean(getEdition(editionId)?.archivedAt);
}

/** Throws when the edition is archived: every change to an edition's content goes through here. */
export function assertEditable(editionId: string): void {
  if (isArchived(editionId)) throw new ArchivedEditionError();
}

/**
 * A new edition with its four sessions, each a copy of the default curriculum's
 * texts, unscheduled. Organisers rewrite the copies; content/ stays untouched.
 */
export async function createEdition(input: EditionInput): Promise<{ edition: Edition; sessions: Session[] }> {
  const now = nowIso();
  const edition: Edition = {
    ...input,
    id: newId(),
    feedToken: randomBytes(18).toString("base64url"),
    archivedAt: null,
    createdAt: now,
    personalDataDeletedAt: null,
    anonymousCounts: null,
  };
  const sessions: Session[] = getCurriculum().sessions.map((source) => ({
    id: newId(),
    editionId: edition.id,
    number: source.number,
    title: source.title,
    theme: source.theme,
    intro: source.intro,
    speakerName: source.speaker.name,
    speakerTopic: source.speaker.topic,
    agenda: source.agenda.map((item) => ({ ...item })),
    assignment: source.assignment,
    homework: source.homework,
    startsAt: null,
    endsAt: null,
    location: "",
    onlineUrl: null,
    speakerIds: [],
    updatedAt: now,
  }));
  return getDb().change((data) => {
    data.editions.push(edition);
    data.sessions.push(...sessions);
    return { edition, sessions };
  });
}

export async function updateEdition(id: string, input: EditionInput): Promise<Edition> {
  assertEditable(id);
  return getDb().change((data) => {
    const index = data.editions.findIndex((e) => e.id === id);
    if (index === -1) throw new Error(`No edition ${id}`);
    data.editions[index] = { ...data.editions[index], ...input };
    return data.editions[index];
  });
}

export async function setEditionArchived(id: string, archived: boolean): Promise<Edition> {
  return getDb().change((data) => {
    const index = data.editions.findIndex((e) => e.id === id);
    if (index === -1) throw new Error(`No edition ${id}`);
    data.editions[index] = { ...data.editions[index], archivedAt: archived ? nowIso() : null };
    return data.editions[index];
  });
}
