/**
 * POST /upload through the real server: streaming to DATA_DIR/files, type sniffing,
 * limits (before and while reading the body), permissions, and clean-up after
 * refusals and aborted uploads.
 */
import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { getStoredFile } from "~/data/file-store.server";
import { Client } from "../setup/http-client";
import { docx, elfHead, fakedDirectoryBomb, html, minimalPdf, pptx, realPng } from "../setup/sample-files";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";

const MIB = 1024 * 1024;
const PUBLIC_DIR = fileURLToPath(new URL("../../public", import.meta.url));

let server: TestServer;
let speaker: Client;
let organiser: Client;
let participant: Client;

async function loggedIn(role: "speaker" | "organiser" | "participant"): Promise<Client> {
  const client = new Client(server.url);
  const login = seededLogin(server, role);
  const res = await client.login(login.email, login.password);
  expect(res.status).toBe(302);
  return client;
}

beforeAll(async () => {
  server = await startTestServer();
  speaker = await loggedIn("speaker");
  organiser = await loggedIn("organiser");
  participant = await loggedIn("participant");
});
afterAll(async () => {
  await server?.stop();
});

type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer; type?: string };

/** A multipart body built by hand, so tests control order, names and bytes exactly. */
function multipart(parts: Part[]): { head: Buffer; body: Buffer; contentType: string } {
  const boundary = `----werkplaats${randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ("data" in part) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.type ?? "application/octet-stream"}\r\n\r\n`,
        ),
        part.data,
        Buffer.from("\r\n"),
      );
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(chunks);
  return { head: chunks[0], body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const materiaal = (filename: string, data: Buffer): Part[] => [
  { name: "purpose", value: "materiaal" },
  { name: "file", filename, data },
];

type Answer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: { ok: boolean; message?: string; file?: { id: string; name: string; size: number; mime: string } } | null;
  text: string;
};

/**
 * A POST through node:http. The server may answer before the whole body is sent
 * (a refusal); that answer counts, and a reset after it is not an error.
 */
function post(
  client: Client | null,
  body: Buffer | { chunks: Buffer[] },
  options: { contentType: string; chunked?: boolean; headers?: Record<string, string> },
): Promise<Answer> {
  const target = new URL(server.url);
  const headers: Record<string, string> = {
    origin: server.url,
    "content-type": options.contentType,
    ...(client ? { cookie: client.cookieHeader } : {}),
    ...options.headers,
  };
  const chunks = Buffer.isBuffer(body) ? [body] : body.chunks;
  if (!options.chunked) headers["content-length"] = String(chunks.reduce((n, c) => n + c.length, 0));
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({ host: target.hostname, port: target.port, method: "POST", path: "/upload", headers }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => {
        const text = Buffer.concat(parts).toString("utf8");
        let json: Answer["json"];
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
      });
      res.on("error", (error) => (answered ? undefined : reject(error)));
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r).once("close", r));
      }
      req.end();
    })();
  });
}

function upload(client: Client | null, parts: Part[], options: { chunked?: boolean } = {}): Promise<Answer> {
  const { body, contentType } = multipart(parts);
  return post(client, body, { contentType, chunked: options.chunked });
}

const filesDir = () => path.join(server.dataDir, "files");
const incomingDir = () => path.join(filesDir(), "incoming");
const list = (dir: string) => readdir(dir).catch(() => [] as string[]);
const recordCount = () => getDb().data.files.length;
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Polls briefly until incoming/ is empty (clean-up after a refusal may lag the answer a little). */
async function expectNoIncoming(): Promise<void> {
  await expect.poll(() => list(incomingDir()), { timeout: 5_000, interval: 50 }).toEqual([]);
}

async function expectRefused(answer: Answer, status: number, recordsBefore: number, storedBefore: string[]): Promise<void> {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.json?.ok).toBe(false);
  expect(answer.json?.message).toMatch(/\S/);
  await expectNoIncoming();
  expect(recordCount()).toBe(recordsBefore);
  expect((await list(filesDir())).filter((n) => n !== "incoming").sort()).toEqual(storedBefore);
}

