/**
 * Small real files built in code for the upload tests: a minimal PDF, a real PNG,
 * tiny JPEG/GIF/WebP headers, and zips (docx, pptx, bombs) from a tiny zip writer.
 * (Not a test file itself: vitest only collects *.test.ts.)
 */
import { crc32, deflateRawSync } from "node:zlib";

export function minimalPdf(extra = ""): Buffer {
  return Buffer.from(
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
      "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
      `${extra}trailer << /Root 1 0 R >>\n%%EOF\n`,
    "latin1",
  );
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 2x2 RGB PNG. */
export function realPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateRawSyncZlib(rows)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** PNG's IDAT is a zlib stream (header + deflate + adler32). */
function deflateRawSyncZlib(data: Buffer): Buffer {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0x9c]), deflateRawSync(data), adler]);
}

export const jpegHead = () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
export const gifHead = () => Buffer.concat([Buffer.from("GIF89a", "latin1"), Buffer.from([1, 0, 1, 0, 0, 0, 0, 0x3b])]);
export const webpHead = () => {
  const body = Buffer.concat([Buffer.from("WEBPVP8L", "latin1"), Buffer.from([5, 0, 0, 0, 0x2f, 0, 0, 0, 0])]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from("RIFF", "latin1"), size, body]);
};
export const oleHead = () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
export const elfHead = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
export const html = () => Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");

export type ZipEntry = {
  name: string;
  data?: Buffer;
  /** Store instead of deflate. */
  store?: boolean;
  /** Lie in the central directory: declared sizes instead of the real ones. */
  fakeUncompressed?: number;
  fakeCompressed?: number;
  /** Declare sizes in a zip64 extra field (with 0xFFFFFFFF in the fixed fields). */
  zip64Uncompressed?: bigint;
  /** Point the central directory entry at this earlier local header (overlap bombs). */
  localHeaderOf?: number;
};

/** A tiny zip writer: local headers, data, central directory, end record. */
export function makeZip(entries: ZipEntry[], options: { declaredEntries?: number } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = entry.data ?? Buffer.alloc(0);
    const stored = entry.store || data.length === 0;
    const packed = stored ? data : deflateRawSync(data);
    const name = Buffer.from(entry.name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    offsets.push(offset);
    const localOffset = entry.localHeaderOf !== undefined ? offsets[entry.localHeaderOf] : offset;
    if (entry.localHeaderOf === undefined) {
      parts.push(local, name, packed);
      offset += local.length + name.length + packed.length;
    }

    let extra = Buffer.alloc(0);
    if (entry.zip64Uncompressed !== undefined) {
      extra = Buffer.alloc(12);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(entry.zip64Uncompressed, 4);
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(45, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(stored ? 0 : 8, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(entry.fakeCompressed ?? packed.length, 20);
    header.writeUInt32LE(entry.zip64Uncompressed !== undefined ? 0xffffffff : (entry.fakeUncompressed ?? data.length), 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    header.writeUInt32LE(localOffset, 42);
    central.push(header, name, extra);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = options.declaredEntries ?? entries.length;
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const contentTypes = (main: string) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="application/xml"/></Types>`,
  );

/** A small but structurally real .docx. */
export function docx(text = "Hallo werkplaats"): Buffer {
  return makeZip([
    { name: "[Content_Types].xml", data: contentTypes("word/document.xml") },
    {
      name: "_rels/.rels",
      data: Buffer.from('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'),
    },
    {
      name: "word/document.xml",
      data: Buffer.from(
        `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
      ),
    },
  ]);
}

/** A small but structurally real .pptx. */
export function pptx(): Buffer {
  return makeZip([
    { name: "[Content_Types].xml", data: contentTypes("ppt/presentation.xml") },
    {
      name: "ppt/presentation.xml",
      data: Buffer.from('<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'),
    },
    {
      name: "ppt/slides/slide1.xml",
      data: Buffer.from('<?xml version="1.0"?><p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'),
    },
  ]);
}

/** Looks like a .docx, but its central directory claims 4 GB per entry. */
export function fakedDirectoryBomb(): Buffer {
  return makeZip([
    { name: "[Content_Types].xml", data: contentTypes("word/document.xml") },
    { name: "word/document.xml", data: Buffer.from("<w:document/>".repeat(50)), fakeUncompressed: 0xfffffff0 },
    { name: "word/media/image1.png", data: Buffer.from("x".repeat(100)), fakeUncompressed: 0xfffffff0 },
  ]);
}
