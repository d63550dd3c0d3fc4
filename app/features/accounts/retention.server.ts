/**
 * The retention period of an edition's personal data (RETENTION_MONTHS after its
 * last session, as the privacy statement promises): when it ends, the warning that
 * goes out before, and the automatic deletion the scheduler runs
 * (app/features/homework/homework-scheduler.server.ts) through deleteEditionPersonalData.
 */
import type { Edition } from "~/data/schema.server";
import { listEditions } from "~/features/programme/edition.server";
import { listUsers } from "./user.server";
import { deleteEditionPersonalData, editionEndsAt } from "./privacy.server";
import { absoluteUrl, type OutgoingMail } from "~/features/notifications/mail.server";
import { addDutchMonths } from "~/utils/dutch-time";
import { formatDate, formatDateTime } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Organisers are warned (on the edition page and by mail) this many days before the deletion. */
export const RETENTION_WARNING_DAYS = 30;

/** When the personal data of an edition whose last session ends at `endsAt` is deleted. */
export function retentionDeadline(endsAt: string, months: number): string {
  return addDutchMonths(endsAt, months);
}

export type RetentionState = {
  /** When the data goes; null while not every session is scheduled or after the deletion. */
  deleteAt: string | null;
  /** From when organisers are warned. */
  warnFrom: string | null;
  warn: boolean;
  due: boolean;
};

export function retentionState(edition: Pick<Edition, "id" | "personalDataDeletedAt">, now = new Date()): RetentionState {
  const endsAt = edition.personalDataDeletedAt ? null : editionEndsAt(edition.id);
  if (!endsAt) return { deleteAt: null, warnFrom: null, warn: false, due: false };
  const deleteAt = retentionDeadline(endsAt, getEnv().RETENTION_MONTHS);
  const warnFrom = new Date(Date.parse(deleteAt) - RETENTION_WARNING_DAYS * DAY_MS).toISOString();
  const at = now.toISOString();
  // The deadline is after the last session, so a due edition has only sessions in the past.
  const due = deleteAt <= at && endsAt <= at;
  return { deleteAt, warnFrom, warn: !due && warnFrom <= at, due };
}

/**
 * Deletes the personal data of every edition whose retention period is over. Safe to
 * run on every tick and after a restart: a deleted edition is skipped.
 */
export async function deleteExpiredPersonalData(now: Date, log: (line: string) => void): Promise<{ deleted: number; failures: number }> {
  const report = { deleted: 0, failures: 0 };
  for (const edition of listEditions()) {
    if (!retentionState(edition, now).due) continue;
    try {
      await deleteEditionPersonalData(edition.id, now, null, { automatic: true });
      report.deleted++;
      log(`Bewaartermijn voorbij: de persoonsgegevens van ${edition.name} (${edition.id}) zijn automatisch verwijderd.`);
    } catch (error) {
      report.failures++;
      log(
        `Automatisch verwijderen van de persoonsgegevens van ${edition.id} mislukt; de volgende ronde probeert het opnieuw: ${(error as Error).message}`,
      );
    }
  }
  return report;
}

/** The exports worth saving before the data goes (the edition page links them too). */
export function retentionExports(editionId: string): Array<{ href: string; label: string }> {
  const base = `/beheer/edities/${editionId}`;
  return [
    { href: `${base}/trios.csv`, label: "Trio's en leden (CSV)" },
    { href: `${base}/aanwezigheid.csv`, label: "Aanwezigheid (CSV)" },
    { href: `${base}/huiswerk.csv`, label: "Voortgang huiswerk (CSV)" },
    { href: `${base}/oefeningen.csv`, label: "Oefeningen (CSV)" },
    { href: `${base}/logboek.csv`, label: "Logboek (CSV)" },
  ];
}

export function retentionWarningMail(input: {
  to: string;
  name: string;
  edition: Pick<Edition, "id" | "name">;
  deleteAt: string;
}): OutgoingMail {
  const exports = retentionExports(input.edition.id)
    .map((e) => `- ${e.label}: ${absoluteUrl(e.href)}`)
    .join("\n");
  return {
    to: input.to,
    subject: `Persoonsgegevens van ${input.edition.name} worden op ${formatDate(input.deleteAt)} verwijderd`,
    text:
      `Beste ${input.name},\n\n` +
      `De bewaartermijn van ${input.edition.name} loopt af. Op ${formatDateTime(input.deleteAt)} verwijdert het platform automatisch ` +
      `de persoonsgegevens van deze editie: de koppelingen van leden aan trio's, de casussen, het huiswerk, de oefeningen, de borden, ` +
      `de namen bij vragen en het logboek. Alleen het aantal trio's, deelnemers en gemeenten blijft bewaard.\n\n` +
      `Wil je iets bewaren, download het dan vóór die datum:\n\n${exports}\n\n` +
      `De editie zelf: ${absoluteUrl(`/beheer/edities/${input.edition.id}`)}` +
      `\n\nMet vriendelijke groet,\nHet team van de werkplaats wijkgericht werken`,
  };
}

/** One warning per edition and organiser, keyed for the scheduler's sent-log so a restart does not resend it. */
export function retentionWarnings(now: Date): Array<{ key: string; mail: OutgoingMail }> {
  const organisers = listUsers("organiser").filter((u) => u.passwordHash);
  const warnings: Array<{ key: string; mail: OutgoingMail }> = [];
  for (const edition of listEditions()) {
    const state = retentionState(edition, now);
    if (!state.warn || !state.deleteAt) continue;
    for (const organiser of organisers) {
      warnings.push({
        key: `retention-warning:${edition.id}:${organiser.id}`,
        mail: retentionWarningMail({ to: organiser.email, name: organiser.name, edition, deleteAt: state.deleteAt }),
      });
    }
  }
  return warnings;
}
