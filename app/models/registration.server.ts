/**
 * Trio registration and admission: who may register, which status a new trio gets,
 * the organisers' decisions and changes of members. Every rule that must hold as a
 * whole is checked inside one getDb().change, so a refusal stores nothing and two
 * simultaneous requests cannot both pass.
 */
import { formatDate } from "~/utils/dates";
import { getDb } from "./db.server";
import { newId, nowIso } from "./ids.server";
import type { Data, Domain, Edition, Membership, Trio, TrioStatus, User } from "./schema.server";
import { normaliseEmail } from "./user.server";

export type RegistrationPerson = { name: string; email: string; jobTitle: string; domain: Domain };

/** A refusal with a Dutch message per form field (or "form" for the whole form). */
export class RegistrationError extends Error {
  constructor(
    readonly errors: Record<string, string>,
    readonly status = 400,
  ) {
    super(Object.values(errors).join(" "));
  }
}

export function isRegistrationOpen(edition: Edition, now = new Date()): boolean {
  const at = now.toISOString();
  return !edition.archivedAt && !edition.personalDataDeletedAt && edition.registrationOpensAt <= at && at <= edition.registrationClosesAt;
}

/** Editions whose registration is open now, soonest closing first. */
export function listOpenEditions(now = new Date()): Edition[] {
  return getDb()
    .data.editions.filter((e) => isRegistrationOpen(e, now))
    .sort((a, b) => a.registrationClosesAt.localeCompare(b.registrationClosesAt));
}

/** Why registration is not possible now, with the dates it is (or was) open. */
export function closedMessage(edition: Edition, now = new Date()): string {
  const window = `van ${formatDate(edition.registrationOpensAt)} tot en met ${formatDate(edition.registrationClosesAt)}`;
  if (edition.archivedAt || edition.personalDataDeletedAt) return `${edition.name} is afgesloten; aanmelden kan niet meer.`;
  if (now.toISOString() < edition.registrationOpensAt) return `De aanmelding voor ${edition.name} is nog niet open. Je kunt je trio aanmelden ${window}.`;
  return `De aanmelding voor ${edition.name} is gesloten. Aanmelden kon ${window}.`;
}

export function countAdmitted(data: Data, editionId: string): number {
  return data.trios.reduce((n, t) => (t.editionId === editionId && t.status === "admitted" ? n + 1 : n), 0);
}

function sameMunicipality(a: string, b: string): boolean {
  return a.trim().localeCompare(b.trim(), "nl", { sensitivity: "base" }) === 0;
}

/** The municipality of another trio in the same edition that this user already belongs to. */
function otherTrioInEdition(data: Data, userId: string, editionId: string, exceptTrioId?: string): Trio | null {
  for (const m of data.memberships) {
    if (m.userId !== userId || m.trioId === exceptTrioId) continue;
    const trio = data.trios.find((t) => t.id === m.trioId);
    if (trio && trio.editionId === editionId) return trio;
  }
  return null;
}

/**
 * Checks one person against the accounts that exist: organisers and speakers cannot
 * join a trio, and nobody is in two trios of one edition. Returns the existing
 * account, if any.
 */
function checkPerson(data: Data, person: RegistrationPerson, editionId: string, field: string, exceptTrioId?: string): User | null {
  const existing = data.users.find((u) => u.email === normaliseEmail(person.email)) ?? null;
  if (!existing) return null;
  if (existing.role !== "participant") {
    throw new RegistrationError({ [field]: "Dit e-mailadres hoort bij een begeleider of spreker. Die kunnen niet in een trio; gebruik een ander e-mailadres." });
  }
  if (otherTrioInEdition(data, existing.id, editionId, exceptTrioId)) {
    throw new RegistrationError({ [field]: "Deze persoon zit al in een ander trio van deze editie. Iedereen doet per editie met één trio mee." });
  }
  return existing;
}

export type RegistrationResult = {
  trio: Trio;
  /** Per member, in form order: the account and whether it was made now. */
  members: Array<{ user: User; created: boolean; membership: Membership }>;
};

/**
 * Registers a trio. `me` is the person filling in the form: either their existing
 * account (logged in) or a new account with the given password hash. The first of
 * `people` is always that person.
 */
