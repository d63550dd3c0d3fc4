import { randomInt } from "node:crypto";
import { hashPassword } from "~/utils/password.server";
import { createEdition, createSession } from "./edition.server";
import { addMembership, createTrio } from "./trio.server";
import { createUser } from "./user.server";
import type { Domain, Role } from "./schema.server";

export type SeededLogin = { role: Role; name: string; email: string; password: string; detail?: string };

/** Readable but strong: four groups of four from an alphabet without look-alikes (~75 bits). */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(""),
  );
  return groups.join("-");
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A date `days` from `from` at hh:mm Dutch time (handles the summer/winter time switch). */
function dutchTimeOn(from: Date, days: number, hour: number, minute: number): string {
  const day = new Date(from.getTime() + days * DAY_MS);
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(day);
  // Find the UTC offset of Amsterdam on that date by formatting noon UTC.
  const probe = new Date(`${ymd}T12:00:00Z`);
  const amsterdamHour = Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", hour12: false }).format(probe),
  );
  const offsetHours = amsterdamHour - 12;
  const utc = new Date(`${ymd}T00:00:00Z`);
  utc.setUTCHours(hour - offsetHours, minute);
  return utc.toISOString();
}

const SESSION_TITLES = [
  "Aftrap: je eigen gemeente in beeld (organogram en schuifoefening)",
  "Wendbaar werken in de wijk",
  "De sociale basis versterken",
  "Nieuw ambtelijk vakmanschap: publieke bricoleurs",
];

const TRIOS: Array<{ municipality: string; members: Array<{ name: string; domain: Domain; jobTitle: string }> }> = [
  {
    municipality: "Altena",
    members: [
      { name: "Sanne de Vries", domain: "wijk", jobTitle: "Kernregisseur" },
      { name: "Joost Bakker", domain: "fysiek", jobTitle: "Beleidsmedewerker openbare ruimte" },
      { name: "Fatima El Amrani", domain: "sociaal", jobTitle: "Consulent sociaal domein" },
    ],
  },
  {
    municipality: "Schiedam",
    members: [
      { name: "Mark Janssen", domain: "wijk", jobTitle: "Wijkmanager" },
      { name: "Ilse van Dijk", domain: "fysiek", jobTitle: "Projectleider wonen" },
      { name: "Kevin Hoekstra", domain: "sociaal", jobTitle: "Beleidsadviseur jeugd" },
    ],
  },
];

function emailFor(name: string, domain = "werkplaats.example"): string {
  return `${name.toLowerCase().normalize("NFD").replace(/[^a-z ]/g, "").trim().replace(/\s+/g, ".")}@${domain}`;
}

/**
 * Fills a new data folder with a demo edition: four sessions dated from today,
 * an organiser, a speaker and two trios of three. Passwords are generated here
 * and returned once, to be printed; only their hashes are stored.
 */
export async function seedDemo(now = new Date()): Promise<SeededLogin[]> {
  const logins: SeededLogin[] = [];
  async function person(role: Role, name: string, email: string, detail?: string) {
    const password = generatePassword();
    const user = await createUser({ email, name, role, passwordHash: await hashPassword(password) });
    logins.push({ role, name, email, password, detail });
    return user;
  }

  await person("organiser", "Annemiek Visser", "begeleider@werkplaats.example");
  const speaker = await person("speaker", "Liesbeth van de Wetering", "spreker@werkplaats.example", "sessie 1");

  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Amsterdam", year: "numeric" }).format(now));
  const edition = await createEdition({
    name: `Werkplaats wijkgericht werken ${year}`,
    year,
    capacity: 12,
    registrationOpensAt: new Date(now.getTime() - 14 * DAY_MS).toISOString(),
    registrationClosesAt: new Date(now.getTime() + 5 * DAY_MS).toISOString(),
  });
  for (let i = 0; i < 4; i++) {
    await createSession({
      editionId: edition.id,
      number: i + 1,
      title: SESSION_TITLES[i],
      startsAt: dutchTimeOn(now, 7 + i * 28, 13, 30),
      endsAt: dutchTimeOn(now, 7 + i * 28, 17, 0),
      location: "Utrecht, Stadskantoor (zaal wordt nog bekendgemaakt)",
      speakerIds: i === 0 ? [speaker.id] : [],
    });
  }
  for (const spec of TRIOS) {
    const trio = await createTrio({ editionId: edition.id, municipality: spec.municipality, status: "admitted" });
    for (const member of spec.members) {
      const user = await person("participant", member.name, emailFor(member.name), `trio ${spec.municipality}`);
      await addMembership({ trioId: trio.id, userId: user.id, domain: member.domain, jobTitle: member.jobTitle });
    }
  }
  return logins;
}
