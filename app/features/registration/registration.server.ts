/**
 * Trio registration and admission: who may register, which status a new trio gets,
 * the organisers' decisions and changes of members. Every rule that must hold as a
 * whole is checked inside one getDb().change, so a refusal stores nothing and two
 * simultaneous requests cannot both pass.
 */
import { DomainError } from "~/utils/domain-error.server";
import { createHash, randomBytes } from "node:crypto";
import { INVITE_TTL_MS } from "~/utils/auth-config.server";
import { formatDate } from "~/utils/dates";
import { domainLabels } from "~/utils/labels";
import { getDb } from "~/data/db.server";
import { newId, nowIso } from "~/data/ids.server";
import type { Data, Domain, Edition, Membership, Trio, TrioInvitation, TrioStatus, User } from "~/data/schema.server";
import { normaliseEmail } from "~/features/accounts/user.server";
import { recordAuditIn } from "~/features/audit/audit.server";
import { notifyUsers } from "~/features/notifications/notification.server";
import { quoted } from "~/utils/plain-text";

/** Someone named in a trio refused (AVG art. 14 notice, ADR 021): every active organiser hears it in the app. */
async function notifyOrganisersOfDecline(trios: Trio[]): Promise<void> {
  const organisers = getDb()
    .data.users.filter((u) => u.role === "organiser" && u.passwordHash)
    .map((u) => u.id);
  for (const trio of trios) {
    await notifyUsers(organisers, {
      kind: "invitation-declined",
      title: `Iemand doet niet mee in trio ${quoted(trio.municipality)}`,
      href: `/beheer/edities/${trio.editionId}/trios#trio-${trio.id}`,
    });
  }
}

export type RegistrationPerson = { name: string; email: string; jobTitle: string; domain: Domain };

/** A refusal with a Dutch message per form field (or "form" for the whole form). */
export class RegistrationError extends DomainError {
  constructor(errors: Record<string, string>, status = 400) {
    super(Object.values(errors).join(" "), { status, errors });
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
  if (now.toISOString() < edition.registrationOpensAt)
    return `De aanmelding voor ${edition.name} is nog niet open. Je kunt je trio aanmelden ${window}.`;
  return `De aanmelding voor ${edition.name} is gesloten. Aanmelden kon ${window}.`;
}

/** Whether every place of the edition is taken by an admitted trio. */
export function isEditionFull(edition: Pick<Edition, "id" | "capacity">): boolean {
  return countAdmitted(getDb().data, edition.id) >= edition.capacity;
}

function countAdmitted(data: Data, editionId: string): number {
  return data.trios.reduce((n, t) => (t.editionId === editionId && t.status === "admitted" ? n + 1 : n), 0);
}

function sameMunicipality(a: string, b: string): boolean {
  return a.trim().localeCompare(b.trim(), "nl", { sensitivity: "base" }) === 0;
}

/** The municipality of another trio in the same edition that this user already belongs to. */
export function otherTrioInEdition(data: Data, userId: string, editionId: string, exceptTrioId?: string): Trio | null {
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
    throw new RegistrationError({
      [field]: "Dit e-mailadres hoort bij een begeleider of spreker. Die kunnen niet in een trio; gebruik een ander e-mailadres.",
    });
  }
  if (otherTrioInEdition(data, existing.id, editionId, exceptTrioId)) {
    throw new RegistrationError({
      [field]: "Deze persoon zit al in een ander trio van deze editie. Iedereen doet per editie met één trio mee.",
    });
  }
  return existing;
}

function hashInvitationToken(raw: string): string {
  return createHash("sha256").update(raw).digest("hex");
}

/** A pending invitation with the secret for its mailed link (only the hash is stored). */
export function newInvitation(input: {
  trioId: string;
  userId: string;
  domain: Domain;
  jobTitle: string;
  invitedBy: string | null;
  now: Date;
}): {
  invitation: TrioInvitation;
  token: string;
} {
  const token = randomBytes(32).toString("base64url");
  return {
    token,
    invitation: {
      id: newId(),
      trioId: input.trioId,
      userId: input.userId,
      domain: input.domain,
      jobTitle: input.jobTitle.trim(),
      invitedBy: input.invitedBy,
      tokenHash: hashInvitationToken(token),
      status: "pending",
      createdAt: nowIso(input.now),
      expiresAt: nowIso(new Date(input.now.getTime() + INVITE_TTL_MS)),
      decidedAt: null,
    },
  };
}

