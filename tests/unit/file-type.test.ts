import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  detectFileType,
  locateCentralDirectory,
  nameForType,
  sanitiseFileName,
  sniffHead,
  typeOf,
  ZIP_MAX_ENTRIES,
  ZIP_TAIL_BYTES,
} from "~/features/files/file-type.server";
import {
  docx,
  elfHead,
  fakedDirectoryBomb,
  gifHead,
  html,
  jpegHead,
  makeZip,
  minimalPdf,
  oleHead,
  pptx,
  realPng,
  webpHead,
} from "../setup/sample-files";

const kind = (content: Buffer, name: string) => {
  const result = detectFileType(content, name);
  return result.ok ? result.type.kind : result.reason;
};

describe("detectFileType: accepted types, judged by content", () => {
  it("recognises PDF, PNG, JPEG, GIF and WebP whatever their name", () => {
    expect(kind(minimalPdf(), "verslag.pdf")).toBe("pdf");
    expect(kind(minimalPdf(), "zonder-extensie")).toBe("pdf");
    expect(kind(realPng(), "foto.png")).toBe("png");
    expect(kind(realPng(), "foto.pdf")).toBe("png");
    expect(kind(jpegHead(), "foto.jpeg")).toBe("jpeg");
    expect(kind(gifHead(), "a.gif")).toBe("gif");
    expect(kind(webpHead(), "a.webp")).toBe("webp");
  });

  it("recognises .docx and .pptx from the zip's entry names", () => {
    expect(kind(docx(), "notulen.docx")).toBe("docx");
    expect(kind(docx(), "notulen.zip")).toBe("docx");
    expect(kind(pptx(), "dia's.pptx")).toBe("pptx");
  });

  it("maps every kind to a fixed category and safe MIME type", () => {
    const pdf = detectFileType(minimalPdf(), "x.pdf");
    expect(pdf).toEqual({ ok: true, type: { kind: "pdf", category: "pdf", mime: "application/pdf", extension: "pdf" } });
    const word = detectFileType(docx(), "x.docx");
    expect(word.ok && word.type).toMatchObject({
      category: "word",
      mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
    const slides = detectFileType(pptx(), "x.pptx");
    expect(slides.ok && slides.type).toMatchObject({
      category: "powerpoint",
      mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    });
    expect(typeOf("png").mime).toBe("image/png");
    expect(typeOf("jpeg").mime).toBe("image/jpeg");
    expect(typeOf("doc").mime).toBe("application/msword");
    expect(typeOf("ppt").mime).toBe("application/vnd.ms-powerpoint");
  });

  it("accepts a legacy OLE Office file only when the extension says .doc or .ppt", () => {
    expect(kind(oleHead(), "oud.doc")).toBe("doc");
    expect(kind(oleHead(), "OUD.PPT")).toBe("ppt");
    expect(kind(oleHead(), "oud.xls")).toBe("unsupported");
    expect(kind(oleHead(), "oud")).toBe("unsupported");
    expect(kind(oleHead(), "oud.msi")).toBe("unsupported");
  });
});

describe("detectFileType: refused content", () => {
  it("refuses HTML, SVG, scripts and executables, also when named .pdf", () => {
    expect(kind(html(), "verslag.pdf")).toBe("unsupported");
    expect(kind(elfHead(), "verslag.pdf")).toBe("unsupported");
    expect(kind(Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), "setup.pdf")).toBe("unsupported");
    expect(kind(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "logo.png")).toBe("unsupported");
    expect(kind(Buffer.from("#!/bin/sh\nrm -rf /\n"), "script.docx")).toBe("unsupported");
    expect(kind(Buffer.from("  %PDF-1.4 not at the start"), "x.pdf")).toBe("unsupported");
    // A PNG signature without its IHDR chunk is no PNG.
    expect(kind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x3c, 0x68, 0x74, 0x6d]), "x.png")).toBe(
      "unsupported",
    );
  });

  it("refuses an empty file", () => {
    expect(kind(Buffer.alloc(0), "leeg.pdf")).toBe("empty");
  });

  it("refuses a plain zip, an .xlsx, and a zip with both word/ and ppt/", () => {
    expect(kind(makeZip([{ name: "foto.jpg", data: Buffer.from("x") }]), "map.docx")).toBe("unsupported");
    expect(
      kind(
        makeZip([
          { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
          { name: "xl/workbook.xml", data: Buffer.from("<w/>") },
        ]),
        "x.docx",
      ),
    ).toBe("unsupported");
    const both = makeZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "word/document.xml", data: Buffer.from("<w/>") },
      { name: "ppt/presentation.xml", data: Buffer.from("<p/>") },
    ]);
    expect(kind(both, "x.docx")).toBe("unsupported");
    // An empty archive (only an end record) does not start with a local header.
    expect(kind(makeZip([]), "x.docx")).toBe("unsupported");
  });

  it("refuses malformed zips: cut off, garbage after the end, wrong entry count, bad offsets", () => {
    const good = docx();
    expect(kind(good.subarray(0, good.length - 30), "x.docx")).toBe("zip-malformed");
    expect(kind(good.subarray(0, 200), "x.docx")).toBe("zip-malformed");
    expect(kind(Buffer.concat([good, Buffer.from("trailing junk")]), "x.docx")).toBe("zip-malformed");
    const wrongCount = makeZip(
      [
        { name: "[Content_Types].xml", data: Buffer.from("<T/>") },
        { name: "word/document.xml", data: Buffer.from("<w/>") },
      ],
      { declaredEntries: 3 },
    );
    expect(kind(wrongCount, "x.docx")).toBe("zip-malformed");
    // A directory offset pointing into the middle of the data.
    const shifted = Buffer.from(good);
    const end = shifted.length - 22;
    shifted.writeUInt32LE(shifted.readUInt32LE(end + 16) - 7, end + 16);
    expect(kind(shifted, "x.docx")).toBe("zip-malformed");
  });
});

