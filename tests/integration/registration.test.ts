/**
 * Trio registration and admission against a real server with the demo data:
 * registering (new and existing accounts), every refusal storing nothing, the
 * waiting list, the organisers' decisions and the mails they send, replacing a
 * member, leaving a trio, the CSV of contact details and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/models/db.server";
import { createEdition, getEdition, listEditions, updateEdition } from "~/models/edition.server";
import { listOutbox, type Mail } from "~/models/outbox.server";
import { addMembership, createTrio, getTrio, listMembersOfTrio } from "~/models/trio.server";
import { getUserByEmail } from "~/models/user.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { linkPath, location, visibleText } from "./helpers";

const DAY_MS = 24 * 60 * 60 * 1000;
const PASSWORD = "een lange zin als wachtwoord";

let server: TestServer;
let organiser: Client;
let speaker: Client;
let participant: Client;
let seededEditionId: string;
let counter = 0;

async function loggedIn(role: "organiser" | "speaker" | "participant", detail?: string): Promise<Client> {
  const login = seededLogin(server, role, detail);
  const client = new Client(server.url);
  expect((await client.login(login.email, login.password)).status).toBe(302);
  return client;
}

async function text(response: Response): Promise<string> {
  return visibleText(await response.text());
}

/** A fresh edition with open registration (unless told otherwise). */
async function newEdition(options: { capacity?: number; opensInDays?: number; closesInDays?: number; name?: string } = {}) {
  const now = Date.now();
  const { edition } = await createEdition({
    name: options.name ?? `Testeditie ${++counter}`,
    year: 2026,
    capacity: options.capacity ?? 10,
    registrationOpensAt: new Date(now + (options.opensInDays ?? -1) * DAY_MS).toISOString(),
    registrationClosesAt: new Date(now + (options.closesInDays ?? 10) * DAY_MS).toISOString(),
  });
  return edition;
}

/** A complete, valid registration form; `tag` keeps addresses and municipality unique. */
function registration(tag: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    municipality: `Gemeente ${tag}`,
    caseSummary: "Jongeren in onze kern willen een skatepark bouwen; hoe helpen we hen verder?",
    name1: `Wijk ${tag}`,
    email1: `wijk.${tag}@gemeente.example`,
    jobTitle1: "Wijkmanager",
    domain1: "wijk",
    name2: `Fysiek ${tag}`,
    email2: `fysiek.${tag}@gemeente.example`,
    jobTitle2: "Beleidsmedewerker openbare ruimte",
    domain2: "fysiek",
    name3: `Sociaal ${tag}`,
    email3: `sociaal.${tag}@gemeente.example`,
    jobTitle3: "Consulent jeugd",
    domain3: "sociaal",
    password: PASSWORD,
    confirm: PASSWORD,
    ...overrides,
  };
}

/** What a refusal must leave untouched. */
function snapshot() {
  const d = getDb().data;
  return JSON.stringify({ users: d.users, trios: d.trios, memberships: d.memberships, tokens: d.tokens, outbox: d.outbox, authSessions: d.authSessions.length });
}

function mailsTo(email: string): Mail[] {
  return listOutbox().filter((m) => m.to === email);
}

function trioOf(editionId: string, municipality: string) {
  return getDb().data.trios.find((t) => t.editionId === editionId && t.municipality === municipality) ?? null;
}

/** Registers through the form as an anonymous visitor; returns the client (now logged in). */
async function register(editionId: string, form: Record<string, string>) {
  const client = new Client(server.url);
  const response = await client.post(`/aanmelden/${editionId}`, form);
  return { client, response };
}

beforeAll(async () => {
  server = await startTestServer({ env: { RATE_LIMIT_FACTOR: "50" } });
  organiser = await loggedIn("organiser");
  speaker = await loggedIn("speaker");
  participant = await loggedIn("participant", "Altena");
  seededEditionId = listEditions()[0].id;
});
afterAll(async () => {
  await server?.stop();
});

