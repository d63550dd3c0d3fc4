import { getDb } from "~/data/db.server";
import { newId, nowIso } from "~/data/ids.server";
import type { Attendance } from "~/data/live-schema.server";
import { assertEditable } from "~/features/programme/edition.server";
import { getSession, listSessionsOfEdition } from "~/features/programme/session.server";
import { announce } from "~/utils/announcements.server";
import { DomainError } from "~/utils/domain-error.server";
import { getRunSheet } from "./run-sheet.server";

export type { Attendance };

export const AttendanceMessages = {
  wrongCode: "Deze code klopt niet. Kijk nog eens op het scherm in de zaal.",
  otherSession: "Deze code hoort bij een andere bijeenkomst. Check in bij de bijeenkomst die nu bezig is.",
  notRunning: "Inchecken kan zodra de bijeenkomst begonnen is, of met de code op het scherm.",
} as const;

export const DEFAULT_CERTIFICATE_THRESHOLD = 3;

export function attendanceOf(sessionId: string, userId: string): Attendance | null {
  return getDb().data.attendance.find((a) => a.sessionId === sessionId && a.userId === userId) ?? null;
}

export function isPresent(sessionId: string, userId: string): boolean {
  return attendanceOf(sessionId, userId)?.present ?? false;
}

export function listAttendanceOfSession(sessionId: string): Attendance[] {
  return getDb().data.attendance.filter((a) => a.sessionId === sessionId);
}

async function record(sessionId: string, userId: string, present: boolean, source: Attendance["source"], by: string): Promise<Attendance> {
  const session = getSession(sessionId);
  if (!session) throw new DomainError("Deze bijeenkomst bestaat niet.", { status: 404 });
  assertEditable(session.editionId);
  const written = getDb().change((data) => {
    const index = data.attendance.findIndex((a) => a.sessionId === sessionId && a.userId === userId);
    const next: Attendance = {
      id: index === -1 ? newId() : data.attendance[index].id,
      sessionId,
      editionId: session.editionId,
      userId,
      present,
      source,
      at: nowIso(),
      by,
    };
    if (index === -1) data.attendance.push(next);
    else data.attendance[index] = next;
    return next;
  });
  // Open presence lists follow as soon as the change is in the store; the answer waits for the disk.
  announce({ kind: "live", sessionId, what: "presence", ids: [userId] });
  return written;
}

/**
 * A participant checks in: from the session page while a block runs, or with the
 * code on the projector. A code of another session of the edition is refused.
 */
export async function checkIn(sessionId: string, userId: string, code: string | undefined): Promise<Attendance> {
  const session = getSession(sessionId);
  if (!session) throw new DomainError("Deze bijeenkomst bestaat niet.", { status: 404 });
  const sheet = getRunSheet(sessionId);
  const typed = code?.trim().toUpperCase();
  if (typed) {
    if (sheet && sheet.checkInCode === typed) return record(sessionId, userId, true, "code", userId);
    const other = listSessionsOfEdition(session.editionId).some((s) => s.id !== sessionId && getRunSheet(s.id)?.checkInCode === typed);
    throw new DomainError(other ? AttendanceMessages.otherSession : AttendanceMessages.wrongCode, { field: "code", status: 400 });
  }
  if (!sheet?.currentBlockId) throw new DomainError(AttendanceMessages.notRunning, { field: "code", status: 409 });
  return record(sessionId, userId, true, "session", userId);
}

/** An organiser's correction. */
export function setPresence(sessionId: string, userId: string, present: boolean, by: string): Promise<Attendance> {
  return record(sessionId, userId, present, "organiser", by);
}

export function certificateThreshold(editionId: string): number {
  return getDb().data.certificateSettings.find((s) => s.editionId === editionId)?.threshold ?? DEFAULT_CERTIFICATE_THRESHOLD;
}

export async function setCertificateThreshold(editionId: string, threshold: number): Promise<void> {
  assertEditable(editionId);
  await getDb().change((data) => {
    const index = data.certificateSettings.findIndex((s) => s.editionId === editionId);
    if (index === -1) data.certificateSettings.push({ editionId, threshold });
    else data.certificateSettings[index] = { editionId, threshold };
  });
}

/** The sessions of the edition a person attended, in order. */
export function attendedSessions(editionId: string, userId: string) {
  return listSessionsOfEdition(editionId).filter((s) => isPresent(s.id, userId));
}
