import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEdition, listEditions, setEditionArchived } from "~/features/programme/edition.server";
import { getMaterial, listMaterialsOfSession } from "~/features/programme/material.server";
import { getSession, listSessionsOfEdition } from "~/features/programme/session.server";
import { toDutchParts } from "~/utils/dutch-time";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { location, visibleText } from "./helpers";

let server: TestServer;
let organiser: Client;
let speaker: Client;
let participant: Client;
let sessionIds: string[];

async function loggedIn(role: "organiser" | "speaker" | "participant", detail?: string): Promise<Client> {
  const login = seededLogin(server, role, detail);
  const client = new Client(server.url);
  expect((await client.login(login.email, login.password)).status).toBe(302);
  return client;
}

async function text(response: Response): Promise<string> {
  return visibleText(await response.text());
}

beforeAll(async () => {
  server = await startTestServer({ env: { RATE_LIMIT_FACTOR: "50" } });
  organiser = await loggedIn("organiser");
  speaker = await loggedIn("speaker");
  participant = await loggedIn("participant", "Altena");
  sessionIds = listSessionsOfEdition(listEditions()[0].id).map((s) => s.id);
});
afterAll(async () => {
  await server?.stop();
});

describe("editions", () => {
  it("an organiser creates an edition with the four sessions of the default curriculum, unscheduled", async () => {
    const response = await organiser.post("/beheer/edities", {
      name: "Werkplaats 2030",
      year: "2030",
      capacity: "10",
      registrationOpens: "2030-01-10",
      registrationCloses: "2030-02-28",
    });
    expect(response.status).toBe(302);
    const id = location(response)!.match(/^\/beheer\/edities\/([^?]+)\?nieuw=1$/)![1];
    const edition = getEdition(id)!;
    expect(edition).toMatchObject({ name: "Werkplaats 2030", year: 2030, capacity: 10, archivedAt: null });
    expect(toDutchParts(edition.registrationOpensAt)).toEqual({ date: "2030-01-10", time: "00:00" });
    expect(toDutchParts(edition.registrationClosesAt)).toEqual({ date: "2030-02-28", time: "23:59" });
    const sessions = listSessionsOfEdition(id);
    expect(sessions.map((s) => s.number)).toEqual([1, 2, 3, 4]);
    expect(sessions[0].title).toBe("De eigen gemeente in beeld");
    expect(sessions[0].assignment).toMatch(/schuifoefening/i);
    expect(sessions.every((s) => s.startsAt === null)).toBe(true);
    const page = await text(await organiser.get(`/beheer/edities/${id}`));
    expect(page).toContain("Nog niet ingepland");
  });

  it("refuses an edition whose registration closes before it opens, with a Dutch message", async () => {
    const before = listEditions().length;
    const response = await organiser.post("/beheer/edities", {
      name: "Fout",
      year: "2030",
      capacity: "10",
      registrationOpens: "2030-03-01",
      registrationCloses: "2030-02-01",
    });
    expect(response.status).toBe(400);
    expect(await text(response)).toContain("De aanmelding moet sluiten op of na de dag dat ze opent.");
    expect(listEditions()).toHaveLength(before);
  });

  it("is only for organisers", async () => {
    expect((await speaker.get("/beheer/edities")).status).toBe(403);
    expect((await participant.post("/beheer/edities", { name: "x" })).status).toBe(403);
  });
});

