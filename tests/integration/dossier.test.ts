/**
 * The trio dossier and case (issue 4, items 3, 4 and 6): case versions, case files
 * through the upload pipeline (download as attachment, inline preview only for
 * images), sharing with the other trios of the edition, an authorization matrix
 * for every route that shows trio data, and personal data (export, deletion
 * requests, removing an edition's personal data after it ended).
 */
import { access } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCaseOfTrio } from "~/features/dossier/case.server";
import { getDb } from "~/data/db.server";
import { createEdition, getEdition } from "~/features/programme/edition.server";
import { getStoredFile, storedFilePath } from "~/data/file-store.server";
import { createQuestion } from "~/features/programme/question.server";
import { addMembership, createTrio, type Trio } from "~/features/registration/trio.server";
import { createUser } from "~/features/accounts/user.server";
import { hashPassword } from "~/features/accounts/password.server";
import { Client } from "../setup/http-client";
import { html, minimalPdf, realPng } from "../setup/sample-files";
import { startTestServer, type TestServer } from "../setup/test-server";
import { location } from "./helpers";

let server: TestServer;
let trioA: Trio;
let trioB: Trio;
const clients: Record<string, Client> = {};
let pdfId = "";
let pngId = "";

async function login(email: string, password: string): Promise<Client> {
  const client = new Client(server.url);
  const res = await client.login(email, password);
  expect(res.status, `login of ${email}`).toBe(302);
  return client;
}

function seeded(role: string, detail?: string) {
  return server.boot.seeded.filter((l) => l.role === role && (!detail || l.detail?.includes(detail)));
}

async function uploadCaseFile(client: Client, trioId: string, name: string, data: Buffer) {
  const form = new FormData();
  form.append("purpose", "casus");
  form.append("trioId", trioId);
  form.append("file", new Blob([new Uint8Array(data)]), name);
  const res = await client.post("/upload", form);
  return { status: res.status, body: (await res.json()) as { ok: boolean; message?: string; file?: { id: string; mime: string } } };
}

async function addToCase(client: Client, trioId: string, fileId: string) {
  return client.post(`/trios/${trioId}/casus`, { intent: "add-file", fileId });
}

beforeAll(async () => {
  server = await startTestServer();
  trioA = getDb().data.trios.find((t) => t.municipality === "Altena")!;
  trioB = getDb().data.trios.find((t) => t.municipality === "Schiedam")!;
  const [a1, a2] = seeded("participant", "trio Altena");
  const [b1] = seeded("participant", "trio Schiedam");
  clients.organiser = await login(seeded("organiser")[0].email, seeded("organiser")[0].password);
  clients.speaker = await login(seeded("speaker")[0].email, seeded("speaker")[0].password);
  clients.memberA = await login(a1.email, a1.password);
  clients.memberA2 = await login(a2.email, a2.password);
  clients.memberB = await login(b1.email, b1.password);
  clients.anonymous = new Client(server.url);
});
afterAll(async () => {
  await server?.stop();
});