/**
 * What became of one person named in a registration: the logged-in registrant is a
 * member; a new address gets a new account and a membership (and a welcome mail with
 * a way to refuse); an address that already has an account, whatever its role, gets a
 * pending invitation and is no member until that person accepts (ADR 021).
 */
export type RegisteredPerson =
  | { kind: "self"; user: User; membership: Membership }
  | { kind: "new"; user: User; membership: Membership }
  | { kind: "invited"; user: User; invitation: TrioInvitation; token: string };

export type RegistrationResult = { trio: Trio; people: RegisteredPerson[] };

/**
 * Registers a trio. `me` is the logged-in participant filling in the form (member 1),
 * or null for a visitor: then member 1 is treated like the others and confirms from
 * their own mailbox. Refusals only depend on the form and on public facts (the
 * edition, its window, a municipality already registered), never on whether a named
 * address has an account, so the answer reveals nothing about accounts.
 */
export async function registerTrio(input: {
  editionId: string;
  municipality: string;
  caseSummary: string;
  people: [RegistrationPerson, RegistrationPerson, RegistrationPerson];
  me: { userId: string } | null;
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
      throw new RegistrationError(
        {
          municipality: `Voor ${municipality} is al een trio aangemeld in deze editie. Neem contact op met je collega's of met de begeleiders.`,
        },
        409,
      );
    }
    const emails = input.people.map((p) => normaliseEmail(p.email));
    emails.forEach((email, i) => {
      const first = emails.indexOf(email);
      if (first !== i)
        throw new RegistrationError({
          [`email${i + 1}`]: `Dit e-mailadres staat al bij lid ${first + 1}. Ieder lid van het trio heeft een eigen e-mailadres.`,
        });
    });
    const domainsUsed = new Set(input.people.map((p) => p.domain));
    if (domainsUsed.size !== 3)
      throw new RegistrationError({
        domains: "Een trio bestaat uit één persoon uit de wijk, één uit het fysieke domein en één uit het sociale domein.",
      });

    let me: User | null = null;
    if (input.me) {
      const userId = input.me.userId;
      me = data.users.find((u) => u.id === userId) ?? null;
      if (!me || me.email !== emails[0]) throw new RegistrationError({ form: "Log opnieuw in en probeer het nog eens." }, 403);
      if (me.role !== "participant") throw new RegistrationError({ form: "Begeleiders en sprekers kunnen geen trio aanmelden." }, 403);
      if (otherTrioInEdition(data, me.id, edition.id))
        throw new RegistrationError({ form: "Je zit al in een trio van deze editie. Iedereen doet per editie met één trio mee." }, 409);
    }

    const trioId = newId();
    const newUsers: User[] = [];
    const people: RegisteredPerson[] = input.people.map((person, i) => {
      const membership = (userId: string): Membership => ({
        id: newId(),
        trioId,
        userId,
        domain: person.domain,
        jobTitle: person.jobTitle.trim(),
        createdAt,
      });
      if (i === 0 && me) return { kind: "self", user: me, membership: membership(me.id) };
      const existing = data.users.find((u) => u.email === emails[i]);
      if (existing) {
        const { invitation, token } = newInvitation({
          trioId,
          userId: existing.id,
          domain: person.domain,
          jobTitle: person.jobTitle,
          invitedBy: me?.id ?? null,
          now,
        });
        return { kind: "invited", user: existing, invitation, token };
      }
      const user: User = { id: newId(), email: emails[i], name: person.name.trim(), role: "participant", passwordHash: null, createdAt };
      newUsers.push(user);
      return { kind: "new", user, membership: membership(user.id) };
    });

    const trio: Trio = {
      id: trioId,
      editionId: edition.id,
      municipality,
      status: countAdmitted(data, edition.id) < edition.capacity ? "registered" : "waiting",
      createdAt,
      registeredBy: people[0].user.id,
      caseSummary: input.caseSummary.trim(),
      shareCase: false,
      decidedAt: null,
    };
    data.users.push(...newUsers);
    data.trios.push(trio);
    for (const p of people) {
      if (p.kind === "invited") data.trioInvitations.push(p.invitation);
      else data.memberships.push(p.membership);
    }
    return { trio, people };
  });
}

