/**
 * What others do on a board that a screen reader user should hear (WCAG 4.1.3):
 * someone's new note, a voting round opening, a timer starting. Said through the
 * page's one polite live region, which throttles and sums up bursts.
 */
import type { AnnounceOptions } from "~/utils/announce-queue";
import type { BoardElement, BoardMeta } from "./board-protocol";

type Announce = (message: string, options?: AnnounceOptions) => void;

const noteSummary = (count: number) => `${count} nieuwe plaknotities op het bord.`;

/**
 * Announces notes in a remote delta that this tab has not seen before and that
 * someone else made. `known` holds the ids of every note seen so far (updated here).
 */
export function announceNewNotes(changed: readonly BoardElement[], known: Set<string>, myId: string, announce: Announce): void {
  for (const element of changed) {
    if (element.customData?.kind !== "sticky" || element.isDeleted || known.has(element.id)) continue;
    known.add(element.id);
    if (element.customData.authorId === myId) continue;
    const name = typeof element.customData.authorName === "string" ? element.customData.authorName : "Iemand";
    announce(`${name} plakte een nieuwe notitie op het bord.`, { group: "board-note", summary: noteSummary });
  }
}

/** Remembers every note of a whole scene (a join or reload), without announcing them. */
export function rememberNotes(all: readonly BoardElement[], known: Set<string>): void {
  for (const element of all) if (element.customData?.kind === "sticky") known.add(element.id);
}

export function timerStartedMessage(seconds: number, label?: string): string {
  const minutes = Math.round(seconds / 60);
  const amount = seconds < 60 ? `${Math.round(seconds)} seconden` : minutes === 1 ? "1 minuut" : `${minutes} minuten`;
  return `Timer gestart: ${amount}${label ? ` (${label})` : ""}.`;
}

export function votingOpenedMessage(votesPerParticipant: number): string {
  return `Stemronde geopend: ${votesPerParticipant === 1 ? "1 stem" : `${votesPerParticipant} stemmen`} per deelnemer.`;
}

/** Announces the changes of the board's settings that matter to everyone on it. */
export function announceMetaChange(before: BoardMeta | null, next: BoardMeta, announce: Announce, now = Date.now()): void {
  // The first meta (joining) is the state as found, not news.
  if (!before) return;
  if (next.voting?.open && !before.voting?.open) announce(votingOpenedMessage(next.voting.votesPerParticipant), { group: "board-voting" });
  if (!next.voting?.open && before.voting?.open) announce("De stemronde is gesloten; de uitslag blijft staan.", { group: "board-voting" });
  if (next.timer && next.timer.endsAt !== before.timer?.endsAt) {
    const seconds = (Date.parse(next.timer.endsAt) - now) / 1000;
    if (seconds > 0) announce(timerStartedMessage(seconds, next.timer.label), { group: "board-timer" });
  }
}
