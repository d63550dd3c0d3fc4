/**
 * Homework (issue 5): assignment settings and their limits, the shared draft with
 * two members saving at once, handing in (versions kept, late, extension),
 * authorization, feedback with its reply thread and the live unread counter,
 * archived editions, the upload limit, the dashboard and its CSV.
 */
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAssignment } from "~/features/homework/assignment.server";
import { getDb } from "~/data/db.server";
import { setEditionArchived } from "~/features/programme/edition.server";
import { deleteEditionPersonalData } from "~/features/accounts/privacy.server";
import { createMaterial } from "~/features/programme/material.server";
import { getSubmission } from "~/features/homework/submission.server";
import type { Session, Trio } from "~/data/schema.server";
import { toDutchParts } from "~/utils/dutch-time";
import { getHomeworkScheduler } from "~/features/homework/homework-scheduler.server";
import { Client } from "../setup/http-client";
import { minimalPdf } from "../setup/sample-files";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
let trioA: Trio;
let trioB: Trio;
let s1: Session;
let s2: Session;
const c: Record<string, Client> = {};
const sockets: Socket[] = [];
const MIB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

const handIn = () => `/trios/${trioA.id}/huiswerk/${s1.id}`;
const dataOf = (path: string, routeId: string) => `${path}?_data=${encodeURIComponent(routeId)}`;
const HAND_IN_ROUTE = "routes/trios.$trioId.huiswerk.$sessionId";
const REVIEW_ROUTE = "routes/sessies.$sessionId.huiswerk.$trioId";

async function login(email: string, password: string): Promise<Client> {
  const client = new Client(server.url);
  expect((await client.login(email, password)).status, `login of ${email}`).toBe(302);
  return client;
}
const seeded = (role: string, detail?: string) =>
  server.boot.seeded.filter((l) => l.role === role && (!detail || l.detail?.includes(detail)));

async function autosave(client: Client, text: string, baseRevision: number, path = handIn()) {
  const res = await client.post(dataOf(path, HAND_IN_ROUTE), { intent: "autosave", text, baseRevision: String(baseRevision) });
  return {
    status: res.status,
    body: (await res.json()) as {
      autosave: {
        ok: boolean;
        draft?: { revision: number; savedBy: string };
        conflict?: { text: string; revision: number; savedBy: string } | null;
        message?: string;
      };
    },
  };
}
async function submit(client: Client, text: string, baseRevision: number) {
  const res = await client.post(dataOf(handIn(), HAND_IN_ROUTE), { intent: "submit", text, baseRevision: String(baseRevision) });
  return { status: res.status, body: (await res.json()) as { done: string | null; errors: Record<string, string> | null } };
}
const revision = () => getSubmission(s1.id, trioA.id)?.draftRevision ?? 0;
const settingsPath = () => `/beheer/edities/${s1.editionId}/huiswerk/${s1.id}`;
function settings(dueAt: string, extra: Record<string, string> = {}) {
  const { date, time } = toDutchParts(dueAt);
  return { intent: "settings", dueDate: date, dueTime: time, expects: "both", reminderDays: "2", ...extra };
}

