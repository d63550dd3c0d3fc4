import { listSessionsOfEdition, type Session } from "~/features/programme/session.server";

/**
 * The session an exercise answer belongs to: the one asked for in the URL if it is
 * of the trio's edition, else the latest session that has started, else the first.
 */
export function pickSession(
  editionId: string,
  requested: string | null,
  now = new Date(),
): { session: Session; sessions: Session[] } | null {
  const sessions = listSessionsOfEdition(editionId);
  if (sessions.length === 0) return null;
  const asked = requested ? sessions.find((s) => s.id === requested) : undefined;
  const started = sessions.filter((s) => s.startsAt && s.startsAt <= now.toISOString());
  return { session: asked ?? started.at(-1) ?? sessions[0], sessions };
}