export class AdmissionError extends DomainError {
  constructor(message: string, status = 409) {
    super(message, { status });
  }
}

/** Admit, reject or wait-list a trio. Admitting is refused when the edition is full. `actorId`: the organiser, for the audit trail. */
export async function decideTrio(
  trioId: string,
  status: Exclude<TrioStatus, "registered">,
  now = new Date(),
  actorId: string | null = null,
): Promise<{ trio: Trio; changed: boolean }> {
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
    recordAuditIn(data, { editionId: trio.editionId, kind: `trio.${status}`, actorId, trioId: trio.id, at: nowIso(now) });
    return { trio: updated, changed: true };
  });
}

/**
 * Replaces a member (or, without `removeMembershipId`, adds one to a trio with a
 * free place): the new person gets the domain and job title given here. A new address
 * becomes a member with a new account; an existing participant account gets a pending
 * invitation and becomes a member only when that person accepts (ADR 021). Pending
 * invitations hold their domain, so the trio keeps at most three people, one per domain.
 * Organisers see every account, so their refusals may name the reason.
 */
export async function changeMember(input: {
  trioId: string;
  removeMembershipId: string | null;
  person: RegistrationPerson;
  invitedBy?: string | null;
  now?: Date;
}): Promise<{
  trio: Trio;
  removed: { user: User; membership: Membership } | null;
  added: { kind: "new"; user: User; membership: Membership } | { kind: "invited"; user: User; invitation: TrioInvitation; token: string };
}> {
  const now = input.now ?? new Date();
  const createdAt = nowIso(now);
  return getDb().change((data) => {
    const trio = data.trios.find((t) => t.id === input.trioId);
    if (!trio) throw new RegistrationError({ form: "Dit trio bestaat niet." }, 404);
    const edition = data.editions.find((e) => e.id === trio.editionId);
    if (edition?.archivedAt) throw new RegistrationError({ form: "Deze editie is gearchiveerd en kan niet meer worden gewijzigd." }, 409);
    const current = data.memberships.filter((m) => m.trioId === trio.id);
    const pending = data.trioInvitations.filter((i) => i.trioId === trio.id && i.status === "pending");
    const removing = input.removeMembershipId ? current.find((m) => m.id === input.removeMembershipId) : null;
    if (input.removeMembershipId && !removing) throw new RegistrationError({ form: "Dit lid hoort niet (meer) bij dit trio." }, 404);
    const staying = current.filter((m) => m.id !== removing?.id);
    if (staying.length + pending.length >= 3) {
      throw new RegistrationError(
        { form: "Dit trio heeft al drie leden of uitnodigingen. Vervang een lid of trek een uitnodiging in voordat je iemand toevoegt." },
        409,
      );
    }
    const email = normaliseEmail(input.person.email);
    const stayingUsers = [...staying, ...pending].map((m) => data.users.find((u) => u.id === m.userId));
    if (stayingUsers.some((u) => u?.email === email))
      throw new RegistrationError({ email: "Deze persoon zit al in dit trio of is er al voor uitgenodigd." });
    if ([...staying, ...pending].some((m) => m.domain === input.person.domain)) {
      throw new RegistrationError({
        domain: "Dit domein is in het trio al bezet (door een lid of een uitnodiging). Een trio heeft één persoon per domein.",
      });
    }
    const existing = checkPerson(data, input.person, trio.editionId, "email", trio.id);
    if (removing) data.memberships = data.memberships.filter((m) => m.id !== removing.id);
    const removedUser = removing ? (data.users.find((u) => u.id === removing.userId) ?? null) : null;
    const removed = removing && removedUser ? { user: removedUser, membership: removing } : null;
    const audit = (addedUserId: string, how: string) =>
      recordAuditIn(data, {
        editionId: trio.editionId,
        kind: "trio.member-replaced",
        actorId: input.invitedBy ?? null,
        trioId: trio.id,
        subjectUserIds: [...(removed ? [removed.user.id] : []), addedUserId],
        detail: `${removed ? "vervangen" : "toegevoegd"} (${domainLabels[input.person.domain].toLowerCase()}); ${how}`,
        at: createdAt,
      });
    if (existing) {
      const { invitation, token } = newInvitation({
        trioId: trio.id,
        userId: existing.id,
        domain: input.person.domain,
        jobTitle: input.person.jobTitle,
        invitedBy: input.invitedBy ?? null,
        now,
      });
      data.trioInvitations.push(invitation);
      audit(existing.id, "bestaand account uitgenodigd");
      return { trio, removed, added: { kind: "invited" as const, user: existing, invitation, token } };
    }
    const user: User = { id: newId(), email, name: input.person.name.trim(), role: "participant", passwordHash: null, createdAt };
    const membership: Membership = {
      id: newId(),
      trioId: trio.id,
      userId: user.id,
      domain: input.person.domain,
      jobTitle: input.person.jobTitle.trim(),
      createdAt,
    };
    data.users.push(user);
    data.memberships.push(membership);
    audit(user.id, "nieuw account");
    return { trio, removed, added: { kind: "new" as const, user, membership } };
  });
}

