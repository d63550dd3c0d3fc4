/**
 * What an uploaded file really is, judged by its content (magic bytes), never by
 * its name or the Content-Type the browser claims. See docs/decisions/007-uploads.md.
 *
 * Pure functions on buffers. The one exception to "content only": a legacy Office
 * file (OLE compound document) looks the same for Word, PowerPoint and Excel, so it
 * is accepted as .doc or .ppt only when the name's extension says which.
 *
 * Zip-based files (.docx, .pptx) are checked on their central directory, without
 * decompressing anything: a compression bomb is refused on its declared sizes.
 * The upload pipeline reads the first bytes while streaming, then the end of the
 * stored file (locateCentralDirectory) and the directory itself
 * (inspectCentralDirectory); detectFileType() does all three on a buffer.
 */

export const fileCategories = ["pdf", "word", "powerpoint", "image"] as const;
export type FileCategory = (typeof fileCategories)[number];

export type FileKind = "pdf" | "docx" | "pptx" | "doc" | "ppt" | "png" | "jpeg" | "gif" | "webp";

export type DetectedType = {
  kind: FileKind;
  category: FileCategory;
  /** The MIME type to serve it with: from this table, never from the upload. */
  mime: string;
  /** The extension a download of it gets, without the dot. */
  extension: string;
};

export type RefusalReason = "empty" | "unsupported" | "zip-malformed" | "zip-too-many-entries" | "zip-too-large" | "zip-ratio";

export type Detection = { ok: true; type: DetectedType } | { ok: false; reason: RefusalReason; detail: string };

/** Uncompressed total a zip-based upload may declare. */
export const ZIP_MAX_UNCOMPRESSED_BYTES = 250 * 1024 * 1024;
/** Declared uncompressed total divided by declared compressed total. */
export const ZIP_MAX_RATIO = 100;
export const ZIP_MAX_ENTRIES = 10_000;
/** A directory of 10,000 entries with ordinary names fits easily; more is refused unread. */
export const ZIP_MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;
/** Bytes at the start of a file that sniffHead() needs (it uses far fewer). */
export const HEAD_BYTES = 64;
/** Bytes at the end of a zip that hold its end-of-central-directory records. */
export const ZIP_TAIL_BYTES = 22 + 0xffff + 20 + 56;

const TYPES: Record<FileKind, DetectedType> = {
  pdf: { kind: "pdf", category: "pdf", mime: "application/pdf", extension: "pdf" },
  docx: {
    kind: "docx",
    category: "word",
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
  },
  pptx: {
    kind: "pptx",
    category: "powerpoint",
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extension: "pptx",
  },
  doc: { kind: "doc", category: "word", mime: "application/msword", extension: "doc" },
  ppt: { kind: "ppt", category: "powerpoint", mime: "application/vnd.ms-powerpoint", extension: "ppt" },
  png: { kind: "png", category: "image", mime: "image/png", extension: "png" },
  jpeg: { kind: "jpeg", category: "image", mime: "image/jpeg", extension: "jpg" },
  gif: { kind: "gif", category: "image", mime: "image/gif", extension: "gif" },
  webp: { kind: "webp", category: "image", mime: "image/webp", extension: "webp" },
};

/** Extensions that already fit a kind, so a name keeps them (".jpeg" stays ".jpeg"). */
const EXTENSIONS: Record<FileKind, string[]> = {
  pdf: ["pdf"],
  docx: ["docx"],
  pptx: ["pptx"],
  doc: ["doc"],
  ppt: ["ppt"],
  png: ["png"],
  jpeg: ["jpg", "jpeg", "jpe"],
  gif: ["gif"],
  webp: ["webp"],
};

export function typeOf(kind: FileKind): DetectedType {
  return TYPES[kind];
}

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP_DIGITAL_SIGNATURE = 0x05054b50;

function startsWith(buffer: Buffer, bytes: Buffer | string, at = 0): boolean {
  const expected = typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes;
  return buffer.length >= at + expected.length && buffer.subarray(at, at + expected.length).equals(expected);
}

/** The lower-case extension of a name, without the dot ("" when there is none). */
export function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return match ? match[1].toLowerCase() : "";
}