async function snapshot() {
  return { records: recordCount(), stored: (await list(filesDir())).filter((n) => n !== "incoming").sort() };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

describe("POST /upload: accepted files", () => {
  it("stores a real PDF under a generated name in DATA_DIR/files, with the right record and hash", async () => {
    const pdf = minimalPdf("% een echte pdf\n");
    const answer = await upload(speaker, materiaal("Presentatie sessie 1.pdf", pdf));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/^application\/json/);
    expect(answer.headers["cache-control"]).toBe("no-store");
    const file = answer.json!.file!;
    expect(file).toMatchObject({ name: "Presentatie sessie 1.pdf", size: pdf.length, mime: "application/pdf" });

    const record = getStoredFile(file.id);
    expect(record).not.toBeNull();
    const speakerUser = getDb().data.users.find((u) => u.email === seededLogin(server, "speaker").email);
    expect(record!.uploadedBy).toBe(speakerUser?.id);
    expect(record!.sha256).toBe(sha256(pdf));
    expect(record!.size).toBe(pdf.length);
    expect(record!.storedName).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(record!.storedName).not.toContain("Presentatie");

    const onDisk = await readFile(path.join(filesDir(), record!.storedName));
    expect(onDisk.equals(pdf)).toBe(true);
    await expectNoIncoming();

    // Nothing under public/: neither the generated name nor the same bytes.
    const publicFiles = await walk(PUBLIC_DIR);
    expect(publicFiles.some((f) => path.basename(f) === record!.storedName || path.basename(f) === file.name)).toBe(false);
    for (const f of publicFiles) {
      if ((await stat(f)).size === pdf.length) expect(sha256(await readFile(f))).not.toBe(record!.sha256);
    }
  });

  it("accepts Word, PowerPoint and images from an organiser, typed by content", async () => {
    const cases: Array<[string, Buffer, string, string]> = [
      ["notulen.docx", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "notulen.docx"],
      ["dia's.pptx", pptx(), "application/vnd.openxmlformats-officedocument.presentationml.presentation", "dia's.pptx"],
      ["foto.png", realPng(), "image/png", "foto.png"],
      // The name said PDF, the content is a PNG: the content wins, and so does its extension.
      ["plaatje.pdf", realPng(), "image/png", "plaatje.png"],
    ];
    for (const [name, data, mime, storedAs] of cases) {
      const answer = await upload(organiser, materiaal(name, data));
      expect(answer.status, `${name}: ${answer.text}`).toBe(200);
      expect(answer.json!.file).toMatchObject({ mime, name: storedAs, size: data.length });
      expect(getStoredFile(answer.json!.file!.id)?.mime).toBe(mime);
    }
  });

  it("stores a path-traversal name sanitised, and writes nowhere but DATA_DIR/files", async () => {
    const before = await walk(server.dataDir);
    const a = await upload(speaker, materiaal("../../etc/passwd", minimalPdf()));
    expect(a.status, a.text).toBe(200);
    expect(a.json!.file!.name).toBe("passwd.pdf");
    const b = await upload(speaker, materiaal("..\\..\\Windows\\system32\\verslag.pdf", minimalPdf()));
    expect(b.status, b.text).toBe(200);
    expect(b.json!.file!.name).toBe("verslag.pdf");
    const c = await upload(speaker, materiaal("../", minimalPdf()));
    expect(c.status, c.text).toBe(200);
    expect(c.json!.file!.name).toBe("bestand.pdf");
    const added = (await walk(server.dataDir)).filter(
      (f) => !before.includes(f) && !f.endsWith(".json") && !f.includes(`${path.sep}backups${path.sep}`),
    );
    expect(added.map((f) => path.relative(server.dataDir, path.dirname(f)))).toEqual(["files", "files", "files"]);
    expect(await stat(path.join(server.dataDir, "..", "etc", "passwd")).catch(() => null)).toBeNull();
  });

  it("keeps a UTF-8 file name", async () => {
    const answer = await upload(speaker, materiaal("Één café-overzicht.pdf", minimalPdf()));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json!.file!.name).toBe("Één café-overzicht.pdf");
  });

  it("accepts a chunked upload without Content-Length on /upload", async () => {
    const pdf = minimalPdf();
    const answer = await upload(speaker, materiaal("chunked.pdf", pdf), { chunked: true });
    expect(answer.status, answer.text).toBe(200);
    expect(getStoredFile(answer.json!.file!.id)?.sha256).toBe(sha256(pdf));
  });
});

