/**
 * Issue 11, point 6: markdown cannot break a page. Through the real server:
 * - every form that accepts markdown refuses a text outside the limits with a 400 and a
 *   Dutch message, and stores nothing (session texts, material, homework answer as
 *   autosave and hand-in, feedback, the live preview);
 * - pathological documents already in the data (stored before the limits existed) leave
 *   every page that shows them answering 200, for each role that sees them, including
 *   another trio's homework page that shows the shared work: the one document is shown
 *   as escaped plain text with a notice, everything around it as usual.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getAssignment } from "~/features/homework/assignment.server";
import { getDb } from "~/data/db.server";
import { giveFeedback, listFeedbackOfSubmission } from "~/features/homework/feedback.server";
import { createMaterial, listMaterialsOfSession } from "~/features/programme/material.server";
import type { Session, Trio } from "~/data/schema.server";
import { getSession, updateSessionTexts } from "~/features/programme/session.server";
import { getSubmission, saveDraft, submitDraft } from "~/features/homework/submission.server";
import { markdownProblems } from "~/utils/markdown-limits";
import { FALLBACK_NOTICE } from "~/utils/markdown.server";
import { Client } from "../setup/http-client";
import { startTestServer, type TestServer } from "../setup/test-server";
import { visibleText } from "./helpers";

let server: TestServer;
let trioA: Trio;
let trioB: Trio;
let s1: Session;
const c: Record<string, Client> = {};

const TOO_DEEP = markdownProblems.tooDeep();
/** Too deep for the limits; marked itself throws a RangeError on it (stack overflow). */
const DEEP_QUOTES = ">".repeat(10_000) + " te diep";
const DEEP_LISTS = "- ".repeat(5_000) + "te diep";
const MIXED = "> - ".repeat(3_000) + "te diep";
/** Inside no limit either; marked needs about 30 seconds for it. */
const UNCLOSED_LINKS = "[a](".repeat(2_000);
const nestedList = (levels: number) => Array.from({ length: levels }, (_, i) => `${"  ".repeat(i)}- niveau ${i + 1}`).join("\n");

async function login(email: string, password: string): Promise<Client> {
  const client = new Client(server.url);
  expect((await client.login(email, password)).status, `login of ${email}`).toBe(302);
  return client;
}
const seeded = (role: string, detail?: string) =>
  server.boot.seeded.filter((l) => l.role === role && (!detail || l.detail?.includes(detail)));
const text = async (response: Response) => visibleText(await response.text());
const snapshot = () => JSON.stringify(getDb().data);

beforeAll(async () => {
  server = await startTestServer();
  trioA = getDb().data.trios.find((t) => t.municipality === "Altena")!;
  trioB = getDb().data.trios.find((t) => t.municipality === "Schiedam")!;
  s1 = getDb()
    .data.sessions.filter((s) => s.editionId === trioA.editionId)
    .sort((a, b) => a.number - b.number)[0];
  c.organiser = await login(seeded("organiser")[0].email, seeded("organiser")[0].password);
  c.speaker = await login(seeded("speaker")[0].email, seeded("speaker")[0].password);
  c.a1 = await login(seeded("participant", "trio Altena")[0].email, seeded("participant", "trio Altena")[0].password);
  c.b1 = await login(seeded("participant", "trio Schiedam")[0].email, seeded("participant", "trio Schiedam")[0].password);
});
afterAll(async () => {
  await server?.stop();
});