beforeAll(async () => {
  server = await startTestServer();
  trioA = getDb().data.trios.find((t) => t.municipality === "Altena")!;
  trioB = getDb().data.trios.find((t) => t.municipality === "Schiedam")!;
  const sessions = getDb()
    .data.sessions.filter((s) => s.editionId === trioA.editionId)
    .sort((a, b) => a.number - b.number);
  [s1, s2] = sessions;
  const [a1, a2] = seeded("participant", "trio Altena");
  c.organiser = await login(seeded("organiser")[0].email, seeded("organiser")[0].password);
  c.speaker = await login(seeded("speaker")[0].email, seeded("speaker")[0].password);
  c.a1 = await login(a1.email, a1.password);
  c.a2 = await login(a2.email, a2.password);
  c.b1 = await login(seeded("participant", "trio Schiedam")[0].email, seeded("participant", "trio Schiedam")[0].password);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

describe("assignment settings", () => {
  it("defaults to a few days before the next session and refuses a due date after it, keeping the old one", async () => {
    const assignment = getAssignment(s1);
    expect(assignment.dueAt).not.toBeNull();
    const daysBefore = (Date.parse(s2.startsAt!) - Date.parse(assignment.dueAt!)) / DAY_MS;
    expect(daysBefore).toBeGreaterThan(2);
    expect(daysBefore).toBeLessThan(4);
    expect(toDutchParts(assignment.dueAt!).time).toBe("17:00");

    const tooLate = new Date(Date.parse(s2.startsAt!) + 60 * 60 * 1000).toISOString();
    const res = await c.organiser.post(settingsPath(), settings(tooLate));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("na het begin van bijeenkomst 2");
    expect(getDb().data.assignments).toHaveLength(0);

    const page = await (await c.a1.get(handIn())).text();
    expect(page).toContain(toDutchParts(assignment.dueAt!).time);
  });
});

describe("two members editing the same draft", () => {
  it("refuses the second of two concurrent saves from the same base and hands back the other version", async () => {
    const base = revision();
    const [one, two] = await Promise.all([autosave(c.a1, "Versie van Sanne", base), autosave(c.a2, "Versie van Joost", base)]);
    const statuses = [one.status, two.status].sort();
    expect(statuses).toEqual([200, 409]);
    const [winner, loser] = one.status === 200 ? [one, two] : [two, one];
    const stored = getSubmission(s1.id, trioA.id)!;
    expect(stored.draftRevision).toBe(base + 1);
    // Nothing disappears silently: the refused member gets the stored version to merge with.
    expect(loser.body.autosave.conflict!.text).toBe(stored.draftText);
    expect(loser.body.autosave.conflict!.revision).toBe(winner.body.autosave.draft!.revision);
    expect(loser.body.autosave.message).toMatch(/ook gewijzigd/);
    expect(["Versie van Sanne", "Versie van Joost"]).toContain(stored.draftText);
  });

  it("accepts the merged text once it is based on the other version, and shows who changed it last", async () => {
    const merged = "Versie van Sanne\n\nAanvulling van Joost";
    const res = await autosave(c.a2, merged, revision());
    expect(res.status).toBe(200);
    expect(getSubmission(s1.id, trioA.id)!.draftText).toBe(merged);
    const page = await (await c.a1.get(handIn())).text();
    expect(page).toContain("Laatst gewijzigd door Joost Bakker om");
  });
});

describe("handing in", () => {
  it("keeps every submitted version and refuses an unchanged resubmission", async () => {
    const first = await submit(c.a1, "Ons antwoord, eerste versie", revision());
    expect(first.status).toBe(200);
    expect(first.body.done).toContain("ingeleverd");
    const again = await submit(c.a2, "Ons antwoord, eerste versie", revision());
    expect(again.status).toBe(409);
    const second = await submit(c.a2, "Ons antwoord, tweede versie", revision());
    expect(second.status).toBe(200);
    const versions = getSubmission(s1.id, trioA.id)!.versions;
    expect(versions.map((v) => v.text)).toEqual(["Ons antwoord, eerste versie", "Ons antwoord, tweede versie"]);
    expect(versions.every((v) => !v.late)).toBe(true);
  });

  it("marks a submission after the due date late, and not once the trio has an extension", async () => {
    const yesterday = new Date(Date.now() - DAY_MS).toISOString();
    expect((await c.organiser.post(settingsPath(), settings(yesterday))).status).toBe(200);
    const late = await submit(c.a1, "Te laat, maar wel af", revision());
    expect(late.status).toBe(200);
    expect(late.body.done).toContain("te laat");
    expect(getSubmission(s1.id, trioA.id)!.versions.at(-1)!.late).toBe(true);

    const nextWeek = toDutchParts(new Date(Date.now() + 7 * DAY_MS).toISOString());
    const granted = await c.organiser.post(settingsPath(), {
      intent: "extension",
      trioId: trioA.id,
      dueDate: nextWeek.date,
      dueTime: "12:00",
    });
    expect(granted.status).toBe(200);
    const inTime = await submit(c.a1, "Met verlenging op tijd", revision());
    expect(inTime.status).toBe(200);
    expect(getSubmission(s1.id, trioA.id)!.versions.at(-1)!.late).toBe(false);
    // The other trio has no extension: its homework is overdue.
    const dashboard = await (await c.organiser.get(`/beheer/edities/${s1.editionId}/huiswerk?status=te-laat`)).text();
    expect(dashboard).toContain("Schiedam");
    expect(dashboard).not.toContain(">Altena<");
  });

  it("refuses an extension after the next session has started", async () => {
    const after = toDutchParts(new Date(Date.parse(s2.startsAt!) + DAY_MS).toISOString());
    const res = await c.organiser.post(settingsPath(), { intent: "extension", trioId: trioB.id, dueDate: after.date, dueTime: "12:00" });
    expect(res.status).toBe(400);
    expect(getAssignment(s1).extensions.map((e) => e.trioId)).toEqual([trioA.id]);
  });
});

describe("who may do what", () => {
  it("gives a participant of another trio a 404 and stores nothing", async () => {
    const before = JSON.stringify(getSubmission(s1.id, trioA.id));
    expect((await c.b1.get(handIn())).status).toBe(404);
    const res = await c.b1.post(dataOf(handIn(), HAND_IN_ROUTE), {
      intent: "submit",
      text: "Namens een ander trio",
      baseRevision: String(revision()),
    });
    expect(res.status).toBe(404);
    expect(JSON.stringify(getSubmission(s1.id, trioA.id))).toBe(before);
    const upload = new FormData();
    upload.append("purpose", "huiswerk");
    upload.append("trioId", trioA.id);
    upload.append("file", new Blob([new Uint8Array(minimalPdf())]), "huiswerk.pdf");
    expect((await c.b1.post("/upload", upload)).status).toBe(403);
  });

  it("lets a speaker read only their own session's homework, and only when organisers allow it", async () => {
    const review = `/sessies/${s1.id}/huiswerk/${trioA.id}`;
    const refused = await c.speaker.get(review);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("niet voor de spreker opengezet");
    const allowAt = getAssignment(s1).dueAt!;
    expect((await c.organiser.post(settingsPath(), settings(allowAt, { speakerMayGiveFeedback: "on" }))).status).toBe(200);
    expect((await c.speaker.get(review)).status).toBe(200);
    const other = await c.speaker.get(`/sessies/${s2.id}/huiswerk/${trioA.id}`);
    expect(other.status).toBe(403);
    expect(await other.text()).toContain("andere spreker");
    expect((await c.a1.get(review)).status).toBe(403);
  });
});

describe("feedback", () => {
  it("notifies every trio member live, shows the feedback, and threads replies", async () => {
    const socket = io(server.url, {
      transports: ["websocket"],
      extraHeaders: { cookie: c.a2.cookieHeader, origin: server.url },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("session:ready", () => resolve());
      socket.once("connect_error", reject);
    });
    const before = (await socket.emitWithAck("notifications:count")) as { ok: boolean; data: { count: number } };
    expect(before).toEqual({ ok: true, data: { count: 0 } });
    const refused = (await socket.emitWithAck("notifications:count", { userId: "iemand-anders" })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe("invalid_payload");
    const pushed = new Promise<{ count: number }>((resolve) => socket.once("notifications:unread", resolve));

    const latest = getSubmission(s1.id, trioA.id)!.versions.at(-1)!;
    const res = await c.organiser.post(`/sessies/${s1.id}/huiswerk/${trioA.id}`, {
      intent: "feedback",
      versionId: latest.id,
      body: "Mooi **uitgewerkt**.",
      status: "besproken",
    });
    expect(res.status).toBe(200);
    expect(await pushed).toEqual({ count: 1 });

    const page = await (await c.a1.get(handIn())).text();
    expect(page).toContain("<strong>uitgewerkt</strong>");
    expect(page).toContain("Besproken");
    const header = await (await c.a1.get("/")).text();
    expect(header).toContain("1 ongelezen melding");

    const reply = await c.a1.post(handIn(), { intent: "reply", feedbackId: getDb().data.feedback[0].id, body: "Dank, we nemen het mee." });
    expect(reply.status).toBe(200);
    expect(getDb().data.feedback[0].replies.map((r) => r.body)).toEqual(["Dank, we nemen het mee."]);
  });

  it("refuses a reply to feedback deleted in the meantime with a clear message and keeps the typed text", async () => {
    const feedbackId = getDb().data.feedback[0].id;
    const del = await c.organiser.post(`/sessies/${s1.id}/huiswerk/${trioA.id}`, { intent: "delete-feedback", feedbackId });
    expect(del.status).toBe(200);
    const res = await c.a1.post(dataOf(handIn(), HAND_IN_ROUTE), { intent: "reply", feedbackId, body: "Nog een vraag hierover" });
    expect(res.status).toBe(410);
    const body = (await res.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.form).toContain("verwijderd");
    expect(body.values.body).toBe("Nog een vraag hierover");
    expect(getDb().data.feedback[0].replies).toHaveLength(1);
    // The speaker may not delete feedback.
    const speakerDelete = await c.speaker.post(dataOf(`/sessies/${s1.id}/huiswerk/${trioA.id}`, REVIEW_ROUTE), {
      intent: "delete-feedback",
      feedbackId,
    });
    expect(speakerDelete.status).toBe(403);
  });

  it("lets the session's speaker give feedback once organisers allow it, and notifies the trio", async () => {
    const latest = getSubmission(s1.id, trioA.id)!.versions.at(-1)!;
    const before = getDb().data.notifications.filter((n) => n.kind === "feedback").length;
    const res = await c.speaker.post(`/sessies/${s1.id}/huiswerk/${trioA.id}`, {
      intent: "feedback",
      versionId: latest.id,
      body: "Goede vragen aan de wethouder.",
      status: "aanvulling-gevraagd",
    });
    expect(res.status).toBe(200);
    expect(getDb().data.feedback.at(-1)).toMatchObject({ body: "Goede vragen aan de wethouder.", status: "aanvulling-gevraagd" });
    expect(getDb().data.notifications.filter((n) => n.kind === "feedback").length).toBe(before + 3);
    const bad = await c.speaker.post(dataOf(`/sessies/${s1.id}/huiswerk/${trioA.id}`, REVIEW_ROUTE), {
      intent: "feedback",
      versionId: latest.id,
      body: "x",
      status: "geweldig",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.status).toBe("Kies een status.");
  });

  it("marks notifications read on the notifications page", async () => {
    expect(await (await c.a2.get("/meldingen")).text()).toContain("Nieuwe feedback");
    expect((await c.a2.post("/meldingen", { intent: "read-all" })).status).toBe(200);
    // The other two members have not read theirs (two feedback notifications each).
    expect(getDb().data.notifications.filter((n) => !n.readAt && n.href.includes(trioA.id) && n.kind === "feedback")).toHaveLength(4);
  });
});

describe("new material", () => {
  it("notifies the participants of the edition live when material is published", async () => {
    const socket = io(server.url, {
      transports: ["websocket"],
      extraHeaders: { cookie: c.b1.cookieHeader, origin: server.url },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("session:ready", () => resolve());
      socket.once("connect_error", reject);
    });
    const pushed = new Promise<{ count: number }>((resolve) => socket.once("notifications:unread", resolve));
    const speaker = getDb().data.users.find((u) => u.role === "speaker")!;
    await createMaterial({
      sessionId: s1.id,
      kind: "text",
      userId: speaker.id,
      revision: { title: "Sheets van de lezing", body: "Zie bijlage.", url: null, fileId: null },
      publishAt: new Date().toISOString(),
    });
    expect(await pushed).toEqual({ count: 1 });
    const page = await (await c.b1.get("/meldingen")).text();
    expect(page).toContain("Nieuw materiaal bij bijeenkomst 1: Sheets van de lezing");
    // A draft is not announced.
    await createMaterial({
      sessionId: s1.id,
      kind: "text",
      userId: speaker.id,
      revision: { title: "Nog geheim", body: "", url: null, fileId: null },
      publishAt: null,
    });
    await getHomeworkScheduler()!.tick();
    expect(getDb().data.notifications.filter((n) => n.title.includes("Nog geheim"))).toHaveLength(0);
  });
});

describe("bad input", () => {
  it("refuses every change to an archived edition with 409 and keeps the stored draft", async () => {
    const before = getSubmission(s1.id, trioA.id)!;
    await setEditionArchived(s1.editionId, true);
    try {
      const save = await autosave(c.a1, "Na het archiveren", before.draftRevision);
      expect(save.status).toBe(409);
      expect(save.body.autosave.message).toContain("gearchiveerd");
      expect((await submit(c.a1, "Na het archiveren", before.draftRevision)).status).toBe(409);
      expect((await c.organiser.post(settingsPath(), settings(getAssignment(s1).dueAt!))).status).toBe(409);
      expect(getSubmission(s1.id, trioA.id)).toEqual(before);
    } finally {
      await setEditionArchived(s1.editionId, false);
    }
  });

  it("refuses a homework file over 50 MB with 413 and a Dutch message", async () => {
    const big = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(50 * MIB + 1 - 9)]);
    const form = new FormData();
    form.append("purpose", "huiswerk");
    form.append("trioId", trioA.id);
    form.append("file", new Blob([new Uint8Array(big)]), "groot.pdf");
    const filesBefore = getDb().data.files.length;
    const res = await c.a1.post("/upload", form);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toContain("te groot");
    expect(getDb().data.files).toHaveLength(filesBefore);
  });

  it("adds an uploaded file to the draft, and submitting keeps it in the version", async () => {
    const form = new FormData();
    form.append("purpose", "huiswerk");
    form.append("trioId", trioA.id);
    form.append("file", new Blob([new Uint8Array(minimalPdf())]), "verslag.pdf");
    const uploaded = (await (await c.a2.post("/upload", form)).json()) as { file: { id: string } };
    expect((await c.a2.post(handIn(), { intent: "add-file", fileId: uploaded.file.id })).status).toBe(200);
    // Another member cannot claim it again, and another trio cannot download it.
    expect((await c.a1.post(handIn(), { intent: "add-file", fileId: uploaded.file.id })).status).toBe(400);
    expect((await c.b1.get(`/bestanden/${uploaded.file.id}`)).status).not.toBe(200);
    expect((await c.a1.get(`/bestanden/${uploaded.file.id}`)).status).toBe(200);
    expect((await submit(c.a1, getSubmission(s1.id, trioA.id)!.draftText, revision())).status).toBe(200);
    expect(getSubmission(s1.id, trioA.id)!.versions.at(-1)!.fileIds).toEqual([uploaded.file.id]);
  });
});

describe("progress dashboard", () => {
  it("shows trios × sessions with a completion chart, and exports CSV for organisers only", async () => {
    const page = (await (await c.organiser.get(`/beheer/edities/${s1.editionId}/huiswerk`)).text()).replace(/<!-- -->/g, "");
    expect(page).toContain("Bijeenkomst 1: 1 van 2 trio&#x27;s ingeleverd (50%)");
    expect(page).toMatch(/>Ingeleverd<span class="visually-hidden"> \(trio Altena\)/);
    expect(page).toMatch(/>Te laat<span class="visually-hidden"> \(trio Schiedam\)/);
    const csv = await c.organiser.get(`/beheer/edities/${s1.editionId}/huiswerk.csv`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Altena;1;");
    expect(text).toContain("Schiedam;1;Te laat");
    expect((await c.a1.get(`/beheer/edities/${s1.editionId}/huiswerk.csv`)).status).toBe(403);
  });
});

describe("personal data", () => {
  it("exports a member's homework, and removing the edition's personal data removes drafts, versions, feedback and files", async () => {
    const exported = (await (await c.a1.get("/account/gegevens.json")).json()) as {
      homework: { submittedVersions: Array<{ text: string }>; feedbackReplies: unknown[] };
    };
    expect(exported.homework.submittedVersions.map((v) => v.text)).toContain("Te laat, maar wel af");
    expect(exported.homework.feedbackReplies).toHaveLength(1);
    const fileIds = getDb().data.submissions.flatMap((s) => s.draftFileIds);
    expect(fileIds.length).toBeGreaterThan(0);
    await deleteEditionPersonalData(s1.editionId, new Date(Date.now() + 400 * DAY_MS));
    expect(getDb().data.submissions).toHaveLength(0);
    expect(getDb().data.feedback).toHaveLength(0);
    expect(getDb().data.files.filter((f) => fileIds.includes(f.id))).toHaveLength(0);
  });
});
