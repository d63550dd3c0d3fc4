/**
 * The shared upload pipeline: one multipart file, streamed to DATA_DIR/files/incoming
 * while its size and sha256 are counted, its type established from its content, and
 * only then committed (renamed into place and recorded). Nothing is recorded for a
 * refused, failed or aborted upload, and its partial file is removed.
 * See docs/decisions/007-uploads.md.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { open } from "node:fs/promises";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { commitIncomingFile, createIncomingFile, discardIncomingFile, type IncomingFile, type StoredFile } from "~/data/file-store.server";
import {
  categoryLabels,
  fileCategories,
  HEAD_BYTES,
  inspectCentralDirectory,
  listInDutch,
  locateCentralDirectory,
  nameForType,
  sanitiseFileName,
  sniffHead,
  ZIP_MAX_DIRECTORY_BYTES,
  ZIP_MAX_ENTRIES,
  ZIP_TAIL_BYTES,
  type Detection,
  type FileCategory,
} from "./file-type.server";
import { STORAGE_UNAVAILABLE_MESSAGE, StorageUnavailableError } from "~/data/db.server";
import { isStorageError } from "~/data/disk.server";

export type { FileCategory };

export const MIB = 1024 * 1024;
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * MIB;
/** Room for the multipart boundaries, part headers and the small text fields. */
export const MULTIPART_OVERHEAD_BYTES = 1 * MIB;
/** Text fields that may come with the file: a few, and short. */
export const MAX_UPLOAD_FIELDS = 10;
export const MAX_UPLOAD_FIELD_BYTES = 2_000;
/** After a refusal the rest of the body is read and thrown away, up to this much beyond the limit. */
const DRAIN_GRACE_MS = 2_000;

export type UploadRefusal = {
  ok: false;
  status: 400 | 403 | 413 | 415 | 422 | 503;
  message: string;
  /**
   * Set when the rest of the body will not be read (a chunked body past the limit):
   * answer with "Connection: close" so the client does not reuse the connection.
   */
  closeConnection?: boolean;
};
export type UploadResult = { ok: true; file: StoredFile; fields: Record<string, string> } | UploadRefusal;

export type ReceiveUploadOptions = {
  userId: string;
  /** The categories accepted (unless beforeFile narrows them). */
  allowed: FileCategory[];
  /** Default 50 MiB. */
  maxBytes?: number;
  /**
   * Called once the file part begins, with the text fields that came before it:
   * may refuse the upload before a byte is stored (a missing purpose, a person who
   * may not upload for it) or name the categories to accept.
   */
  beforeFile?: (fields: Record<string, string>) => UploadRefusal | { allowed: FileCategory[] } | void;
};

const refusal = (status: UploadRefusal["status"], message: string): UploadRefusal => ({ ok: false, status, message });

/** "50 MB" for 50 MiB: sizes are counted in MiB and shown as MB, as file managers do. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / MIB).toLocaleString("nl-NL", { maximumFractionDigits: 1 })} MB`;
}

/** The Dutch message for content that is not (one of) the expected types. */
export function expectedTypesMessage(allowed: FileCategory[]): string {
  const names = listInDutch(fileCategories.filter((c) => allowed.includes(c)).map((c) => categoryLabels[c]));
  const images = allowed.includes("image") ? " Afbeeldingen mogen PNG, JPEG, GIF of WebP zijn." : "";
  return `Dit bestand is geen ${names}. Kies een bestand van die soort; de naam van het bestand telt niet mee, alleen de inhoud.${images}`;
}

function refusalForDetection(detection: Extract<Detection, { ok: false }>, allowed: FileCategory[]): UploadRefusal {
  switch (detection.reason) {
    case "empty":
      return refusal(400, "Dit bestand is leeg. Kies een ander bestand.");
    case "unsupported":
      return refusal(415, expectedTypesMessage(allowed));
    case "zip-malformed":
      return refusal(
        422,
        "Dit bestand lijkt beschadigd: het kon niet als Word- of PowerPoint-bestand worden gelezen. Sla het opnieuw op en probeer het nog eens.",
      );
    case "zip-too-many-entries":
    case "zip-too-large":
    case "zip-ratio":
      return refusal(
        422,
        "Dit bestand wordt uitgepakt veel te groot en is daarom geweigerd. Sla het opnieuw op (bijvoorbeeld als PDF) en probeer het nog eens.",
      );
  }
}

