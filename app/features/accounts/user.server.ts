import { DomainError } from "~/utils/domain-error.server";
import { getDb } from "~/data/db.server";
import { byId } from "~/data/indexes.server";

const userById = byId("users");
import { newId, nowIso } from "~/data/ids.server";
import type { Role, User } from "~/data/schema.server";
import { normaliseEmail } from "~/utils/plain-text";

export type { User, Role };

export { normaliseEmail };

export function getUserById(id: string): User | null {
  return userById(id);
}

export function getUserByEmail(email: string): User | null {
  const wanted = normaliseEmail(email);
  return getDb().data.users.find((u) => u.email === wanted) ?? null;
}

export function listUsers(role?: Role): User[] {
  const users = getDb().data.users;
  return role ? users.filter((u) => u.role === role) : [...users];
}

export function countUsers(role: Role): number {
  return getDb().data.users.reduce((n, u) => (u.role === role ? n + 1 : n), 0);
}

export class DuplicateEmailError extends DomainError {
  constructor(readonly email: string) {
    super("Er bestaat al een account met dit e-mailadres.", { status: 400, field: "email" });
  }
}

export async function createUser(input: { email: string; name: string; role: Role; passwordHash?: string | null }): Promise<User> {
  const user: User = {
    id: newId(),
    email: normaliseEmail(input.email),
    name: input.name.trim(),
    role: input.role,
    passwordHash: input.passwordHash ?? null,
    createdAt: nowIso(),
  };
  return getDb().change((data) => {
    // Checked inside the change so two simultaneous requests cannot both pass.
    if (data.users.some((u) => u.email === user.email)) throw new DuplicateEmailError(user.email);
    data.users.push(user);
    return user;
  });
}

export async function setUserPassword(userId: string, passwordHash: string): Promise<void> {
  await getDb().change((data) => {
    const index = data.users.findIndex((u) => u.id === userId);
    if (index === -1) throw new Error(`No user ${userId}`);
    data.users[index] = { ...data.users[index], passwordHash };
  });
}
