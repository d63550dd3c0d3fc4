import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { killServerProcesses, runServerProcess, serverOrigin, type ServerProcess } from "../setup/server-process";

const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-proc-"));
  dirs.push(dir);
  return dir;
}

const run = runServerProcess;

async function listening(proc: ServerProcess): Promise<number> {
  return Number(new URL(await serverOrigin(proc, 1200)).port);
}

afterEach(async () => {
  killServerProcesses();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("starting the server", () => {
  it("stops with one clear line naming a wrong variable", async () => {
    const proc = run({ DATA_DIR: await tempDir(), PORT: "drieduizend" });
    expect(await proc.exit).toBe(1);
    expect(proc.stderr().trim()).toBe('Configuratiefout: PORT moet een getal zijn (nu: "drieduizend").');
  });

  it("refuses a second server on the same data folder with one line naming the holder", async () => {
    const dataDir = await tempDir();
    const first = run({ DATA_DIR: dataDir, SEED: "none" });
    await listening(first);
    const second = run({ DATA_DIR: dataDir, SEED: "none" });
    expect(await second.exit).toBe(1);
    const message = second.stderr().trim();
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toBe(
      `De datamap ${dataDir} is al in gebruik door een andere Werkplaats-server (proces ${first.child.pid} op ${os.hostname()}, ` +
        `gestart ${JSON.parse(await readFile(path.join(dataDir, "werkplaats.lock"), "utf8")).startedAt}). Stop die eerst of kies een andere DATA_DIR.`,
    );
    // The first one runs on, and frees the folder when it stops.
    expect(first.child.exitCode).toBeNull();
    first.child.kill("SIGTERM");
    expect(await first.exit).toBe(0);
    await expect(readFile(path.join(dataDir, "werkplaats.lock"))).rejects.toThrow();
  });

  it("prints the demo logins once, on the first start only", async () => {
    const dataDir = await tempDir();
    const first = run({ DATA_DIR: dataDir });
    await listening(first);
    expect(first.stdout()).toMatch(/Begeleider\s+begeleider@werkplaats\.example\s+\S{19}/);
    expect(first.stdout()).toMatch(/Deelnemer \(trio Schiedam\)/);
    first.child.kill("SIGTERM");
    expect(await first.exit).toBe(0);

    const second = run({ DATA_DIR: dataDir });
    await listening(second);
    expect(second.stdout()).not.toContain("begeleider@werkplaats.example");
    second.child.kill("SIGTERM");
    expect(await second.exit).toBe(0);
  });

  it("prints a one-time link to create the first organiser when started empty", async () => {
    const proc = run({ DATA_DIR: await tempDir(), SEED: "none" });
    const port = await listening(proc);
    const link = proc.stdout().match(/(http:\/\/localhost:\d+\/welkom\/[A-Za-z0-9_-]+)/)?.[1];
    expect(link).toBeTruthy();
    expect(link).toContain(`:${port}/`);
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Maak het eerste account voor een begeleider aan");
  });

  it("refuses a corrupt data file, names it and the newest backup, and leaves it alone", async () => {
    const dataDir = await tempDir();
    const first = run({ DATA_DIR: dataDir, SEED: "none" });
    await listening(first);
    first.child.kill("SIGTERM");
    await first.exit;
    const second = run({ DATA_DIR: dataDir, SEED: "none" }); // a clean start takes a backup
    await listening(second);
    second.child.kill("SIGTERM");
    await second.exit;

    const file = path.join(dataDir, "werkplaats.json");
    await writeFile(file, "{ dit is geen json");
    const proc = run({ DATA_DIR: dataDir });
    expect(await proc.exit).toBe(1);
    const message = proc.stderr().trim();
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toContain(file);
    expect(message).toMatch(/Nieuwste back-up: .*backups\/werkplaats-\d{8}T\d{9}Z\.json/);
    expect(await readFile(file, "utf8")).toBe("{ dit is geen json");
  });
});

describe("stopping the server", () => {
  it("on SIGTERM finishes an in-flight request, flushes its write, closes sockets and exits 0", async () => {
    const dataDir = await tempDir();
    const proc = run({ DATA_DIR: dataDir });
    const port = await listening(proc);
    const login = proc.stdout().match(/Begeleider\s+(\S+)\s+(\S+)/)!;
    const [email, password] = [login[1], login[2]];
    const origin = `http://localhost:${port}`;

    // A logged-in socket that must be closed by the shutdown.
    const first = await fetch(`${origin}/inloggen`, {
      method: "POST",
      redirect: "manual",
      headers: { origin, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password }),
    });
    const cookie = first.headers.getSetCookie()[0].split(";")[0];
    const socket = connect(origin, { transports: ["websocket"], extraHeaders: { cookie, origin }, forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", () => resolve());
      socket.on("connect_error", reject);
    });
    const socketClosed = new Promise<string>((resolve) => socket.on("disconnect", (reason) => resolve(reason)));

    // A login whose body is only half sent when SIGTERM arrives.
    const body = new URLSearchParams({ email, password }).toString();
    const raw = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => raw.on("connect", () => resolve()));
    let response = "";
    raw.on("data", (chunk) => (response += chunk));
    const responded = new Promise<void>((resolve) => raw.on("end", () => resolve()));
    raw.write(
      `POST /inloggen HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: ${origin}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    proc.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 100));
    raw.write(body.slice(10));
    await responded;

    expect(response).toMatch(/^HTTP\/1\.1 302/);
    // A Remix signed cookie is base64(JSON of the value) + "." + signature.
    const signed = decodeURIComponent(response.match(/werkplaats_sessie=([^;]+)/)?.[1] ?? "");
    const sessionId = JSON.parse(Buffer.from(signed.slice(0, signed.lastIndexOf(".")), "base64").toString("utf8"));
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Closed as a transport, not a deliberate kick: clients reconnect by themselves once the server is back.
    expect(await socketClosed).toBe("transport close");
    expect(await proc.exit).toBe(0);
    expect(proc.stdout()).toContain("Werkplaats is netjes afgesloten.");
    // The session written by the in-flight request is on disk.
    const data = JSON.parse(await readFile(path.join(dataDir, "werkplaats.json"), "utf8"));
    expect(data.authSessions.map((s: { id: string }) => s.id)).toContain(sessionId);
    socket.close();
  });
});
