import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, type ReadStream, type WriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { getDb } from "./db.server";
import { syncDirectory } from "./json-file-adapter.server";
import { newId, nowIso } from "./ids.server";
import type { StoredFile } from "./schema.server";

export type { StoredFile };

/** Uploaded files live in DATA_DIR/files under generated names, never in public/. */
function filesDir(): string {
  return path.join(getDb().dataDir, "files");
}

function incomingDir(): string {
  return path.join(filesDir(), "incoming");
}

export type IncomingFile = { storedName: string; path: string; stream: WriteStream };

/** A temporary file to stream an upload into; commit or discard it afterwards. */
export async function createIncomingFile(): Promise<IncomingFile> {
  await mkdir(incomingDir(), { recursive: true });
  const storedName = randomBytes(18).toString("base64url");
  const filePath = path.join(incomingDir(), storedName);
  return { storedName, path: filePath, stream: createWriteStream(filePath, { flags: "wx" }) };
}

export async function discardIncomingFile(file: Pick<IncomingFile, "path">): Promise<void> {
  await rm(file.path, { force: true });
}

/**
 * Moves a complete, checked upload into place and records it: a file plus its
 * record, or neither. The contents and the rename are synced before the record is
 * written; when the record cannot be written (a full disk: the store rolls it back
 * and throws a 503 DomainError) the file is removed again.
 */
export async function commitIncomingFile(
  file: Pick<IncomingFile, "storedName" | "path">,
  meta: Pick<StoredFile, "originalName" | "mime" | "size" | "sha256" | "uploadedBy">,
): Promise<StoredFile> {
  const record: StoredFile = { id: newId(), storedName: file.storedName, ...meta, createdAt: nowIso() };
  const handle = await open(file.path, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(file.path, path.join(filesDir(), file.storedName));
  await syncDirectory(filesDir());
  try {
    await getDb().change((data) => {
      data.files.push(record);
    });
  } catch (error) {
    await rm(path.join(filesDir(), file.storedName), { force: true });
    throw error;
  }
  return record;
}

export function getStoredFile(id: string): StoredFile | null {
  return getDb().data.files.find((f) => f.id === id) ?? null;
}

export const FILE_GONE =
  "Dit bestand is niet meer beschikbaar: het staat niet meer op de server. Vraag degene die het heeft geplaatst om het opnieuw te uploaden.";

/** The file's contents, or null when the file is missing on disk (a record without its file). */
export async function openStoredFile(file: StoredFile): Promise<ReadStream | null> {
  try {
    const filePath = path.join(filesDir(), file.storedName);
    const handle = await open(filePath, "r");
    return createReadStream(filePath, { fd: handle, autoClose: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      console.warn(`Bestand ${file.id} (${file.storedName}) staat wel in de gegevens maar niet op schijf.`);
      return null;
    }
    throw error;
  }
}

/** Removes upload leftovers of a crash or an aborted request (called at start). */
export async function clearIncomingFiles(): Promise<void> {
  await rm(incomingDir(), { recursive: true, force: true });
}

/**
 * Removes files in DATA_DIR/files that no record names (called at start, after the
 * data file is open). They are what a crash left between two steps: an upload
 * killed after its rename but before its record was written (never acknowledged),
 * or a deletion killed after its records were removed but before its files were
 * (personal data that must go). Returns how many were removed.
 */
export async function removeUnrecordedFiles(): Promise<number> {
  const recorded = new Set(getDb().data.files.map((f) => f.storedName));
  const entries = await readdir(filesDir(), { withFileTypes: true }).catch(() => []);
  const strays = entries.filter((entry) => entry.isFile() && !recorded.has(entry.name));
  await Promise.all(strays.map((entry) => rm(path.join(filesDir(), entry.name), { force: true })));
  if (strays.length > 0) await syncDirectory(filesDir());
  return strays.length;
}

/**
 * Deletes stored files for good: their records, then their contents on disk
 * (used when personal data is removed). Returns how many records were removed.
 */
export async function deleteStoredFiles(ids: string[]): Promise<number> {
  const wanted = new Set(ids);
  const doomed = getDb().data.files.filter((f) => wanted.has(f.id));
  if (doomed.length === 0) return 0;
  await getDb().change((data) => {
    data.files = data.files.filter((f) => !wanted.has(f.id));
  });
  await Promise.all(doomed.map((f) => rm(path.join(filesDir(), f.storedName), { force: true })));
  return doomed.length;
}

/** Where a stored file's contents live (for checks and tests). */
export function storedFilePath(file: Pick<StoredFile, "storedName">): string {
  return path.join(filesDir(), file.storedName);
}