describe("scheduling a session", () => {
  async function newEdition(): Promise<string[]> {
    const response = await organiser.post("/beheer/edities", {
      name: "Planning",
      year: "2031",
      capacity: "8",
      registrationOpens: "2031-01-01",
      registrationCloses: "2031-02-01",
    });
    const id = location(response)!.split("/")[3].split("?")[0];
    return listSessionsOfEdition(id).map((s) => s.id);
  }
  const schedule = (editionPath: string, sessionId: string, form: Record<string, string>) =>
    organiser.post(`${editionPath}/sessies/${sessionId}`, { intent: "schedule", location: "Utrecht", onlineUrl: "", ...form });

  it("stores Dutch wall-clock times as the right instants and refuses bad schedules", async () => {
    const ids = await newEdition();
    const editionPath = `/beheer/edities/${getSession(ids[0])!.editionId}`;
    const ok = await schedule(editionPath, ids[0], { date: "2031-03-25", start: "13:30", end: "17:00" });
    expect(ok.status).toBe(200);
    expect(getSession(ids[0])).toMatchObject({
      startsAt: "2031-03-25T12:30:00.000Z",
      endsAt: "2031-03-25T16:00:00.000Z",
      location: "Utrecht",
    });
    // After the switch to summer time the same wall-clock time is an hour earlier in UTC.
    expect((await schedule(editionPath, ids[1], { date: "2031-04-22", start: "13:30", end: "17:00" })).status).toBe(200);
    expect(getSession(ids[1])!.startsAt).toBe("2031-04-22T11:30:00.000Z");

    const cases: Array<[Record<string, string>, string, string]> = [
      [{ date: "2031-05-20", start: "17:00", end: "13:30" }, ids[2], "De eindtijd moet na de begintijd liggen."],
      [{ date: "2030-12-01", start: "13:30", end: "17:00" }, ids[2], "vóór de opening van de aanmelding"],
      [{ date: "2033-12-01", start: "13:30", end: "17:00" }, ids[2], "meer dan 18 maanden"],
      [{ date: "2031-04-01", start: "13:30", end: "17:00" }, ids[2], "Bijeenkomst 3 moet na bijeenkomst 2 komen."],
      [{ date: "2031-03-01", start: "13:30", end: "17:00" }, ids[1], "Bijeenkomst 2 moet na bijeenkomst 1 komen."],
      [{ date: "2031-02-30", start: "13:30", end: "17:00" }, ids[2], "Deze datum bestaat niet."],
      [{ date: "morgen", start: "half twee", end: "17:00" }, ids[2], "Vul de datum in."],
    ];
    for (const [form, id, message] of cases) {
      const before = getSession(id);
      const response = await schedule(editionPath, id, form);
      expect(response.status, JSON.stringify(form)).toBe(400);
      expect(await text(response)).toContain(message);
      expect(getSession(id)).toEqual(before);
    }
  });

  it("lets the organiser rewrite a session's texts for this edition only, leaving content/ untouched", async () => {
    const ids = await newEdition();
    const session = getSession(ids[0])!;
    const file = path.resolve(__dirname, "../../content/sessies/1-eigen-gemeente-in-beeld.md");
    const before = await readFile(file, "utf8");
    const response = await organiser.post(`/beheer/edities/${session.editionId}/sessies/${session.id}`, {
      intent: "texts",
      title: "Onze eigen aftrap",
      theme: "Een ander thema",
      speakerName: "Gastspreker",
      speakerTopic: "Iets nieuws",
      intro: "Nieuwe inleiding",
      assignment: "Nieuwe opdracht",
      homework: "Nieuw huiswerk",
      agendaStart: "13:30",
      agendaEnd: "14:00",
      agendaKind: "welkom",
      agendaTitle: "Koffie",
    });
    expect(response.status).toBe(200);
    expect(getSession(session.id)).toMatchObject({
      title: "Onze eigen aftrap",
      homework: "Nieuw huiswerk",
      agenda: [{ start: "13:30", end: "14:00", kind: "welkom", title: "Koffie" }],
    });
    expect(await readFile(file, "utf8")).toBe(before);
    // Another edition keeps the default text.
    expect(getSession(sessionIds[0])!.title).toBe("De eigen gemeente in beeld");
  });

  it("refuses every change to an archived edition and keeps what was stored", async () => {
    const ids = await newEdition();
    const session = getSession(ids[0])!;
    await setEditionArchived(session.editionId, true);
    const response = await schedule(`/beheer/edities/${session.editionId}`, session.id, {
      date: "2031-03-25",
      start: "13:30",
      end: "17:00",
    });
    expect(response.status).toBe(409);
    expect(await text(response)).toContain("gearchiveerd");
    expect(getSession(session.id)).toEqual(session);
  });
});

