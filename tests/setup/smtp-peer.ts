import net from "node:net";
import { SMTPServer } from "smtp-server";

/** One message as the SMTP peer received it. */
export type ReceivedMail = { from: string; to: string[]; raw: string; subject: string };

/** The Subject header of a raw message, decoded (nodemailer writes non-ASCII as =?UTF-8?Q?…?= or =?UTF-8?B?…?= words). */
export function decodeSubject(raw: string): string {
  const line =
    raw
      .split(/\r?\n\r?\n/)[0]
      .replace(/\r?\n[ \t]+/g, " ")
      .match(/^Subject: (.*)$/m)?.[1] ?? "";
  return line.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s?/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

/**
 * A real SMTP server on a loopback port that keeps every message it receives
 * (no TLS, no authentication). `url` goes into SMTP_URL.
 */
export async function startSmtpPeer(port = 0): Promise<{ url: string; received: ReceivedMail[]; close: () => Promise<void> }> {
  const received: ReceivedMail[] = [];
  const smtp = new SMTPServer({
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
          subject: decodeSubject(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, "127.0.0.1", () => resolve()));
  const bound = (smtp.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${bound}`, received, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}

/** An SMTP server that accepts connections and never says a word (a hung mail server). */
export async function startSilentSmtpPeer(): Promise<{ url: string; port: number; connections: () => number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
