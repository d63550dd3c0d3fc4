/**
 * The statements a Dutch public body publishes (issue 15.2–15.3): the
 * toegankelijkheidsverklaring, privacyverklaring and contact page, reachable from the
 * footer of every page for every role; the registration form's notice; the AVG art. 14
 * notice in the mail to people a trio names, and refusing through it notifies organisers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { listEditions } from "~/features/programme/edition.server";
import { listOutbox } from "~/features/notifications/outbox.server";
import { criteria } from "~/features/statements/accessibility-status";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { linkPath, visibleText } from "./helpers";

let server: TestServer;

async function loggedIn(role: "organiser" | "speaker" | "participant", detail?: string): Promise<Client> {
  const login = seededLogin(server, role, detail);
  const client = new Client(server.url);
  expect((await client.login(login.email, login.password)).status).toBe(302);
  return client;
}

/** The footer's HTML of a page. */
function footerOf(html: string): string {
  const match = /<footer[\s\S]*?<\/footer>/.exec(html);
  expect(match, "the page has a footer").not.toBeNull();
  return match![0];
}

beforeAll(async () => {
  server = await startTestServer({
    env: { CONTROLLER_NAME: "Gemeente Teststad", CONTROLLER_EMAIL: "privacy@teststad.example", DPO_EMAIL: "fg@teststad.example" },
  });
});
afterAll(async () => server?.stop());

describe("statements in the footer of every page", () => {
  it("every page of every role links the three statements from its footer, and each link opens", async () => {
    const data = getDb().data;
    const edition = listEditions()[0];
    const session = data.sessions.find((s) => s.editionId === edition.id && s.number === 1)!;
    const trio = data.trios.find((t) => t.editionId === edition.id)!;
    const pagesByRole: Array<[Client, string[]]> = [
      [new Client(server.url), ["/", "/inloggen", "/aanmelden", `/aanmelden/${edition.id}`, "/wachtwoord-vergeten", "/bestaat-niet"]],
      [await loggedIn("participant"), ["/", "/account", "/meldingen", `/sessies/${session.id}`]],
      [await loggedIn("speaker"), ["/", "/account", `/sessies/${session.id}`]],
      [
        await loggedIn("organiser"),
        [
          "/beheer/edities",
          `/beheer/edities/${edition.id}`,
          `/beheer/edities/${edition.id}/trios`,
          `/beheer/edities/${edition.id}/logboek`,
          `/beheer/edities/${edition.id}/huiswerk`,
          `/trios/${trio.id}`,
          "/beheer/gebruikers",
          "/beheer/berichten",
        ],
      ],
    ];
    for (const [client, pages] of pagesByRole) {
      for (const page of [...pages, "/toegankelijkheid", "/privacy", "/contact"]) {
        const response = await client.get(page);
        expect([200, 404], page).toContain(response.status);
        const footer = footerOf(await response.text());
        for (const href of ["/toegankelijkheid", "/privacy", "/contact"])
          expect(footer, `${page} links ${href}`).toContain(`href="${href}"`);
      }
      for (const href of ["/toegankelijkheid", "/privacy", "/contact"]) expect((await client.get(href)).status, href).toBe(200);
    }
  });

  it("the toegankelijkheidsverklaring follows the Dutch model and states every criterion from the list", async () => {
    const text = visibleText(await (await new Client(server.url).get("/toegankelijkheid")).text());
    expect(text).toContain("Toegankelijkheidsverklaring");
    expect(text).toContain("Gemeente Teststad verklaart dat het platform voldoet gedeeltelijk aan de eisen (status B)");
    expect(text).toContain("Laatst gecontroleerd op");
    expect(text).toContain("Nationale ombudsman");
    expect(text).toContain("binnen 5 werkdagen");
    expect(text).toContain("privacy@teststad.example");
    // The canvas exception and its accessible alternative.
    expect(text).toMatch(/tekenvlak van de whiteboards zelf is met een schermlezer niet volledig te bedienen/);
    expect(text).toContain("Alternatief: Naast elk bord staat een overzicht");
    expect(criteria).toHaveLength(50);
    for (const c of criteria) expect(text, c.id).toContain(`${c.id} ${c.name}`);
  });

  it("the privacyverklaring names the controller, the groups, the legal grounds, retention and the rights in the app", async () => {
    const text = visibleText(await (await new Client(server.url).get("/privacy")).text());
    expect(text).toContain("Gemeente Teststad biedt het platform aan en is verwerkingsverantwoordelijke");
    expect(text).toContain("fg@teststad.example");
    for (const group of ["Begeleiders", "Sprekers", "Leden van een trio", "Mensen die door een ander zijn aangemeld"])
      expect(text).toContain(group);
    expect(text).toContain("artikel 6 lid 1 onder e");
    expect(text).toContain("dan verwijdert het platform ze automatisch 12 maanden na de laatste bijeenkomst");
    expect(text).toContain("Mijn gegevens downloaden (JSON)");
    expect(text).toContain("Verzoek indienen om mijn gegevens te verwijderen");
    // The labels the statement points at are the ones the account page shows.
    const account = visibleText(await (await loggedIn("participant")).get("/account").then((r) => r.text()));
    expect(account).toContain("Mijn gegevens downloaden (JSON)");
    expect(account).toContain("Verzoek indienen om mijn gegevens te verwijderen");
  });
});

