/**
 * Importing participants from a CSV file (the columns of the contact export): first a
 * preview with a Dutch message per refused row, then the import itself, which checks
 * every row again inside one change and stores either every row or none.
 */
import { z } from "zod";
import { getDb } from "~/data/db.server";
import type { Data, Domain, Membership, Trio, TrioInvitation, User } from "~/data/schema.server";
import { newId, nowIso } from "~/data/ids.server";
import { normaliseEmail } from "~/features/accounts/user.server";
import { parseCsv } from "~/utils/csv";
import { DomainError } from "~/utils/domain-error.server";
import { emailField, nameField, singleLineField } from "~/utils/forms";
import { newInvitation, otherTrioInEdition } from "./registration.server";

/** Enough for any edition; a larger file is a mistake. */
export const MAX_IMPORT_ROWS = 300;
export const MAX_IMPORT_BYTES = 200 * 1024;

const COLUMNS = { municipality: "gemeente", name: "naam", email: "e-mail", jobTitle: "functie", domain: "domein" } as const;
type Column = keyof typeof COLUMNS;
const HEADER_ALIASES: Record<string, Column> = {
  gemeente: "municipality",
  naam: "name",
  "e-mail": "email",
  email: "email",
  "e-mailadres": "email",
  functie: "jobTitle",
  domein: "domain",
};
const DOMAIN_WORDS: Record<string, Domain> = {
  wijk: "wijk",
  fysiek: "fysiek",
  "fysiek domein": "fysiek",
  sociaal: "sociaal",
  "sociaal domein": "sociaal",
};

export type ImportRow = { row: number; municipality: string; name: string; email: string; jobTitle: string; domain: Domain };
export type ImportProblem = { row: number; message: string };
export type ImportCheck = { rows: ImportRow[]; problems: ImportProblem[]; trios: number };

const cellChecks = {
  municipality: singleLineField({ required: "vul de gemeente in", min: 2 }),
  name: nameField("de naam"),
  email: emailField,
  jobTitle: singleLineField({ required: "vul de functie in" }),
} satisfies Record<Exclude<Column, "domain">, z.ZodTypeAny>;

/** A cell a spreadsheet would run as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Reads and checks the whole file against the data as it is now; stores nothing. */
export function checkParticipantImport(data: Readonly<Data>, editionId: string, text: string): ImportCheck {
  const problems: ImportProblem[] = [];
  if (text.length > MAX_IMPORT_BYTES)
    return { rows: [], problems: [{ row: 0, message: "Het bestand is te groot (hoogstens 200 kB)." }], trios: 0 };
  const table = parseCsv(text);
  const header = (table[0] ?? []).map((h) => HEADER_ALIASES[h.trim().toLowerCase()]);
  const missingColumns = (Object.keys(COLUMNS) as Column[]).filter((c) => !header.includes(c));
  if (missingColumns.length) {
    const names = missingColumns.map((c) => COLUMNS[c]).join(", ");
    return {
      rows: [],
      problems: [
        {
          row: 1,
          message: `Rij 1 (kopregel): de kolom(men) ${names} ontbreken. Gebruik de kolommen gemeente, naam, e-mail, functie en domein.`,
        },
      ],
      trios: 0,
    };
  }
  const body = table
    .slice(1)
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ""));
  if (body.length === 0) return { rows: [], problems: [{ row: 0, message: "Het bestand bevat geen deelnemers." }], trios: 0 };
  if (body.length > MAX_IMPORT_ROWS)
    return { rows: [], problems: [{ row: 0, message: `Een import heeft hoogstens ${MAX_IMPORT_ROWS} rijen.` }], trios: 0 };

  const rows: ImportRow[] = [];
  const seenEmail = new Map<string, number>();
  const perMunicipality = new Map<string, ImportRow[]>();
  for (const { row, cells } of body) {
    const value = (column: Column) => (cells[header.indexOf(column)] ?? "").trim();
    const rowProblems: string[] = [];
    const formula = (Object.keys(COLUMNS) as Column[]).find((c) => FORMULA_START.test(cells[header.indexOf(c)] ?? ""));
    if (formula) {
      problems.push({
        row,
        message: `Rij ${row}: de kolom ${COLUMNS[formula]} begint met ${JSON.stringify((cells[header.indexOf(formula)] ?? "").charAt(0))}. Zo'n cel kan een formule zijn en wordt niet geïmporteerd; haal het teken weg.`,
      });
      continue;
    }
    const missing = (Object.keys(COLUMNS) as Column[]).filter((c) => value(c) === "");
    if (missing.length) {
      problems.push({
        row,
        message: `Rij ${row}: ${missing.map((c) => COLUMNS[c]).join(", ")} ${missing.length === 1 ? "ontbreekt" : "ontbreken"}.`,
      });
      continue;
    }
    const parsed: Partial<ImportRow> = { row };
    for (const column of Object.keys(cellChecks) as Array<keyof typeof cellChecks>) {
      const result = cellChecks[column].safeParse(value(column));
      if (result.success) parsed[column] = result.data;
      else rowProblems.push(`${COLUMNS[column]}: ${result.error.issues[0].message}`);
    }
    const domain = DOMAIN_WORDS[value("domain").toLowerCase()];
    if (!domain) rowProblems.push(`onbekend domein ${JSON.stringify(value("domain"))}; kies wijk, fysiek of sociaal`);
    if (rowProblems.length) {
      problems.push({ row, message: `Rij ${row}: ${rowProblems.join("; ")}.` });
      continue;
    }
    const complete = { ...parsed, domain } as ImportRow;
    complete.email = normaliseEmail(complete.email);
    const earlier = seenEmail.get(complete.email);
    if (earlier) {
      problems.push({
        row,
        message: `Rij ${row}: het e-mailadres ${complete.email} staat ook in rij ${earlier}. Ieder lid heeft een eigen e-mailadres.`,
      });
      continue;
    }
    seenEmail.set(complete.email, row);
    const account = data.users.find((u) => u.email === complete.email);
    if (account && account.role !== "participant") {
      problems.push({ row, message: `Rij ${row}: ${complete.email} hoort bij een begeleider of spreker; die kunnen niet in een trio.` });
      continue;
    }
    if (account && otherTrioInEdition(data as Data, account.id, editionId)) {
      problems.push({ row, message: `Rij ${row}: ${complete.email} zit al in een trio van deze editie (dubbel e-mailadres).` });
      continue;
    }
    const key = complete.municipality.toLocaleLowerCase("nl");
    const group = perMunicipality.get(key) ?? [];
    if (data.trios.some((t) => t.editionId === editionId && t.municipality.trim().toLocaleLowerCase("nl") === key)) {
      problems.push({ row, message: `Rij ${row}: voor ${complete.municipality} is in deze editie al een trio; voeg leden daar toe.` });
      continue;
    }
    const sameDomain = group.find((r) => r.domain === complete.domain);
    if (sameDomain) {
      problems.push({
        row,
        message: `Rij ${row}: ${complete.municipality} heeft al iemand uit dit domein (rij ${sameDomain.row}). Een trio heeft één persoon per domein.`,
      });
      continue;
    }
    group.push(complete);
    perMunicipality.set(key, group);
    rows.push(complete);
  }
  return { rows, problems: problems.sort((a, b) => a.row - b.row), trios: perMunicipality.size };
}