export class InvitationError extends DomainError {
  constructor(message: string, status = 409) {
    super(message, { status });
  }
}

/** The invitation a mailed link stands for, with its trio and edition (any status), or null. */
export function findInvitationByToken(raw: string): { invitation: TrioInvitation; trio: Trio; edition: Edition } | null {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(raw)) return null;
  const hash = hashInvitationToken(raw);
  const { trioInvitations, trios, editions } = getDb().data;
  const invitation = trioInvitations.find((i) => i.tokenHash === hash);
  const trio = invitation ? trios.find((t) => t.id === invitation.trioId) : undefined;
  const edition = trio ? editions.find((e) => e.id === trio.editionId) : undefined;
  return invitation && trio && edition ? { invitation, trio, edition } : null;
}

/** Why this invitation cannot be accepted by its account now, in Dutch; null when it can. */
function acceptProblem(data: Data, invitation: TrioInvitation, trio: Trio, now: Date): { message: string; status: number } | null {
  const edition = data.editions.find((e) => e.id === trio.editionId);
  if (invitation.status !== "pending") return { message: "Deze uitnodiging is al geweigerd of ingetrokken.", status: 410 };
  if (invitation.expiresAt <= nowIso(now))
    return { message: "Deze uitnodiging is verlopen. Vraag de begeleiders om een nieuwe.", status: 410 };
  if (!edition || edition.archivedAt || edition.personalDataDeletedAt)
    return { message: "Deze editie is afgesloten; meedoen kan niet meer.", status: 409 };
  const user = data.users.find((u) => u.id === invitation.userId);
  if (!user) return { message: "Deze uitnodiging is niet meer geldig.", status: 410 };
  if (user.role !== "participant") {
    return {
      message:
        "Je account is een account van een begeleider of spreker. Daarmee kun je niet in een trio. Weiger de uitnodiging, of vraag de begeleiders om je met een ander e-mailadres uit te nodigen.",
      status: 409,
    };
  }
  const other = otherTrioInEdition(data, user.id, trio.editionId, trio.id);
  if (other)
    return {
      message: `Je zit al in trio ${other.municipality} van deze editie. Iedereen doet per editie met één trio mee; verlaat eerst dat trio of weiger deze uitnodiging.`,
      status: 409,
    };
  const members = data.memberships.filter((m) => m.trioId === trio.id);
  if (members.some((m) => m.userId === user.id)) return { message: "Je bent al lid van dit trio.", status: 409 };
  if (members.some((m) => m.domain === invitation.domain) || members.length >= 3) {
    return { message: "De plaats in het trio is intussen door iemand anders ingenomen. Neem contact op met de begeleiders.", status: 409 };
  }
  return null;
}

/**
 * The invited person accepts, logged in as the invited account: only now do they
 * become a member. Checked as a whole in one change, so two clicks add one membership.
 */
