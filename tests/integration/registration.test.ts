/**
 * Trio registration and admission against a real server with the demo data:
 * registering (new and existing accounts), the same answer whatever accounts the
 * named addresses have, consent of existing accounts (invitations) and of new ones
 * (refusing from the welcome mail), one-line names without links, quoted user text
 * in mails, every refusal storing nothing, the waiting list, the organisers'
 * decisions and the mails they send, replacing a member, leaving a trio, the CSV of
 * contact details and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { createEdition, getEdition, listEditions, updateEdition } from "~/features/programme/edition.server";
import { listOutbox, type Mail } from "~/features/notifications/outbox.server";
import { exportUserData } from "~/features/accounts/privacy.server";
import { addMembership, createTrio, getTrio, isTrioMember, listMembersOfTrio } from "~/features/registration/trio.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { linkPath, location, visibleText, withoutNonces } from "./helpers";

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
    ...overrides,
  };
}

/** What a refusal must leave untouched. */
function snapshot() {
  const d = getDb().data;
  return JSON.stringify({
    users: d.users,
    trios: d.trios,
    memberships: d.memberships,
    trioInvitations: d.trioInvitations,
    tokens: d.tokens,
    outbox: d.outbox,
    authSessions: d.authSessions.length,
  });
}

/** The mails to `email` other than the registrant's confirmation ("Aanmelding ontvangen: …"). */
function mailsTo(email: string): Mail[] {
  return listOutbox().filter((m) => m.to === email && !m.subject.startsWith("Aanmelding ontvangen"));
}

function confirmationsTo(email: string): Mail[] {
  return listOutbox().filter((m) => m.to === email && m.subject.startsWith("Aanmelding ontvangen"));
}

function trioOf(editionId: string, municipality: string) {
  return getDb().data.trios.find((t) => t.editionId === editionId && t.municipality === municipality) ?? null;
}

/** Registers through the form as an anonymous visitor (who is not logged in by it). */
async function register(editionId: string, form: Record<string, string>) {
  const client = new Client(server.url);
  const response = await client.post(`/aanmelden/${editionId}`, form);
  return { client, response };
}

/** Follows the newest welcome link mailed to a new account and sets PASSWORD; returns the logged-in client. */
async function activate(email: string): Promise<Client> {
  const mail = mailsTo(email).find((m) => m.text.includes("/wachtwoord/"));
  expect(mail, `a welcome mail to ${email}`).toBeDefined();
  const client = new Client(server.url);
  const response = await client.post(linkPath(mail!.text), { password: PASSWORD, confirm: PASSWORD });
  expect(response.status).toBe(302);
  return client;
}

/** The /uitnodiging/<token> link in the newest invitation mail to an address (for one trio, if given). */
function invitationLink(email: string, municipality?: string): string {
  const mail = mailsTo(email).find(
    (m) => m.text.includes("/uitnodiging/") && (!municipality || m.text.includes(`trio “${municipality}” in`)),
  );
  expect(mail, `an invitation mail to ${email}`).toBeDefined();
  return mail!.text.match(/https?:\/\/[^\s/]+(\/uitnodiging\/[A-Za-z0-9_-]+)/)![1];
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
      data.editions = data.editions.map((e) => ({
        ...e,
        registrationClosesAt: new Date(Date.now() - DAY_MS).toISOString(),
        registrationOpensAt: new Date(Date.now() - 2 * DAY_MS).toISOString(),
      }));
    });
    try {
      const html = await new Client(server.url).get("/");
      expect(await html.text()).not.toContain('href="/aanmelden"');
      expect(await text(await new Client(server.url).get("/aanmelden"))).toContain(
        "Op dit moment is er geen editie waarvoor je je kunt aanmelden.",
      );
    } finally {
      await getDb().change((data) => {
        data.editions = saved;
      });
    }
  });
});

