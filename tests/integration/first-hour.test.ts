/**
 * Issue 16, the first hour (points 6-9) against a real server with the demo data:
 * the registrant's confirmation mail, the participant CSV import refusing bad rows
 * (each with its row number, nothing half-imported), the CSV export's formula safety,
 * bulk admission all or nothing, messages to trios, and the linked speaker's name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { createEdition } from "~/features/programme/edition.server";
import { listOutbox } from "~/features/notifications/outbox.server";
import { addMembership, createTrio } from "~/features/registration/trio.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { visibleText } from "./helpers";

const DAY_MS = 24 * 60 * 60 * 1000;
let server: TestServer;
let organiser: Client;
let counter = 0;

async function newEdition(capacity = 10) {
  const now = Date.now();
  const { edition } = await createEdition({
    name: `Eerste uur ${++counter}`,
    year: 2026,
    capacity,
    registrationOpensAt: new Date(now - DAY_MS).toISOString(),
    registrationClosesAt: new Date(now + 10 * DAY_MS).toISOString(),
  });
  return edition;
}

function snapshot() {
  const d = getDb().data;
  return JSON.stringify({
    users: d.users,
    trios: d.trios,
    memberships: d.memberships,
    trioInvitations: d.trioInvitations,
    outbox: d.outbox,
  });
}

beforeAll(async () => {
  server = await startTestServer({ env: { RATE_LIMIT_FACTOR: "50" } });
  const login = seededLogin(server, "organiser");
  organiser = new Client(server.url);
  expect((await organiser.login(login.email, login.password)).status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
});

describe("registration", () => {
  it("sends the person who registers a confirmation with the four dates", async () => {
    const edition = await newEdition();
    const form = {
      municipality: "Gemeente Bevestiging",
      caseSummary: "Statushouders vinden in onze wijk moeilijk aansluiting; wat kunnen we samen doen?",
      name1: "Wijk Bevestiging",
      email1: "wijk.bevestiging@gemeente.example",
      jobTitle1: "Wijkmanager",
      domain1: "wijk",
      name2: "Fysiek Bevestiging",
      email2: "fysiek.bevestiging@gemeente.example",
      jobTitle2: "Beleidsmedewerker",
      domain2: "fysiek",
      name3: "Sociaal Bevestiging",
      email3: "sociaal.bevestiging@gemeente.example",
      jobTitle3: "Consulent",
      domain3: "sociaal",
    };
    const page = visibleText(await (await new Client(server.url).get(`/aanmelden/${edition.id}`)).text());
    expect(page).toContain("De vier bijeenkomsten");
    expect(page).toContain("Bijeenkomst 4");
    const response = await new Client(server.url).post(`/aanmelden/${edition.id}`, form);
    expect(response.status).toBe(302);
    const confirmation = listOutbox().find((m) => m.to === form.email1 && m.subject === `Aanmelding ontvangen: ${edition.name}`);
    expect(confirmation, "a confirmation mail to the registrant").toBeDefined();
    expect(confirmation!.text).toContain("trio “Gemeente Bevestiging”");
    expect(confirmation!.text).toMatch(/Bijeenkomst 1: .*\n- Bijeenkomst 2/);
    expect(confirmation!.text).toContain("“Fysiek Bevestiging” en “Sociaal Bevestiging”");
    expect(listOutbox().filter((m) => m.to === form.email2 && m.subject.startsWith("Aanmelding ontvangen"))).toHaveLength(0);
  });

  it("shows every error of the form at once, cross-field rules included", async () => {
    const edition = await newEdition();
    const response = await new Client(server.url).post(`/aanmelden/${edition.id}`, {
      municipality: "",
      caseSummary: "kort",
      name1: "Een",
      email1: "zelfde@gemeente.example",
      jobTitle1: "Wijkmanager",
      domain1: "wijk",
      name2: "Twee",
      email2: "zelfde@gemeente.example",
      jobTitle2: "",
      domain2: "wijk",
      name3: "Drie",
      email3: "drie@gemeente.example",
      jobTitle3: "Consulent",
      domain3: "sociaal",
    });
    expect(response.status).toBe(400);
    const text = visibleText(await response.text());
    expect(text).toContain("Vul de naam van de gemeente in.");
    expect(text).toContain("minstens 20 tekens");
    expect(text).toContain("Vul de functie in.");
    expect(text).toContain("Dit e-mailadres staat al bij lid 1.");
    expect(text).toContain("Nu ontbreekt: fysiek domein");
  });
});

describe("participant CSV import", () => {
  const header = "gemeente;naam;e-mail;functie;domein";

  async function post(editionId: string, csv: string, intent: "preview" | "import") {
    return organiser.post(`/beheer/edities/${editionId}/trios/importeren`, { csv, intent });
  }

  it("refuses each bad row with its number and stores nothing, also when asked to import", async () => {
    const edition = await newEdition();
    const csv = [
      header,
      "Altena;Anna Wijk;anna@altena.example;Wijkmanager;wijk",
      "Altena;Bert Fysiek;bert@altena.example;Beleidsmedewerker;ruimtelijk",
      "Venlo;Cor Sociaal;anna@altena.example;Consulent;sociaal",
      "Venlo;;dirk@venlo.example;;fysiek",
      'Venlo;=HYPERLINK("http://kwaad.example");eva@venlo.example;Consulent;wijk',
      "Schiedam;@SUM(1);fien@schiedam.example;Consulent;wijk",
    ].join("\r\n");
    const before = snapshot();
    for (const intent of ["preview", "import"] as const) {
      const response = await post(edition.id, csv, intent);
      expect(response.status).toBe(400);
      const text = visibleText(await response.text());
      expect(text).toContain('Rij 3: onbekend domein "ruimtelijk"');
      expect(text).toContain("Rij 4: het e-mailadres anna@altena.example staat ook in rij 2.");
      expect(text).toContain("Rij 5: naam, functie ontbreken.");
      expect(text).toContain('Rij 6: de kolom naam begint met "="');
      expect(text).toContain('Rij 7: de kolom naam begint met "@"');
      expect(text).toContain("Er is niets geïmporteerd");
      expect(snapshot()).toBe(before);
    }
  });

  it("refuses an address already in a trio of the edition, and imports a clean file whole", async () => {
    const edition = await newEdition();
    const taken = getDb().data.users.find((u) => u.role === "participant")!;
    const trio = await createTrio({ editionId: edition.id, municipality: "Bestaand", status: "registered" });
    await addMembership({ trioId: trio.id, userId: taken.id, domain: "wijk", jobTitle: "Wijkmanager" });
    const before = snapshot();
    const refused = await post(edition.id, `${header}\nTiel;X;${taken.email};Functie;sociaal\n`, "import");
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain(`Rij 2: ${taken.email} zit al in een trio van deze editie`);
    expect(snapshot()).toBe(before);
    const clean = `${header}\nTiel;Gerda Wijk;gerda@tiel.example;Wijkmanager;Wijk\nTiel;Hans Fysiek;hans@tiel.example;Beleidsmedewerker;Fysiek domein\n`;
    const preview = await post(edition.id, clean, "preview");
    expect(preview.status).toBe(200);
    expect(snapshot()).toBe(before);
    const done = await post(edition.id, clean, "import");
    expect(done.status).toBe(200);
    expect(visibleText(await done.text())).toContain("2 deelnemers in 1 trio geïmporteerd");
    const tiel = getDb().data.trios.find((t) => t.editionId === edition.id && t.municipality === "Tiel");
    expect(tiel?.status).toBe("registered");
    expect(getDb().data.memberships.filter((m) => m.trioId === tiel!.id)).toHaveLength(2);
    expect(listOutbox().some((m) => m.to === "gerda@tiel.example")).toBe(true);
  });
});

describe("participant CSV export", () => {
  it("neutralises formula-like cells", async () => {
    const edition = await newEdition();
    const trio = getDb().change((data) => {
      const t = {
        id: `t-formule-${counter}`,
        editionId: edition.id,
        municipality: "=cmd|' /C calc'!A0",
        status: "registered" as const,
        createdAt: new Date().toISOString(),
        registeredBy: null,
        caseSummary: "",
        shareCase: false,
        decidedAt: null,
      };
      data.trios.push(t);
      const user = {
        id: `u-formule-${counter}`,
        email: "formule@gemeente.example",
        name: "+Naam",
        role: "participant" as const,
        passwordHash: null,
        createdAt: t.createdAt,
      };
      data.users.push(user);
      data.memberships.push({
        id: `m-formule-${counter}`,
        trioId: t.id,
        userId: user.id,
        domain: "wijk",
        jobTitle: "@functie",
        createdAt: t.createdAt,
      });
      return t;
    });
    await trio;
    const csv = await (await organiser.get(`/beheer/edities/${edition.id}/trios.csv`)).text();
    expect(csv).toContain("'=cmd|' /C calc'!A0");
    expect(csv).toContain("'+Naam");
    expect(csv).toContain("'@functie");
    expect(csv).not.toMatch(/(^|;)[=+@-]/m);
  });
});

describe("bulk decisions", () => {
  async function trios(editionId: string, n: number) {
    const made = [];
    for (let i = 0; i < n; i++) {
      made.push(
        await getDb().change((data) => {
          const t = {
            id: `t-bulk-${counter}-${i}`,
            editionId,
            municipality: `Bulk ${counter}-${i}`,
            status: "registered" as const,
            createdAt: new Date().toISOString(),
            registeredBy: null,
            caseSummary: "",
            shareCase: false,
            decidedAt: null,
          };
          data.trios.push(t);
          return t;
        }),
      );
    }
    return made;
  }

  it("admits all chosen trios or none: too few places changes nothing", async () => {
    const edition = await newEdition(2);
    const three = await trios(edition.id, 3);
    const body = new URLSearchParams({ intent: "bulk-confirm", decision: "admit" });
    for (const t of three) body.append("trioIds", t.id);
    const before = snapshot();
    const refused = await organiser.post(`/beheer/edities/${edition.id}/trios`, body);
    expect(refused.status).toBe(409);
    expect(visibleText(await refused.text())).toContain("Er is niets gewijzigd");
    expect(snapshot()).toBe(before);

    const preview = new URLSearchParams({ intent: "bulk-preview", decision: "admit" });
    preview.append("trioIds", three[0].id);
    preview.append("trioIds", three[1].id);
    const confirmPage = visibleText(await (await organiser.post(`/beheer/edities/${edition.id}/trios`, preview)).text());
    expect(confirmPage).toContain("2 trio's toelaten?");
    expect(snapshot()).toBe(before);

    const two = new URLSearchParams({ intent: "bulk-confirm", decision: "admit" });
    two.append("trioIds", three[0].id);
    two.append("trioIds", three[1].id);
    const done = await organiser.post(`/beheer/edities/${edition.id}/trios`, two);
    expect(done.status).toBe(200);
    expect(visibleText(await done.text())).toContain(`2 trio's toegelaten: ${three[0].municipality}, ${three[1].municipality}.`);
    const statuses = three.map((t) => getDb().data.trios.find((x) => x.id === t.id)!.status);
    expect(statuses).toEqual(["admitted", "admitted", "registered"]);
  });
});

describe("messages to trios", () => {
  it("reaches the members of the chosen trios through the outbox", async () => {
    const edition = await newEdition();
    const trio = await getDb().change((data) => {
      const t = {
        id: `t-bericht-${counter}`,
        editionId: edition.id,
        municipality: "Berichtstad",
        status: "admitted" as const,
        createdAt: new Date().toISOString(),
        registeredBy: null,
        caseSummary: "",
        shareCase: false,
        decidedAt: null,
      };
      data.trios.push(t);
      const user = {
        id: `u-bericht-${counter}`,
        email: "lid@berichtstad.example",
        name: "Lid",
        role: "participant" as const,
        passwordHash: null,
        createdAt: t.createdAt,
      };
      data.users.push(user);
      data.memberships.push({
        id: `m-bericht-${counter}`,
        trioId: t.id,
        userId: user.id,
        domain: "wijk",
        jobTitle: "Wijkmanager",
        createdAt: t.createdAt,
      });
      return t;
    });
    const session = getDb().data.sessions.find((s) => s.editionId === edition.id && s.number === 1)!;
    const response = await organiser.post(`/beheer/edities/${edition.id}/berichten`, {
      audience: `missing:${session.id}`,
      subject: "Huiswerk",
      text: "Vergeet het huiswerk niet.",
    });
    expect(response.status).toBe(200);
    expect(visibleText(await response.text())).toContain("verstuurd aan 1 persoon in 1 trio");
    const mail = listOutbox().find((m) => m.to === "lid@berichtstad.example" && m.subject.startsWith("Huiswerk"));
    expect(mail?.text).toContain("Vergeet het huiswerk niet.");
    expect(trio.municipality).toBe("Berichtstad");
  });
});