describe("the public registration pages", () => {
  it("lists the editions whose registration is open, and shows 'Aanmelden' in the header", async () => {
    const closed = await newEdition({ opensInDays: 5, closesInDays: 20, name: "Nog niet open" });
    const anonymous = new Client(server.url);
    const page = await anonymous.get("/aanmelden");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`href="/aanmelden/${seededEditionId}"`);
    expect(html).not.toContain(`href="/aanmelden/${closed.id}"`);
    expect(await text(await anonymous.get("/"))).toContain("Aanmelden");
    const form = await text(await anonymous.get(`/aanmelden/${seededEditionId}`));
    expect(form).toContain("Heb je al een account op dit platform?");
    expect(form).toContain("één uit het fysieke domein en één uit het sociale domein");
    expect(await text(await anonymous.get(`/aanmelden/${closed.id}`))).toContain("De aanmelding voor Nog niet open is nog niet open.");
    expect((await anonymous.get("/aanmelden/bestaat-niet")).status).toBe(404);
  });

  it("shows no 'Aanmelden' in the header when no edition takes registrations", async () => {
    const saved = getDb().data.editions;
    await getDb().change((data) => {
      data.editions = data.editions.map((e) => ({ ...e, registrationClosesAt: new Date(Date.now() - DAY_MS).toISOString(), registrationOpensAt: new Date(Date.now() - 2 * DAY_MS).toISOString() }));
    });
    try {
      const html = await new Client(server.url).get("/");
      expect(await html.text()).not.toContain('href="/aanmelden"');
      expect(await text(await new Client(server.url).get("/aanmelden"))).toContain("Op dit moment is er geen editie waarvoor je je kunt aanmelden.");
    } finally {
      await getDb().change((data) => {
        data.editions = saved;
      });
    }
  });
});

