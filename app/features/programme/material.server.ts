import { getDb } from "~/data/db.server";
import { groupedBy } from "~/data/indexes.server";

const materialsOfSession = groupedBy("materials", (m) => m.sessionId);
import { announceMaterialSoon } from "~/features/notifications/notification.server";
import { assertEditable } from "./edition.server";
import { newId, nowIso } from "~/data/ids.server";
import { getSession } from "./session.server";
import type { Material, MaterialKind, Revision } from "~/data/schema.server";

export type { Material, MaterialKind, Revision };

export type RevisionInput = Pick<Revision, "title" | "body" | "url" | "fileId">;

/** What participants see: the newest published revision whose time has come. */
export function visibleRevision(material: Material, now = new Date()): Revision | null {
  const cutoff = now.toISOString();
  for (let i = material.revisions.length - 1; i >= 0; i--) {
    const r = material.revisions[i];
    if (r.status === "published" && r.publishAt && r.publishAt <= cutoff) return r;
  }
  return null;
}

export function latestRevision(material: Material): Revision {
  return material.revisions[material.revisions.length - 1];
}

export type MaterialState = "draft" | "scheduled" | "published" | "changed";

/** One word for the speaker's list: is what they last saved visible yet? */
export function materialState(material: Material, now = new Date()): MaterialState {
  const latest = latestRevision(material);
  if (latest.status === "published") return latest.publishAt! <= now.toISOString() ? "published" : "scheduled";
  return material.revisions.some((r) => r.status === "published") ? "changed" : "draft";
}

export function getMaterial(id: string): Material | null {
  return getDb().data.materials.find((m) => m.id === id && !m.deletedAt) ?? null;
}

export function listMaterialsOfSession(sessionId: string): Material[] {
  return materialsOfSession(sessionId).filter((m) => !m.deletedAt);
}

/** Published material of a session as participants see it right now, oldest first. */
export function listVisibleMaterials(sessionId: string, now = new Date()): Array<{ material: Material; revision: Revision }> {
  return listMaterialsOfSession(sessionId)
    .flatMap((material) => {
      const revision = visibleRevision(material, now);
      return revision ? [{ material, revision }] : [];
    })
    .sort((a, b) => a.revision.publishAt!.localeCompare(b.revision.publishAt!));
}

function assertSessionEditable(sessionId: string): void {
  const session = getSession(sessionId);
  if (!session) throw new Error(`No session ${sessionId}`);
  assertEditable(session.editionId);
}

export async function createMaterial(input: {
  sessionId: string;
  kind: MaterialKind;
  userId: string;
  revision: RevisionInput;
  publishAt: string | null;
}): Promise<Material> {
  assertSessionEditable(input.sessionId);
  const now = nowIso();
  const material: Material = {
    id: newId(),
    sessionId: input.sessionId,
    kind: input.kind,
    createdBy: input.userId,
    createdAt: now,
    deletedAt: null,
    revisions: [
      {
        id: newId(),
        ...input.revision,
        status: input.publishAt ? "published" : "draft",
        publishAt: input.publishAt,
        savedAt: now,
        savedBy: input.userId,
      },
    ],
  };
  return getDb()
    .change((data) => {
      data.materials.push(material);
      return material;
    })
    .then(announceMaterialSoon);
}

/**
 * Saves a new version. A draft replaces the previous draft (if the newest revision
 * is one); anything published stays in the history, so organisers can see every
 * version that participants ever saw.
 */
export async function saveRevision(
  materialId: string,
  input: { userId: string; revision: RevisionInput; publishAt: string | null },
): Promise<Material> {
  const existing = getMaterial(materialId);
  if (!existing) throw new Error(`No material ${materialId}`);
  assertSessionEditable(existing.sessionId);
  const revision: Revision = {
    id: newId(),
    ...input.revision,
    status: input.publishAt ? "published" : "draft",
    publishAt: input.publishAt,
    savedAt: nowIso(),
    savedBy: input.userId,
  };
  return getDb()
    .change((data) => {
      const index = data.materials.findIndex((m) => m.id === materialId);
      const material = data.materials[index];
      const keep = latestRevision(material).status === "draft" ? material.revisions.slice(0, -1) : material.revisions;
      data.materials[index] = { ...material, revisions: [...keep, revision] };
      return data.materials[index];
    })
    .then(announceMaterialSoon);
}

/** Withdraws a material from participants; it stays in the data for organisers' history. */
export async function deleteMaterial(materialId: string): Promise<void> {
  const existing = getMaterial(materialId);
  if (!existing) return;
  assertSessionEditable(existing.sessionId);
  await getDb().change((data) => {
    const index = data.materials.findIndex((m) => m.id === materialId);
    data.materials[index] = { ...data.materials[index], deletedAt: nowIso() };
  });
}

/** Is this file part of a revision that participants of the session may see now? */
export function isFileVisibleInSession(fileId: string, now = new Date()): { sessionId: string; visible: boolean } | null {
  for (const material of getDb().data.materials) {
    if (material.deletedAt || !material.revisions.some((r) => r.fileId === fileId)) continue;
    return { sessionId: material.sessionId, visible: visibleRevision(material, now)?.fileId === fileId };
  }
  return null;
}
