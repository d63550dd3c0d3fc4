import { getDb } from "~/data/db.server";
import { newId, nowIso } from "~/data/ids.server";
import type { Domain, Membership, Trio, TrioStatus, User } from "~/data/schema.server";

export type { Trio, Membership, Domain, TrioStatus };

export function getTrio(id: string): Trio | null {
  return getDb().data.trios.find((t) => t.id === id) ?? null;
}

export function listTriosOfEdition(editionId: string): Trio[] {
  return getDb()
    .data.trios.filter((t) => t.editionId === editionId)
    .sort((a, b) => a.municipality.localeCompare(b.municipality, "nl"));
}

export async function createTrio(input: {
  editionId: string;
  municipality: string;
  status: TrioStatus;
  registeredBy?: string | null;
  caseSummary?: string;
}): Promise<Trio> {
  const trio: Trio = {
    editionId: input.editionId,
    municipality: input.municipality,
    status: input.status,
    id: newId(),
    createdAt: nowIso(),
    registeredBy: input.registeredBy ?? null,
    caseSummary: input.caseSummary ?? "",
    shareCase: false,
    decidedAt: null,
  };
  return getDb().change((data) => {
    data.trios.push(trio);
    return trio;
  });
}

export async function addMembership(input: { trioId: string; userId: string; domain: Domain; jobTitle: string }): Promise<Membership> {
  const membership: Membership = { ...input, id: newId(), createdAt: nowIso() };
  return getDb().change((data) => {
    data.memberships.push(membership);
    return membership;
  });
}

export function listMembershipsOfUser(userId: string): Membership[] {
  return getDb().data.memberships.filter((m) => m.userId === userId);
}

export function isTrioMember(userId: string, trioId: string): boolean {
  return getDb().data.memberships.some((m) => m.userId === userId && m.trioId === trioId);
}

export type TrioMember = Membership & { user: Pick<User, "id" | "name" | "email"> };

export function listMembersOfTrio(trioId: string): TrioMember[] {
  const { memberships, users } = getDb().data;
  return memberships
    .filter((m) => m.trioId === trioId)
    .flatMap((m) => {
      const user = users.find((u) => u.id === m.userId);
      return user ? [{ ...m, user: { id: user.id, name: user.name, email: user.email } }] : [];
    });
}
