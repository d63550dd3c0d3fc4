import { DomainError } from "~/utils/domain-error.server";
import { getDb } from "~/data/db.server";
import { groupedBy } from "~/data/indexes.server";

const casesOfTrio = groupedBy("cases", (c) => c.trioId);
import { newId, nowIso } from "~/data/ids.server";
import type { CaseVersion, Trio, TrioCase } from "~/data/schema.server";

export type { CaseVersion, TrioCase };

export type CaseFile = TrioCase["files"][number];
export type CaseVersionInput = Pick<CaseVersion, "title" | "question" | "neighbourhood" | "involved" | "learningGoals">;

export function getCaseOfTrio(trioId: string): TrioCase | null {
  return casesOfTrio(trioId)[0] ?? null;
}

/** The version people see: the newest one. */
export function currentVersion(trioCase: TrioCase): CaseVersion {
  return trioCase.versions[trioCase.versions.length - 1];
}

/** The files of a case that have not been removed, oldest first. */
export function activeCaseFiles(trioCase: TrioCase): CaseFile[] {
  return trioCase.files.filter((f) => !f.removedAt);
}

/** The case (and trio) a stored file belongs to, if it is a case file. */
export function findCaseOfFile(fileId: string): { trioCase: TrioCase; entry: CaseFile } | null {
  for (const trioCase of getDb().data.cases) {
    const entry = trioCase.files.find((f) => f.fileId === fileId);
    if (entry) return { trioCase, entry };
  }
  return null;
}

/** Every save adds a version; earlier versions are never changed or removed. */
export async function saveCaseVersion(trioId: string, userId: string, input: CaseVersionInput): Promise<TrioCase> {
  const version: CaseVersion = { id: newId(), ...input, savedAt: nowIso(), savedBy: userId };
  return getDb().change((data) => {
    const index = data.cases.findIndex((c) => c.trioId === trioId);
    if (index === -1) {
      const created: TrioCase = { id: newId(), trioId, versions: [version], files: [] };
      data.cases.push(created);
      return created;
    }
    data.cases[index] = { ...data.cases[index], versions: [...data.cases[index].versions, version] };
    return data.cases[index];
  });
}

/** A file that cannot join the case; shown beside the upload field. */
export class CaseFileError extends DomainError {
  constructor(message: string) {
    super(message, { status: 400, field: "file" });
  }
}

/**
 * Links an uploaded file to the trio's case. The case is created (with a first
 * version titled after the municipality) when the trio uploads before writing.
 */
export async function addCaseFile(trio: Pick<Trio, "id" | "municipality">, userId: string, fileId: string): Promise<TrioCase> {
  const file = getDb().data.files.find((f) => f.id === fileId);
  if (!file || file.uploadedBy !== userId) throw new CaseFileError("Dit bestand is niet gevonden; upload het opnieuw.");
  if (findCaseOfFile(fileId) || getDb().data.materials.some((m) => m.revisions.some((r) => r.fileId === fileId))) {
    throw new CaseFileError("Dit bestand hoort al ergens bij.");
  }
  const now = nowIso();
  const entry: CaseFile = { fileId, addedAt: now, addedBy: userId, removedAt: null };
  return getDb().change((data) => {
    const index = data.cases.findIndex((c) => c.trioId === trio.id);
    if (index === -1) {
      const created: TrioCase = {
        id: newId(),
        trioId: trio.id,
        versions: [
          {
            id: newId(),
            title: `Casus ${trio.municipality}`,
            question: "",
            neighbourhood: "",
            involved: "",
            learningGoals: "",
            savedAt: now,
            savedBy: userId,
          },
        ],
        files: [entry],
      };
      data.cases.push(created);
      return created;
    }
    data.cases[index] = { ...data.cases[index], files: [...data.cases[index].files, entry] };
    return data.cases[index];
  });
}

async function setRemovedAt(trioId: string, fileId: string, removedAt: string | null): Promise<boolean> {
  const trioCase = getCaseOfTrio(trioId);
  if (!trioCase || !trioCase.files.some((f) => f.fileId === fileId)) return false;
  await getDb().change((data) => {
    const index = data.cases.findIndex((c) => c.trioId === trioId);
    const current = data.cases[index];
    data.cases[index] = { ...current, files: current.files.map((f) => (f.fileId === fileId ? { ...f, removedAt } : f)) };
  });
  return true;
}

/** Soft removal: the file disappears from the case but can be restored. */
export function removeCaseFile(trioId: string, fileId: string): Promise<boolean> {
  return setRemovedAt(trioId, fileId, nowIso());
}

export function restoreCaseFile(trioId: string, fileId: string): Promise<boolean> {
  return setRemovedAt(trioId, fileId, null);
}

/** Whether the other trios of the edition may read this trio's case. */
export async function setCaseShared(trioId: string, shared: boolean): Promise<void> {
  await getDb().change((data) => {
    const index = data.trios.findIndex((t) => t.id === trioId);
    if (index === -1) throw new Error(`No trio ${trioId}`);
    data.trios[index] = { ...data.trios[index], shareCase: shared };
  });
}

/** Admitted trios of the edition (other than `exceptTrioId`) that share their case, with a case. */
export function listSharedCases(editionId: string, exceptTrioId: string): Array<{ trio: Trio; trioCase: TrioCase }> {
  const { trios, cases } = getDb().data;
  return trios
    .filter((t) => t.editionId === editionId && t.id !== exceptTrioId && t.shareCase && t.status === "admitted")
    .flatMap((trio) => {
      const trioCase = cases.find((c) => c.trioId === trio.id);
      return trioCase ? [{ trio, trioCase }] : [];
    })
    .sort((a, b) => a.trio.municipality.localeCompare(b.trio.municipality, "nl"));
}