describe("session pages", () => {
  it("show participants what, when, where, the speaker, the agenda, the assignment and the homework", async () => {
    const response = await participant.get(`/sessies/${sessionIds[0]}`);
    expect(response.status).toBe(200);
    const page = await text(response);
    for (const expected of [
      "De eigen gemeente in beeld",
      "Liesbeth van de Wetering",
      "Programma",
      "Opdracht tijdens de bijeenkomst",
      "Huiswerk",
      "Utrecht",
      "Zet in agenda",
    ]) {
      expect(page).toContain(expected);
    }
  });

  it("let a speaker open only their own sessions (403 for another speaker's)", async () => {
    expect((await speaker.get(`/sessies/${sessionIds[0]}`)).status).toBe(200);
    expect((await speaker.get(`/sessies/${sessionIds[1]}`)).status).toBe(403);
    expect((await speaker.get(`/sessies/${sessionIds[1]}/materiaal`)).status).toBe(403);
    expect(
      (await speaker.post(`/sessies/${sessionIds[1]}/materiaal/nieuw`, { kind: "text", title: "x", body: "y", publish: "now" })).status,
    ).toBe(403);
  });

  it("are closed to participants outside the edition and to the anonymous", async () => {
    expect((await new Client(server.url).get(`/sessies/${sessionIds[0]}`)).status).toBe(302);
    expect((await participant.get(`/sessies/${sessionIds[0]}/materiaal`)).status).toBe(403);
    const other = listEditions().find((e) => e.name === "Werkplaats 2030")!;
    expect((await participant.get(`/sessies/${listSessionsOfEdition(other.id)[0].id}`)).status).toBe(404);
  });
});