export async function registerTrio(input: {
  editionId: string;
  municipality: string;
  caseSummary: string;
  people: [RegistrationPerson, RegistrationPerson, RegistrationPerson];
  me: { userId: string } | { passwordHash: string };
  now?: Date;
}): Promise<RegistrationResult> {
  const now = input.now ?? new Date();
  const createdAt = nowIso(now);
  return getDb().change((data) => {
    const edition = data.editions.find((e) => e.id === input.editionId);
    if (!edition) throw new RegistrationError({ form: "Deze editie bestaat niet." }, 404);
    if (!isRegistrationOpen(edition, now)) throw new RegistrationError({ form: closedMessage(edition, now) }, 409);
    const municipality = input.municipality.trim();
    if (data.trios.some((t) => t.editionId === edition.id && sameMunicipality(t.municipality, municipality))) {
      throw new RegistrationError({ municipality: `Voor ${municipality} is al een trio aangemeld in deze editie. Neem contact op met je collega's of met de begeleiders.` }, 409);
    }
    const emails = input.people.map((p) => normaliseEmail(p.email));
    emails.forEach((email, i) => {
      const first = emails.indexOf(email);
      if (first !== i) throw new RegistrationError({ [`email${i + 1}`]: `Dit e-mailadres staat al bij lid ${first + 1}. Ieder lid van het trio heeft een eigen e-mailadres.` });
    });
    const domainsUsed = new Set(input.people.map((p) => p.domain));
    if (domainsUsed.size !== 3) throw new RegistrationError({ domains: "Een trio bestaat uit één persoon uit de wijk, één uit het fysieke domein en één uit het sociale domein." });

    const members: Array<{ user: User; created: boolean }> = [];
    const newUsers: User[] = [];
    input.people.forEach((person, i) => {
      const field = `email${i + 1}`;
      if (i === 0 && "userId" in input.me) {
        const user = data.users.find((u) => u.id === (input.me as { userId: string }).userId);
        if (!user || user.email !== emails[0]) throw new RegistrationError({ form: "Log opnieuw in en probeer het nog eens." }, 403);
        if (user.role !== "participant") throw new RegistrationError({ form: "Begeleiders en sprekers kunnen geen trio aanmelden." }, 403);
        if (otherTrioInEdition(data, user.id, edition.id)) throw new RegistrationError({ form: "Je zit al in een trio van deze editie. Iedereen doet per editie met één trio mee." }, 409);
        members.push({ user, created: false });
        return;
      }
      const existing = checkPerson(data, person, edition.id, field);
      if (existing && i === 0) {
        throw new RegistrationError({ email1: "Er is al een account met dit e-mailadres. Log eerst in; daarna meld je je trio aan zonder nieuw wachtwoord." }, 409);
      }
      if (existing) {
        members.push({ user: existing, created: false });
        return;
      }
      const user: User = {
        id: newId(),
        email: emails[i],
        name: person.name.trim(),
        role: "participant",
        passwordHash: i === 0 && "passwordHash" in input.me ? input.me.passwordHash : null,
        createdAt,
      };
      newUsers.push(user);
      members.push({ user, created: true });
    });

    const admitted = countAdmitted(data, edition.id);
    const trio: Trio = {
      id: newId(),
      editionId: edition.id,
      municipality,
      status: admitted < edition.capacity ? "registered" : "waiting",
      createdAt,
      registeredBy: members[0].user.id,
      caseSummary: input.caseSummary.trim(),
      shareCase: false,
      decidedAt: null,
    };
    const memberships: Membership[] = members.map((m, i) => ({
      id: newId(),
      trioId: trio.id,
      userId: m.user.id,
      domain: input.people[i].domain,
      jobTitle: input.people[i].jobTitle.trim(),
      createdAt,
    }));
    data.users.push(...newUsers);
    data.trios.push(trio);
    data.memberships.push(...memberships);
    return { trio, members: members.map((m, i) => ({ ...m, membership: memberships[i] })) };
  });
}

export class AdmissionError extends Error {
  constructor(
    message: string,
    readonly status = 409,
  ) {
    super(message);
  }
}

/** Admit, reject or wait-list a trio. Admitting is refused when the edition is full. */
export async function decideTrio(trioId: string, status: Exclude<TrioStatus, "registered">, now = new Date()): Promise<{ trio: Trio; changed: boolean }> {
  return getDb().change((data) => {
    const index = data.trios.findIndex((t) => t.id === trioId);
    if (index === -1) throw new AdmissionError("Dit trio bestaat niet.", 404);
    const trio = data.trios[index];
    const edition = data.editions.find((e) => e.id === trio.editionId);
    if (!edition) throw new AdmissionError("Deze editie bestaat niet.", 404);
    if (edition.archivedAt) throw new AdmissionError("Deze editie is gearchiveerd en kan niet meer worden gewijzigd.");
    if (trio.status === status) return { trio, changed: false };
    if (status === "admitted") {
      const admitted = countAdmitted(data, edition.id);
      if (admitted >= edition.capacity) {
        throw new AdmissionError(
          `De editie is vol: ${admitted} van de ${edition.capacity} plaatsen zijn bezet. Verhoog eerst het aantal plaatsen bij de gegevens van de editie, of laat een ander trio eerst gaan.`,
        );
      }
    }
    const updated: Trio = { ...trio, status, decidedAt: nowIso(now) };
    data.trios[index] = updated;
    return { trio: updated, changed: true };
  });
}

