import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOutbox } from "~/models/outbox.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let smtp: SMTPServer;
let server: TestServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const port = (smtp.server.address() as { port: number }).port;
  server = await startTestServer({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Werkplaats <werkplaats@gemeente.example>" } });
});

afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
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