describe("the case", () => {
  it("keeps every earlier version and shows who changed it last", async () => {
    const first = {
      intent: "save",
      title: "Skatepark in de Kern",
      question: "Hoe helpen we jongeren een skatepark te bouwen?",
      neighbourhood: "Kern Almkerk",
      involved: "Jongeren, buurtcoach",
      learningGoals: "Samenwerken over domeinen",
    };
    expect((await clients.memberA.post(`/trios/${trioA.id}/casus`, first)).status).toBe(200);
    const second = { ...first, title: "Skatepark en ontmoetingsplek" };
    expect((await clients.memberA2.post(`/trios/${trioA.id}/casus`, second)).status).toBe(200);
    const trioCase = getCaseOfTrio(trioA.id)!;
    expect(trioCase.versions.map((v) => v.title)).toEqual(["Skatepark in de Kern", "Skatepark en ontmoetingsplek"]);
    const page = await (await clients.memberA.get(`/trios/${trioA.id}/casus`)).text();
    expect(page).toContain("Laatst gewijzigd door");
    expect(page).toContain(seeded("participant", "trio Altena")[1].name);
    expect(page).toContain("Eerdere versies");
    expect(page).toContain("Skatepark in de Kern");
  });

  it("refuses an empty title with a clear message", async () => {
    const res = await clients.memberA.post(`/trios/${trioA.id}/casus`, { intent: "save", title: " " });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Geef de casus een titel.");
    expect(getCaseOfTrio(trioA.id)!.versions).toHaveLength(2);
  });

  it("uploads case files that round-trip and download as attachments with the right type", async () => {
    const pdf = minimalPdf("% casus\n");
    const up = await uploadCaseFile(clients.memberA, trioA.id, "casus.pdf", pdf);
    expect(up.status).toBe(200);
    pdfId = up.body.file!.id;
    expect((await addToCase(clients.memberA, trioA.id, pdfId)).status).toBe(200);
    const png = await uploadCaseFile(clients.memberA, trioA.id, "kaart.png", realPng());
    expect(png.status).toBe(200);
    pngId = png.body.file!.id;
    expect((await addToCase(clients.memberA, trioA.id, pngId)).status).toBe(200);

    // Another member of the same trio downloads the same bytes.
    const res = await clients.memberA2.get(`/bestanden/${pdfId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);

    const dossier = await (await clients.memberA2.get(`/trios/${trioA.id}`)).text();
    expect(dossier).toContain("casus.pdf");
    expect(dossier).toContain(`/bestanden/${pngId}/voorbeeld`);
    expect(dossier).not.toContain(`/bestanden/${pdfId}/voorbeeld`);
  });

  it("shows a preview inline only for images", async () => {
    const image = await clients.memberA.get(`/bestanden/${pngId}/voorbeeld`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("content-disposition")).toBe("inline");
    expect(image.headers.get("x-content-type-options")).toContain("nosniff");
    expect(Buffer.from(await image.arrayBuffer()).equals(realPng())).toBe(true);
    const pdf = await clients.memberA.get(`/bestanden/${pdfId}/voorbeeld`);
    expect(pdf.status).toBe(404);
    expect(pdf.headers.get("content-disposition")).toBeNull();
  });

  it("refuses a spoofed type and a non-member upload", async () => {
    const spoofed = await uploadCaseFile(clients.memberA, trioA.id, "casus.pdf", html());
    expect(spoofed.status).toBe(415);
    const stranger = await uploadCaseFile(clients.memberB, trioA.id, "casus.pdf", minimalPdf());
    expect(stranger.status).toBe(403);
    // Someone else's file cannot be linked to a case.
    const own = await uploadCaseFile(clients.memberB, trioB.id, "b.pdf", minimalPdf("% b\n"));
    expect((await addToCase(clients.memberA, trioA.id, own.body.file!.id)).status).toBe(400);
  });

  it("removes a file softly and restores it", async () => {
    const removed = await clients.memberA.post(`/trios/${trioA.id}/casus`, { intent: "remove-file", fileId: pngId });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain("Ongedaan maken");
    expect(getCaseOfTrio(trioA.id)!.files.find((f) => f.fileId === pngId)!.removedAt).not.toBeNull();
    expect(await (await clients.memberA.get(`/trios/${trioA.id}`)).text()).not.toContain("kaart.png");
    expect((await clients.memberA.post(`/trios/${trioA.id}/casus`, { intent: "restore-file", fileId: pngId })).status).toBe(200);
    expect(getCaseOfTrio(trioA.id)!.files.find((f) => f.fileId === pngId)!.removedAt).toBeNull();
    expect(await (await clients.memberA.get(`/trios/${trioA.id}`)).text()).toContain("kaart.png");
  });
});

describe("sharing with the other trios of the edition", () => {
  it("changes what another trio sees", async () => {
    const before = await (await clients.memberB.get(`/trios/${trioB.id}`)).text();
    expect(before).toContain("Casussen van andere trio");
    expect(before).not.toContain("Skatepark en ontmoetingsplek");
    expect((await clients.memberB.get(`/bestanden/${pdfId}`)).status).toBe(404);

    // Only members choose; trio B cannot switch trio A's sharing on.
    expect((await clients.memberB.post(`/trios/${trioA.id}?index`, { intent: "share", shareCase: "on" })).status).toBe(404);
    expect((await clients.memberA.post(`/trios/${trioA.id}?index`, { intent: "share", shareCase: "on" })).status).toBe(200);
    const shared = await (await clients.memberB.get(`/trios/${trioB.id}`)).text();
    expect(shared).toContain("Skatepark en ontmoetingsplek");
    expect(shared).toContain("casus.pdf");
    expect((await clients.memberB.get(`/bestanden/${pdfId}`)).status).toBe(200);
    expect((await clients.memberB.get(`/bestanden/${pngId}/voorbeeld`)).status).toBe(200);
    // Sharing shows the case on their own dossier; trio A's pages stay closed.
    expect((await clients.memberB.get(`/trios/${trioA.id}`)).status).toBe(404);
    expect((await clients.memberB.get(`/trios/${trioA.id}/casus`)).status).toBe(404);

    expect((await clients.memberA.post(`/trios/${trioA.id}?index`, { intent: "share" })).status).toBe(200);
    expect(await (await clients.memberB.get(`/trios/${trioB.id}`)).text()).not.toContain("Skatepark en ontmoetingsplek");
    expect((await clients.memberB.get(`/bestanden/${pdfId}`)).status).toBe(404);
  });
});

describe("authorization matrix for trio A's data", () => {
  type Role = "organiser" | "speaker" | "memberA" | "memberB" | "anonymous";
  const roles: Role[] = ["organiser", "speaker", "memberA", "memberB", "anonymous"];
  const routes: Array<{ name: string; path: () => string; expected: Record<Role, number>; sharedB?: number }> = [
    {
      name: "dossier",
      path: () => `/trios/${trioA.id}`,
      expected: { organiser: 200, speaker: 404, memberA: 200, memberB: 404, anonymous: 302 },
      sharedB: 404,
    },
    {
      name: "case",
      path: () => `/trios/${trioA.id}/casus`,
      expected: { organiser: 200, speaker: 404, memberA: 200, memberB: 404, anonymous: 302 },
      sharedB: 404,
    },
    {
      name: "case file",
      path: () => `/bestanden/${pdfId}`,
      expected: { organiser: 200, speaker: 404, memberA: 200, memberB: 404, anonymous: 302 },
      sharedB: 200,
    },
    {
      name: "image preview",
      path: () => `/bestanden/${pngId}/voorbeeld`,
      expected: { organiser: 200, speaker: 404, memberA: 200, memberB: 404, anonymous: 302 },
      sharedB: 200,
    },
  ];
  const secrets = () => ["Skatepark en ontmoetingsplek", "Hoe helpen we jongeren", "%PDF"];

  for (const route of routes) {
    for (const role of roles) {
      it(`${route.name}: ${role} gets ${route.expected[role]}`, async () => {
        const res = await clients[role].get(route.path());
        expect(res.status).toBe(route.expected[role]);
        if (role === "anonymous") expect(location(res)).toMatch(/^\/inloggen\?redirectTo=/);
        if (res.status !== 200) {
          const body = await res.text();
          for (const secret of secrets()) expect(body).not.toContain(secret);
        }
      });
    }
    it(`${route.name}: member of trio B while trio A shares its case gets ${route.sharedB}`, async () => {
      await clients.memberA.post(`/trios/${trioA.id}?index`, { intent: "share", shareCase: "on" });
      try {
        expect((await clients.memberB.get(route.path())).status).toBe(route.sharedB);
      } finally {
        await clients.memberA.post(`/trios/${trioA.id}?index`, { intent: "share" });
      }
    });
  }

  it("the case form and sharing refuse everyone but members", async () => {
    const save = { intent: "save", title: "Overgenomen" };
    expect((await clients.memberB.post(`/trios/${trioA.id}/casus`, save)).status).toBe(404);
    expect((await clients.speaker.post(`/trios/${trioA.id}/casus`, save)).status).toBe(404);
    expect((await clients.organiser.post(`/trios/${trioA.id}/casus`, save)).status).toBe(403);
    expect((await clients.anonymous.post(`/trios/${trioA.id}/casus`, save)).status).toBe(302);
    expect((await clients.organiser.post(`/trios/${trioA.id}?index`, { intent: "share", shareCase: "on" })).status).toBe(403);
    expect(getCaseOfTrio(trioA.id)!.versions.map((v) => v.title)).not.toContain("Overgenomen");
  });

  it("POST /trios/:id/verlaten: only a member of that trio may leave it", async () => {
    const path = `/trios/${trioA.id}/verlaten`;
    expect((await clients.memberB.post(path, {})).status).toBe(404);
    expect((await clients.speaker.post(path, {})).status).toBe(404);
    expect((await clients.organiser.post(path, {})).status).toBe(403);
    const anonymous = await clients.anonymous.post(path, {});
    expect(anonymous.status).toBe(302);
    expect(location(anonymous)).toMatch(/^\/inloggen/);
    expect(getDb().data.memberships.filter((m) => m.trioId === trioA.id)).toHaveLength(3);
  });
});

describe("personal data (AVG)", () => {
  it("exports a member's own data without the password hash", async () => {
    await createQuestion({
      sessionId: getDb().data.sessions.find((s) => s.editionId === trioA.editionId)!.id,
      trioId: trioA.id,
      authorId: getDb().data.users.find((u) => u.email === seeded("participant", "trio Altena")[0].email)!.id,
      text: "Mijn vraag aan de spreker",
    });
    const res = await clients.memberA.get("/account/gegevens.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    const text = await res.text();
    expect(text).not.toMatch(/passwordHash|\$argon2/);
    const data = JSON.parse(text);
    expect(data.account.email).toBe(seeded("participant", "trio Altena")[0].email);
    expect(data.memberships).toHaveLength(1);
    expect(data.trios[0].municipality).toBe("Altena");
    expect(data.caseVersions.map((v: { title: string }) => v.title)).toEqual(["Skatepark in de Kern"]);
    expect(data.questions[0].text).toBe("Mijn vraag aan de spreker");
    expect(data.files.map((f: { originalName: string }) => f.originalName)).toEqual(expect.arrayContaining(["casus.pdf", "kaart.png"]));
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(JSON.stringify(data.sessions)).not.toMatch(/"id"/);
    expect((await clients.anonymous.get("/account/gegevens.json")).status).toBe(302);
  });

  it("takes a deletion request and lets an organiser carry it out", async () => {
    const person = await createUser({
      email: "vertrekker@gemeente.example",
      name: "Vera Vertrek",
      role: "participant",
      passwordHash: await hashPassword("een lang wachtwoord voor vera"),
    });
    await addMembership({ trioId: trioB.id, userId: person.id, domain: "sociaal", jobTitle: "Consulent" });
    const vera = await login(person.email, "een lang wachtwoord voor vera");
    const asked = await vera.post("/account", { intent: "request-deletion" });
    expect(asked.status).toBe(200);
    expect(await (await vera.get("/account")).text()).toContain("gevraagd om je gegevens te verwijderen");
    // Asking twice keeps one open request.
    await vera.post("/account", { intent: "request-deletion" });
    const open = getDb().data.deletionRequests.filter((r) => r.userId === person.id && !r.handledAt);
    expect(open).toHaveLength(1);

    const list = await (await clients.organiser.get("/beheer/gebruikers")).text();
    expect(list).toContain("Verzoeken om gegevens te verwijderen");
    expect(list).toContain("Vera Vertrek");
    expect((await clients.memberA.post("/beheer/gebruikers", { intent: "carry-out-deletion", requestId: open[0].id })).status).toBe(403);
    expect((await clients.organiser.post("/beheer/gebruikers", { intent: "carry-out-deletion", requestId: open[0].id })).status).toBe(200);

    const after = getDb().data.users.find((u) => u.id === person.id)!;
    expect(after.name).toBe("Verwijderde gebruiker");
    expect(after.email).not.toContain("vertrekker");
    expect(after.passwordHash).toBeNull();
    expect(getDb().data.authSessions.some((s) => s.userId === person.id)).toBe(false);
    expect(getDb().data.memberships.some((m) => m.userId === person.id)).toBe(false);
    expect(getDb().data.deletionRequests.find((r) => r.id === open[0].id)!.handledAt).not.toBeNull();
    // The old session no longer works.
    expect((await vera.get("/account")).status).toBe(302);
    expect(await (await clients.organiser.get("/beheer/gebruikers")).text()).not.toContain("Vera Vertrek");
  });

  it("refuses to delete an edition's personal data before its last session ended", async () => {
    const res = await clients.organiser.post(`/beheer/edities/${trioA.editionId}?index`, { intent: "delete-personal-data" });
    expect(res.status).toBe(409);
    expect(await res.text()).toMatch(/pas nadat de laatste bijeenkomst is afgelopen, op \w+dag \d+ \w+ \d{4}/);
    expect(getEdition(trioA.editionId)!.personalDataDeletedAt).toBeNull();
    expect(getCaseOfTrio(trioA.id)).not.toBeNull();
  });

  it("deletes an ended edition's personal data and keeps anonymous counts", async () => {
    const { edition, sessions } = await createEdition({
      name: "Werkplaats 2019",
      year: 2019,
      capacity: 12,
      registrationOpensAt: "2019-01-01T00:00:00.000Z",
      registrationClosesAt: "2019-02-01T00:00:00.000Z",
    });
    // The edition took place in the past (set directly: scheduling refuses nothing here, but this is quicker).
    await getDb().change((data) => {
      data.sessions = data.sessions.map((s) => {
        const index = sessions.findIndex((x) => x.id === s.id);
        return index === -1 ? s : { ...s, startsAt: `2019-0${3 + index}-01T12:00:00.000Z`, endsAt: `2019-0${3 + index}-01T15:00:00.000Z` };
      });
    });
    const oldTrio = await createTrio({
      editionId: edition.id,
      municipality: "Venlo",
      status: "admitted",
      caseSummary: "Statushouders in de wijk",
    });
    const secondTrio = await createTrio({ editionId: edition.id, municipality: "venlo ", status: "admitted" });
    const onlyHere = await createUser({
      email: "oud.lid@venlo.example",
      name: "Oud Lid",
      role: "participant",
      passwordHash: await hashPassword("een lang wachtwoord voor oud"),
    });
    await addMembership({ trioId: oldTrio.id, userId: onlyHere.id, domain: "wijk", jobTitle: "Wijkmanager" });
    // A person also in this year's trio keeps their account.
    const alsoNow = getDb().data.users.find((u) => u.email === seeded("participant", "trio Altena")[2].email)!;
    await addMembership({ trioId: secondTrio.id, userId: alsoNow.id, domain: "sociaal", jobTitle: "Consulent" });
    const oud = await login(onlyHere.email, "een lang wachtwoord voor oud");
    await oud.post(`/trios/${oldTrio.id}/casus`, { intent: "save", title: "Statushouders" });
    const up = await uploadCaseFile(oud, oldTrio.id, "oud.pdf", minimalPdf("% oud\n"));
    expect(up.status).toBe(200);
    expect((await addToCase(oud, oldTrio.id, up.body.file!.id)).status).toBe(200);
    const stored = getStoredFile(up.body.file!.id)!;
    const onDisk = storedFilePath(stored);
    await access(onDisk);
    await createQuestion({ sessionId: sessions[0].id, trioId: oldTrio.id, authorId: onlyHere.id, text: "Een oude vraag" }).catch(
      () => undefined,
    );

    const res = await clients.organiser.post(`/beheer/edities/${edition.id}?index`, { intent: "delete-personal-data" });
    expect(res.status).toBe(200);

    const after = getEdition(edition.id)!;
    expect(after.personalDataDeletedAt).not.toBeNull();
    expect(after.anonymousCounts).toEqual({ trios: 2, participants: 2, municipalities: 1 });
    expect(getCaseOfTrio(oldTrio.id)).toBeNull();
    expect(getStoredFile(stored.id)).toBeNull();
    await expect(access(onDisk)).rejects.toThrow();
    expect(getDb().data.memberships.some((m) => m.trioId === oldTrio.id || m.trioId === secondTrio.id)).toBe(false);
    expect(getDb().data.users.find((u) => u.id === onlyHere.id)!.name).toBe("Verwijderde gebruiker");
    expect(getDb().data.users.find((u) => u.id === alsoNow.id)!.name).toBe(alsoNow.name);
    expect(getDb().data.questions.some((q) => q.authorId === onlyHere.id)).toBe(false);
    expect(getDb().data.trios.find((t) => t.id === oldTrio.id)!.caseSummary).toBe("");
    expect((await oud.get("/account")).status).toBe(302);

    const page = await (await clients.organiser.get(`/beheer/edities/${edition.id}`)).text();
    expect(page).toContain("zijn verwijderd op");
    expect(page).toMatch(/Gemeenten<\/dt><dd>1</);
    // The other edition is untouched.
    expect(getCaseOfTrio(trioA.id)).not.toBeNull();
  });

  it("a member of trio A can leave it (last: it changes the trio)", async () => {
    const leaver = seeded("participant", "trio Altena")[2];
    const client = await login(leaver.email, leaver.password);
    const res = await client.post(`/trios/${trioA.id}/verlaten`, {});
    expect(res.status).toBe(302);
    expect((await client.get(`/trios/${trioA.id}`)).status).toBe(404);
  });
});
