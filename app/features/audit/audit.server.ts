/**
 * The organisers' audit trail: who did what to a trio, a session, a desk, a board or
 * personal data, and when. Model functions record inside their own change(fn) with
 * recordAuditIn, so the action and its entry are stored together or not at all.
 */
import { getDb } from "~/data/db.server";
import { newId, nowIso } from "~/data/ids.server";
import type { Data } from "~/data/schema.server";
import { auditKinds, type AuditEvent, type AuditKind } from "~/data/audit-schema.server";

export { auditKinds };
export type { AuditEvent, AuditKind };

export type AuditInput = {
  editionId: string;
  kind: AuditKind;
  actorId: string | null;
  trioId?: string | null;
  sessionId?: string | null;
  subjectUserIds?: string[];
  detail?: string;
  at?: string;
};

function toEvent(input: AuditInput): AuditEvent {
  return {
    id: newId(),
    editionId: input.editionId,
    kind: input.kind,
    at: input.at ?? nowIso(),
    actorId: input.actorId,
    trioId: input.trioId ?? null,
    sessionId: input.sessionId ?? null,
    subjectUserIds: [...new Set(input.subjectUserIds ?? [])],
    detail: (input.detail ?? "").slice(0, 500),
  };
}

/** Inside a change: adds the entry to the same transaction as the action itself. */
export function recordAuditIn(data: Data, input: AuditInput): AuditEvent {
  const event = toEvent(input);
  data.auditEvents.push(event);
  return event;
}

/** For actions whose own storage is not the data file (board logs, downloads): an entry of its own. */
export function recordAudit(input: AuditInput): Promise<AuditEvent> {
  return getDb().change((data) => recordAuditIn(data, input));
}

/** The editions a person takes part in (members and pending or declined invitations), for entries about that person. */
export function editionsOfPersonIn(data: Readonly<Data>, userId: string): string[] {
  const trioIds = new Set([
    ...data.memberships.filter((m) => m.userId === userId).map((m) => m.trioId),
    ...data.trioInvitations.filter((i) => i.userId === userId).map((i) => i.trioId),
  ]);
  return [...new Set(data.trios.filter((t) => trioIds.has(t.id)).map((t) => t.editionId))];
}

/** Inside a change: the edition's trail goes with the edition's personal data. */
export function removeAuditOfEditionIn(data: Data, editionId: string): number {
  const before = data.auditEvents.length;
  data.auditEvents = data.auditEvents.filter((e) => e.editionId !== editionId);
  return before - data.auditEvents.length;
}

export type AuditFilter = { kind?: AuditKind | null; personId?: string | null };

/** The edition's entries, newest first, optionally of one kind and/or about or by one person. */
export function listAuditEvents(editionId: string, filter: AuditFilter = {}): AuditEvent[] {
  return getDb()
    .data.auditEvents.filter(
      (e) =>
        e.editionId === editionId &&
        (!filter.kind || e.kind === filter.kind) &&
        (!filter.personId || e.actorId === filter.personId || e.subjectUserIds.includes(filter.personId)),
    )
    .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}

/** Everyone who appears in the edition's trail, for the person filter. */
export function listAuditPeople(editionId: string): Array<{ id: string; name: string }> {
  const ids = new Set<string>();
  for (const e of getDb().data.auditEvents) {
    if (e.editionId !== editionId) continue;
    if (e.actorId) ids.add(e.actorId);
    for (const id of e.subjectUserIds) ids.add(id);
  }
  return [...ids].map((id) => ({ id, name: personName(id) })).sort((a, b) => a.name.localeCompare(b.name, "nl"));
}

export function personName(userId: string | null): string {
  if (!userId) return "Systeem";
  return getDb().data.users.find((u) => u.id === userId)?.name ?? "Verwijderd account";
}
