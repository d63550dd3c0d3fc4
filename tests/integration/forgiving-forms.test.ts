/**
 * Issue 16 point 11 in every form: a post with several mistakes answers with every
 * field's Dutch message at once (cross-field rules included) and stores nothing.
 * Real HTTP against a real server with the demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { organogramQuestions } from "~/features/exercises/exercise-content";
import { Client } from "../setup/http-client";
import { startTestServer, type TestServer } from "../setup/test-server";
import { visibleText } from "./helpers";

let server: TestServer;
let organiser: Client;
let member: Client;
let trioId: string;
let editionId: string;
let sessionId: string;

async function loginAs(role: string, detail?: string): Promise<Client> {
  const login = server.boot.seeded.find((l) => l.role === role && (!detail || l.detail?.includes(detail)))!;
  const client = new Client(server.url);
  expect((await client.login(login.email, login.password)).status).toBe(302);
  return client;
}

/** The collections a refused post must leave exactly as they were. */
function stored() {
  const d = getDb().data;
  return JSON.stringify([
    d.editions,
    d.sessions,
    d.materials,
    d.organograms,
    d.localAgendas,
    d.runSheets,
    d.livePolls,
    d.assignments,
    d.users.map((u) => u.passwordHash),
  ]);
}

/** Posts, expects a 400 whose page names every message, and checks nothing changed. */
async function expectAllRefused(client: Client, path: string, form: Record<string, string> | URLSearchParams, messages: string[]) {
  const before = stored();
  const response = await client.post(path, form);
  expect(response.status).toBe(400);
  const text = visibleText(await response.text());
  for (const message of messages) expect(text, `"${message}" among the errors`).toContain(message);
  expect(stored(), "nothing stored").toBe(before);
}

beforeAll(async () => {
  server = await startTestServer({ env: { RATE_LIMIT_FACTOR: "50" } });
  [organiser, member] = await Promise.all([loginAs("organiser"), loginAs("participant", "Altena")]);
  const trio = getDb().data.trios.find((t) => t.municipality === "Altena")!;
  trioId = trio.id;
  editionId = trio.editionId;
  sessionId = [...getDb().data.sessions].filter((s) => s.editionId === editionId).sort((a, b) => a.number - b.number)[0].id;
});
afterAll(async () => {
  await server?.stop();
});

describe("every error at once, nothing stored", () => {
  it("new edition: the closing date before the opening beside the missing name and wrong year", async () => {
    await expectAllRefused(
      organiser,
      "/beheer/edities",
      // A capacity that is no number stops zod's own object refinements; the cross-check runs regardless.
      { name: "", year: "1999", capacity: "veel", registrationOpens: "2026-05-10", registrationCloses: "2026-05-01" },
      [
        "Geef de editie een naam.",
        "Vul een jaartal vanaf 2000 in.",
        "Vul het aantal trio's in als getal.",
        "De aanmelding moet sluiten op of na de dag dat ze opent.",
      ],
    );
  });

  it("material: the missing text and publication moment beside the missing title", async () => {
    await expectAllRefused(
      organiser,
      `/sessies/${sessionId}/materiaal/nieuw`,
      // No title field at all (as a stale form would send).
      { kind: "text", body: "", url: "", fileId: "", publish: "at", publishDate: "", publishTime: "" },
      ["Geef het materiaal een titel.", "Schrijf de tekst.", "Vul de datum van publicatie in.", "Vul de tijd van publicatie in."],
    );
  });

  it("session texts: every bad programme row beside the missing title", async () => {
    const form = new URLSearchParams({ intent: "texts", title: "" });
    for (const [start, end, title] of [
      ["9:00", "10:00", "Welkom"],
      ["11:00", "10:30", "Spreker"],
    ]) {
      form.append("agendaStart", start);
      form.append("agendaEnd", end);
      form.append("agendaKind", "welkom");
      form.append("agendaTitle", title);
    }
    await expectAllRefused(organiser, `/beheer/edities/${editionId}/sessies/${sessionId}`, form, [
      "Geef de bijeenkomst een titel.",
      "Onderdeel 1: Vul de begintijd van een programmaonderdeel in als uu:mm",
      "Onderdeel 2: Een programmaonderdeel moet eindigen na het begin.",
    ]);
  });

  it("run sheet: a poll without question and with one answer; a block with every field wrong", async () => {
    const path = `/beheer/edities/${editionId}/sessies/${sessionId}/draaiboek`;
    expect((await organiser.get(path)).status).toBe(200);
    await expectAllRefused(organiser, path, { intent: "poll", kind: "choice", question: "", options: "Alleen deze", per: "person" }, [
      "Schrijf de vraag op.",
      "Geef bij meerkeuze minstens twee antwoorden",
    ]);
    const blockId = getDb().data.runSheets.find((r) => r.sessionId === sessionId)!.blocks[0].id;
    await expectAllRefused(organiser, path, { intent: "edit", blockId, title: "", start: "9", end: "x", notes: "a".repeat(5001) }, [
      "Geef het onderdeel een titel.",
      "Vul het begin in als uu:mm",
      "Vul het einde in als uu:mm",
      "Houd de aantekeningen korter dan 5.000 tekens.",
    ]);
  });

  it("homework settings and extension: the date problem beside the other fields' problems", async () => {
    const path = `/beheer/edities/${editionId}/huiswerk/${sessionId}`;
    await expectAllRefused(
      organiser,
      path,
      { intent: "settings", dueDate: "morgen", dueTime: "", expects: "onzin", reminderDays: "veel" },
      ["Kies wat het trio inlevert.", "Vul een aantal dagen in (0 tot en met 14).", "Vul een geldige datum en tijd in"],
    );
    await expectAllRefused(organiser, path, { intent: "extension", dueDate: "", dueTime: "" }, [
      "Kies een trio.",
      "Vul een nieuwe inleverdatum in.",
    ]);
  });

  it("organogram: the half-filled marker beside a text that is too long", async () => {
    await expectAllRefused(
      member,
      `/trios/${trioId}/organogram`,
      { intent: "save", location: "x".repeat(2001), notes: "", markerX: "40", markerY: "", [organogramQuestions[0]]: "onzin" },
      ["Gebruik hoogstens 2.000 tekens.", "Kies een van de antwoorden.", "Vul beide plekken in, of geen van beide."],
    );
  });

  it("local agenda: an action without its what, in any row, beside a text that is too long", async () => {
    await expectAllRefused(
      member,
      `/trios/${trioId}/lokale-agenda`,
      { sessionId, goals: "x".repeat(5001), "what-2": "", "who-2": "Wethouder", "when-4": "maart" },
      ["Gebruik hoogstens 5.000 tekens.", "Actie 3 heeft een omschrijving nodig (wat).", "Actie 5 heeft een omschrijving nodig (wat)."],
    );
  });

  it("account: two different new passwords beside the missing current one", async () => {
    await expectAllRefused(member, "/account", { password: "een-lang-wachtwoord-1", confirm: "een-lang-wachtwoord-2" }, [
      "Vul je huidige wachtwoord in.",
      "De twee wachtwoorden zijn niet gelijk.",
    ]);
  });
});