describe("registering a trio", () => {
  it("creates the trio without logging anyone in; all three confirm from their mailbox by setting a password", async () => {
    const edition = await newEdition();
    const { client, response } = await register(edition.id, registration("altena", { municipality: "Altena" }));
    expect(response.status).toBe(302);
    expect(location(response)).toBe(`/aanmelden/${edition.id}?ontvangen=1`);
    expect(client.cookies.size).toBe(0);
    const received = await text(await client.get(location(response)!));
    expect(received).toContain("Aanmelding ontvangen");
    expect(received).toContain("We hebben iedereen die in de aanmelding staat een e-mail gestuurd, jou ook.");
    const trio = trioOf(edition.id, "Altena")!;
    expect(trio).toMatchObject({ status: "registered", caseSummary: expect.stringContaining("skatepark"), decidedAt: null });
    const me = getUserByEmail("wijk.altena@gemeente.example")!;
    expect(me).toMatchObject({ role: "participant", name: "Wijk altena", passwordHash: null });
    expect(trio.registeredBy).toBe(me.id);
    const members = listMembersOfTrio(trio.id);
    expect(members.map((m) => [m.user.email, m.domain, m.jobTitle])).toEqual([
      ["wijk.altena@gemeente.example", "wijk", "Wijkmanager"],
      ["fysiek.altena@gemeente.example", "fysiek", "Beleidsmedewerker openbare ruimte"],
      ["sociaal.altena@gemeente.example", "sociaal", "Consulent jeugd"],
    ]);

    // Each of the three gets one welcome mail: who registered them, a link, and a way to refuse.
    const registrantMail = mailsTo("wijk.altena@gemeente.example");
    expect(registrantMail).toHaveLength(1);
    // The registrant also gets a confirmation with the four dates; the other two do not.
    expect(confirmationsTo("wijk.altena@gemeente.example").map((m) => m.subject)).toEqual([`Aanmelding ontvangen: ${edition.name}`]);
    expect(confirmationsTo("fysiek.altena@gemeente.example")).toEqual([]);
    expect(registrantMail[0].text).toContain(`Met dit e-mailadres is trio “Altena” in ${edition.name} aangemeld, met jou als lid.`);
    for (const email of ["wijk.altena@gemeente.example", "fysiek.altena@gemeente.example", "sociaal.altena@gemeente.example"]) {
      const mails = mailsTo(email);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe("Uitnodiging voor de werkplaats wijkgericht werken");
      expect(mails[0].text).toMatch(/^Beste collega,/);
      expect(mails[0].text).toContain('Open dezelfde link en kies "Ik doe niet mee"');
      if (email !== "wijk.altena@gemeente.example") {
        expect(mails[0].text).toContain(
          `Je bent aangemeld als lid van trio “Altena” in ${edition.name}. Dat deed iemand die de naam “Wijk altena” opgaf.`,
        );
      }
      const invited = new Client(server.url);
      const link = linkPath(mails[0].text);
      expect(await text(await invited.get(link))).toContain("Doe je niet mee?");
      const set = await invited.post(link, { password: PASSWORD, confirm: PASSWORD });
      expect(set.status).toBe(302);
      expect(location(set)).toBe("/?welkom=1");
      expect(await text(await invited.get("/"))).toContain("Trio Altena");
      expect((await new Client(server.url).login(email, PASSWORD)).status).toBe(302);
    }
  });

  it("names an existing account as a pending invitation, not a member, until that person accepts while logged in", async () => {
    const edition = await newEdition();
    const known = seededLogin(server, "participant", "Schiedam");
    const usersBefore = getDb().data.users.length;
    const { response } = await register(
      edition.id,
      registration("bekend", { email2: known.email.toUpperCase(), name2: "Een andere naam" }),
    );
    expect(response.status).toBe(302);
    expect(getDb().data.users.length).toBe(usersBefore + 2);
    const trio = trioOf(edition.id, "Gemeente bekend")!;
    const knownUser = getUserByEmail(known.email)!;
    expect(knownUser.name).toBe(known.name);
    // Not a member: no access to the trio, its dossier or boards.
    expect(isTrioMember(knownUser.id, trio.id)).toBe(false);
    expect(listMembersOfTrio(trio.id).map((m) => m.user.email)).not.toContain(known.email);
    expect(getDb().data.trioInvitations.filter((i) => i.trioId === trio.id)).toMatchObject([
      { userId: knownUser.id, domain: "fysiek", status: "pending" },
    ]);
    // The person's data export shows the invitation (without the link's hash).
    const exported = exportUserData(knownUser.id)!.trioInvitations.filter((i) => i.trioId === trio.id);
    expect(exported).toMatchObject([{ domain: "fysiek", status: "pending" }]);
    expect(JSON.stringify(exported)).not.toContain("tokenHash");
    // Even once the trio is admitted, the invitation gives no access to it.
    expect((await organiser.post(`/beheer/edities/${edition.id}/trios`, { intent: "admit", trioId: trio.id })).status).toBe(200);
    expect(mailsTo(known.email).some((m) => m.subject.includes("doet mee"))).toBe(false);
    const knownClient = new Client(server.url);
    await knownClient.login(known.email, known.password);
    expect((await knownClient.get(`/trios/${trio.id}`)).status).toBe(404);

    const mail = mailsTo(known.email).at(0)!;
    expect(mail.subject).toBe("Bevestig of weiger: uitnodiging voor een trio");
    expect(mail.text).toContain("Je wordt pas lid als jij dat bevestigt");
    expect(mail.text).not.toContain("/wachtwoord/");
    const link = invitationLink(known.email);

    // A visitor with the link is sent to log in; another account cannot accept it.
    const anonymous = new Client(server.url);
    expect(await text(await anonymous.get(link))).toContain("Om te bevestigen log je in");
    const toLogin = await anonymous.post(link, { intent: "accept" });
    expect(toLogin.status).toBe(302);
    expect(location(toLogin)).toBe(`/inloggen?redirectTo=${encodeURIComponent(link)}`);
    const before = snapshot();
    const wrong = await participant.post(link, { intent: "accept" });
    expect(wrong.status).toBe(403);
    expect(await text(wrong)).toContain("Deze uitnodiging is voor een ander account.");
    expect(snapshot()).toBe(before);

    // Logged in as the invited account: accepting makes the membership, once.
    const accepted = await knownClient.post(link, { intent: "accept" });
    expect(accepted.status).toBe(302);
    expect(location(accepted)).toBe(`/trios/${trio.id}`);
    expect(isTrioMember(knownUser.id, trio.id)).toBe(true);
    expect(listMembersOfTrio(trio.id).find((m) => m.userId === knownUser.id)).toMatchObject({
      domain: "fysiek",
      jobTitle: "Beleidsmedewerker openbare ruimte",
    });
    expect(getDb().data.trioInvitations.filter((i) => i.trioId === trio.id)).toEqual([]);
    expect((await knownClient.get(`/trios/${trio.id}`)).status).toBe(200);
    expect((await knownClient.post(link, { intent: "accept" })).status).toBe(404);
    // The known person still logs in with the password they had.
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
    expect(location(response)).toBe(`/aanmelden/${edition.id}?ontvangen=wachtlijst`);
    expect(trioOf(edition.id, "Gemeente wacht")!.status).toBe("waiting");
    expect(await text(await client.get(location(response)!))).toContain("is ontvangen en staat op de wachtlijst");
    const home = await text(await (await activate("wijk.wacht@gemeente.example")).get("/"));
    expect(home).toContain("Wachtlijst");
  });
});

