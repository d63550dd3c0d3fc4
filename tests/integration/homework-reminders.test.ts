/**
 * The homework scheduler against a real SMTP peer on a loopback port, with a
 * controllable clock: reminders a set number of days before the due date to
 * trios that have not handed in, the organisers' digest, and restarts: nothing
 * is sent twice, what fell due while the server was down goes out at start, and
 * a claim left unconfirmed by a crash is reported, not resent (at most once).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAssignment, setExtension } from "~/features/homework/assignment.server";
import { getDb } from "~/data/db.server";
import { saveDraft, submitDraft } from "~/features/homework/submission.server";
import type { Session, Trio } from "~/data/schema.server";
import { listOutbox } from "~/features/notifications/outbox.server";
import { getHomeworkScheduler } from "~/features/homework/homework-scheduler.server";
import { fromDutchParts, toDutchParts } from "~/utils/dutch-time";
import { startSmtpPeer, type ReceivedMail } from "../setup/smtp-peer";
import { startTestServer, type TestServer } from "../setup/test-server";
import { getMailQueue } from "~/features/notifications/mail-queue.server";

let received: ReceivedMail[] = [];
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let smtpUrl = "";
let dataDir = "";
let server: TestServer | null = null;
let clock = new Date();
let s1: Session;
let trioA: Trio;
let trioB: Trio;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

async function start(): Promise<TestServer> {
  server = await startTestServer({ dataDir, env: { SMTP_URL: smtpUrl }, scheduler: { now: () => clock, intervalMs: 24 * HOUR_MS } });
  return server;
}
async function stop(): Promise<void> {
  await server?.stop();
  server = null;
}
/** Waits for the start-up catch-up, runs one more tick and hands the queued mail to the SMTP peer. */
const tick = async () => {
  const report = await getHomeworkScheduler()!.tick();
  await getMailQueue()!.runNow();
  return report;
};
const membersOf = (trioId: string) => {
  const { memberships, users } = getDb().data;
  return memberships
    .filter((m) => m.trioId === trioId)
    .map((m) => users.find((u) => u.id === m.userId)!.email)
    .sort();
};

beforeAll(async () => {
  smtp = await startSmtpPeer();
  received = smtp.received;
  smtpUrl = smtp.url;
  dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-reminders-"));
  await start();
  trioA = getDb().data.trios.find((t) => t.municipality === "Altena")!;
  trioB = getDb().data.trios.find((t) => t.municipality === "Schiedam")!;
  s1 = getDb()
    .data.sessions.filter((s) => s.editionId === trioA.editionId)
    .sort((a, b) => a.number - b.number)[0];
});

afterAll(async () => {
  await stop();
  await smtp.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("digest for organisers", () => {
  it("mails organisers once, at the next digest moment, what came in during the day before", async () => {
    const [b1] = getDb().data.memberships.filter((m) => m.trioId === trioB.id);
    const draft = await saveDraft(s1, trioB.id, b1.userId, "Het huiswerk van Schiedam", 0);
    expect(draft.ok).toBe(true);
    await submitDraft(s1, getAssignment(s1), trioB.id, b1.userId);

    expect(await tick()).toMatchObject({ reminders: 0, digests: 0 });
    const tomorrow = toDutchParts(new Date(Date.now() + DAY_MS).toISOString()).date;
    clock = new Date(Date.parse(fromDutchParts(tomorrow, "08:00")!) + 60_000);
    expect(await tick()).toMatchObject({ digests: 1 });
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(["begeleider@werkplaats.example"]);
    expect(received[0].subject).toContain("Huiswerk binnengekomen: 1 inzending");
    expect(await tick()).toMatchObject({ digests: 0 });
    expect(received).toHaveLength(1);
    expect(listOutbox()).toHaveLength(0);
  });
});

describe("reminders", () => {
  let fireAt = 0;

  it("sends nothing before the reminder moment", async () => {
    const { dueAt, reminderDays } = getAssignment(s1);
    fireAt = Date.parse(dueAt!) - reminderDays * DAY_MS;
    received.length = 0;
    clock = new Date(fireAt - HOUR_MS);
    expect(await tick()).toMatchObject({ reminders: 0 });
    expect(received).toHaveLength(0);
  });

  it("catches up at start on a reminder that fell due while the server was down, for the trio that has not handed in", async () => {
    await stop();
    clock = new Date(fireAt + HOUR_MS);
    await start();
    await tick();
    const recipients = received.flatMap((m) => m.to).sort();
    expect(recipients).toEqual(membersOf(trioA.id));
    expect(received.every((m) => m.subject.startsWith("Herinnering: huiswerk bijeenkomst 1 inleveren vóór"))).toBe(true);
    expect(
      getDb()
        .data.sentLog.filter((e) => e.key.startsWith("reminder:"))
        .every((e) => e.sentAt),
    ).toBe(true);
  });

  it("sends nothing twice: not on the next tick, not after another restart", async () => {
    expect(await tick()).toMatchObject({ reminders: 0 });
    await stop();
    clock = new Date(fireAt + 2 * HOUR_MS);
    await start();
    await tick();
    expect(received).toHaveLength(3);
    expect(server!.logs.join("\n")).not.toContain("mogelijk niet verstuurd");
  });

  it("reminds again for an extension, and does not resend a claim a crash left unconfirmed", async () => {
    const [organiser] = getDb().data.users.filter((u) => u.role === "organiser");
    const extended = new Date(Date.parse(getAssignment(s1).dueAt!) + DAY_MS).toISOString();
    await setExtension(s1.id, trioA.id, organiser.id, extended);
    const [crashed] = getDb().data.memberships.filter((m) => m.trioId === trioA.id);
    await stop();

    // A crash between claiming and sending: the claim is on disk, the mail never went out.
    const file = path.join(dataDir, "werkplaats.json");
    const data = JSON.parse(await readFile(file, "utf8"));
    const key = `reminder:${s1.id}:${trioA.id}:${extended}:${crashed.userId}`;
    data.sentLog.push({ key, claimedAt: new Date(clock).toISOString(), sentAt: null });
    await writeFile(file, JSON.stringify(data));

    clock = new Date(Date.parse(extended) - DAY_MS);
    await start();
    await tick();
    expect(server!.logs.join("\n")).toContain(`mogelijk niet verstuurd`);
    expect(server!.logs.join("\n")).toContain(key);
    const extensionMails = received.slice(3);
    expect(extensionMails).toHaveLength(2);
    const crashedEmail = getDb().data.users.find((u) => u.id === crashed.userId)!.email;
    expect(extensionMails.flatMap((m) => m.to)).not.toContain(crashedEmail);
  });
});