describe("zip bombs, checked on the central directory without decompressing", () => {
  it("refuses a docx whose faked central directory declares gigabytes", () => {
    const bomb = fakedDirectoryBomb();
    expect(bomb.length).toBeLessThan(2000);
    expect(kind(bomb, "bom.docx")).toBe("zip-too-large");
  });

  it("refuses a compression ratio over 100 even under the size limit", () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    expect(deflateRawSync(zeros).length).toBeLessThan(200 * 1024);
    const bomb = makeZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "word/document.xml", data: zeros },
    ]);
    const result = detectFileType(bomb, "x.docx");
    expect(result).toMatchObject({ ok: false, reason: "zip-ratio" });
  });

  it("refuses sizes declared in a zip64 extra field", () => {
    const bomb = makeZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "word/document.xml", data: Buffer.from("<w/>"), zip64Uncompressed: 1n << 40n },
    ]);
    expect(kind(bomb, "x.docx")).toBe("zip-too-large");
  });

  it("refuses more than 10,000 entries, declared or real", () => {
    const many = makeZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      ...Array.from({ length: ZIP_MAX_ENTRIES }, (_, i) => ({ name: `word/${i}.xml`, data: Buffer.from("<w/>"), store: true })),
    ]);
    expect(kind(many, "x.docx")).toBe("zip-too-many-entries");
    const fine = makeZip(
      Array.from({ length: 50 }, (_, i) => ({
        name: i === 0 ? "[Content_Types].xml" : `word/${i}.xml`,
        data: Buffer.from("<w/>"),
        store: true,
      })),
    );
    expect(kind(fine, "x.docx")).toBe("docx");
  });

  it("refuses entries that overlap (one compressed kernel referenced many times)", () => {
    const kernel = Buffer.alloc(256 * 1024, 0x61);
    const bomb = makeZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "word/document.xml", data: kernel },
      ...Array.from({ length: 200 }, (_, i) => ({ name: `word/copy${i}.xml`, data: kernel, localHeaderOf: 1 })),
    ]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(kind(bomb, "x.docx")).toBe("zip-malformed");
  });

  it("locates the directory from the tail alone, also behind a zip comment", () => {
    const good = docx();
    const comment = Buffer.from("een commentaar");
    const withComment = Buffer.concat([good.subarray(0, good.length - 2), Buffer.from([comment.length, 0]), comment]);
    expect(kind(withComment, "x.docx")).toBe("docx");
    const tail = withComment.subarray(Math.max(0, withComment.length - ZIP_TAIL_BYTES));
    const location = locateCentralDirectory(tail, withComment.length);
    expect(location).toMatchObject({ entries: 3 });
  });
});

describe("sniffHead", () => {
  it("asks for the central directory for zips and decides everything else from the head", () => {
    expect(sniffHead(docx().subarray(0, 64), "x.docx")).toEqual({ ok: "zip" });
    expect(sniffHead(minimalPdf().subarray(0, 64), "x")).toMatchObject({ ok: true, type: { kind: "pdf" } });
    expect(sniffHead(Buffer.alloc(0), "x")).toMatchObject({ ok: false, reason: "empty" });
  });
});

describe("sanitiseFileName", () => {
  it("strips folders, control and direction characters, and leading dots", () => {
    expect(sanitiseFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitiseFileName("..\\..\\windows\\system32\\cmd.exe")).toBe("cmd.exe");
    expect(sanitiseFileName("C:\\Users\\jan\\Documents\\verslag.pdf")).toBe("verslag.pdf");
    expect(sanitiseFileName("ver\u0000sl\nag\t.pdf")).toBe("verslag.pdf");
    expect(sanitiseFileName("foto\u202egpj.exe")).toBe("fotogpj.exe");
    expect(sanitiseFileName(".htaccess")).toBe("htaccess");
    expect(sanitiseFileName("  rapport 2025 .pdf  ")).toBe("rapport 2025 .pdf");
    expect(sanitiseFileName("Één café-notitie.docx")).toBe("Één café-notitie.docx");
  });

  it("falls back to 'bestand' for empty names", () => {
    for (const raw of ["", "   ", "..", "../", "/", "\u0000\u0001", "...", "a/b/"]) expect(sanitiseFileName(raw)).toBe("bestand");
  });

  it("keeps at most 255 characters and the extension", () => {
    const long = `${"a".repeat(400)}.pdf`;
    const out = sanitiseFileName(long);
    expect(out).toHaveLength(255);
    expect(out.endsWith(".pdf")).toBe(true);
    const emoji = sanitiseFileName(`${"😀".repeat(200)}`);
    expect(emoji.length).toBeLessThanOrEqual(255);
    expect(emoji).not.toMatch(/[\ud800-\udbff]$/);
  });
});

describe("nameForType", () => {
  it("gives the name an extension that fits the content", () => {
    expect(nameForType("verslag.pdf", typeOf("pdf"))).toBe("verslag.pdf");
    expect(nameForType("foto.JPEG", typeOf("jpeg"))).toBe("foto.JPEG");
    expect(nameForType("passwd", typeOf("pdf"))).toBe("passwd.pdf");
    expect(nameForType("foto.pdf", typeOf("png"))).toBe("foto.png");
    expect(nameForType("notulen v1.2", typeOf("docx"))).toBe("notulen v1.2.docx");
    expect(nameForType(`${"a".repeat(253)}.x`, typeOf("pptx"))).toHaveLength(255);
  });
});