describe("every markdown form refuses text outside the limits and stores nothing", () => {
  it("organiser's session texts (intro, assignment, homework)", async () => {
    for (const field of ["intro", "assignment", "homework"]) {
      const before = getSession(s1.id);
      const texts = { intro: "Inleiding", assignment: "Opdracht", homework: "Huiswerk", [field]: nestedList(21) };
      const response = await c.organiser.post(`/beheer/edities/${s1.editionId}/sessies/${s1.id}`, {
        intent: "texts",
        title: "Nieuwe titel",
        ...texts,
        agendaStart: "13:30",
        agendaEnd: "14:00",
        agendaKind: "welkom",
        agendaTitle: "Koffie",
      });
      expect(response.status, field).toBe(400);
      expect(await text(response), field).toContain(TOO_DEEP);
      expect(getSession(s1.id), field).toEqual(before);
    }
  });

  it("speaker's text material", async () => {
    const before = listMaterialsOfSession(s1.id).length;
    const response = await c.speaker.post(`/sessies/${s1.id}/materiaal/nieuw`, {
      kind: "text",
      title: "Diep",
      body: DEEP_QUOTES,
      publish: "now",
    });
    expect(response.status).toBe(400);
    expect(await text(response)).toContain(TOO_DEEP);
    expect(listMaterialsOfSession(s1.id)).toHaveLength(before);
  });

  it("the trio's homework answer, as autosave and as hand-in, keeping the stored draft", async () => {
    const route = encodeURIComponent("routes/trios.$trioId.huiswerk.$sessionId");
    const path = `/trios/${trioA.id}/huiswerk/${s1.id}?_data=${route}`;
    const saved = await c.a1.post(path, { intent: "autosave", text: "Ons **eerste** antwoord", baseRevision: "0" });
    expect(saved.status).toBe(200);
    const before = snapshot();
    const autosave = await c.a1.post(path, { intent: "autosave", text: DEEP_LISTS, baseRevision: "1" });
    expect(autosave.status).toBe(400);
    expect(((await autosave.json()) as { autosave: { message: string } }).autosave.message).toBe(TOO_DEEP);
    const handIn = await c.a1.post(path, { intent: "submit", text: MIXED, baseRevision: "1" });
    expect(handIn.status).toBe(400);
    expect(((await handIn.json()) as { errors: Record<string, string> }).errors.text).toBe(TOO_DEEP);
    expect(snapshot()).toBe(before);
    expect(getSubmission(s1.id, trioA.id)).toMatchObject({ draftText: "Ons **eerste** antwoord", draftRevision: 1, versions: [] });
  });

  it("feedback by the organiser", async () => {
    const route = encodeURIComponent("routes/trios.$trioId.huiswerk.$sessionId");
    const handIn = await c.a1.post(`/trios/${trioA.id}/huiswerk/${s1.id}?_data=${route}`, {
      intent: "submit",
      text: "Ons antwoord",
      baseRevision: "1",
    });
    expect(handIn.status).toBe(200);
    const submission = getSubmission(s1.id, trioA.id)!;
    const before = snapshot();
    const response = await c.organiser.post(`/sessies/${s1.id}/huiswerk/${trioA.id}`, {
      intent: "feedback",
      versionId: submission.versions[0].id,
      body: nestedList(30),
      status: "ontvangen",
    });
    expect(response.status).toBe(400);
    expect(await text(response)).toContain(TOO_DEEP);
    expect(snapshot()).toBe(before);
    expect(listFeedbackOfSubmission(submission.id)).toEqual([]);
  });

  it("the live preview answers 400 with the message, and previews ordinary text", async () => {
    const refused = await c.speaker.post("/api/voorbeeld", { text: UNCLOSED_LINKS });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ html: "", error: markdownProblems.links() });
    const ok = await c.speaker.post("/api/voorbeeld", { text: nestedList(3) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { html: string }).html).toContain("<li>niveau 3</li>");
  });
});