/** Reads `length` bytes at `position` of a file (fewer at its end). */
async function readRange(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The type of a stored incoming file: its head, and for zips its central directory. */
async function detectIncoming(path: string, size: number, head: Buffer, name: string): Promise<Detection> {
  const verdict = sniffHead(head, name);
  if (verdict.ok !== "zip") return verdict;
  const tailLength = Math.min(size, ZIP_TAIL_BYTES);
  const location = locateCentralDirectory(await readRange(path, size - tailLength, tailLength), size);
  if ("ok" in location) return location;
  if (location.entries > ZIP_MAX_ENTRIES || location.size > ZIP_MAX_DIRECTORY_BYTES)
    return inspectCentralDirectory(Buffer.alloc(0), location);
  return inspectCentralDirectory(await readRange(path, location.offset, location.size), location);
}

class TooLarge extends Error {}

/**
 * Reads what is left of a request body and throws it away, so the answer reaches
 * a browser that is still sending (a keep-alive connection stays usable). Past
 * `budget` bytes the connection is cut after a short grace for the answer to go out.
 */
export function drainBody(source: Readable, budget: number): void {
  let seen = 0;
  let cut = false;
  source.on("error", () => {});
  source.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > budget && !cut) {
      cut = true;
      source.pause();
      setTimeout(() => source.destroy(), DRAIN_GRACE_MS).unref();
    }
  });
  source.resume();
}

/** drainBody() for a request whose body nobody has read yet (early refusals). */
export function discardRequestBody(request: Request, budget = DEFAULT_MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES): void {
  if (!request.body || request.bodyUsed) return;
  drainBody(Readable.fromWeb(request.body as unknown as NodeWebReadableStream), budget);
}

/**
 * Receives one uploaded file (multipart field `file`) plus small text fields sent
 * before it, for the user `userId`. See ReceiveUploadOptions and UploadResult;
 * statuses: 400 (no file, empty file, bad form, aborted), 403 (beforeFile),
 * 413 (too large), 415 (not an accepted type), 422 (a damaged or bomb-like zip).
 */
