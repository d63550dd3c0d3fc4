import { randomInt } from "node:crypto";
import { fromDutchParts, toDutchParts } from "~/utils/dutch-time";
import { hashPassword } from "~/features/accounts/password.server";
import { createEdition } from "~/features/programme/edition.server";
import { addSpeakerToSession, scheduleSession } from "~/features/programme/session.server";
import { addMembership, createTrio } from "~/features/registration/trio.server";
import { createUser } from "~/features/accounts/user.server";
import type { Domain, Role } from "~/data/schema.server";

export type SeededLogin = { role: Role; name: string; email: string; password: string; detail?: string };

/** Readable but strong: four groups of four from an alphabet without look-alikes (~75 bits). */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(""));
  return groups.join("-");
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A date `days` from `from` at hh:mm Dutch time (correct across the summer/winter time switch). */
function dutchTimeOn(from: Date, days: number, hour: number, minute: number): string {
  const { date } = toDutchParts(new Date(from.getTime() + days * DAY_MS).toISOString());
  return fromDutchParts(date, `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`)!;
}

const TRIOS: Array<{ municipality: string; caseSummary: string; members: Array<{ name: string; domain: Domain; jobTitle: string }> }> = [
  {
    municipality: "Altena",
    caseSummary:
      "Een groep jongeren in Werkendam wil een skatepark bouwen en heeft zelf al een plek en een ontwerp op het oog. Hoe helpen we hen verder, wie betaalt wat, en hoe nemen we de omwonenden mee?",
    members: [
      { name: "Sanne de Vries", domain: "wijk", jobTitle: "Kernregisseur" },
      { name: "Joost Bakker", domain: "fysiek", jobTitle: "Beleidsmedewerker openbare ruimte" },
      { name: "Fatima El Amrani", domain: "sociaal", jobTitle: "Consulent sociaal domein" },
    ],
  },
  {
    municipality: "Schiedam",
    caseSummary:
      "In een wijk van Schiedam krijgen de komende tijd veel statushouders een woning. Hoe zorgen we samen met bewoners, corporatie en welzijn dat nieuwe en huidige bewoners zich er thuis voelen?",
    members: [
      { name: "Mark Janssen", domain: "wijk", jobTitle: "Wijkmanager" },
      { name: "Ilse van Dijk", domain: "fysiek", jobTitle: "Projectleider wonen" },
      { name: "Kevin Hoekstra", domain: "sociaal", jobTitle: "Beleidsadviseur jeugd" },
    ],
  },
];

function emailFor(name: string, domain = "werkplaats.example"): string {
  return `${name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z ]/g, "")
    .trim()
    .replace(/\s+/g, ".")}@${domain}`;
}

/**
 * Fills a new data folder with a demo edition: four sessions dated from today,
 * an organiser, a speaker and two trios of three. Passwords are generated here
 * and returned once, to be printed; only their hashes are stored.
 */
export async function seedDemo(now = new Date()): Promise<SeededLogin[]> {
  const logins: SeededLogin[] = [];
  // Hashing is the slow part of a first start; argon2 runs on the thread pool, so all at once.
  const people = [
    { name: "Annemiek Visser", email: "begeleider@werkplaats.example" },
    { name: "Liesbeth van de Wetering", email: "spreker@werkplaats.example" },
    ...TRIOS.flatMap((spec) => spec.members.map((member) => ({ name: member.name, email: emailFor(member.name) }))),
  ];
  const credentials = new Map(
    await Promise.all(
      people.map(async ({ email }) => {
        const password = generatePassword();
        return [email, { password, passwordHash: await hashPassword(password) }] as const;
      }),
    ),
  );
  async function person(role: Role, name: string, email: string, detail?: string) {
    const { password, passwordHash } = credentials.get(email)!;
    const user = await createUser({ email, name, role, passwordHash });
    logins.push({ role, name, email, password, detail });
    return user;
  }

  await person("organiser", "Annemiek Visser", "begeleider@werkplaats.example");
  const speaker = await person("speaker", "Liesbeth van de Wetering", "spreker@werkplaats.example", "sessie 1");

  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Amsterdam", year: "numeric" }).format(now));
  const { edition, sessions } = await createEdition({
    name: `Werkplaats wijkgericht werken ${year}`,
    year,
    capacity: 12,
    registrationOpensAt: new Date(now.getTime() - 14 * DAY_MS).toISOString(),
    registrationClosesAt: new Date(now.getTime() + 5 * DAY_MS).toISOString(),
  });
  // Four Tuesdays-or-so, four weeks apart, from next week; Dutch afternoon times.
  for (const session of sessions) {
    const offset = 7 + (session.number - 1) * 28;
    await scheduleSession(session.id, {
      startsAt: dutchTimeOn(now, offset, 13, 30),
      endsAt: dutchTimeOn(now, offset, 17, 0),
      location: "Utrecht, Stadskantoor, Stadsplateau 1",
      onlineUrl: null,
    });
  }
  await addSpeakerToSession(sessions[0].id, speaker.id);
  for (const spec of TRIOS) {
    const users = [];
    for (const member of spec.members)
      users.push(await person("participant", member.name, emailFor(member.name), `trio ${spec.municipality}`));
    const registeredBy = users[spec.members.findIndex((m) => m.domain === "wijk")].id;
    const trio = await createTrio({
      editionId: edition.id,
      municipality: spec.municipality,
      status: "admitted",
      registeredBy,
      caseSummary: spec.caseSummary,
    });
    for (const [i, member] of spec.members.entries()) {
      await addMembership({ trioId: trio.id, userId: users[i].id, domain: member.domain, jobTitle: member.jobTitle });
    }
  }
  return logins;
}
