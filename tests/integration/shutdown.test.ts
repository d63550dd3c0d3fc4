/**
 * Shutdown within its grace (issue 13): the compiled server as a process, a mail
 * server that never answers, an upload-like request that never finishes, and SIGTERM.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killServerProcesses, runServerProcess, serverOrigin } from "../setup/server-process";
import { startSilentSmtpPeer, startSmtpPeer } from "../setup/smtp-peer";

const GRACE_MS = 3_000;
let dataDir = "";

afterAll(async () => {
  killServerProcesses();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Sends raw HTTP on a socket and collects everything that comes back. */
function rawClient(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  let received = "";
  socket.on("data", (chunk) => (received += chunk));
  socket.on("error", () => {});
  const ended = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  return { socket, received: () => received, ended, ready: new Promise<void>((resolve) => socket.on("connect", () => resolve())) };
}

describe("SIGTERM with a hung mail server and a request in flight", () => {
  it("stops accepting at once, exits within the grace, keeps the mail queued and every acknowledged write", async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-shutdown-"));
    const silent = await startSilentSmtpPeer();
    const proc = runServerProcess({ DATA_DIR: dataDir, SMTP_URL: silent.url, SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    const origin = await serverOrigin(proc, 1200);
    const port = Number(new URL(origin).port);
    const [, email, password] = proc.stdout().match(/Begeleider\s+(\S+)\s+(\S+)/)!;
    const speaker = proc.stdout().match(/Spreker \(sessie 1\)\s+(\S+)/)![1];
    const form = { origin, "content-type": "application/x-www-form-urlencoded" };

    // Acknowledged writes: a login (a session) and a password reset (a token and a queued mail).
    const login = await fetch(`${origin}/inloggen`, {
      method: "POST",
      redirect: "manual",
      headers: form,
      body: new URLSearchParams({ email, password }),
    });
    expect(login.status).toBe(302);
    expect(login.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const signed = decodeURIComponent(login.headers.getSetCookie()[0].match(/werkplaats_sessie=([^;]+)/)![1]);
    const sessionId = JSON.parse(Buffer.from(signed.slice(0, signed.lastIndexOf(".")), "base64").toString("utf8")) as string;
    const started = Date.now();
    const reset = await fetch(`${origin}/wachtwoord-vergeten`, {
      method: "POST",
      headers: form,
      body: new URLSearchParams({ email: speaker }),
    });
    expect(reset.status).toBe(200);
    // The user's action does not wait for the mail server.
    expect(Date.now() - started).toBeLessThan(5_000);
    await until(() => silent.connections() > 0, "the mail worker to connect to the silent SMTP server");

    // A request in flight: headers and half a body, the rest never comes.
    const inFlight = rawClient(port);
    await inFlight.ready;
    inFlight.socket.write(
      `POST /inloggen HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: ${origin}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=`,
    );
    // A kept-alive connection that already had an answer.
    const keptAlive = rawClient(port);
    await keptAlive.ready;
    keptAlive.socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost:${port}\r\n\r\n`);
    await until(() => keptAlive.received().includes("\r\n\r\n{"), "the first answer on the kept-alive connection");

    const signalled = Date.now();
    proc.child.kill("SIGTERM");
    await until(() => proc.stdout().includes("SIGTERM ontvangen"), "the shutdown to begin", 5_000);
    // No new connections once shutdown began.
    const refused = await new Promise<string>((resolve) => {
      const probe = net.connect(port, "127.0.0.1");
      probe.on("connect", () => (probe.destroy(), resolve("connected")));
      probe.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");
    // A request on the kept-alive connection gets no page: a 503 with Connection: close, or a closed connection.
    keptAlive.socket.write(`GET / HTTP/1.1\r\nHost: localhost:${port}\r\n\r\n`);
    await keptAlive.ended;
    const second = keptAlive
      .received()
      .split(/HTTP\/1\.1 /)
      .slice(2)[0];
    if (second !== undefined) expect(second).toMatch(/^503[\s\S]*connection: close/i);

    const code = await proc.exit;
    const elapsed = Date.now() - signalled;
    console.info(`shutdown_ms=${elapsed} grace_ms=${GRACE_MS}`);
    expect(code).toBe(0);
    expect(elapsed).toBeLessThan(GRACE_MS + 1_000);
    expect(elapsed).toBeGreaterThanOrEqual(GRACE_MS - 200); // the in-flight request was given its grace
    await inFlight.ended;
    expect(proc.stdout()).toContain("Werkplaats is netjes afgesloten.");
    // Request logs name neither addresses nor tokens nor cookies.
    expect(proc.stdout()).toMatch(/"msg":"POST \/inloggen 302"/);
    const requestLines = proc
      .stdout()
      .split("\n")
      .filter((line) => line.includes('"req":'));
    expect(requestLines.length).toBeGreaterThan(0);
    for (const line of requestLines) expect(line).not.toMatch(/@|werkplaats_sessie|cookie/i);
    await silent.close();

    const data = JSON.parse(await readFile(path.join(dataDir, "werkplaats.json"), "utf8"));
    expect(data.authSessions.map((s: { id: string }) => s.id)).toContain(sessionId);
    expect(data.mailQueue).toEqual([expect.objectContaining({ to: speaker, subject: "Nieuw wachtwoord instellen" })]);

    // The next start delivers the mail that waited.
    const smtp = await startSmtpPeer();
    const next = runServerProcess({ DATA_DIR: dataDir, SMTP_URL: smtp.url });
    await serverOrigin(next, 1200);
    await until(() => smtp.received.length > 0, "the queued mail to go out after the restart");
    expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([[[speaker], "Nieuw wachtwoord instellen"]]);
    next.child.kill("SIGTERM");
    expect(await next.exit).toBe(0);
    const after = JSON.parse(await readFile(path.join(dataDir, "werkplaats.json"), "utf8"));
    expect(after.mailQueue).toEqual([]);
    await smtp.close();
  }, 180_000);
});
