/**
 * The durable mail queue (ADR 027). sendMail writes a mail here and returns; this
 * worker hands queued mail to the SMTP server one at a time, with timeouts, and
 * retries failures with exponential backoff. A mail leaves the queue only once the
 * SMTP server accepted it, so an outage or a shutdown never loses it. A mail that
 * keeps failing lands in the outbox, where organisers read it.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "~/data/db.server";
import { newId, nowIso } from "~/data/ids.server";
import type { QueuedMail } from "~/data/mail-schema.server";
import { getEnv } from "~/utils/env.server";
import { getLogger } from "~/utils/logger.server";
import { clearSingleton, getSingleton, setSingleton } from "~/utils/singleton.server";

/** nodemailer waits this long for a connection, the greeting and any socket activity. */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
/** Retry n waits RETRY_BASE_MS * 2^(n-1), at most RETRY_MAX_MS. */
export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 60 * 60 * 1000;
/** After this many failed attempts (about 8 hours), or a permanent refusal, the mail goes to the outbox. */
export const MAX_ATTEMPTS = 12;

/** `headers`: extra headers such as List-Unsubscribe, kept on the record and passed on by the transport. */
export type OutgoingMail = { to: string; subject: string; text: string; headers?: Record<string, string> };
export type MailQueueOptions = { retryBaseMs?: number; now?: () => Date };
export type MailQueue = {
  /** Delivers what is due now, or everything with `all` (the worker calls it; tests too). Resolves when the round is done. */
  runNow: (all?: boolean) => Promise<void>;
  /** Stops taking mail; an SMTP conversation still running at `deadline` is cut and its mail stays queued. */
  stop: (deadline: number) => Promise<void>;
};

export function backoffMs(attempts: number, base = RETRY_BASE_MS): number {
  return Math.min(RETRY_MAX_MS, base * 2 ** Math.max(0, attempts - 1));
}

/** Stores the mail for delivery; resolves once it is durable, whatever the SMTP server does. */
export async function enqueueMail(mail: OutgoingMail): Promise<QueuedMail> {
  const now = nowIso();
  const record: QueuedMail = { id: newId(), ...mail, createdAt: now, attempts: 0, nextAttemptAt: now };
  await getDb().change((data) => {
    data.mailQueue.push(record);
  });
  getMailQueue()?.wake();
  return record;
}

export function listMailQueue(): QueuedMail[] {
  return [...getDb().data.mailQueue];
}

type Worker = MailQueue & { wake: () => void };

function createTransport(url: string): Transporter {
  return nodemailer.createTransport({ url, ...SMTP_TIMEOUTS } as Parameters<typeof nodemailer.createTransport>[0]);
}

function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

export function startMailQueue(options: MailQueueOptions = {}): MailQueue {
  const now = options.now ?? (() => new Date());
  const base = options.retryBaseMs ?? RETRY_BASE_MS;
  let transport: Transporter | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  function transporter(): Transporter | null {
    const { SMTP_URL } = getEnv();
    if (!SMTP_URL) return null;
    return (transport ??= createTransport(SMTP_URL));
  }

  function planNext(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    const queue = getDb().data.mailQueue;
    if (queue.length === 0) return;
    const next = Math.min(...queue.map((m) => Date.parse(m.nextAttemptAt)));
    timer = setTimeout(() => void worker.runNow(), Math.max(0, Math.min(next - now().getTime(), RETRY_MAX_MS)));
    timer.unref();
  }

  async function deliver(mail: QueuedMail, smtp: Transporter): Promise<void> {
    try {
      await smtp.sendMail({ from: getEnv().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, headers: mail.headers });
      await getDb().change((data) => {
        data.mailQueue = data.mailQueue.filter((m) => m.id !== mail.id);
      });
      getLogger().info({ mailId: mail.id, attempts: mail.attempts + 1 }, "Mail verstuurd");
    } catch (error) {
      if (stopped) return; // cut by the shutdown: stays queued as it was
      const attempts = mail.attempts + 1;
      const reason = String((error as Error).message ?? error).slice(0, 500);
      const giveUp = attempts >= MAX_ATTEMPTS || isPermanent(error);
      await getDb().change((data) => {
        const stored = data.mailQueue.find((m) => m.id === mail.id);
        if (!stored) return;
        if (giveUp) {
          data.mailQueue = data.mailQueue.filter((m) => m.id !== mail.id);
          data.outbox.push({ id: mail.id, to: mail.to, subject: mail.subject, text: mail.text, createdAt: mail.createdAt });
        } else {
          stored.attempts = attempts;
          stored.lastError = reason;
          stored.nextAttemptAt = new Date(now().getTime() + backoffMs(attempts, base)).toISOString();
        }
      });
      if (giveUp) getLogger().error({ mailId: mail.id, attempts, reason }, "Mail niet verstuurd; in de outbox (Berichten) gezet");
      else getLogger().warn({ mailId: mail.id, attempts, reason }, "Mail niet verstuurd; later opnieuw");
    }
  }

  async function round(all: boolean): Promise<void> {
    do {
      again = false;
      const smtp = transporter();
      if (!smtp) return;
      const due = getDb().data.mailQueue.filter((m) => all || Date.parse(m.nextAttemptAt) <= now().getTime());
      for (const mail of due) {
        if (stopped) return;
        await deliver(mail, smtp);
      }
    } while (again && !stopped);
  }

  const worker: Worker = {
    runNow: (all = false) => {
      if (running) {
        again = true;
        return running.then(() => (all ? worker.runNow(true) : undefined));
      }
      running = round(all)
        .catch((error: unknown) => getLogger().error({ err: error }, "Mailwachtrij"))
        .finally(() => {
          running = null;
          planNext();
        });
      return running;
    },
    wake: () => {
      if (!stopped) void worker.runNow();
    },
    stop: async (deadline) => {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearSingleton("mail-queue");
      if (running) {
        let cut: NodeJS.Timeout | undefined;
        await Promise.race([running, new Promise<void>((resolve) => (cut = setTimeout(resolve, Math.max(0, deadline - Date.now()))))]);
        clearTimeout(cut);
      }
      // Cuts a conversation still waiting on the SMTP server; its mail stays queued.
      transport?.close();
    },
  };
  setSingleton("mail-queue", worker);
  void worker.runNow();
  return worker;
}

/** The running queue (null before start or after stop). */
export function getMailQueue(): Worker | undefined {
  return getSingleton<Worker>("mail-queue");
}