export async function receiveUpload(request: Request, options: ReceiveUploadOptions): Promise<UploadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const bodyBudget = maxBytes + MULTIPART_OVERHEAD_BYTES;
  const tooLarge = refusal(413, `Dit bestand is te groot. Het mag hoogstens ${formatMegabytes(maxBytes)} zijn.`);
  const unreadable = refusal(400, "Dit formulier kon niet worden gelezen. Open de pagina opnieuw en probeer het nog eens.");

  const contentType = request.headers.get("content-type") ?? "";
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (!request.body) return refusal(400, "Er is geen bestand meegestuurd.");
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    discardRequestBody(request, bodyBudget);
    return refusal(400, "Stuur het bestand mee als formulier (multipart/form-data).");
  }
  if (declared > bodyBudget) {
    discardRequestBody(request, bodyBudget);
    return tooLarge;
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: {
        files: 1,
        fields: MAX_UPLOAD_FIELDS,
        parts: MAX_UPLOAD_FIELDS + 1,
        fieldSize: MAX_UPLOAD_FIELD_BYTES,
        fieldNameSize: 100,
        headerPairs: 20,
      },
    });
  } catch {
    discardRequestBody(request, bodyBudget);
    return unreadable;
  }

  const source = Readable.fromWeb(request.body as unknown as NodeWebReadableStream);
  // No prototype: a field named "constructor" or "__proto__" is just a field.
  const fields: Record<string, string> = Object.create(null);
  const hash = createHash("sha256");
  let size = 0;
  let head = Buffer.alloc(0);
  let bodyBytes = 0;
  let fileName: string | null = null;
  let unnamed = false;
  let allowed = options.allowed;
  let incoming: IncomingFile | null = null;
  /** Resolves when the file part has been written and closed. */
  let written: Promise<void> | null = null;
  let stopped = false;

  return new Promise<UploadResult>((resolve, reject) => {
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bodyBytes += chunk.length;
        if (bodyBytes > bodyBudget) return callback(new TooLarge());
        callback(null, chunk);
      },
    });

    const removeIncoming = async () => {
      const file = incoming;
      incoming = null;
      if (!file) return;
      if (!file.stream.closed) {
        file.stream.destroy();
        await once(file.stream, "close").catch(() => {});
      }
      await discardIncomingFile(file);
    };

    /** Ends the upload: stop parsing, remove any partial file, answer. */
    const stop = (outcome: UploadRefusal | Error, drain: boolean) => {
      if (stopped) return;
      stopped = true;
      // Without a Content-Length nobody knows how much is still coming: the drain may be cut.
      const result =
        outcome instanceof Error || source.readableEnded || request.headers.has("content-length")
          ? outcome
          : { ...outcome, closeConnection: true };
      source.unpipe(counter);
      counter.unpipe(parser);
      parser.removeAllListeners("file");
      parser.removeAllListeners("field");
      parser.on("error", () => {});
      parser.destroy();
      if (drain) drainBody(source, Math.max(0, bodyBudget - bodyBytes));
      else source.destroy();
      void removeIncoming().then(
        () => (result instanceof Error ? reject(result) : resolve(result)),
        (error) => reject(error),
      );
    };

    const finish = async () => {
      if (stopped) return;
      if (!written || fileName === null)
        return stop(refusal(400, "Er is geen bestand meegestuurd. Kies een bestand en probeer het opnieuw."), true);
      try {
        await written;
      } catch {
        return; // stopped by written.catch above
      }
      if (stopped || !incoming) return;
      stopped = true;
      const file = incoming;
      try {
        if (size === 0) {
          // A file input left empty sends a part without a name and without bytes.
          throw refusal(
            400,
            unnamed
              ? "Er is geen bestand gekozen. Kies een bestand en probeer het opnieuw."
              : "Dit bestand is leeg. Kies een ander bestand.",
          );
        }
        const detection = await detectIncoming(file.path, size, head, fileName);
        if (!detection.ok) throw refusalForDetection(detection, allowed);
        if (!allowed.includes(detection.type.category)) throw refusal(415, expectedTypesMessage(allowed));
        // A client that gave up meanwhile gets nothing recorded either.
        if (request.signal.aborted) throw refusal(400, "De upload is afgebroken.");
        const stored = await commitIncomingFile(file, {
          originalName: nameForType(fileName, detection.type),
          mime: detection.type.mime,
          size,
          sha256: hash.digest("hex"),
          uploadedBy: options.userId,
        });
        incoming = null;
        resolve({ ok: true, file: stored, fields: { ...fields } });
      } catch (error) {
        await removeIncoming().catch(() => {});
        // The record could not be written (the store rolled it back, the file is gone again).
        if (error instanceof StorageUnavailableError || (error as Error)?.name === "StorageUnavailableError")
          resolve(refusal(503, STORAGE_UNAVAILABLE_MESSAGE));
        else if (isStorageError(error)) resolve(refusal(503, STORAGE_UNAVAILABLE_MESSAGE));
        else if (error instanceof Error) reject(error);
        else resolve(error as UploadRefusal);
      }
    };

    parser.on("field", (name, value, info) => {
      if (stopped) return;
      if (info.nameTruncated || info.valueTruncated) {
        return stop(refusal(400, `Een tekstveld is te lang (hoogstens ${MAX_UPLOAD_FIELD_BYTES.toLocaleString("nl-NL")} tekens).`), true);
      }
      // Fields after the file are not read: they must come first (see beforeFile).
      if (fileName === null && !Object.hasOwn(fields, name)) fields[name] = value;
    });
    parser.on("fieldsLimit", () => stop(refusal(400, "Dit formulier heeft te veel velden."), true));
    parser.on("partsLimit", () => stop(refusal(400, "Dit formulier heeft te veel onderdelen."), true));
    parser.on("filesLimit", () => stop(refusal(400, "Stuur één bestand tegelijk."), true));
    parser.on("file", (name, stream, info) => {
      // Stopping destroys the part's stream with an error; that is expected, not a crash.
      stream.on("error", () => {});
      if (stopped) return void stream.resume();
      if (name !== "file") {
        stream.resume();
        return stop(refusal(400, "Het bestand moet in het veld ‘file’ worden meegestuurd."), true);
      }
      const decision = options.beforeFile?.({ ...fields });
      if (decision && "ok" in decision) {
        stream.resume();
        return stop(decision, true);
      }
      if (decision) allowed = decision.allowed;
      fileName = sanitiseFileName(info.filename ?? "");
      unnamed = !info.filename;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback: TransformCallback) {
          size += chunk.length;
          if (size > maxBytes) return callback(new TooLarge());
          if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      written = (async () => {
        const file = await createIncomingFile();
        incoming = file;
        if (stopped) {
          await removeIncoming();
          return;
        }
        await pipeline(stream, meter, file.stream);
      })();
      written.catch((error: NodeJS.ErrnoException) => {
        if (error instanceof TooLarge) stop(tooLarge, true);
        // Our own disk is full: nothing is stored, and the sender is told so.
        else if (isStorageError(error)) stop(refusal(503, STORAGE_UNAVAILABLE_MESSAGE), true);
        // Our own disk failed otherwise: a server error, not the sender's.
        else if (error?.syscall) stop(error, true);
        else stop(unreadable, true);
      });
    });
    parser.on("close", () => void finish());
    parser.on("error", () => stop(unreadable, true));

    counter.on("error", (error) => stop(error instanceof TooLarge ? tooLarge : unreadable, true));
    // The client went away (aborted upload, closed tab): nothing can be answered.
    source.on("error", () => stop(refusal(400, "De upload is afgebroken."), false));
    const onAbort = () => stop(refusal(400, "De upload is afgebroken."), false);
    if (request.signal.aborted) return onAbort();
    request.signal.addEventListener("abort", onAbort, { once: true });

    source.pipe(counter).pipe(parser);
  });
}