describe("the answer to a registration reveals nothing about accounts", () => {
  let edition: Awaited<ReturnType<typeof newEdition>>;
  const emails = () => ({
    participant: seededLogin(server, "participant", "Schiedam").email,
    organiser: seededLogin(server, "organiser").email,
    speaker: seededLogin(server, "speaker").email,
  });
  beforeAll(async () => {
    edition = await newEdition({ name: "Gelijk antwoord" });
  });

  it("answers the same for new addresses and for a participant's, an organiser's, a speaker's or a member's address, as member 1 or as a colleague", async () => {
    const known = emails();
    const variants: Array<[string, Record<string, string>]> = [
      ["nieuw", {}],
      ["deelnemer", { email2: known.participant }],
      ["begeleider", { email2: known.organiser }],
      ["spreker", { email3: known.speaker }],
      ["lid", { email3: "sociaal.nieuw@gemeente.example" }], // already in trio "Gemeente nieuw" of this edition
      ["deelnemer-zelf", { email1: known.participant }],
      ["begeleider-zelf", { email1: known.organiser }],
      ["spreker-zelf", { email1: known.speaker }],
    ];
    const answers: string[] = [];
    const pages: string[] = [];
    const durations: number[] = [];
    for (const [tag, overrides] of variants) {
      const outboxBefore = listOutbox().length;
      const started = performance.now();
      const { client, response } = await register(edition.id, registration(tag, overrides));
      const body = await response.text();
      durations.push(performance.now() - started);
      answers.push(
        JSON.stringify({
          status: response.status,
          location: location(response),
          cookies: response.headers.getSetCookie(),
          type: response.headers.get("content-type"),
          length: response.headers.get("content-length"),
          body,
        }),
      );
      pages.push(withoutNonces(await (await client.get(location(response)!)).text()));
      expect(client.cookies.size, tag).toBe(0);
      // The trio is there: each of the three named people got exactly one mail, and the registrant a confirmation.
      expect(trioOf(edition.id, `Gemeente ${tag}`), tag).not.toBeNull();
      expect(listOutbox().length - outboxBefore, tag).toBe(4);
    }
    for (const [i, [tag]] of variants.entries()) {
      expect(answers[i], tag).toBe(answers[0]);
      expect(pages[i], tag).toBe(pages[0]);
    }
    expect(JSON.parse(answers[0])).toMatchObject({ status: 302, location: `/aanmelden/${edition.id}?ontvangen=1`, cookies: [] });
    // No password hashing or other work that only one of the cases does: the times stay close.
    expect(Math.max(...durations) - Math.min(...durations)).toBeLessThan(1000);
  });

  it("shows the organisers each conflict on the trio overview, and a named account is no member", async () => {
    const known = emails();
    const page = await text(await organiser.get(`/beheer/edities/${edition.id}/trios`));
    expect(page).toContain("Dit e-mailadres hoort bij een bestaand account (deelnemer) en wacht op bevestiging.");
    expect(page).toContain("Kan niet: dit e-mailadres hoort bij een account van een begeleider, en die kan niet in een trio.");
    expect(page).toContain("Kan niet: dit e-mailadres hoort bij een account van een spreker, en die kan niet in een trio.");
    expect(page).toContain("Kan nu niet: deze persoon zit al in trio Gemeente nieuw van deze editie.");
    expect(page).toContain("Uitnodigingen van trio Gemeente begeleider");
    for (const email of Object.values(known)) {
      const user = getUserByEmail(email)!;
      for (const trio of getDb().data.trios.filter((t) => t.editionId === edition.id)) expect(isTrioMember(user.id, trio.id)).toBe(false);
    }
    // A trio whose registrant's address has an account starts with the other two only.
    expect(listMembersOfTrio(trioOf(edition.id, "Gemeente begeleider-zelf")!.id).map((m) => m.domain)).toEqual(["fysiek", "sociaal"]);
  });

  it("an organiser's or speaker's account cannot accept, and a member of another trio cannot until they leave it", async () => {
    const known = emails();
    const cases: Array<[Client, string, string]> = [
      [organiser, known.organiser, "Je account is een account van een begeleider of spreker."],
      [speaker, known.speaker, "Je account is een account van een begeleider of spreker."],
    ];
    for (const [client, email, message] of cases) {
      const before = snapshot();
      const response = await client.post(invitationLink(email), { intent: "accept" });
      expect(response.status).toBe(409);
      expect(await text(response)).toContain(message);
      expect(snapshot()).toBe(before);
    }
    const member = await activate("sociaal.nieuw@gemeente.example");
    const before = snapshot();
    const response = await member.post(invitationLink("sociaal.nieuw@gemeente.example"), { intent: "accept" });
    expect(response.status).toBe(409);
    expect(await text(response)).toContain("Je zit al in trio Gemeente nieuw van deze editie.");
    expect(snapshot()).toBe(before);
  });

  it("an existing account refuses from the link without logging in; the registrant is told and the organisers see it", async () => {
    const known = emails();
    const registrant = await activate("wijk.spreker@gemeente.example");
    expect(registrant).toBeDefined();
    const link = invitationLink(known.speaker, "Gemeente spreker");
    const refused = await new Client(server.url).post(link, { intent: "decline" });
    expect(refused.status).toBe(200);
    expect(await text(refused)).toContain("Je hebt de uitnodiging geweigerd.");
    const trio = trioOf(edition.id, "Gemeente spreker")!;
    expect(getDb().data.trioInvitations.filter((i) => i.trioId === trio.id)).toMatchObject([
      { status: "declined", decidedAt: expect.any(String) },
    ]);
    const told = mailsTo("wijk.spreker@gemeente.example").at(0)!;
    expect(told.subject).toBe("Iemand doet niet mee in trio “Gemeente spreker”");
    expect(told.text).toContain(`heeft laten weten niet mee te doen in trio “Gemeente spreker” (${edition.name}).`);
    expect(await text(await organiser.get(`/beheer/edities/${edition.id}/trios`))).toMatch(
      /Geweigerd op \w+dag \d{1,2} \w+ \d{4}\. Trek de uitnodiging in/,
    );
    expect((await new Client(server.url).post(link, { intent: "decline" })).status).toBe(410);
    expect((await new Client(server.url).get(link)).status).toBe(410);

    // The organiser removes the declined invitation; the place is free to fill.
    const invitationId = getDb().data.trioInvitations.find((i) => i.trioId === trio.id)!.id;
    const withdrawn = await organiser.post(`/beheer/edities/${edition.id}/trios`, { intent: "withdraw", trioId: trio.id, invitationId });
    expect(withdrawn.status).toBe(302);
    expect(getDb().data.trioInvitations.filter((i) => i.trioId === trio.id)).toEqual([]);
  });

  it("a new account refuses from its welcome link: membership and unused account are gone, the organisers see the open place", async () => {
    const mail = mailsTo("fysiek.nieuw@gemeente.example")[0];
    const link = linkPath(mail.text);
    const trio = trioOf(edition.id, "Gemeente nieuw")!;
    const refused = await new Client(server.url).post(link, { intent: "decline" });
    expect(refused.status).toBe(200);
    expect(await text(refused)).toContain("Je bent geen lid van het trio meer en het account dat voor je was aangemaakt is verwijderd.");
    expect(getUserByEmail("fysiek.nieuw@gemeente.example")).toBeNull();
    expect(listMembersOfTrio(trio.id).map((m) => m.domain)).toEqual(["wijk", "sociaal"]);
    expect(getDb().data.trioInvitations.filter((i) => i.trioId === trio.id)).toMatchObject([
      { userId: null, domain: "fysiek", status: "declined" },
    ]);
    expect(await text(await organiser.get(`/beheer/edities/${edition.id}/trios`))).toContain(
      "het nieuwe account is verwijderd. Voeg iemand anders toe.",
    );
    // The link went with the account.
    expect((await new Client(server.url).post(link, { intent: "decline" })).status).toBe(404);

    // An account already in use cannot be removed this way.
    const activeMail = mailsTo("wijk.deelnemer@gemeente.example")[0];
    const activeLink = linkPath(activeMail.text);
    const before = getUserByEmail("wijk.deelnemer@gemeente.example");
    expect(before).not.toBeNull();
    await activate("wijk.deelnemer@gemeente.example");
    expect((await new Client(server.url).post(activeLink, { intent: "decline" })).status).toBe(410);
    expect(getUserByEmail("wijk.deelnemer@gemeente.example")).not.toBeNull();
  });

  it("an organiser naming an existing participant also sends an invitation, not a membership", async () => {
    const other = await newEdition();
    await register(other.id, registration("orgnodigt"));
    const trio = trioOf(other.id, "Gemeente orgnodigt")!;
    const old = listMembersOfTrio(trio.id).find((m) => m.domain === "sociaal")!;
    const known = seededLogin(server, "participant", "Altena");
    const response = await organiser.post(`/beheer/edities/${other.id}/trios`, {
      intent: "replace",
      trioId: trio.id,
      membershipId: old.id,
      name: "Wordt niet gebruikt",
      email: known.email,
      jobTitle: "Consulent",
      domain: "sociaal",
    });
    expect(response.status).toBe(302);
    expect(location(response)).toContain("klaar=uitgenodigd");
    const user = getUserByEmail(known.email)!;
    expect(isTrioMember(user.id, trio.id)).toBe(false);
    expect(mailsTo(known.email).at(0)!.text).toContain(
      `De begeleiders hebben je toegevoegd aan trio “Gemeente orgnodigt” in ${other.name}.`,
    );
    expect(await text(await organiser.get(`/beheer/edities/${other.id}/trios?klaar=uitgenodigd`))).toContain("wordt lid na bevestiging");
    // The domain is held by the invitation: nobody else can be added to it meanwhile.
    const fourth = await organiser.post(`/beheer/edities/${other.id}/trios`, {
      intent: "add",
      trioId: trio.id,
      name: "Nog iemand",
      email: "nog.iemand@gemeente.example",
      jobTitle: "x",
      domain: "sociaal",
    });
    expect(fourth.status).toBe(409);
  });
});