describe("registering a trio", () => {
  it("creates the trio, logs the registrant in and invites the other two, who set their passwords", async () => {
    const edition = await newEdition();
    const { client, response } = await register(edition.id, registration("altena", { municipality: "Altena" }));
    expect(response.status).toBe(302);
    expect(location(response)).toBe("/?aangemeld=1");
    const trio = trioOf(edition.id, "Altena")!;
    expect(trio).toMatchObject({ status: "registered", caseSummary: expect.stringContaining("skatepark"), decidedAt: null });
    const me = getUserByEmail("wijk.altena@gemeente.example")!;
    expect(me).toMatchObject({ role: "participant", name: "Wijk altena" });
    expect(me.passwordHash).not.toBeNull();
    expect(trio.registeredBy).toBe(me.id);
    const members = listMembersOfTrio(trio.id);
    expect(members.map((m) => [m.user.email, m.domain, m.jobTitle])).toEqual([
      ["wijk.altena@gemeente.example", "wijk", "Wijkmanager"],
      ["fysiek.altena@gemeente.example", "fysiek", "Beleidsmedewerker openbare ruimte"],
      ["sociaal.altena@gemeente.example", "sociaal", "Consulent jeugd"],
    ]);

    // The registrant is logged in and sees the status message and the trio.
    const home = await text(await client.get("/?aangemeld=1"));
    expect(home).toContain("Jullie trio is aangemeld.");
    expect(home).toContain("Trio Altena");
    expect(home).toContain("Aangemeld");

    // No mail to the registrant; an invitation to each of the other two.
    expect(mailsTo("wijk.altena@gemeente.example")).toEqual([]);
    for (const email of ["fysiek.altena@gemeente.example", "sociaal.altena@gemeente.example"]) {
      const mails = mailsTo(email);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe("Uitnodiging voor de werkplaats wijkgericht werken");
      expect(mails[0].text).toContain(`voor trio Altena in ${edition.name}`);
      const invited = new Client(server.url);
      const link = linkPath(mails[0].text);
      expect((await invited.get(link)).status).toBe(200);
      const set = await invited.post(link, { password: PASSWORD, confirm: PASSWORD });
      expect(set.status).toBe(302);
      expect(location(set)).toBe("/?welkom=1");
      expect(await text(await invited.get("/"))).toContain("Trio Altena");
      expect((await new Client(server.url).login(email, PASSWORD)).status).toBe(302);
    }
  });

  it("adds a person who already has an account without a second account, with a short notice instead of an invitation", async () => {
    const edition = await newEdition();
    const known = seededLogin(server, "participant", "Schiedam");
    const usersBefore = getDb().data.users.length;
    const { response } = await register(edition.id, registration("bekend", { email2: known.email.toUpperCase(), name2: "Een andere naam" }));
    expect(response.status).toBe(302);
    expect(getDb().data.users.length).toBe(usersBefore + 2);
    const trio = trioOf(edition.id, "Gemeente bekend")!;
    const member = listMembersOfTrio(trio.id).find((m) => m.user.email === known.email)!;
    expect(member.user.name).toBe(known.name);
    const mails = mailsTo(known.email);
    expect(mails.at(0)!.subject).toBe(`Je bent toegevoegd aan trio Gemeente bekend in ${edition.name}`);
    expect(mails.at(0)!.text).not.toContain("/wachtwoord/");
    // The known person logs in with the password they had.
    expect((await new Client(server.url).login(known.email, known.password)).status).toBe(302);
  });

  it("lets a logged-in participant register with their own account as member 1, without a password", async () => {
    const edition = await newEdition();
    const login = seededLogin(server, "participant", "Schiedam");
    const client = new Client(server.url);
    await client.login(login.email, login.password);
    const page = await text(await client.get(`/aanmelden/${edition.id}`));
    expect(page).toContain(`Je bent ingelogd als ${login.name}.`);
    expect(page).not.toContain("Herhaal het wachtwoord");
    const form = registration("ingelogd", { name1: "Iemand anders", email1: "iemand.anders@gemeente.example" });
    delete form.password;
    delete form.confirm;
    const response = await client.post(`/aanmelden/${edition.id}`, form);
    expect(response.status).toBe(302);
    expect(location(response)).toBe("/?aangemeld=1");
    const trio = trioOf(edition.id, "Gemeente ingelogd")!;
    const me = getUserByEmail(login.email)!;
    expect(trio.registeredBy).toBe(me.id);
    expect(listMembersOfTrio(trio.id)[0].user.email).toBe(login.email);
    expect(getUserByEmail("iemand.anders@gemeente.example")).toBeNull();
  });

  it("puts a new trio on the waiting list when the admitted trios fill the edition", async () => {
    const edition = await newEdition({ capacity: 1 });
    const full = await createTrio({ editionId: edition.id, municipality: "Venlo", status: "admitted" });
    expect(full.status).toBe("admitted");
    expect(await text(await new Client(server.url).get(`/aanmelden/${edition.id}`))).toContain("Jullie aanmelding komt op de wachtlijst");
    const { client, response } = await register(edition.id, registration("wacht"));
    expect(location(response)).toBe("/?aangemeld=wachtlijst");
    expect(trioOf(edition.id, "Gemeente wacht")!.status).toBe("waiting");
    const home = await text(await client.get("/?aangemeld=wachtlijst"));
    expect(home).toContain("staat op de wachtlijst");
    expect(home).toContain("Wachtlijst");
  });
});

