import { randomInt } from "node:crypto";
import { getDb } from "~/data/db.server";
import { newId, nowIso } from "~/data/ids.server";
import type { RunBlock, RunSheet } from "~/data/live-schema.server";
import { assertEditable } from "~/features/programme/edition.server";
import { getSession } from "~/features/programme/session.server";
import { announce } from "~/utils/announcements.server";
import { DomainError } from "~/utils/domain-error.server";
import type { Session } from "~/data/schema.server";
import { importPreSessionQuestions } from "./live-questions.server";

export type { RunBlock, RunSheet };

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
function newCode(): string {
  let code = "";
  for (let i = 0; i < 5; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function getRunSheet(sessionId: string): RunSheet | null {
  return getDb().data.runSheets.find((r) => r.sessionId === sessionId) ?? null;
}

/** The run sheet as it would start from the session's agenda, without storing it. */
export function draftRunSheet(session: Session): RunSheet {
  return {
    id: "",
    editionId: session.editionId,
    sessionId: session.id,
    blocks: session.agenda.map((item, i) => ({
      id: `b${i + 1}`,
      kind: item.kind,
      title: item.title,
      start: item.start,
      end: item.end,
      notes: "",
    })),
    currentBlockId: null,
    blockStartedAt: null,
    checkInCode: "",
    projecting: { pollId: null, questions: false },
    updatedAt: session.updatedAt,
  };
}

/** The stored run sheet, or a new one copied from the session's agenda (per edition, like its texts). */
export async function ensureRunSheet(sessionId: string): Promise<RunSheet> {
  const existing = getRunSheet(sessionId);
  if (existing) return existing;
  const session = getSession(sessionId);
  if (!session) throw new DomainError("Deze bijeenkomst bestaat niet.", { status: 404 });
  assertEditable(session.editionId);
  const sheet: RunSheet = { ...draftRunSheet(session), id: newId(), checkInCode: newCode(), updatedAt: nowIso() };
  await getDb().change((data) => {
    if (!data.runSheets.some((r) => r.sessionId === sessionId)) data.runSheets.push(sheet);
  });
  await importPreSessionQuestions(sessionId);
  return getRunSheet(sessionId)!;
}

async function updateSheet(sessionId: string, what: "block" | "projector", mutate: (sheet: RunSheet) => RunSheet): Promise<RunSheet> {
  const sheet = await ensureRunSheet(sessionId);
  assertEditable(sheet.editionId);
  const written = getDb().change((data) => {
    const index = data.runSheets.findIndex((r) => r.id === sheet.id);
    const next = { ...mutate(data.runSheets[index]), updatedAt: nowIso() };
    data.runSheets[index] = next;
    return next;
  });
  // Every screen follows as soon as the change is in the store; the facilitator's answer waits for the disk.
  announce({ kind: "live", sessionId, what, ids: [] });
  return written;
}

function blockOrRefuse(sheet: RunSheet, blockId: string): RunBlock {
  const block = sheet.blocks.find((b) => b.id === blockId);
  if (!block) throw new DomainError("Dit onderdeel staat niet (meer) in het draaiboek.", { status: 404 });
  return block;
}

/** Starts a block: every open session page follows it. */
export async function startBlock(sessionId: string, blockId: string): Promise<RunSheet> {
  const sheet = await ensureRunSheet(sessionId);
  blockOrRefuse(sheet, blockId);
  return updateSheet(sessionId, "block", (s) => ({ ...s, currentBlockId: blockId, blockStartedAt: nowIso() }));
}

/** The block after the current one (the first when none started); refuses after the last. */
export async function nextBlock(sessionId: string): Promise<RunSheet> {
  const sheet = await ensureRunSheet(sessionId);
  const index = sheet.blocks.findIndex((b) => b.id === sheet.currentBlockId);
  const next = sheet.blocks[index + 1];
  if (!next) throw new DomainError("Dit was het laatste onderdeel van de bijeenkomst.", { status: 409 });
  return startBlock(sessionId, next.id);
}

/** Ends the run: no block is current any more. */
export async function stopRun(sessionId: string): Promise<RunSheet> {
  return updateSheet(sessionId, "block", (s) => ({ ...s, currentBlockId: null, blockStartedAt: null }));
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));

/** Re-times a block and changes its notes (running late is normal). */
export async function editBlock(
  sessionId: string,
  blockId: string,
  input: { title: string; start: string; end: string; notes: string },
): Promise<RunSheet> {
  if (toMinutes(input.end) <= toMinutes(input.start))
    throw new DomainError("Het einde moet na het begin liggen.", { field: "end", status: 400 });
  blockOrRefuse(await ensureRunSheet(sessionId), blockId);
  return updateSheet(sessionId, "block", (s) => ({ ...s, blocks: s.blocks.map((b) => (b.id === blockId ? { ...b, ...input } : b)) }));
}

/** Moves a block one place up or down. */
export async function moveBlock(sessionId: string, blockId: string, direction: "up" | "down"): Promise<RunSheet> {
  const sheet = await ensureRunSheet(sessionId);
  blockOrRefuse(sheet, blockId);
  return updateSheet(sessionId, "block", (s) => {
    const blocks = [...s.blocks];
    const from = blocks.findIndex((b) => b.id === blockId);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= blocks.length) return s;
    [blocks[from], blocks[to]] = [blocks[to], blocks[from]];
    return { ...s, blocks };
  });
}

/** What the projector shows besides the block. */
export async function setProjecting(sessionId: string, projecting: RunSheet["projecting"]): Promise<RunSheet> {
  return updateSheet(sessionId, "projector", (s) => ({ ...s, projecting }));
}