export type HeadVerdict = Detection | { ok: "zip" };

const refused = (reason: RefusalReason, detail: string): Detection => ({ ok: false, reason, detail });

/**
 * The type a file's first bytes prove, or { ok: "zip" } when only its central
 * directory can tell (an Office Open XML candidate).
 */
export function sniffHead(head: Buffer, fileName: string): HeadVerdict {
  if (head.length === 0) return refused("empty", "the file is empty");
  if (startsWith(head, "%PDF-")) return { ok: true, type: TYPES.pdf };
  if (startsWith(head, PNG_SIGNATURE) && startsWith(head, "IHDR", 12)) return { ok: true, type: TYPES.png };
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { ok: true, type: TYPES.jpeg };
  if (startsWith(head, "GIF87a") || startsWith(head, "GIF89a")) return { ok: true, type: TYPES.gif };
  if (startsWith(head, "RIFF") && startsWith(head, "WEBP", 8)) return { ok: true, type: TYPES.webp };
  if (startsWith(head, OLE_SIGNATURE)) {
    // Word, PowerPoint and Excel 97-2003 share this container; trust the name only here.
    const extension = extensionOf(fileName);
    if (extension === "doc") return { ok: true, type: TYPES.doc };
    if (extension === "ppt") return { ok: true, type: TYPES.ppt };
    return refused("unsupported", "an OLE compound file not named .doc or .ppt");
  }
  if (head.length >= 4 && head.readUInt32LE(0) === ZIP_LOCAL_HEADER) return { ok: "zip" };
  return refused("unsupported", "no accepted signature");
}

export type CentralDirectoryLocation = {
  /** Offset of the central directory from the start of the file. */
  offset: number;
  size: number;
  entries: number;
};

/**
 * Finds the central directory from the end of a zip: `tail` is the last
 * min(fileSize, ZIP_TAIL_BYTES) bytes of a file of `fileSize` bytes. Zip64 records
 * are followed; split archives, and directories that do not end exactly where the
 * end records begin, are malformed.
 */
export function locateCentralDirectory(tail: Buffer, fileSize: number): CentralDirectoryLocation | Extract<Detection, { ok: false }> {
  const malformed = (detail: string) => ({ ok: false as const, reason: "zip-malformed" as const, detail });
  if (tail.length < 22 || tail.length > fileSize) return malformed("too short for an end record");
  const tailStart = fileSize - tail.length;
  let end = -1;
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, which must reach the end.
  for (let i = tail.length - 22; i >= Math.max(0, tail.length - 22 - 0xffff); i--) {
    if (tail.readUInt32LE(i) === ZIP_END && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      end = i;
      break;
    }
  }
  if (end < 0) return malformed("no end of central directory record");
  const disk = tail.readUInt16LE(end + 4);
  const directoryDisk = tail.readUInt16LE(end + 6);
  const entriesHere = tail.readUInt16LE(end + 8);
  let entries = tail.readUInt16LE(end + 10);
  let size = tail.readUInt32LE(end + 12);
  let offset = tail.readUInt32LE(end + 16);
  let directoryEnd = tailStart + end;

  if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR) return malformed("zip64 values without a zip64 locator");
    if (tail.readUInt32LE(locator + 4) !== 0 || tail.readUInt32LE(locator + 16) > 1) return malformed("split zip64 archive");
    const recordAt = Number(tail.readBigUInt64LE(locator + 8));
    const record = recordAt - tailStart;
    if (!Number.isSafeInteger(recordAt) || record < 0 || record + 56 > locator || tail.readUInt32LE(record) !== ZIP64_END) {
      return malformed("zip64 end record missing");
    }
    if (tail.readUInt32LE(record + 16) !== 0 || tail.readUInt32LE(record + 20) !== 0) return malformed("split zip64 archive");
    const entries64 = tail.readBigUInt64LE(record + 32);
    const size64 = tail.readBigUInt64LE(record + 40);
    const offset64 = tail.readBigUInt64LE(record + 48);
    if (entries64 !== tail.readBigUInt64LE(record + 24)) return malformed("split zip64 archive");
    // Anything beyond what a safe integer holds is far beyond every limit anyway.
    entries = entries64 > BigInt(ZIP_MAX_ENTRIES) ? ZIP_MAX_ENTRIES + 1 : Number(entries64);
    if (size64 > BigInt(fileSize) || offset64 > BigInt(fileSize)) return malformed("zip64 directory outside the file");
    size = Number(size64);
    offset = Number(offset64);
    directoryEnd = recordAt;
  } else if (disk !== 0 || directoryDisk !== 0 || entriesHere !== entries) {
    return malformed("split archive");
  }
  if (offset + size !== directoryEnd) return malformed("central directory does not end where the end record begins");
  return { offset, size, entries };
}

