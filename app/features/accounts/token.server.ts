import { createHash, randomBytes } from "node:crypto";
import { getDb } from "~/data/db.server";
import { newId, nowIso } from "~/data/ids.server";
import type { Token, TokenKind } from "~/data/schema.server";

export type { Token, TokenKind };

function hashToken(raw: string): string {
  return createHash("sha256").update(raw).digest("hex");
}

/** Creates a single-use token; the raw secret goes into the link and is not stored. */
export async function issueToken(
  kind: TokenKind,
  userId: string | null,
  ttlMs: number,
  now = new Date(),
): Promise<{ token: string; record: Token }> {
  const token = randomBytes(32).toString("base64url");
  const record: Token = {
    id: newId(),
    kind,
    tokenHash: hashToken(token),
    userId,
    createdAt: nowIso(now),
    expiresAt: nowIso(new Date(now.getTime() + ttlMs)),
    usedAt: null,
  };
  await getDb().change((data) => {
    // Older unused links of the same kind for the same person (or, for the
    // first-organiser link, for nobody yet) stop working.
    data.tokens = data.tokens.map((t) => (t.kind === kind && t.userId === userId && !t.usedAt ? { ...t, usedAt: record.createdAt } : t));
    data.tokens.push(record);
  });
  return { token, record };
}

export type TokenCheck = { ok: true; record: Token } | { ok: false; reason: "unknown" | "used" | "expired" };

export function checkToken(raw: string, kinds: readonly TokenKind[], now = new Date()): TokenCheck {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(raw)) return { ok: false, reason: "unknown" };
  const hash = hashToken(raw);
  const record = getDb().data.tokens.find((t) => t.tokenHash === hash && kinds.includes(t.kind));
  if (!record) return { ok: false, reason: "unknown" };
  if (record.usedAt) return { ok: false, reason: "used" };
  if (record.expiresAt <= now.toISOString()) return { ok: false, reason: "expired" };
  return { ok: true, record };
}

/**
 * Checks and marks the token used in one synchronous step, so two requests with the
 * same link cannot both succeed.
 */
export async function consumeToken(raw: string, kinds: readonly TokenKind[], now = new Date()): Promise<TokenCheck> {
  const check = checkToken(raw, kinds, now);
  if (!check.ok) return check;
  const usedAt = nowIso(now);
  await getDb().change((data) => {
    data.tokens = data.tokens.map((t) => (t.id === check.record.id ? { ...t, usedAt } : t));
  });
  return { ok: true, record: { ...check.record, usedAt } };
}
