import { getDb } from "~/data/db.server";
import { toCsv } from "~/utils/csv";
import { formatDateTime } from "~/utils/dates";
import { auditKindLabels } from "./audit-labels";
import { listAuditEvents, personName, type AuditEvent, type AuditFilter } from "./audit.server";

export const AUDIT_PAGE_SIZE = 50;

export type AuditRow = {
  id: string;
  at: string;
  when: string;
  kind: AuditEvent["kind"];
  what: string;
  actor: string;
  about: string;
  detail: string;
};

/** One entry as organisers read it: names resolved now, so an anonymised person reads as such. */
function toRow(event: AuditEvent): AuditRow {
  const { trios, sessions } = getDb().data;
  const trio = event.trioId ? trios.find((t) => t.id === event.trioId) : null;
  const session = event.sessionId ? sessions.find((s) => s.id === event.sessionId) : null;
  const about = [
    trio ? `trio ${trio.municipality}` : null,
    session ? `bijeenkomst ${session.number}` : null,
    ...event.subjectUserIds.map((id) => personName(id)),
  ].filter(Boolean);
  return {
    id: event.id,
    at: event.at,
    when: formatDateTime(event.at),
    kind: event.kind,
    what: auditKindLabels[event.kind],
    actor: personName(event.actorId),
    about: about.join(", "),
    detail: event.detail,
  };
}

export function auditPage(editionId: string, filter: AuditFilter, page: number) {
  const all = listAuditEvents(editionId, filter);
  const pages = Math.max(1, Math.ceil(all.length / AUDIT_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = all.slice((current - 1) * AUDIT_PAGE_SIZE, current * AUDIT_PAGE_SIZE).map(toRow);
  return { rows, total: all.length, page: current, pages };
}

/** The whole trail (with the same filter) as CSV; csvCell neutralises formula-like cells. */
export function auditCsv(editionId: string, filter: AuditFilter): string {
  const rows = [["tijdstip", "handeling", "door", "betreft", "details"]];
  for (const event of listAuditEvents(editionId, filter)) {
    const row = toRow(event);
    rows.push([row.when, row.what, row.actor, row.about, row.detail]);
  }
  return toCsv(rows);
}
