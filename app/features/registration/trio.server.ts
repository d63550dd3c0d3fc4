import { getDb } from "~/data/db.server";
import { byId, groupedBy } from "~/data/indexes.server";
import { getUserById } from "~/features/accounts/user.server";

const trioById = byId("trios");
const triosOfEdition = groupedBy("trios", (t) => t.editionId);
const membershipsOfUser = groupedBy("memberships", (m) => m.userId);
const membershipsOfTrio = groupedBy("memberships", (m) => m.trioId);
import { newId, nowIso } from "~/data/ids.server";
import type { Domain, Membership, Trio, TrioStatus, User } from "~/data/schema.server";

export type { Trio, Membership, Domain, TrioStatus };

export function getTrio(id: string): Trio | null {
  return trioById(id);
}

export function listTriosOfEdition(editionId: string): Trio[] {
  return [...triosOfEdition(editionId)].sort((a, b) => a.municipality.localeCompare(b.municipality, "nl"));
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
  return [...membershipsOfUser(userId)];
}

export function isTrioMember(userId: string, trioId: string): boolean {
  return membershipsOfUser(userId).some((m) => m.trioId === trioId);
}

export type TrioMember = Membership & { user: Pick<User, "id" | "name" | "email"> };

export function listMembersOfTrio(trioId: string): TrioMember[] {
  return membershipsOfTrio(trioId).flatMap((m) => {
    const user = getUserById(m.userId);
    return user ? [{ ...m, user: { id: user.id, name: user.name, email: user.email } }] : [];
  });
}