describe("speaker material", () => {
  const publish = (sessionId: string, materialId: string, form: Record<string, string>) =>
    speaker.post(`/sessies/${sessionId}/materiaal/${materialId}`, {
      kind: "text",
      body: "",
      url: "",
      fileId: "",
      publishDate: "",
      publishTime: "",
      ...form,
    });

  it("keeps drafts and future publications from participants until their time, then shows them", async () => {
    const session = sessionIds[0];
    expect((await publish(session, "nieuw", { title: "Concepttekst", body: "Nog geheim", publish: "draft" })).status).toBe(302);
    const soon = new Date(Date.now() + 61_000);
    const { date, time } = toDutchParts(soon.toISOString());
    expect(
      (
        await publish(session, "nieuw", {
          title: "Na de bijeenkomst",
          body: "Straks zichtbaar",
          publish: "at",
          publishDate: date,
          publishTime: time,
        })
      ).status,
    ).toBe(302);
    expect((await publish(session, "nieuw", { title: "Leestip", body: "Nu zichtbaar", publish: "now" })).status).toBe(302);

    const page = await text(await participant.get(`/sessies/${session}`));
    expect(page).toContain("Leestip");
    expect(page).not.toContain("Concepttekst");
    expect(page).not.toContain("Na de bijeenkomst");

    // The scheduled item becomes visible once its minute has come (checked with the model's clock).
    const scheduled = listMaterialsOfSession(session).find((m) => m.revisions[0].title === "Na de bijeenkomst")!;
    const { visibleRevision } = await import("~/features/programme/material.server");
    expect(visibleRevision(scheduled, new Date())).toBeNull();
    expect(visibleRevision(scheduled, new Date(soon.getTime() + 60_000))?.title).toBe("Na de bijeenkomst");
  });

  it("keeps every published version for organisers while participants see the newest", async () => {
    const session = sessionIds[0];
    const created = await publish(session, "nieuw", { title: "Versie 1", body: "Eerste", publish: "now" });
    expect(created.status).toBe(302);
    const material = listMaterialsOfSession(session).find((m) => m.revisions[0].title === "Versie 1")!;
    expect((await publish(session, material.id, { title: "Versie 2", body: "Tweede", publish: "now" })).status).toBe(302);
    expect(getMaterial(material.id)!.revisions.map((r) => r.title)).toEqual(["Versie 1", "Versie 2"]);
    const page = await text(await participant.get(`/sessies/${session}`));
    expect(page).toContain("Versie 2");
    expect(page).not.toContain("Versie 1");
    const history = await text(await organiser.get(`/sessies/${session}/materiaal/${material.id}`));
    expect(history).toContain("Alle versies");
    expect(history).toContain("Versie 1");
  });

  it("renders hostile markdown as harmless HTML", async () => {
    const hostile =
      "Klik [hier](javascript:alert(1)) <script>alert('x')</script> <img src=x onerror=alert(1)> <iframe src=https://evil.example></iframe> [data](data:text/html;base64,PHNjcmlwdD4=)";
    expect((await publish(sessionIds[0], "nieuw", { title: "Vijandig", body: hostile, publish: "now" })).status).toBe(302);
    const html = await (await participant.get(`/sessies/${sessionIds[0]}`)).text();
    const body = html.slice(html.indexOf("Vijandig"));
    expect(body).not.toMatch(/<script>alert/);
    expect(body).not.toMatch(/onerror/i);
    expect(body).not.toMatch(/<iframe/i);
    expect(body).not.toMatch(/href="(javascript|data):/i);
    expect(body).toContain("Klik");
  });

  it("refuses to publish to an archived edition", async () => {
    const editionId = getSession(sessionIds[0])!.editionId;
    const before = listMaterialsOfSession(sessionIds[0]).length;
    await setEditionArchived(editionId, true);
    try {
      const response = await publish(sessionIds[0], "nieuw", { title: "Te laat", body: "x", publish: "now" });
      expect(response.status).toBe(409);
      expect(listMaterialsOfSession(sessionIds[0])).toHaveLength(before);
    } finally {
      await setEditionArchived(editionId, false);
    }
  });

  it("renders the live preview with the same sanitiser", async () => {
    const response = await speaker.post("/api/voorbeeld", { text: "**vet** <script>x</script>" });
    expect(await response.json()).toEqual({ html: "<p><strong>vet</strong> </p>\n", error: null });
  });
});

describe("questions for the speaker", () => {
  it("trios ask, the speaker sees them together, an organiser hides one", async () => {
    const session = sessionIds[0];
    const other = await loggedIn("participant", "Schiedam");
    expect((await participant.post(`/sessies/${session}`, { intent: "ask", text: "Hoe begin je een wijkraad?" })).status).toBe(200);
    expect((await other.post(`/sessies/${session}`, { intent: "ask", text: "Wat kost loting?" })).status).toBe(200);
    const speakerView = await text(await speaker.get(`/sessies/${session}`));
    expect(speakerView).toContain("Hoe begin je een wijkraad?");
    expect(speakerView).toContain("Wat kost loting?");

    const { listQuestionsOfSession } = await import("~/features/programme/question.server");
    const question = listQuestionsOfSession(session, { includeHidden: true }).find((q) => q.text === "Wat kost loting?")!;
    expect((await speaker.post(`/sessies/${session}`, { intent: "hide", questionId: question.id })).status).toBe(403);
    expect((await organiser.post(`/sessies/${session}`, { intent: "hide", questionId: question.id })).status).toBe(200);
    expect(await text(await speaker.get(`/sessies/${session}`))).not.toContain("Wat kost loting?");
    expect(await text(await participant.get(`/sessies/${session}`))).not.toContain("Wat kost loting?");
    expect(await text(await organiser.get(`/sessies/${session}`))).toContain("Wat kost loting?");
  });

  it("refuses empty and oversized questions, and questions from speakers", async () => {
    expect((await participant.post(`/sessies/${sessionIds[0]}`, { intent: "ask", text: "   " })).status).toBe(400);
    expect((await participant.post(`/sessies/${sessionIds[0]}`, { intent: "ask", text: "x".repeat(2001) })).status).toBe(400);
    expect((await speaker.post(`/sessies/${sessionIds[0]}`, { intent: "ask", text: "Mag ik?" })).status).toBe(403);
  });
});