describe("refusals store nothing", () => {
  let edition: Awaited<ReturnType<typeof newEdition>>;
  beforeAll(async () => {
    edition = await newEdition({ name: "Weigeringen" });
    // One trio already in this edition, with a member who cannot be in a second trio.
    expect((await register(edition.id, registration("bestaand", { municipality: "Schiedam" }))).response.status).toBe(302);
  });

  const cases: Array<[string, Record<string, string>, number, string]> = [
    ["not one of each domain", { domain3: "fysiek" }, 400, "Een trio bestaat uit één persoon uit de wijk, één uit het fysieke domein en één uit het sociale domein. Nu ontbreekt: sociaal domein."],
    ["a duplicate e-mail within the trio", { email3: "WIJK.nieuw@gemeente.example" }, 400, "Dit e-mailadres staat al bij lid 1."],
    ["an invalid e-mail", { email2: "geen-adres" }, 400, "Vul een geldig e-mailadres in, zoals naam@gemeente.nl."],
    ["a municipality that already has a trio (any case)", { municipality: "  schiedam " }, 409, "Voor schiedam is al een trio aangemeld in deze editie."],
    ["a member of another trio of the edition", { email2: "fysiek.bestaand@gemeente.example" }, 400, "Deze persoon zit al in een ander trio van deze editie."],
    ["an organiser's e-mail", { email3: "begeleider@werkplaats.example" }, 400, "Dit e-mailadres hoort bij een begeleider of spreker."],
    ["a speaker's e-mail", { email2: "spreker@werkplaats.example" }, 400, "Dit e-mailadres hoort bij een begeleider of spreker."],
    ["the registrant's existing account (log in first)", { email1: "sanne.de.vries@werkplaats.example" }, 409, "Er is al een account met dit e-mailadres. Log eerst in"],
    ["two different passwords", { confirm: "een andere lange zin" }, 400, "De twee wachtwoorden zijn niet gelijk."],
    ["a short password", { password: "kort", confirm: "kort" }, 400, "Kies een wachtwoord van minstens 12 tekens."],
    ["no case summary", { caseSummary: "" }, 400, "Beschrijf jullie casus in een paar zinnen"],
    ["no job title", { jobTitle2: " " }, 400, "Vul de functie in."],
    ["an unknown domain", { domain1: "bestuur" }, 400, "Kies het domein: wijk, fysiek of sociaal."],
  ];
  for (const [label, overrides, status, message] of cases) {
    it(`refuses ${label}`, async () => {
      const before = snapshot();
      const { client, response } = await register(edition.id, registration("nieuw", overrides));
      expect(response.status).toBe(status);
      expect(await text(response)).toContain(message);
      expect(snapshot()).toBe(before);
      expect(client.cookies.size).toBe(0);
    });
  }

  it("refuses a registration before the window opens and after it closes (409, with the dates)", async () => {
    const early = await newEdition({ opensInDays: 3, closesInDays: 30, name: "Vroeg" });
    const late = await newEdition({ opensInDays: -30, closesInDays: -1, name: "Laat" });
    for (const [e, phrase] of [[early, "is nog niet open. Je kunt je trio aanmelden van "], [late, "is gesloten. Aanmelden kon van "]] as const) {
      const before = snapshot();
      const { response } = await register(e.id, registration(`raam-${e.id}`));
      expect(response.status).toBe(409);
      const body = await text(response);
      expect(body).toContain(`De aanmelding voor ${e.name} ${phrase}`);
      expect(body).toMatch(/van \w+dag \d{1,2} \w+ \d{4} tot en met \w+dag \d{1,2} \w+ \d{4}/);
      expect(snapshot()).toBe(before);
    }
  });

  it("refuses organisers and speakers filling in the form (403)", async () => {
    const before = snapshot();
    expect((await organiser.post(`/aanmelden/${edition.id}`, registration("org"))).status).toBe(403);
    expect((await speaker.post(`/aanmelden/${edition.id}`, registration("spr"))).status).toBe(403);
    expect(snapshot()).toBe(before);
  });

  it("refuses a logged-in participant who is already in a trio of the edition", async () => {
    const client = new Client(server.url);
    await client.login("wijk.bestaand@gemeente.example", PASSWORD);
    expect(await text(await client.get(`/aanmelden/${edition.id}`))).toContain("Je zit al in trio Schiedam van deze editie.");
    const before = snapshot();
    const response = await client.post(`/aanmelden/${edition.id}`, registration("tweede"));
    expect(response.status).toBe(409);
    expect(await text(response)).toContain("Je zit al in een trio van deze editie.");
    expect(snapshot()).toBe(before);
  });
});