describe("POST /upload: refusals leave nothing behind", () => {
  it("refuses a file over 50 MiB while streaming with 413", async () => {
    const before = await snapshot();
    const big = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(50 * MIB + 1 - 9)]);
    expect(big.length).toBe(50 * MIB + 1);
    const answer = await upload(speaker, materiaal("groot.pdf", big));
    await expectRefused(answer, 413, before.records, before.stored);
    expect(answer.json!.message).toContain("te groot");
  });

  it("refuses an over-large chunked upload (no Content-Length) with 413", async () => {
    const before = await snapshot();
    const { body, contentType } = multipart(materiaal("stroom.pdf", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(52 * MIB)])));
    const chunks: Buffer[] = [];
    for (let at = 0; at < body.length; at += MIB) chunks.push(body.subarray(at, at + MIB));
    const answer = await post(speaker, { chunks }, { contentType, chunked: true });
    await expectRefused(answer, 413, before.records, before.stored);
  });

  it("answers 413 to a Content-Length over the limit from the headers alone, before any body is sent", async () => {
    const before = await snapshot();
    const target = new URL(server.url);
    const { contentType } = multipart([]);
    const socket = net.connect(Number(target.port), target.hostname);
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      `POST /upload HTTP/1.1\r\nHost: ${target.host}\r\nOrigin: ${server.url}\r\nCookie: ${speaker.cookieHeader}\r\n` +
        `Content-Type: ${contentType}\r\nContent-Length: ${10 * 1024 * MIB}\r\n\r\n`,
    );
    // Not one byte of the body is sent; the answer must come anyway.
    const response = await new Promise<string>((resolve, reject) => {
      let text = "";
      const timer = setTimeout(() => reject(new Error(`no answer before the body; got: ${text}`)), 5_000);
      socket.on("data", (chunk) => {
        text += chunk.toString("utf8");
        if (text.includes("\r\n\r\n") && /"ok":false/.test(text)) {
          clearTimeout(timer);
          resolve(text);
        }
      });
      socket.on("error", reject);
    });
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response.toLowerCase()).toContain("connection: close");
    expect(response).toContain("te groot");
    // The server closes the connection instead of waiting for 10 GiB.
    await new Promise<void>((resolve) => (socket.readableEnded || socket.destroyed ? resolve() : socket.once("close", () => resolve())));
    socket.destroy();
    await expectNoIncoming();
    expect(recordCount()).toBe(before.records);
  });

  it("refuses HTML and an ELF executable named .pdf with 415", async () => {
    const before = await snapshot();
    for (const [name, data] of [
      ["verslag.pdf", html()],
      ["verslag.pdf", elfHead()],
      ["logo.png", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ] as const) {
      const answer = await upload(speaker, [
        { name: "purpose", value: "materiaal" },
        { name: "file", filename: name, data, type: "application/pdf" },
      ]);
      await expectRefused(answer, 415, before.records, before.stored);
      expect(answer.json!.message).toContain("Dit bestand is geen PDF, Word, PowerPoint of afbeelding");
    }
  });

  it("refuses an empty file with 400", async () => {
    const before = await snapshot();
    const answer = await upload(speaker, materiaal("leeg.pdf", Buffer.alloc(0)));
    await expectRefused(answer, 400, before.records, before.stored);
    expect(answer.json!.message).toContain("leeg");
  });

  it("refuses a zip bomb posing as .docx with 422 (a recognised container whose content is refused)", async () => {
    const before = await snapshot();
    const answer = await upload(speaker, materiaal("bom.docx", fakedDirectoryBomb()));
    await expectRefused(answer, 422, before.records, before.stored);
    expect(answer.json!.message).toContain("uitgepakt veel te groot");
  });

  it("leaves no partial file and no record when the client aborts halfway", async () => {
    const before = await snapshot();
    const target = new URL(server.url);
    const { body, contentType } = multipart(
      materiaal("afgebroken.pdf", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(20 * MIB)])),
    );
    const req = http.request({
      host: target.hostname,
      port: target.port,
      method: "POST",
      path: "/upload",
      headers: { origin: server.url, cookie: speaker.cookieHeader, "content-type": contentType, "content-length": String(body.length) },
    });
    req.on("error", () => {});
    req.write(body.subarray(0, 6 * MIB));
    // Wait until the server is really writing a partial file, then cut the connection.
    await expect.poll(() => list(incomingDir()), { timeout: 5_000, interval: 20 }).toHaveLength(1);
    req.destroy();
    await expectNoIncoming();
    expect(recordCount()).toBe(before.records);
    expect((await list(filesDir())).filter((n) => n !== "incoming").sort()).toEqual(before.stored);
  });

  it("refuses a participant uploading session material with 403, before storing anything", async () => {
    const before = await snapshot();
    const answer = await upload(participant, materiaal("casus.pdf", minimalPdf()));
    await expectRefused(answer, 403, before.records, before.stored);
    expect(answer.json!.message).toContain("sprekers en begeleiders");
  });

  it("refuses an anonymous upload with 401", async () => {
    const before = await snapshot();
    const answer = await upload(null, materiaal("anoniem.pdf", minimalPdf()));
    await expectRefused(answer, 401, before.records, before.stored);
  });

  it("refuses a missing, late or unknown purpose with 400", async () => {
    const before = await snapshot();
    const missing = await upload(speaker, [{ name: "file", filename: "a.pdf", data: minimalPdf() }]);
    await expectRefused(missing, 400, before.records, before.stored);
    expect(missing.json!.message).toContain("doel");
    const late = await upload(speaker, [
      { name: "file", filename: "a.pdf", data: minimalPdf() },
      { name: "purpose", value: "materiaal" },
    ]);
    await expectRefused(late, 400, before.records, before.stored);
    const unknown = await upload(
      speaker,
      materiaal("a.pdf", minimalPdf()).map((p) => ("value" in p ? { ...p, value: "__proto__" } : p)),
    );
    await expectRefused(unknown, 400, before.records, before.stored);
  });

  it("refuses malformed requests with 400: no file, two files, another field name, long fields, no multipart", async () => {
    const before = await snapshot();
    await expectRefused(await upload(speaker, [{ name: "purpose", value: "materiaal" }]), 400, before.records, before.stored);
    const two = await upload(speaker, [...materiaal("a.pdf", minimalPdf()), { name: "file", filename: "b.pdf", data: minimalPdf() }]);
    await expectRefused(two, 400, before.records, before.stored);
    const other = await upload(speaker, [
      { name: "purpose", value: "materiaal" },
      { name: "bijlage", filename: "a.pdf", data: minimalPdf() },
    ]);
    await expectRefused(other, 400, before.records, before.stored);
    const long = await upload(speaker, [
      { name: "purpose", value: "materiaal" },
      { name: "note", value: "x".repeat(5_000) },
      { name: "file", filename: "a.pdf", data: minimalPdf() },
    ]);
    await expectRefused(long, 400, before.records, before.stored);
    const many = await upload(speaker, [
      ...Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, value: "x" })),
      { name: "file", filename: "a.pdf", data: minimalPdf() },
    ]);
    await expectRefused(many, 400, before.records, before.stored);
    const form = await post(speaker, Buffer.from("purpose=materiaal"), { contentType: "application/x-www-form-urlencoded" });
    await expectRefused(form, 400, before.records, before.stored);
    const cut = multipart(materiaal("a.pdf", minimalPdf()));
    const truncated = await post(speaker, cut.body.subarray(0, cut.body.length - 30), { contentType: cut.contentType });
    await expectRefused(truncated, 400, before.records, before.stored);
  });

  it("refuses a cross-site upload (no same-origin Origin) with 403", async () => {
    const before = await snapshot();
    const { body, contentType } = multipart(materiaal("a.pdf", minimalPdf()));
    const answer = await post(speaker, body, { contentType, headers: { origin: "https://evil.example" } });
    expect(answer.status).toBe(403);
    await expectNoIncoming();
    expect(recordCount()).toBe(before.records);
  });
});

describe("afterwards", () => {
  it("the server is still healthy and accepts uploads on a reused connection", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const target = new URL(server.url);
    const send = (parts: Part[]) =>
      new Promise<number>((resolve, reject) => {
        const { body, contentType } = multipart(parts);
        const req = http.request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            method: "POST",
            path: "/upload",
            headers: {
              origin: server.url,
              cookie: speaker.cookieHeader,
              "content-type": contentType,
              "content-length": String(body.length),
            },
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    // A refusal after the first bytes (415) keeps the connection usable for the next upload.
    expect(await send(materiaal("x.pdf", Buffer.concat([html(), Buffer.alloc(3 * MIB)])))).toBe(415);
    expect(await send(materiaal("x.pdf", minimalPdf()))).toBe(200);
    agent.destroy();
    await expectNoIncoming();
    const page = await speaker.get("/");
    expect(page.status).toBe(200);
  });
});