/**
 * Reads the central directory (the `location.size` bytes at `location.offset`):
 * refuses too many entries, a declared uncompressed total over the limit, a
 * compression ratio over the limit, and entries that point outside the data area;
 * then names the Office Open XML kind from the entry names.
 */
export function inspectCentralDirectory(directory: Buffer, location: CentralDirectoryLocation): Detection {
  const malformed = (detail: string) => refused("zip-malformed", detail);
  if (location.entries > ZIP_MAX_ENTRIES) return refused("zip-too-many-entries", `${location.entries} entries`);
  if (location.size > ZIP_MAX_DIRECTORY_BYTES) return refused("zip-too-many-entries", `a central directory of ${location.size} bytes`);
  if (directory.length !== location.size) return malformed("central directory truncated");

  let position = 0;
  let count = 0;
  let uncompressedTotal = 0;
  let compressedTotal = 0;
  let contentTypes = false;
  let word = false;
  let powerpoint = false;
  while (position < directory.length) {
    const signature = directory.length - position >= 4 ? directory.readUInt32LE(position) : 0;
    // An optional digital signature record may close the directory.
    if (
      signature === ZIP_DIGITAL_SIGNATURE &&
      position + 6 <= directory.length &&
      position + 6 + directory.readUInt16LE(position + 4) === directory.length
    )
      break;
    if (signature !== ZIP_CENTRAL_HEADER || position + 46 > directory.length)
      return malformed(`bad central directory entry at ${position}`);
    if (++count > location.entries) return malformed("more entries than declared");
    let compressed = directory.readUInt32LE(position + 20);
    let uncompressed = directory.readUInt32LE(position + 24);
    const nameLength = directory.readUInt16LE(position + 28);
    const extraLength = directory.readUInt16LE(position + 30);
    const commentLength = directory.readUInt16LE(position + 32);
    let localHeader = directory.readUInt32LE(position + 42);
    const next = position + 46 + nameLength + extraLength + commentLength;
    if (next > directory.length) return malformed("entry runs past the directory");
    const name = directory.toString("latin1", position + 46, position + 46 + nameLength);

    if (uncompressed === 0xffffffff || compressed === 0xffffffff || localHeader === 0xffffffff) {
      // The zip64 extra field holds, in this order, each value that is 0xFFFFFFFF above.
      const extra = directory.subarray(position + 46 + nameLength, position + 46 + nameLength + extraLength);
      let field = -1;
      for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
        if (extra.readUInt16LE(at) === 0x0001) {
          field = at;
          break;
        }
      }
      if (field < 0) return malformed("zip64 sizes without a zip64 field");
      const fieldEnd = field + 4 + extra.readUInt16LE(field + 2);
      let at = field + 4;
      const read64 = (): number | null => {
        if (at + 8 > fieldEnd || at + 8 > extra.length) return null;
        const value = extra.readBigUInt64LE(at);
        at += 8;
        return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
      };
      if (uncompressed === 0xffffffff) uncompressed = read64() ?? -1;
      if (compressed === 0xffffffff) compressed = read64() ?? -1;
      if (localHeader === 0xffffffff) localHeader = read64() ?? -1;
      if (uncompressed < 0 || compressed < 0 || localHeader < 0) return malformed("short zip64 field");
    }
    // Every entry's data lies before the directory: this also catches overlapping-entry bombs.
    if (localHeader + 30 + nameLength > location.offset || compressed > location.offset) return malformed("entry outside the data area");
    uncompressedTotal += uncompressed;
    compressedTotal += compressed;
    if (compressedTotal > location.offset) return malformed("entries overlap");

    if (name === "[Content_Types].xml") contentTypes = true;
    else if (name.startsWith("word/")) word = true;
    else if (name.startsWith("ppt/")) powerpoint = true;
    position = next;
  }
  if (count !== location.entries) return malformed(`${count} entries found, ${location.entries} declared`);
  if (uncompressedTotal > ZIP_MAX_UNCOMPRESSED_BYTES) return refused("zip-too-large", `${uncompressedTotal} bytes uncompressed`);
  if (uncompressedTotal > ZIP_MAX_RATIO * compressedTotal) {
    return refused("zip-ratio", `${uncompressedTotal} bytes from ${compressedTotal} compressed`);
  }
  if (contentTypes && word && !powerpoint) return { ok: true, type: TYPES.docx };
  if (contentTypes && powerpoint && !word) return { ok: true, type: TYPES.pptx };
  return refused("unsupported", "a zip that is no Word or PowerPoint document");
}