describe("notices where data is collected", () => {
  it("the registration form says what happens with the data of all three members", async () => {
    const edition = listEditions()[0];
    const text = visibleText(await (await new Client(server.url).get(`/aanmelden/${edition.id}`)).text());
    expect(text).toContain("Wat er met de gegevens van jullie drieën gebeurt");
    expect(text).toContain("Jouw twee collega's krijgen meteen een e-mail");
  });

  it("a named member gets an art. 14 notice with a way to refuse; refusing tells the organisers", async () => {
    const edition = listEditions()[0];
    const form: Record<string, string> = {
      municipality: "Gemeente Kennisgeving",
      caseSummary: "Een casus over een buurthuis dat dichtgaat.",
      name1: "Wijk Kennis",
      email1: "wijk.kennis@gemeente.example",
      jobTitle1: "Wijkmanager",
      domain1: "wijk",
      name2: "Fysiek Kennis",
      email2: "fysiek.kennis@gemeente.example",
      jobTitle2: "Beleidsmedewerker",
      domain2: "fysiek",
      name3: "Sociaal Kennis",
      email3: "sociaal.kennis@gemeente.example",
      jobTitle3: "Consulent",
      domain3: "sociaal",
    };
    const response = await new Client(server.url).post(`/aanmelden/${edition.id}`, form);
    expect(response.status).toBeLessThan(400);
    const mail = listOutbox().find((m) => m.to === "fysiek.kennis@gemeente.example");
    expect(mail, "the named member got a mail").toBeDefined();
    expect(mail!.text).toContain("kregen we van degene die het trio aanmeldde, niet van jou zelf");
    expect(mail!.text).toContain("Gemeente Teststad");
    expect(mail!.text).toContain("artikel 6 lid 1 onder e");
    expect(mail!.text).toContain("dan verwijdert het platform ze automatisch 12 maanden na de laatste bijeenkomst");
    expect(mail!.text).toContain("privacy@teststad.example");
    expect(mail!.text).toContain('kies "Ik doe niet mee"');

    const organiserId = getDb().data.users.find((u) => u.role === "organiser")!.id;
    const before = getDb().data.notifications.filter((n) => n.userId === organiserId).length;
    const refused = await new Client(server.url).post(linkPath(mail!.text), { intent: "decline" });
    expect(refused.status).toBeLessThan(400);
    expect(getDb().data.users.some((u) => u.email === "fysiek.kennis@gemeente.example")).toBe(false);
    const notes = getDb().data.notifications.filter((n) => n.userId === organiserId);
    expect(notes.length).toBe(before + 1);
    expect(notes.at(-1)!.title).toContain("Iemand doet niet mee in trio");
  });
});