/**
 * Replaces a member (or, without `removeMembershipId`, adds one to a trio with a
 * free place): the new person gets the domain and job title given here. The trio
 * keeps at most three members, one per domain. Returns the new account when one was made.
 */
export async function changeMember(input: {
  trioId: string;
  removeMembershipId: string | null;
  person: RegistrationPerson;
  now?: Date;
}): Promise<{ trio: Trio; removed: { user: User; membership: Membership } | null; added: { user: User; created: boolean; membership: Membership } }> {
  const createdAt = nowIso(input.now ?? new Date());
  return getDb().change((data) => {
    const trio = data.trios.find((t) => t.id === input.trioId);
    if (!trio) throw new RegistrationError({ form: "Dit trio bestaat niet." }, 404);
    const edition = data.editions.find((e) => e.id === trio.editionId);
    if (edition?.archivedAt) throw new RegistrationError({ form: "Deze editie is gearchiveerd en kan niet meer worden gewijzigd." }, 409);
    const current = data.memberships.filter((m) => m.trioId === trio.id);
    const removing = input.removeMembershipId ? current.find((m) => m.id === input.removeMembershipId) : null;
    if (input.removeMembershipId && !removing) throw new RegistrationError({ form: "Dit lid hoort niet (meer) bij dit trio." }, 404);
    const staying = current.filter((m) => m.id !== removing?.id);
    if (staying.length >= 3) throw new RegistrationError({ form: "Dit trio heeft al drie leden. Vervang een lid in plaats van er een toe te voegen." }, 409);
    const email = normaliseEmail(input.person.email);
    const stayingUsers = staying.map((m) => data.users.find((u) => u.id === m.userId));
    if (stayingUsers.some((u) => u?.email === email)) throw new RegistrationError({ email: "Deze persoon zit al in dit trio." });
    const taken = staying.find((m) => m.domain === input.person.domain);
    if (taken) throw new RegistrationError({ domain: "Dit domein is in het trio al bezet. Een trio heeft één persoon per domein." });
    const existing = checkPerson(data, input.person, trio.editionId, "email", trio.id);
    const user: User = existing ?? {
      id: newId(),
      email,
      name: input.person.name.trim(),
      role: "participant",
      passwordHash: null,
      createdAt,
    };
    const membership: Membership = {
      id: newId(),
      trioId: trio.id,
      userId: user.id,
      domain: input.person.domain,
      jobTitle: input.person.jobTitle.trim(),
      createdAt,
    };
    if (!existing) data.users.push(user);
    if (removing) data.memberships = data.memberships.filter((m) => m.id !== removing.id);
    data.memberships.push(membership);
    const removedUser = removing ? data.users.find((u) => u.id === removing.userId) ?? null : null;
    return {
      trio,
      removed: removing && removedUser ? { user: removedUser, membership: removing } : null,
      added: { user, created: !existing, membership },
    };
  });
}

/** A member leaves their trio; their account stays. Returns false when they were no member. */
export async function leaveTrio(trioId: string, userId: string): Promise<boolean> {
  return getDb().change((data) => {
    const before = data.memberships.length;
    data.memberships = data.memberships.filter((m) => !(m.trioId === trioId && m.userId === userId));
    return data.memberships.length < before;
  });
}

export type TrioOverview = Trio & {
  members: Array<{ membershipId: string; userId: string; name: string; email: string; domain: Domain; jobTitle: string; active: boolean }>;
};

/** All trios of an edition with their members, for organisers. */
export function listTrioOverview(editionId: string): TrioOverview[] {
  const { trios, memberships, users } = getDb().data;
  const order: Record<Domain, number> = { wijk: 0, fysiek: 1, sociaal: 2 };
  return trios
    .filter((t) => t.editionId === editionId)
    .sort((a, b) => a.municipality.localeCompare(b.municipality, "nl"))
    .map((trio) => ({
      ...trio,
      members: memberships
        .filter((m) => m.trioId === trio.id)
        .flatMap((m) => {
          const user = users.find((u) => u.id === m.userId);
          return user
            ? [{ membershipId: m.id, userId: user.id, name: user.name, email: user.email, domain: m.domain, jobTitle: m.jobTitle, active: user.passwordHash !== null }]
            : [];
        })
        .sort((a, b) => order[a.domain] - order[b.domain]),
    }));
}