export class ImportRefusedError extends DomainError {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.length === 1 ? problems[0].message : `${problems.length} rijen zijn geweigerd; er is niets geïmporteerd.`, {
      status: 400,
    });
  }
}

export type ImportedPerson =
  { kind: "new"; user: User; membership: Membership } | { kind: "invited"; user: User; invitation: TrioInvitation; token: string };

/**
 * Stores the file: one trio per municipality (status "aangemeld"), a new account per new
 * address, an invitation for an existing participant account (ADR 021). All rows or none.
 */
export async function importParticipants(input: { editionId: string; text: string; invitedBy: string; now?: Date }) {
  const now = input.now ?? new Date();
  const createdAt = nowIso(now);
  return getDb().change((data) => {
    const edition = data.editions.find((e) => e.id === input.editionId);
    if (!edition) throw new DomainError("Deze editie bestaat niet.", { status: 404 });
    if (edition.archivedAt) throw new DomainError("Deze editie is gearchiveerd en kan niet meer worden gewijzigd.", { status: 409 });
    const check = checkParticipantImport(data, edition.id, input.text);
    if (check.problems.length) throw new ImportRefusedError(check.problems);
    const trios = new Map<string, Trio>();
    const people: Array<{ trio: Trio; person: ImportedPerson }> = [];
    const users: User[] = [];
    for (const row of check.rows) {
      const key = row.municipality.toLocaleLowerCase("nl");
      let trio = trios.get(key);
      if (!trio) {
        trio = {
          id: newId(),
          editionId: edition.id,
          municipality: row.municipality,
          status: "registered",
          createdAt,
          registeredBy: input.invitedBy,
          caseSummary: "",
          shareCase: false,
          decidedAt: null,
        };
        trios.set(key, trio);
      }
      const existing = data.users.find((u) => u.email === row.email);
      if (existing) {
        const { invitation, token } = newInvitation({
          trioId: trio.id,
          userId: existing.id,
          domain: row.domain,
          jobTitle: row.jobTitle,
          invitedBy: input.invitedBy,
          now,
        });
        people.push({ trio, person: { kind: "invited", user: existing, invitation, token } });
      } else {
        const user: User = { id: newId(), email: row.email, name: row.name, role: "participant", passwordHash: null, createdAt };
        users.push(user);
        const membership: Membership = {
          id: newId(),
          trioId: trio.id,
          userId: user.id,
          domain: row.domain,
          jobTitle: row.jobTitle,
          createdAt,
        };
        people.push({ trio, person: { kind: "new", user, membership } });
      }
    }
    data.users.push(...users);
    data.trios.push(...trios.values());
    for (const { person } of people) {
      if (person.kind === "new") data.memberships.push(person.membership);
      else data.trioInvitations.push(person.invitation);
    }
    return { trios: [...trios.values()], people };
  });
}
