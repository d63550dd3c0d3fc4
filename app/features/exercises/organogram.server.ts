import { DomainError } from "~/utils/domain-error.server";
import { findCaseOfFile } from "~/features/dossier/case.server";
import { getDb } from "~/data/db.server";
import type { Organogram } from "~/data/exercise-schema.server";
import { newId, nowIso } from "~/data/ids.server";

export type { Organogram };
export type OrganogramAnswers = Omit<Organogram, "id" | "trioId" | "fileId" | "updatedAt" | "updatedBy">;

export function getOrganogram(trioId: string): Organogram | null {
  return getDb().data.organograms.find((o) => o.trioId === trioId) ?? null;
}

/** The organogram a stored file belongs to (for the download check). */
export function findOrganogramOfFile(fileId: string): Organogram | null {
  return getDb().data.organograms.find((o) => o.fileId === fileId) ?? null;
}

const blank: OrganogramAnswers = {
  marker: null,
  location: "",
  named: null,
  hierarchy: null,
  budget: null,
  mandate: null,
  distanceBoard: null,
  distanceAlderman: null,
  notes: "",
};

function upsert(trioId: string, userId: string, patch: Partial<Omit<Organogram, "id" | "trioId">>): Promise<Organogram> {
  return getDb().change((data) => {
    const index = data.organograms.findIndex((o) => o.trioId === trioId);
    const base: Organogram =
      index === -1 ? { id: newId(), trioId, fileId: null, ...blank, updatedAt: nowIso(), updatedBy: userId } : data.organograms[index];
    const next: Organogram = { ...base, ...patch, updatedAt: nowIso(), updatedBy: userId };
    if (index === -1) data.organograms.push(next);
    else data.organograms[index] = next;
    return next;
  });
}

/** A chart that cannot be used; shown beside the upload field. */
export class OrganogramFileError extends DomainError {
  constructor(message: string) {
    super(message, { status: 400, field: "file" });
  }
}

/** Links an uploaded chart (image or PDF) to the trio's organogram; a previous chart is replaced. */
export function setOrganogramFile(trioId: string, userId: string, fileId: string): Promise<Organogram> {
  const file = getDb().data.files.find((f) => f.id === fileId);
  if (!file || file.uploadedBy !== userId) throw new OrganogramFileError("Dit bestand is niet gevonden; upload het opnieuw.");
  const other = findOrganogramOfFile(fileId);
  if (other && other.trioId !== trioId) throw new OrganogramFileError("Dit bestand hoort al bij een ander trio.");
  // One file, one use: its download rules follow from what it belongs to.
  if (findCaseOfFile(fileId) || getDb().data.materials.some((m) => m.revisions.some((r) => r.fileId === fileId))) {
    throw new OrganogramFileError("Dit bestand hoort al ergens anders bij; upload het organogram apart.");
  }
  // A new chart needs a new marker: the old position was on another picture.
  return upsert(trioId, userId, { fileId, marker: null });
}

export function removeOrganogramFile(trioId: string, userId: string): Promise<Organogram> {
  return upsert(trioId, userId, { fileId: null, marker: null });
}

export function saveOrganogramAnswers(trioId: string, userId: string, answers: OrganogramAnswers): Promise<Organogram> {
  return upsert(trioId, userId, answers);
}