export async function acceptTrioInvitation(raw: string, userId: string, now = new Date()): Promise<{ trio: Trio; membership: Membership }> {
  const found = findInvitationByToken(raw);
  if (!found) throw new InvitationError("Deze uitnodiging bestaat niet (meer).", 404);
  return getDb().change((data) => {
    const invitation = data.trioInvitations.find((i) => i.id === found.invitation.id);
    const trio = data.trios.find((t) => t.id === found.trio.id);
    if (!invitation || !trio) throw new InvitationError("Deze uitnodiging bestaat niet (meer).", 404);
    if (invitation.userId !== userId) {
      throw new InvitationError(
        "Deze uitnodiging is voor een ander account. Log uit en log in met het e-mailadres waar de uitnodiging naartoe is gestuurd.",
        403,
      );
    }
    const problem = acceptProblem(data, invitation, trio, now);
    if (problem) throw new InvitationError(problem.message, problem.status);
    const membership: Membership = {
      id: newId(),
      trioId: trio.id,
      userId,
      domain: invitation.domain,
      jobTitle: invitation.jobTitle,
      createdAt: nowIso(now),
    };
    data.memberships.push(membership);
    data.trioInvitations = data.trioInvitations.filter((i) => i.id !== invitation.id);
    return { trio, membership };
  });
}

/**
 * The invited person refuses (the link is enough; no login needed, as with an
 * unsubscribe link). The invitation stays as declined so the organisers see it.
 */
export async function declineTrioInvitation(
  raw: string,
  now = new Date(),
): Promise<{ trio: Trio; invitation: TrioInvitation; user: User | null }> {
  const found = findInvitationByToken(raw);
  if (!found) throw new InvitationError("Deze uitnodiging bestaat niet (meer).", 404);
  const declined = await getDb().change((data) => {
    const index = data.trioInvitations.findIndex((i) => i.id === found.invitation.id);
    if (index === -1) throw new InvitationError("Deze uitnodiging bestaat niet (meer).", 404);
    if (data.trioInvitations[index].status !== "pending") throw new InvitationError("Deze uitnodiging is al geweigerd.", 410);
    // The hash stays, so the link keeps saying "already declined" instead of "unknown".
    const invitation: TrioInvitation = { ...data.trioInvitations[index], status: "declined", decidedAt: nowIso(now) };
    data.trioInvitations[index] = invitation;
    return { trio: found.trio, invitation, user: data.users.find((u) => u.id === invitation.userId) ?? null };
  });
  await notifyOrganisersOfDecline([declined.trio]);
  return declined;
}

/** An organiser takes back an invitation (pending or declined) of a trio. */
export async function withdrawTrioInvitation(trioId: string, invitationId: string): Promise<TrioInvitation | null> {
  return getDb().change((data) => {
    const invitation = data.trioInvitations.find((i) => i.id === invitationId && i.trioId === trioId) ?? null;
    if (invitation) data.trioInvitations = data.trioInvitations.filter((i) => i.id !== invitationId);
    return invitation;
  });
}

/** Whether this account was made for someone by a registration and never used: they may refuse it. */
export function canDeclineNewAccount(userId: string): boolean {
  const user = getDb().data.users.find((u) => u.id === userId);
  return Boolean(
    user && user.role === "participant" && user.passwordHash === null && getDb().data.memberships.some((m) => m.userId === userId),
  );
}

/**
 * Someone given a new account by a registration says they do not take part (from the
 * link in their welcome mail). Their memberships end and, as the account was never
 * used, it is removed with its links; each trio keeps a declined invitation without
 * the person, so the organisers see that the place is open.
 */
export async function declineNewAccount(userId: string, now = new Date()): Promise<Array<{ trio: Trio; domain: Domain }>> {
  const left = await declineNewAccountIn(userId, now);
  await notifyOrganisersOfDecline(left.map((l) => l.trio));
  return left;
}