describe("pathological documents already stored: every page still answers 200", () => {
  const warnings: string[] = [];

  beforeAll(async () => {
    vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(" ")));
    const organiserId = getDb().data.users.find((u) => u.role === "organiser")!.id;
    const speakerId = getDb().data.users.find((u) => u.role === "speaker")!.id;
    const [a1Id] = getDb()
      .data.memberships.filter((m) => m.trioId === trioA.id)
      .map((m) => m.userId);
    const session = getSession(s1.id)!;
    // Written through the models, which (like the data file from before the limits) do not check markdown.
    await updateSessionTexts(s1.id, { ...session, intro: DEEP_QUOTES, assignment: "Gewone **opdracht**", homework: UNCLOSED_LINKS });
    await createMaterial({
      sessionId: s1.id,
      kind: "text",
      userId: speakerId,
      revision: { title: "Te diep materiaal", body: MIXED, fileId: null, url: null },
      publishAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await createMaterial({
      sessionId: s1.id,
      kind: "text",
      userId: speakerId,
      revision: { title: "Gewoon materiaal", body: "- een\n  - twee\n    - **drie**", fileId: null, url: null },
      publishAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await saveDraft(
      session,
      trioA.id,
      a1Id,
      DEEP_LISTS + "\n<script>alert(1)</script>",
      getSubmission(s1.id, trioA.id)?.draftRevision ?? 0,
    );
    await submitDraft(getSession(s1.id)!, getAssignment(s1), trioA.id, a1Id);
    const submission = getSubmission(s1.id, trioA.id)!;
    await giveFeedback({
      submissionId: submission.id,
      versionId: submission.versions.at(-1)!.id,
      authorId: organiserId,
      body: DEEP_QUOTES,
      status: "ontvangen",
    });
    // Shared with the other trios after the due date, which has passed.
    const assignment = getAssignment(s1);
    await getDb().change((data) => {
      const shared = {
        ...assignment,
        shareAfterDue: true,
        dueAt: new Date(Date.now() - 60_000).toISOString(),
        speakerMayGiveFeedback: true,
      };
      const index = data.assignments.findIndex((a) => a.sessionId === s1.id);
      if (index === -1) data.assignments.push(shared);
      else data.assignments[index] = shared;
    });
  });
  afterAll(() => {
    vi.mocked(console.warn).mockRestore();
  });

  /** Each page with the roles that see it, and the stored texts it shows (which must appear as plain text). */
  const pages = () => [
    {
      path: `/sessies/${s1.id}`,
      roles: ["organiser", "speaker", "a1", "b1"],
      shows: ["te diep", "Gewone opdracht", "Te diep materiaal", "drie"],
    },
    { path: `/sessies/${s1.id}/huiswerk`, roles: ["organiser", "speaker"], shows: [] },
    { path: `/sessies/${s1.id}/huiswerk/${trioA.id}`, roles: ["organiser", "speaker"], shows: ["te diep", "alert(1)"] },
    { path: `/trios/${trioA.id}/huiswerk/${s1.id}`, roles: ["organiser", "a1"], shows: ["te diep", "alert(1)"] },
    // Trio B sees trio A's shared answer after the due date.
    { path: `/trios/${trioB.id}/huiswerk/${s1.id}`, roles: ["b1"], shows: ["Altena", "te diep", "alert(1)"] },
    { path: `/trios/${trioA.id}/portfolio`, roles: ["organiser", "a1"], shows: ["te diep", "alert(1)"] },
    { path: `/trios/${trioA.id}`, roles: ["organiser", "a1"], shows: [] },
    { path: "/", roles: ["organiser", "speaker", "a1", "b1"], shows: [] },
  ];

  it("each page, for each role that sees it, answers 200 with the document as escaped text and a notice", async () => {
    for (const page of pages()) {
      for (const role of page.roles) {
        const started = performance.now();
        const response = await c[role].get(page.path);
        const label = `${role} ${page.path}`;
        expect(response.status, label).toBe(200);
        expect(performance.now() - started, label).toBeLessThan(5_000);
        const html = await response.text();
        // No stored script became a tag, and no deep nesting reached the page.
        expect(html, label).not.toContain("<script>alert(1)");
        expect(html, label).not.toMatch(/(<blockquote>\s*){3}/);
        if (page.shows.length > 0) {
          expect(html, label).toContain(FALLBACK_NOTICE);
          for (const expected of page.shows) expect(visibleText(html), `${label}: ${expected}`).toContain(expected);
        }
      }
    }
    expect(warnings.some((w) => w.includes("[markdown] shown as plain text"))).toBe(true);
  });

  it("ordinary documents next to the broken one still render as markdown", async () => {
    const html = await (await c.b1.get(`/sessies/${s1.id}`)).text();
    expect(html).toContain("<strong>opdracht</strong>");
    expect(html).toMatch(/<li>twee<ul>\s*<li><strong>drie<\/strong><\/li>/);
    const peers = await (await c.b1.get(`/trios/${trioB.id}/huiswerk/${s1.id}`)).text();
    expect(peers).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
