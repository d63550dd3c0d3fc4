import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMailQueue, listMailQueue } from "~/features/notifications/mail-queue.server";
import { listOutbox } from "~/features/notifications/outbox.server";
import { Client } from "../setup/http-client";
import { startSmtpPeer, type ReceivedMail } from "../setup/smtp-peer";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";

let received: ReceivedMail[] = [];
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let server: TestServer;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  received = smtp.received;
  server = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Werkplaats <werkplaats@gemeente.example>" } });
});

afterAll(async () => {
  await server?.stop();
  await smtp.close();
});

describe("mail over SMTP", () => {
  it("sends a password reset to a real SMTP peer instead of the outbox", async () => {
    const speaker = seededLogin(server, "speaker");
    const outboxBefore = listOutbox().length;
    const response = await new Client(server.url).post("/wachtwoord-vergeten", { email: speaker.email });
    expect(response.status).toBe(200);

    // Queued durably before the answer, handed to the SMTP server right after.
    await getMailQueue()!.runNow();
    expect(received).toHaveLength(1);
    expect(listMailQueue()).toHaveLength(0);
    const [mail] = received;
    expect(mail.from).toBe("werkplaats@gemeente.example");
    expect(mail.to).toEqual([speaker.email]);
    const decoded = mail.raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    expect(decoded).toContain("Subject: Nieuw wachtwoord instellen");
    const link = decoded.match(/http:\/\/localhost:\d+\/wachtwoord\/[A-Za-z0-9_-]+/)?.[0];
    expect(link).toBeTruthy();
    expect(listOutbox()).toHaveLength(outboxBefore);

    // The link in the real mail works.
    const page = await fetch(link!);
    expect(page.status).toBe(200);
  });

  it("during an SMTP outage the action still succeeds and the mail waits in the queue until the server is back", async () => {
    const speaker = seededLogin(server, "speaker");
    const port = Number(new URL(smtp.url).port);
    await smtp.close();
    received.length = 0;

    const response = await new Client(server.url).post("/wachtwoord-vergeten", { email: speaker.email });
    expect(response.status).toBe(200);
    await getMailQueue()!.runNow();
    const [queued] = listMailQueue();
    expect(queued).toMatchObject({ to: speaker.email, subject: "Nieuw wachtwoord instellen", attempts: 1 });
    expect(queued.lastError).toMatch(/ECONNREFUSED/);
    expect(Date.parse(queued.nextAttemptAt)).toBeGreaterThan(Date.now() + 20_000);

    smtp = await startSmtpPeer(port);
    received = smtp.received;
    await getMailQueue()!.runNow(true);
    expect(received.map((m) => m.subject)).toEqual(["Nieuw wachtwoord instellen"]);
    expect(listMailQueue()).toHaveLength(0);
  });
});
