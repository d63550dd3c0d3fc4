/**
 * Organogram, local agenda, competences, portfolio and the edition report over real
 * HTTP: who may do what, bad input refused in Dutch without losing stored data, and
 * the data shown where the issue says (dossier, portfolio, report, CSV).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { getOrganogram } from "~/features/exercises/organogram.server";
import { listAgendaVersions } from "~/features/exercises/local-agenda.server";
import { listAssessmentsOfTrio } from "~/features/exercises/competence.server";
import { getAssignment } from "~/features/homework/assignment.server";
import { giveFeedback } from "~/features/homework/feedback.server";
import { getSession } from "~/features/programme/session.server";
import { castVote, createPoll, setPollState } from "~/features/live/live-polls.server";
import { saveDraft, submitDraft } from "~/features/homework/submission.server";
import { docx, minimalPdf, realPng } from "../setup/sample-files";
import { Client } from "../setup/http-client";
import { startTestServer, type TestServer } from "../setup/test-server";
import { visibleText } from "./helpers";

let server: TestServer;
let organiser: Client;
let altena1: Client;
let altena2: Client;
let schiedam: Client;
let altenaId: string;
let sessionIds: string[];

async function loginAs(role: string, detail?: string, index = 0): Promise<Client> {
  const login = server.boot.seeded.filter((l) => l.role === role && (!detail || l.detail?.includes(detail)))[index];
  const client = new Client(server.url);
  expect((await client.login(login.email, login.password)).status).toBe(302);
  return client;
}

async function upload(client: Client, trioId: string, name: string, data: Buffer) {
  const form = new FormData();
  form.append("purpose", "organogram");
  form.append("trioId", trioId);
  form.append("file", new Blob([new Uint8Array(data)]), name);
  const res = await client.post("/upload", form);
  return { status: res.status, body: (await res.json()) as { ok: boolean; message?: string; file?: { id: string } } };
}

beforeAll(async () => {
  server = await startTestServer();
  [organiser, altena1, altena2, schiedam] = await Promise.all([
    loginAs("organiser"),
    loginAs("participant", "Altena", 0),
    loginAs("participant", "Altena", 1),
    loginAs("participant", "Schiedam"),
  ]);
  altenaId = getDb().data.trios.find((t) => t.municipality === "Altena")!.id;
  sessionIds = [...getDb().data.sessions].sort((a, b) => a.number - b.number).map((s) => s.id);
});
afterAll(async () => {
  await server?.stop();
});

describe("organogram", () => {
  let pngId: string;
  it("a member uploads the chart as an image or PDF; others are refused", async () => {
    const foreign = await upload(schiedam, altenaId, "org.png", realPng());
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toContain("organogram");
    const word = await upload(altena1, altenaId, "org.docx", docx());
    expect(word.status).toBe(415);
    const png = await upload(altena1, altenaId, "organogram.png", realPng());
    expect(png.status).toBe(200);
    pngId = png.body.file!.id;
    // Attaching another person's upload is refused.
    expect((await altena2.post(`/trios/${altenaId}/organogram`, { intent: "file", fileId: pngId })).status).toBe(400);
    expect((await altena1.post(`/trios/${altenaId}/organogram`, { intent: "file", fileId: pngId })).status).toBe(200);
    expect(getOrganogram(altenaId)!.fileId).toBe(pngId);
    // Trio-mates and organisers see it; another trio does not.
    expect((await altena2.get(`/bestanden/${pngId}/voorbeeld`)).status).toBe(200);
    expect((await organiser.get(`/bestanden/${pngId}`)).status).toBe(200);
    expect((await schiedam.get(`/bestanden/${pngId}/voorbeeld`)).status).toBe(404);
    const pdf = await upload(altena2, altenaId, "organogram.pdf", minimalPdf());
    expect(pdf.status).toBe(200);
  });

  it("reflection answers and the marker: bad input refused in Dutch, good input stored and shown", async () => {
    const path = `/trios/${altenaId}/organogram`;
    const bad = await altena1.post(path, {
      intent: "save",
      location: "Team Samenleving",
      named: "misschien",
      markerX: "150",
      markerY: "20",
    });
    expect(bad.status).toBe(400);
    const text = visibleText(await bad.text());
    expect(text).toContain("Kies een van de antwoorden.");
    expect(text).toContain("moet een getal van 0 tot en met 100 zijn");
    expect(getOrganogram(altenaId)!.location).toBe("");
    expect((await schiedam.post(path, { intent: "save", location: "x" })).status).toBe(404);
    expect((await organiser.post(path, { intent: "save", location: "x" })).status).toBe(403);
    const ok = await altena1.post(path, {
      intent: "save",
      location: "Team Samenleving, directie externe oriëntatie",
      named: "nee",
      hierarchy: "geen",
      budget: "ja",
      mandate: "deels",
      distanceBoard: "klein",
      distanceAlderman: "klein",
      markerX: "42,5",
      markerY: "30",
      notes: "",
    });
    expect(ok.status).toBe(200);
    expect(getOrganogram(altenaId)).toMatchObject({ named: "nee", budget: "ja", marker: { x: 42.5, y: 30 } });
    const page = visibleText(await (await altena2.get(path)).text());
    expect(page).toContain("Team Samenleving");
  });
});

describe("local agenda", () => {
  it("keeps one version per session, so the trio sees it grow", async () => {
    const path = `/trios/${altenaId}/lokale-agenda`;
    const base = { goals: "Skatepark met de jongeren", stakeholders: "Jongeren, omwonenden", nextSteps: "Gesprek met de wethouder" };
    const noWhat = await altena1.post(path, { sessionId: sessionIds[0], ...base, "who-0": "Sanne" });
    expect(noWhat.status).toBe(400);
    expect(visibleText(await noWhat.text())).toContain("Actie 1 heeft een omschrijving nodig (wat).");
    expect((await altena1.post(path, { sessionId: "bestaatniet", ...base })).status).toBe(400);
    expect((await altena1.post(path, { sessionId: sessionIds[0], ...base, goals: "x".repeat(6000) })).status).toBe(400);
    expect((await schiedam.post(path, { sessionId: sessionIds[0], ...base })).status).toBe(404);
    expect(listAgendaVersions(altenaId)).toHaveLength(0);

    expect(
      (await altena1.post(path, { sessionId: sessionIds[0], ...base, "what-0": "Plek zoeken", "who-0": "Joost", "when-0": "maart" }))
        .status,
    ).toBe(200);
    expect(
      (await altena2.post(path, { sessionId: sessionIds[0], ...base, "what-0": "Plek zoeken", "who-0": "Joost", "when-0": "april" }))
        .status,
    ).toBe(200);
    expect(listAgendaVersions(altenaId)).toHaveLength(1);
    expect(
      (
        await altena1.post(path, {
          sessionId: sessionIds[1],
          ...base,
          "what-0": "Plek zoeken",
          "what-1": "Omwonenden uitnodigen",
          "who-1": "Fatima",
        })
      ).status,
    ).toBe(200);
    const versions = listAgendaVersions(altenaId);
    expect(versions.map((v) => v.actions.length)).toEqual([1, 2]);
    expect(versions[0].actions[0].when).toBe("april");
    const page = visibleText(await (await altena2.get(`${path}?sessie=${sessionIds[2]}`)).text());
    expect(page).toContain("1 nieuwe acties sinds bijeenkomst 1");
    expect(page).toContain("Ingevuld met de versie van bijeenkomst 2");
  });
});

describe("competences", () => {
  it("each member assesses themselves per session; the trio chart compares first and last", async () => {
    const path = `/trios/${altenaId}/competenties`;
    const scores = (v: string) => ({ buitenNaarBinnen: v, schaaldansen: v, kleinEnGroot: v, paradoxen: v, dienstbareExpertise: v });
    const bad = await altena1.post(path, { sessionId: sessionIds[0], ...scores("6") });
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain("Kies een score van 1 tot 5");
    expect((await altena1.post(path, { sessionId: sessionIds[0], buitenNaarBinnen: "3" })).status).toBe(400);
    expect(listAssessmentsOfTrio(altenaId)).toHaveLength(0);
    expect((await altena1.post(path, { sessionId: sessionIds[0], ...scores("2") })).status).toBe(200);
    expect((await altena2.post(path, { sessionId: sessionIds[0], ...scores("3") })).status).toBe(200);
    expect((await altena1.post(path, { sessionId: sessionIds[3], ...scores("4") })).status).toBe(200);
    const page = visibleText(await (await altena1.get(path)).text());
    expect(page).toContain("Bijeenkomst 1 (2 leden)");
    expect(page).toContain("Bijeenkomst 4 (1 lid)");
    expect(page).toMatch(/Schaaldansen 2,5 4/);
  });
});

describe("portfolio and edition report", () => {
  it("the portfolio holds case, desk, organogram, agenda and competences; organisers open any, other trios none", async () => {
    expect((await schiedam.get(`/trios/${altenaId}/portfolio`)).status).toBe(404);
    const res = await organiser.get(`/trios/${altenaId}/portfolio`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = visibleText(html);
    for (const heading of ["De casus", "Het mengpaneel door de tijd", "Het organogram", "De lokale agenda", "Competenties"])
      expect(text).toContain(heading);
    expect(text).toContain("Omwonenden uitnodigen");
    expect(text).toContain("Team Samenleving");
    // The print stylesheet comes with the page: browsers print it to a clean PDF.
    const sheet = html.match(/href="(\/build\/_assets\/exercises-[^"]+\.css)"/);
    expect(sheet).not.toBeNull();
    const css = await (await organiser.get(sheet![1])).text();
    expect(css).toMatch(/@media print\s*{[^}]*\.site-header/);
  });

  it("the report shows participation to organisers only, and the CSV exports the answers", async () => {
    const editionId = getDb().data.editions[0].id;
    expect((await altena1.get(`/beheer/edities/${editionId}/oefeningen`)).status).toBe(403);
    expect((await altena1.get(`/beheer/edities/${editionId}/oefeningen.csv`)).status).toBe(403);
    const text = visibleText(await (await organiser.get(`/beheer/edities/${editionId}/oefeningen`)).text());
    expect(text).toContain("Wie deed welke oefening");
    expect(text).toMatch(/Altena 3 nog niet ingevuld bijeenkomst 1, 2/);
    const csv = await organiser.get(`/beheer/edities/${editionId}/oefeningen.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const body = await csv.text();
    expect(body).toContain("lokale agenda;Altena;2;;Actie;Omwonenden uitnodigen;Fatima");
    expect(body).toContain("competenties;Altena;4;Sanne de Vries;Schaaldansen;4;");
    expect(body).toContain("organogram;Altena;;;Heeft het wijkgerichte werken een eigen budget?;Ja;");
  });

  it("the report keeps each session's polls that were put to the room, with their results, beside the CSV", async () => {
    const editionId = getDb().data.editions[0].id;
    const report = async () => visibleText(await (await organiser.get(`/beheer/edities/${editionId}/oefeningen`)).text());
    expect(await report()).toContain("Er zijn in deze editie nog geen peilingen gehouden.");
    const organiserId = getDb().data.users.find((u) => u.role === "organiser")!.id;
    const members = getDb().data.memberships.filter((m) => m.trioId === altenaId);
    const choice = await createPoll(
      sessionIds[1],
      {
        kind: "choice",
        question: "Wie zit er aan tafel?",
        options: ["Wijkagent", "Jongerenwerker", "Huisarts"],
        per: "person",
        blockId: null,
      },
      organiserId,
    );
    const words = await createPoll(
      sessionIds[1],
      { kind: "words", question: "Eén woord voor vandaag", options: [], per: "trio", blockId: null },
      organiserId,
    );
    // Prepared but never opened: not in the report.
    await createPoll(sessionIds[1], { kind: "scale", question: "Nooit gesteld", options: [], per: "person", blockId: null }, organiserId);
    await setPollState(choice.id, "open");
    await setPollState(words.id, "open");
    await castVote(choice.id, { userId: members[0].userId, trioId: altenaId }, { choice: 1 });
    await castVote(choice.id, { userId: members[1].userId, trioId: altenaId }, { choice: 1 });
    await castVote(choice.id, { userId: members[2].userId, trioId: altenaId }, { choice: 2 });
    await castVote(words.id, { userId: members[0].userId, trioId: altenaId }, { words: "Verbinding" });
    await setPollState(choice.id, "close");

    const text = await report();
    expect(text).toContain("Bijeenkomst 2:");
    expect(text).toContain("Wie zit er aan tafel? (per persoon, 3 antwoorden)");
    expect(text).toMatch(/Wijkagent 0 Jongerenwerker 2 Huisarts 1/);
    expect(text).toContain("Eén woord voor vandaag (per trio, 1 antwoord)");
    expect(text).toMatch(/Woord Aantal verbinding 1/);
    expect(text).not.toContain("Nooit gesteld");
    expect(text).toContain("Alle antwoorden van bijeenkomst 2 downloaden (CSV)");
  });

  it("the portfolio shows the newest handed-in homework with its feedback, and the report counts hand-ins", async () => {
    const editionId = getDb().data.editions[0].id;
    const before = visibleText(await (await organiser.get(`/trios/${altenaId}/portfolio`)).text());
    expect(before).toContain("Er is nog geen huiswerk ingeleverd.");
    const session = getSession(sessionIds[0])!;
    const member = getDb().data.memberships.find((m) => m.trioId === altenaId)!.userId;
    const organiserId = getDb().data.users.find((u) => u.role === "organiser")!.id;
    const draft = await saveDraft(session, altenaId, member, "Eerste versie van het huiswerk", 0);
    if (!draft.ok) throw new Error("draft refused");
    await submitDraft(session, getAssignment(session), altenaId, member);
    const second = await saveDraft(
      session,
      altenaId,
      member,
      "Tweede versie: <script>alert(1)</script> met de wijkagent",
      draft.submission.draftRevision,
    );
    if (!second.ok) throw new Error("draft refused");
    const version = await submitDraft(session, getAssignment(session), altenaId, member);
    await giveFeedback({
      submissionId: second.submission.id,
      versionId: version.id,
      authorId: organiserId,
      body: "Mooi **uitgewerkt**",
      status: "besproken",
    });

    const html = await (await altena1.get(`/trios/${altenaId}/portfolio`)).text();
    expect(html).not.toContain("<script>alert(1)</script>");
    const text = visibleText(html);
    expect(text).toContain("Huiswerk en feedback");
    expect(text).toContain("Tweede versie:");
    expect(text).not.toContain("Eerste versie van het huiswerk");
    expect(text).toMatch(/Feedback van .+ Besproken/);
    expect(html).toContain("<strong>uitgewerkt</strong>");

    const report = visibleText(await (await organiser.get(`/beheer/edities/${editionId}/oefeningen`)).text());
    expect(report).toMatch(/Bijeenkomst 1 \(.+\): 1 van de 2 trio's ingeleverd/);
    expect(report).toMatch(/Bijeenkomst 2 \(.+\): 0 van de 2 trio's ingeleverd/);
  });

  it("a member's own exercise answers are part of their personal data download", async () => {
    const res = await altena1.get("/account/gegevens.json");
    expect(res.status).toBe(200);
    const data = (await res.json()) as {
      exercises: { competenceAssessments: unknown[]; localAgendaVersions: Array<{ actions: Array<{ what: string }> }> };
    };
    expect(data.exercises.competenceAssessments).toHaveLength(2);
    expect(data.exercises.localAgendaVersions.flatMap((v) => v.actions.map((a) => a.what))).toContain("Omwonenden uitnodigen");
  });
});