/** The whole check on a file held in memory (tests; small files). */
export function detectFileType(content: Buffer, fileName: string): Detection {
  const head = sniffHead(content.subarray(0, HEAD_BYTES), fileName);
  if (head.ok !== "zip") return head;
  const tail = content.subarray(Math.max(0, content.length - ZIP_TAIL_BYTES));
  const location = locateCentralDirectory(tail, content.length);
  if ("ok" in location) return location;
  if (location.entries > ZIP_MAX_ENTRIES || location.size > ZIP_MAX_DIRECTORY_BYTES) {
    return inspectCentralDirectory(Buffer.alloc(0), location);
  }
  return inspectCentralDirectory(content.subarray(location.offset, location.offset + location.size), location);
}

/** Human names of the categories, for messages ("PDF, Word, PowerPoint of afbeelding"). */
export const categoryLabels: Record<FileCategory, string> = {
  pdf: "PDF",
  word: "Word",
  powerpoint: "PowerPoint",
  image: "afbeelding",
};

/** "A", "A of B", "A, B of C" in Dutch. */
export function listInDutch(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} of ${items.at(-1)}`;
}

const MAX_NAME_LENGTH = 255;

/** Cuts a string to at most `max` UTF-16 units without splitting a character. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

/**
 * The uploaded name as a display name: no folders ("../../etc/passwd" -> "passwd"),
 * no control or text-direction characters, no leading dots, at most 255
 * characters (the extension is kept when the name is cut); "bestand" when nothing
 * is left. The name is only ever shown or offered as a download name: files are
 * stored under generated names.
 */
export function sanitiseFileName(raw: string): string {
  let name = raw.normalize("NFC");
  name = name.split(/[/\\]/).at(-1) ?? "";
  // C0/C1 controls, and bidi overrides that make "gpj.exe" look like "exe.jpg".
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");
  name = name.replace(/\s+/g, " ").trim();
  name = name
    .replace(/^\.+/, "")
    .replace(/[. ]+$/, "")
    .trim();
  if (!name) return "bestand";
  if (name.length > MAX_NAME_LENGTH) {
    const extension = extensionOf(name);
    name = extension
      ? `${cut(name.slice(0, -(extension.length + 1)), MAX_NAME_LENGTH - extension.length - 1)}.${extension}`
      : cut(name, MAX_NAME_LENGTH);
  }
  return name;
}

/**
 * A sanitised name with an extension that fits the detected type: a fitting one
 * stays, another short alphabetic one is replaced ("foto.pdf" holding a PNG becomes
 * "foto.png"), otherwise the type's extension is added ("passwd" -> "passwd.pdf").
 */
export function nameForType(name: string, type: DetectedType): string {
  const extension = extensionOf(name);
  if (EXTENSIONS[type.kind].includes(extension)) return name;
  const stem = /^[a-z][a-z0-9]{0,4}$/.test(extension) ? name.slice(0, -(extension.length + 1)) : name;
  const suffix = `.${type.extension}`;
  return `${cut(stem || "bestand", MAX_NAME_LENGTH - suffix.length)}${suffix}`;
}

/** The MIME types a file may be shown inline as (a preview); everything else is only an attachment. */
export const PREVIEW_MIME_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
