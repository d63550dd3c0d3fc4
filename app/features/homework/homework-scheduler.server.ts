/**
 * The homework scheduler: runs inside the server process (started and stopped by
 * server.ts). Each tick works out what should have gone out by now — reminders to
 * trios that have not handed in, a daily digest for organisers, in-app
 * announcements of newly visible material — and sends whatever the sent-log does
 * not have yet. Because a tick looks at everything due up to now (not only at
 * what became due since the last tick), a restart catches up on what fell due
 * while the server was down. Delivery is at most once; see
 * docs/decisions/011-homework-scheduler.md. It also enforces the retention period
 * of personal data: a warning to organisers before, the deletion when it is over
 * (app/features/accounts/retention.server.ts).
 */
import { dueAtForTrio, getAssignment } from "./assignment.server";
import { listEditions } from "~/features/programme/edition.server";
import { listAdmittedTrios } from "./homework-overview.server";
import { listMaterialsOfSession, visibleRevision } from "~/features/programme/material.server";
import { notifyUsers } from "~/features/notifications/notification.server";
import { claim, confirmSent, isLogged, listUnconfirmed, releaseClaim } from "./reminder.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { getSubmission, listSubmissionsOfSession } from "./submission.server";
import { listMembersOfTrio } from "~/features/registration/trio.server";
import { listUsers } from "~/features/accounts/user.server";
import { clearSingleton, getSingleton, setSingleton } from "~/utils/singleton.server";
import { fromDutchParts, toDutchParts } from "~/utils/dutch-time";
import { digestMail, reminderMail } from "./homework-mail.server";
import { sendMail, type OutgoingMail } from "~/features/notifications/mail.server";
import { getLogger } from "~/utils/logger.server";
import { wantsMail, withUnsubscribe } from "~/features/notifications/preferences.server";
import { deleteExpiredPersonalData, retentionWarnings } from "~/features/accounts/retention.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the scheduler looks; a reminder goes out at most this late. */
export const SCHEDULER_INTERVAL_MS = 60_000; // 1 minute
/** The organisers' digest goes out daily at this Dutch wall-clock time. */
export const DIGEST_TIME = "08:00";
/** After downtime, digests of at most this many missed days are still sent. */
export const DIGEST_CATCH_UP_DAYS = 3;
/** Material that became visible longer ago than this is not announced (e.g. after an upgrade). */
export const ANNOUNCE_WINDOW_MS = 14 * DAY_MS;

export type SchedulerOptions = { now?: () => Date; intervalMs?: number; log?: (line: string) => void };
export type HomeworkScheduler = { tick: () => Promise<TickReport>; stop: () => Promise<void>; now: () => Date };
export type TickReport = {
  reminders: number;
  digests: number;
  announcements: number;
  retentionWarnings: number;
  deletions: number;
  failures: number;
};

type Job = { key: string; kind: keyof Omit<TickReport, "failures" | "deletions">; run: () => Promise<void> };

function mailJob(key: string, kind: Job["kind"], mail: OutgoingMail): Job {
  return { key, kind, run: () => sendMail(mail) };
}

/** Reminders: a set number of days before the (trio's) due date, to members of trios that have handed in nothing. */
function reminderJobs(now: Date): Job[] {
  const jobs: Job[] = [];
  const nowIso = now.toISOString();
  for (const edition of listEditions()) {
    if (edition.archivedAt || edition.personalDataDeletedAt) continue;
    const trios = listAdmittedTrios(edition.id);
    for (const session of listSessionsOfEdition(edition.id)) {
      const assignment = getAssignment(session);
      if (assignment.reminderDays === 0) continue;
      for (const trio of trios) {
        const dueAt = dueAtForTrio(assignment, trio.id);
        if (!dueAt || nowIso >= dueAt) continue;
        if (new Date(Date.parse(dueAt) - assignment.reminderDays * DAY_MS) > now) continue;
        if ((getSubmission(session.id, trio.id)?.versions.length ?? 0) > 0) continue;
        for (const member of listMembersOfTrio(trio.id)) {
          const key = `reminder:${session.id}:${trio.id}:${dueAt}:${member.userId}`;
          if (isLogged(key) || !wantsMail(member.userId, "reminders")) continue;
          const mail = reminderMail({ to: member.user.email, name: member.user.name, trio, session, dueAt });
          jobs.push(mailJob(key, "reminders", withUnsubscribe(mail, member.userId, "reminders")));
        }
      }
    }
  }
  return jobs;
}

/** The digest moments (daily at DIGEST_TIME, Dutch time) of the last few days up to now. */
function digestMoments(now: Date): string[] {
  const moments: string[] = [];
  for (let back = DIGEST_CATCH_UP_DAYS; back >= 0; back--) {
    const { date } = toDutchParts(new Date(now.getTime() - back * DAY_MS).toISOString());
    const at = fromDutchParts(date, DIGEST_TIME);
    if (at && at <= now.toISOString()) moments.push(at);
  }
  return [...new Set(moments)];
}