describe("admission", () => {
  it("admits, wait-lists and rejects, mailing every member each time; admitting into a full edition is refused until capacity is raised", async () => {
    const edition = await newEdition({ capacity: 1 });
    await register(edition.id, registration("eerste"));
    const first = trioOf(edition.id, "Gemeente eerste")!;
    await register(edition.id, registration("tweede"));
    const second = trioOf(edition.id, "Gemeente tweede")!;
    const emails = (trioId: string) => listMembersOfTrio(trioId).map((m) => m.user.email);
    const path = `/beheer/edities/${edition.id}/trios`;

    const admitted = await organiser.post(path, { intent: "admit", trioId: first.id });
    expect(admitted.status).toBe(200);
    expect(await text(admitted)).toContain("Trio Gemeente eerste is toegelaten. Alle leden hebben een e-mail gekregen.");
    expect(getTrio(first.id)).toMatchObject({ status: "admitted", decidedAt: expect.any(String) });
    for (const email of emails(first.id)) {
      expect(mailsTo(email).at(0)!.subject).toBe(`Jullie trio doet mee aan ${edition.name}`);
    }

    // Full: the second cannot be admitted, and nothing changes or is sent.
    const before = snapshot();
    const refused = await organiser.post(path, { intent: "admit", trioId: second.id });
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain("De editie is vol: 1 van de 1 plaatsen zijn bezet. Verhoog eerst het aantal plaatsen");
    expect(snapshot()).toBe(before);

    expect((await organiser.post(path, { intent: "wait", trioId: second.id })).status).toBe(200);
    expect(getTrio(second.id)!.status).toBe("waiting");
    for (const email of emails(second.id)) expect(mailsTo(email).at(0)!.subject).toBe("Trio Gemeente tweede staat op de wachtlijst");

    // Raise the capacity, then move the trio up from the waiting list.
    await updateEdition(edition.id, { ...getEdition(edition.id)!, capacity: 2 });
    const page = await text(await organiser.get(path));
    expect(page).toContain("Toelaten van de wachtlijst trio Gemeente tweede");
    expect((await organiser.post(path, { intent: "admit", trioId: second.id })).status).toBe(200);
    expect(getTrio(second.id)!.status).toBe("admitted");

    expect((await organiser.post(path, { intent: "reject", trioId: first.id })).status).toBe(200);
    expect(getTrio(first.id)!.status).toBe("rejected");
    for (const email of emails(first.id)) {
      const mail = mailsTo(email).at(0)!;
      expect(mail.subject).toBe("Trio Gemeente eerste kan helaas niet meedoen");
      expect(mail.text).toMatch(/^Beste /);
    }

    // A trio of another edition is not found through this edition's page.
    expect((await organiser.post(path, { intent: "admit", trioId: trioOf(seededEditionId, "Altena")!.id })).status).toBe(404);
  });

  it("shows every trio with status, members, account state and case summary", async () => {
    const page = await text(await organiser.get(`/beheer/edities/${seededEditionId}/trios`));
    expect(page).toContain("Trio Altena Toegelaten");
    expect(page).toContain("skatepark");
    expect(page).toContain("statushouders");
    expect(page).toContain("Sanne de Vries Wijk Kernregisseur sanne.de.vries@werkplaats.example Actief");
    expect(page).toContain("Contactgegevens (CSV)");
    const empty = await newEdition();
    expect(await text(await organiser.get(`/beheer/edities/${empty.id}/trios`))).toContain("Er zijn nog geen trio's aangemeld.");
    const edition = await text(await organiser.get(`/beheer/edities/${seededEditionId}`));
    expect(edition).toContain("Trio's en aanmeldingen");
  });
});