describe("text typed by people is quoted data in every mail", () => {
  it("quotes and defangs a municipality and names, even ones stored before the rules, and keeps them off the greeting", async () => {
    const edition = await newEdition();
    const trio = await getDb().change((data) => {
      const t = {
        id: `oud-${++counter}`,
        editionId: edition.id,
        municipality: "Venlo\nhttps://evil.example/inloggen Klik hier",
        status: "registered" as const,
        createdAt: new Date().toISOString(),
        registeredBy: null,
        caseSummary: "",
        shareCase: false,
        decidedAt: null,
      };
      data.trios.push(t);
      data.users.push({
        id: `oud-user-${counter}`,
        email: `oud.${counter}@gemeente.example`,
        name: "Jan\nUw wachtwoord verloopt: www.evil.example",
        role: "participant",
        passwordHash: null,
        createdAt: new Date().toISOString(),
      });
      return t;
    });
    await addMembership({ trioId: trio.id, userId: `oud-user-${counter}`, domain: "wijk", jobTitle: "Wijkmanager" });
    expect((await organiser.post(`/beheer/edities/${edition.id}/trios`, { intent: "wait", trioId: trio.id })).status).toBe(200);
    const mail = mailsTo(`oud.${counter}@gemeente.example`).at(0)!;
    expect(mail.subject).toBe("Trio “Venlo https[:]//evil[.]example/inloggen Klik hier” staat op de wachtlijst");
    expect(mail.text).toMatch(/^Beste collega,\n\nTrio “Venlo https\[:\]\/\/evil\[\.\]example\/inloggen Klik hier” staat op de wachtlijst/);
    expect(mail.text).not.toContain("evil.example");
    expect(mail.text).not.toContain("Uw wachtwoord");
    for (const line of mail.text.split("\n")) expect(line.startsWith("Klik")).toBe(false);

    // A registrant's name in a colleague's welcome mail: between quotes, on the line that says who typed it.
    const other = await newEdition();
    await register(other.id, registration("quote", { name1: "Wijk “Beheer” Werkplaats" }));
    const welcome = mailsTo("fysiek.quote@gemeente.example").at(0)!;
    expect(welcome.text).toContain("Dat deed iemand die de naam “Wijk 'Beheer' Werkplaats” opgaf.");
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
    [
      "not one of each domain",
      { domain3: "fysiek" },
      400,
      "Een trio bestaat uit één persoon uit de wijk, één uit het fysieke domein en één uit het sociale domein. Nu ontbreekt: sociaal domein.",
    ],
    ["a duplicate e-mail within the trio", { email3: "WIJK.nieuw@gemeente.example" }, 400, "Dit e-mailadres staat al bij lid 1."],
    ["an invalid e-mail", { email2: "geen-adres" }, 400, "Vul een geldig e-mailadres in, zoals naam@gemeente.nl."],
    [
      "a municipality that already has a trio (any case)",
      { municipality: "  schiedam " },
      409,
      "Voor schiedam is al een trio aangemeld in deze editie.",
    ],
    ["a name with a web address", { name2: "Jan, zie https://evil.example" }, 400, "Een naam kan geen webadres of link bevatten."],
    ["a name with www.", { name3: "www.klik-hier.com" }, 400, "Een naam kan geen webadres of link bevatten."],
    ["a name with a domain and path", { name1: "Piet bank.nl/inloggen" }, 400, "Een naam kan geen webadres of link bevatten."],
    ["a name over two lines", { name2: "Jan\r\nUw account is geblokkeerd" }, 400, "Gebruik één regel tekst, zonder regeleinden of tabs."],
    ["a name with a direction override", { name2: "Jan \u202eevil" }, 400, "Gebruik één regel tekst, zonder regeleinden of tabs."],
    ["a municipality over two lines", { municipality: "Venlo\nKlik hier" }, 400, "Gebruik één regel tekst, zonder regeleinden of tabs."],
    ["a municipality with a web address", { municipality: "venlo.nl" }, 400, "Een webadres of link kan hier niet; vul alleen tekst in."],
    [
      "a job title with a link",
      { jobTitle2: "Adviseur, zie www.evil.example" },
      400,
      "Een webadres of link kan hier niet; vul alleen tekst in.",
    ],
    ["a very long job title", { jobTitle3: "x".repeat(201) }, 400, "Gebruik hoogstens 200 tekens."],
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
    for (const [e, phrase] of [
      [early, "is nog niet open. Je kunt je trio aanmelden van "],
      [late, "is gesloten. Aanmelden kon van "],
    ] as const) {
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
    const client = await activate("wijk.bestaand@gemeente.example");
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
    for (const email of emails(second.id)) expect(mailsTo(email).at(0)!.subject).toBe("Trio “Gemeente tweede” staat op de wachtlijst");

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
      expect(mail.subject).toBe("Trio “Gemeente eerste” kan helaas niet meedoen");
      expect(mail.text).toMatch(/^Beste collega,/);
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
    const form = {
      intent: "replace",
      trioId: trio.id,
      membershipId: old.id,
      name: "Nieuwe Collega",
      email: "nieuw.vervang@gemeente.example",
      jobTitle: "Projectleider wonen",
      domain: "fysiek",
    };

    // Refusals first: a domain already taken, an organiser, a member of another trio in the edition.
    await register(edition.id, registration("ander"));
    for (const [overrides, message] of [
      [{ domain: "sociaal" }, "Dit domein is in het trio al bezet"],
      [{ email: "begeleider@werkplaats.example" }, "hoort bij een begeleider of spreker"],
      [{ email: "sociaal.ander@gemeente.example" }, "zit al in een ander trio van deze editie"],
      [{ email: "sociaal.vervang@gemeente.example" }, "Deze persoon zit al in dit trio"],
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
    expect(
      listMembersOfTrio(trio.id)
        .map((m) => m.user.email)
        .sort(),
    ).toEqual(["nieuw.vervang@gemeente.example", "sociaal.vervang@gemeente.example", "wijk.vervang@gemeente.example"]);
    expect(getUserByEmail(old.user.email)).not.toBeNull();
    expect(mailsTo(old.user.email).at(0)!.subject).toBe("Je bent niet meer lid van trio “Gemeente vervang”");
    const invitation = mailsTo("nieuw.vervang@gemeente.example").at(0)!;
    expect(invitation.text).toContain(`trio “Gemeente vervang” in ${edition.name}`);
    const invited = new Client(server.url);
    expect((await invited.post(linkPath(invitation.text), { password: PASSWORD, confirm: PASSWORD })).status).toBe(302);
    expect(await text(await organiser.get(`${path}?klaar=vervangen`))).toContain("Het lid is vervangen.");
  });

  it("a member leaves their trio and keeps their account; others cannot make them leave", async () => {
    const edition = await newEdition();
    await register(edition.id, registration("verlaat"));
    const client = await activate("wijk.verlaat@gemeente.example");
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
    const add = await organiser.post(`/beheer/edities/${edition.id}/trios`, {
      intent: "add",
      trioId: trio.id,
      name: "Opvolger",
      email: "opvolger@gemeente.example",
      jobTitle: "Gebiedsregisseur",
      domain: "wijk",
    });
    expect(add.status).toBe(302);
    expect(listMembersOfTrio(trio.id)).toHaveLength(3);
    // And a fourth is refused.
    const fourth = await organiser.post(`/beheer/edities/${edition.id}/trios`, {
      intent: "add",
      trioId: trio.id,
      name: "Vierde",
      email: "vierde@gemeente.example",
      jobTitle: "x",
      domain: "wijk",
    });
    expect(fourth.status).toBe(409);
  });
});

describe("contact details as CSV", () => {
  it("one row per member, UTF-8 with BOM, ';' separators, quoting and no formulas", async () => {
    const edition = await newEdition();
    const trio = await createTrio({ editionId: edition.id, municipality: "Súdwest-Fryslân", status: "admitted" });
    const people = [
      {
        name: '=HYPERLINK("http://evil.example","klik")',
        email: "formule@gemeente.example",
        jobTitle: "+31 adviseur",
        domain: "wijk" as const,
      },
      { name: "De Vries; Jansen", email: "puntkomma@gemeente.example", jobTitle: 'Adviseur "wonen"', domain: "fysiek" as const },
      { name: "@gebruiker", email: "apenstaart@gemeente.example", jobTitle: "-min", domain: "sociaal" as const },
    ];
    for (const p of people) {
      const user = await getDb().change((data) => {
        const u = {
          id: `csv-${p.email}`,
          email: p.email,
          name: p.name,
          role: "participant" as const,
          passwordHash: null,
          createdAt: new Date().toISOString(),
        };
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
      expect(
        (
          await client.post(paths[0], {
            intent: "replace",
            trioId: trio.id,
            membershipId: "x",
            name: "a",
            email: "a@b.nl",
            jobTitle: "c",
            domain: "wijk",
          })
        ).status,
      ).toBe(403);
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