/** For organisers, per edition and day: what was handed in during the 24 hours before the digest moment. */
function digestJobs(now: Date): Job[] {
  const organisers = listUsers("organiser").filter((u) => u.passwordHash);
  const jobs: Job[] = [];
  for (const edition of listEditions()) {
    if (edition.archivedAt || edition.personalDataDeletedAt) continue;
    const sessions = listSessionsOfEdition(edition.id);
    const trios = listAdmittedTrios(edition.id);
    for (const at of digestMoments(now)) {
      const from = new Date(Date.parse(at) - DAY_MS).toISOString();
      const items = sessions.flatMap((session) =>
        listSubmissionsOfSession(session.id).flatMap((submission) =>
          submission.versions
            .filter((v) => v.submittedAt >= from && v.submittedAt < at)
            .map((v) => ({
              municipality: trios.find((t) => t.id === submission.trioId)?.municipality ?? "Onbekend trio",
              session: session.number,
              late: v.late,
              submittedAt: v.submittedAt,
            })),
        ),
      );
      if (items.length === 0) continue;
      const day = toDutchParts(at).date;
      for (const organiser of organisers) {
        const key = `digest:${edition.id}:${day}:${organiser.id}`;
        if (isLogged(key) || !wantsMail(organiser.id, "digest")) continue;
        const mail = digestMail({ to: organiser.email, name: organiser.name, edition, at, items });
        jobs.push(mailJob(key, "digests", withUnsubscribe(mail, organiser.id, "digest")));
      }
    }
  }
  return jobs;
}

/** In-app notifications for participants when material becomes visible (also material published for later). */
function announcementJobs(now: Date): Job[] {
  const jobs: Job[] = [];
  const since = new Date(now.getTime() - ANNOUNCE_WINDOW_MS).toISOString();
  for (const edition of listEditions()) {
    if (edition.archivedAt || edition.personalDataDeletedAt) continue;
    const participants = listAdmittedTrios(edition.id).flatMap((t) => listMembersOfTrio(t.id).map((m) => m.userId));
    for (const session of listSessionsOfEdition(edition.id)) {
      for (const material of listMaterialsOfSession(session.id)) {
        const revision = visibleRevision(material, now);
        if (!revision || !revision.publishAt || revision.publishAt < since) continue;
        const key = `material:${revision.id}`;
        if (isLogged(key)) continue;
        jobs.push({
          key,
          kind: "announcements",
          run: () =>
            notifyUsers(participants, {
              kind: "material",
              title: `Nieuw materiaal bij bijeenkomst ${session.number}: ${revision.title}`,
              href: `/sessies/${session.id}/materiaal/${material.id}`,
            }),
        });
      }
    }
  }
  return jobs;
}

/** Organisers hear, once per edition, that its personal data will be deleted (not a mail one can unsubscribe from). */
function retentionWarningJobs(now: Date): Job[] {
  return retentionWarnings(now)
    .filter((w) => !isLogged(w.key))
    .map((w) => mailJob(w.key, "retentionWarnings", w.mail));
}

export function startHomeworkScheduler(options: SchedulerOptions = {}): HomeworkScheduler {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => getLogger().info(line));
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const unconfirmed = listUnconfirmed();
  if (unconfirmed.length > 0) {
    // At most once: these were claimed but the server stopped before it knew they went out. Not resent.
    log(
      `Let op: ${unconfirmed.length} herinnering(en) of overzicht(en) zijn mogelijk niet verstuurd (de server stopte tijdens het versturen): ${unconfirmed.map((e) => e.key).join(", ")}`,
    );
  }

  async function runTick(): Promise<TickReport> {
    const report: TickReport = { reminders: 0, digests: 0, announcements: 0, retentionWarnings: 0, deletions: 0, failures: 0 };
    const at = now();
    // Not through the sent-log: the deletion itself is idempotent, and one that failed must be tried again.
    const expired = await deleteExpiredPersonalData(at, log);
    report.deletions = expired.deleted;
    report.failures += expired.failures;
    for (const job of [...reminderJobs(at), ...digestJobs(at), ...announcementJobs(at), ...retentionWarningJobs(at)]) {
      if (stopped) break;
      if (!(await claim(job.key, at))) continue;
      try {
        await job.run();
        await confirmSent(job.key, now());
        report[job.kind]++;
      } catch (error) {
        report.failures++;
        await releaseClaim(job.key);
        log(`Versturen van ${job.key} mislukt; de volgende ronde probeert het opnieuw: ${(error as Error).message}`);
      }
    }
    return report;
  }

  /** Ticks never overlap: each waits for the one before. */
  const tick = () => {
    const next = chain.then(runTick, runTick);
    chain = next.catch(() => undefined);
    return next;
  };

  const timer = setInterval(
    () => void tick().catch((error) => log(`Planner: ${(error as Error).message}`)),
    options.intervalMs ?? SCHEDULER_INTERVAL_MS,
  );
  timer.unref();
  // Catch up at once on whatever fell due while the server was down.
  void tick().catch((error) => log(`Planner: ${(error as Error).message}`));

  const scheduler: HomeworkScheduler = {
    tick,
    now,
    stop: async () => {
      clearInterval(timer);
      stopped = true;
      await chain;
      clearSingleton("homework-scheduler");
    },
  };
  setSingleton("homework-scheduler", scheduler);
  return scheduler;
}

/** The running scheduler (tests use it to tick with their own clock). */
export function getHomeworkScheduler(): HomeworkScheduler | undefined {
  return getSingleton<HomeworkScheduler>("homework-scheduler");
}