describe("changing members", () => {
  it("an organiser replaces a member: the new person is invited, the old one told, their account kept", async () => {
    const edition = await newEdition();
    await register(edition.id, registration("vervang"));
    const trio = trioOf(edition.id, "Gemeente vervang")!;
    const old = listMembersOfTrio(trio.id).find((m) => m.domain === "fysiek")!;
    const path = `/beheer/edities/${edition.id}/trios`;
    const form = { intent: "replace", trioId: trio.id, membershipId: old.id, name: "Nieuwe Collega", email: "nieuw.vervang@gemeente.example", jobTitle: "Projectleider wonen", domain: "fysiek" };

    // Refusals first: a domain already taken, an organiser, a member of another trio in the edition.
    await register(edition.id, registration("ander"));
    for (const [overrides, message] of [
      [{ domain: "sociaal" }, "Dit domein is in het trio al bezet."],
      [{ email: "begeleider@werkplaats.example" }, "hoort bij een begeleider of spreker"],
      [{ email: "sociaal.ander@gemeente.example" }, "zit al in een ander trio van deze editie"],
      [{ email: "sociaal.vervang@gemeente.example" }, "Deze persoon zit al in dit trio."],
      [{ email: "fout" }, "Vul een geldig e-mailadres in"],
    ] as const) {
      const before = snapshot();
      const response = await organiser.post(path, { ...form, ...overrides });
      expect(response.status, message).toBeGreaterThanOrEqual(400);
      expect(await text(response)).toContain(message);
      expect(snapshot()).toBe(before);
    }

    const response = await organiser.post(path, form);
    expect(response.status).toBe(302);
    expect(location(response)).toBe(`${path}?klaar=vervangen#trio-${trio.id}`);
    expect(listMembersOfTrio(trio.id).map((m) => m.user.email).sort()).toEqual(["nieuw.vervang@gemeente.example", "sociaal.vervang@gemeente.example", "wijk.vervang@gemeente.example"]);
    expect(getUserByEmail(old.user.email)).not.toBeNull();
    expect(mailsTo(old.user.email).at(0)!.subject).toBe("Je bent niet meer lid van trio Gemeente vervang");
    const invitation = mailsTo("nieuw.vervang@gemeente.example").at(0)!;
    expect(invitation.text).toContain(`trio Gemeente vervang in ${edition.name}`);
    const invited = new Client(server.url);
    expect((await invited.post(linkPath(invitation.text), { password: PASSWORD, confirm: PASSWORD })).status).toBe(302);
    expect(await text(await organiser.get(`${path}?klaar=vervangen`))).toContain("Het lid is vervangen.");
  });

  it("a member leaves their trio and keeps their account; others cannot make them leave", async () => {
    const edition = await newEdition();
    const { client } = await register(edition.id, registration("verlaat"));
    const trio = trioOf(edition.id, "Gemeente verlaat")!;
    const path = `/trios/${trio.id}/verlaten`;

    expect((await client.get(path)).status).toBe(405);
    expect((await participant.post(path, {})).status).toBe(404);
    expect((await organiser.post(path, {})).status).toBe(403);
    expect((await new Client(server.url).post(path, {})).status).toBe(302);
    expect((await client.post("/trios/bestaat-niet/verlaten", {})).status).toBe(404);
    expect(listMembersOfTrio(trio.id)).toHaveLength(3);

    const response = await client.post(path, {});
    expect(response.status).toBe(302);
    expect(location(response)).toBe("/?verlaten=1");
    expect(listMembersOfTrio(trio.id).map((m) => m.user.email)).not.toContain("wijk.verlaat@gemeente.example");
    expect(getUserByEmail("wijk.verlaat@gemeente.example")).not.toBeNull();
    expect(await text(await client.get("/?verlaten=1"))).toContain("Je hebt het trio verlaten. Je account blijft bestaan.");

    // The organiser adds someone on the free place.
    const add = await organiser.post(`/beheer/edities/${edition.id}/trios`, { intent: "add", trioId: trio.id, name: "Opvolger", email: "opvolger@gemeente.example", jobTitle: "Gebiedsregisseur", domain: "wijk" });
    expect(add.status).toBe(302);
    expect(listMembersOfTrio(trio.id)).toHaveLength(3);
    // And a fourth is refused.
    const fourth = await organiser.post(`/beheer/edities/${edition.id}/trios`, { intent: "add", trioId: trio.id, name: "Vierde", email: "vierde@gemeente.example", jobTitle: "x", domain: "wijk" });
    expect(fourth.status).toBe(409);
  });
});