function declineNewAccountIn(userId: string, now: Date): Promise<Array<{ trio: Trio; domain: Domain }>> {
  return getDb().change((data) => {
    const user = data.users.find((u) => u.id === userId);
    if (!user || user.role !== "participant" || user.passwordHash !== null) return [];
    const decidedAt = nowIso(now);
    const left = data.memberships.filter((m) => m.userId === userId);
    const trios = left.flatMap((m) => {
      const trio = data.trios.find((t) => t.id === m.trioId);
      return trio ? [{ trio, domain: m.domain, jobTitle: m.jobTitle, createdAt: m.createdAt }] : [];
    });
    for (const t of trios) {
      data.trioInvitations.push({
        id: newId(),
        trioId: t.trio.id,
        userId: null,
        domain: t.domain,
        jobTitle: t.jobTitle,
        invitedBy: t.trio.registeredBy === userId ? null : t.trio.registeredBy,
        tokenHash: null,
        status: "declined",
        createdAt: t.createdAt,
        expiresAt: decidedAt,
        decidedAt,
      });
    }
    data.memberships = data.memberships.filter((m) => m.userId !== userId);
    data.trioInvitations = data.trioInvitations.filter((i) => i.userId !== userId);
    data.tokens = data.tokens.filter((t) => t.userId !== userId);
    data.authSessions = data.authSessions.filter((s) => s.userId !== userId);
    data.trios = data.trios.map((t) => (t.registeredBy === userId ? { ...t, registeredBy: null } : t));
    data.users = data.users.filter((u) => u.id !== userId);
    return trios.map((t) => ({ trio: t.trio, domain: t.domain }));
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

export type InvitationOverview = {
  invitationId: string;
  name: string | null;
  email: string | null;
  domain: Domain;
  jobTitle: string;
  status: "pending" | "declined";
  /** For organisers: what is known about the account and what has to happen, in Dutch. */
  situation: string;
  /** Whether the invited account can accept as things stand. */
  canAccept: boolean;
};

export type TrioOverview = Trio & {
  members: Array<{ membershipId: string; userId: string; name: string; email: string; domain: Domain; jobTitle: string; active: boolean }>;
  invitations: InvitationOverview[];
};

const roleNames: Record<User["role"], string> = { organiser: "begeleider", speaker: "spreker", participant: "deelnemer" };

/** What an organiser needs to know about one invitation: the conflict, if any, and what to do. */
function invitationOverview(data: Data, invitation: TrioInvitation, trio: Trio, now: Date): InvitationOverview {
  const user = invitation.userId ? (data.users.find((u) => u.id === invitation.userId) ?? null) : null;
  const base = {
    invitationId: invitation.id,
    name: user?.name ?? null,
    email: user?.email ?? null,
    domain: invitation.domain,
    jobTitle: invitation.jobTitle,
    status: invitation.status,
  };
  if (invitation.status === "declined") {
    const when = invitation.decidedAt ? ` op ${formatDate(invitation.decidedAt)}` : "";
    return {
      ...base,
      canAccept: false,
      situation: user
        ? `Geweigerd${when}. Trek de uitnodiging in en voeg iemand anders toe.`
        : `Geweigerd${when}; het nieuwe account is verwijderd. Voeg iemand anders toe.`,
    };
  }
  if (!user) return { ...base, canAccept: false, situation: "Het account bestaat niet meer. Trek de uitnodiging in." };
  if (user.role !== "participant") {
    return {
      ...base,
      canAccept: false,
      situation: `Kan niet: dit e-mailadres hoort bij een account van een ${roleNames[user.role]}, en die kan niet in een trio. Trek de uitnodiging in en vraag het trio om een ander adres.`,
    };
  }
  const other = otherTrioInEdition(data, user.id, trio.editionId, trio.id);
  if (other)
    return { ...base, canAccept: false, situation: `Kan nu niet: deze persoon zit al in trio ${other.municipality} van deze editie.` };
  if (invitation.expiresAt <= nowIso(now))
    return { ...base, canAccept: false, situation: "De uitnodiging is verlopen. Trek haar in en nodig opnieuw uit." };
  return {
    ...base,
    canAccept: true,
    situation: `Dit e-mailadres hoort bij een bestaand account (${roleNames[user.role]}) en wacht op bevestiging.`,
  };
}

/** All trios of an edition with their members and invitations, for organisers. */
export function listTrioOverview(editionId: string, now = new Date()): TrioOverview[] {
  const data = getDb().data;
  const { trios, memberships, users } = data;
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
            ? [
                {
                  membershipId: m.id,
                  userId: user.id,
                  name: user.name,
                  email: user.email,
                  domain: m.domain,
                  jobTitle: m.jobTitle,
                  active: user.passwordHash !== null,
                },
              ]
            : [];
        })
        .sort((a, b) => order[a.domain] - order[b.domain]),
      invitations: data.trioInvitations
        .filter((i) => i.trioId === trio.id)
        .map((i) => invitationOverview(data, i, trio, now))
        .sort((a, b) => order[a.domain] - order[b.domain]),
    }));
}
