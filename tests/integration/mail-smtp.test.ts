import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

    expect(received).toHaveLength(1);
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
});