describe("contact details as CSV", () => {
  it("one row per member, UTF-8 with BOM, ';' separators, quoting and no formulas", async () => {
    const edition = await newEdition();
    const trio = await createTrio({ editionId: edition.id, municipality: "Súdwest-Fryslân", status: "admitted" });
    const people = [
      { name: '=HYPERLINK("http://evil.example","klik")', email: "formule@gemeente.example", jobTitle: "+31 adviseur", domain: "wijk" as const },
      { name: "De Vries; Jansen", email: "puntkomma@gemeente.example", jobTitle: 'Adviseur "wonen"', domain: "fysiek" as const },
      { name: "@gebruiker", email: "apenstaart@gemeente.example", jobTitle: "-min", domain: "sociaal" as const },
    ];
    for (const p of people) {
      const user = await getDb().change((data) => {
        const u = { id: `csv-${p.email}`, email: p.email, name: p.name, role: "participant" as const, passwordHash: null, createdAt: new Date().toISOString() };
        data.users.push(u);
        return u;
      });
      await addMembership({ trioId: trio.id, userId: user.id, domain: p.domain, jobTitle: p.jobTitle });
    }
    const response = await organiser.get(`/beheer/edities/${edition.id}/trios.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="contactgegevens-testeditie-\d+\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    expect(body.split("\r\n")).toEqual([
      "gemeente;status;naam;e-mail;functie;domein",
      `Súdwest-Fryslân;Toegelaten;"'=HYPERLINK(""http://evil.example"",""klik"")";formule@gemeente.example;'+31 adviseur;Wijk`,
      `Súdwest-Fryslân;Toegelaten;"De Vries; Jansen";puntkomma@gemeente.example;"Adviseur ""wonen""";Fysiek domein`,
      "Súdwest-Fryslân;Toegelaten;'@gebruiker;apenstaart@gemeente.example;'-min;Sociaal domein",
      "",
    ]);
  });
});

describe("who may do what", () => {
  it("only organisers see and change the trios of an edition; participants and speakers get 403, visitors the login", async () => {
    const trio = trioOf(seededEditionId, "Schiedam")!;
    const paths = [`/beheer/edities/${seededEditionId}/trios`, `/beheer/edities/${seededEditionId}/trios.csv`];
    for (const path of paths) {
      expect((await organiser.get(path)).status, path).toBe(200);
      expect((await participant.get(path)).status, path).toBe(403);
      expect((await speaker.get(path)).status, path).toBe(403);
      const anonymous = await new Client(server.url).get(path);
      expect(anonymous.status).toBe(302);
      expect(location(anonymous)).toMatch(/^\/inloggen\?redirectTo=/);
    }
    const before = snapshot();
    for (const client of [participant, speaker]) {
      expect((await client.post(paths[0], { intent: "reject", trioId: trio.id })).status).toBe(403);
      expect((await client.post(paths[0], { intent: "replace", trioId: trio.id, membershipId: "x", name: "a", email: "a@b.nl", jobTitle: "c", domain: "wijk" })).status).toBe(403);
    }
    expect(snapshot()).toBe(before);
    expect(getTrio(trio.id)!.status).toBe("admitted");
  });

  it("the organiser home counts the trios per status with a link to them", async () => {
    const page = await organiser.get("/");
    const html = await page.text();
    expect(html).toContain(`href="/beheer/edities/${seededEditionId}/trios"`);
    expect(visibleText(html)).toContain("Toegelaten trio's 2 van 12");
  });
});
