/**
 * The organisers' audit trail (issue 15.4) against a real server: each listed action
 * leaves an entry with its actor and time in the same change; organisers read it per
 * edition (filter by kind and person, pages) and as formula-safe CSV; others are
 * refused; it goes with the edition's personal data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { listEditions } from "~/features/programme/edition.server";
import { carryOutDeletion, deleteEditionPersonalData, requestDeletion } from "~/features/accounts/privacy.server";
import { setExtension } from "~/features/homework/assignment.server";
import { openDeskRun, setDeskRevealed } from "~/features/exercises/desk.server";
import { updateSessionTexts, scheduleSession } from "~/features/programme/session.server";
import { changeMember } from "~/features/registration/registration.server";
import { ensureSessionBoards, listBoardsOfSession } from "~/features/boards/board.server";
import { listBoardSnapshots, restoreBoard } from "~/features/boards/board-room.server";
import { listAuditEvents, type AuditKind } from "~/features/audit/audit.server";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { visibleText } from "./helpers";

let server: TestServer;
let organiser: Client;
let organiserId: string;
let editionId: string;

beforeAll(async () => {
  server = await startTestServer();
  const login = seededLogin(server, "organiser");
  organiser = new Client(server.url);
  expect((await organiser.login(login.email, login.password)).status).toBe(302);
  organiserId = getDb().data.users.find((u) => u.email === login.email)!.id;
  editionId = listEditions()[0].id;
});
afterAll(async () => server?.stop());

function latest(kind: AuditKind) {
  return listAuditEvents(editionId, { kind })[0];
}

function expectEntry(kind: AuditKind, startedAt: string, actorId: string | null = organiserId) {
  const entry = latest(kind);
  expect(entry, kind).toBeDefined();
  expect(entry.actorId, `${kind} actor`).toBe(actorId);
  expect(entry.at >= startedAt, `${kind} time`).toBe(true);
  expect(entry.at <= new Date().toISOString()).toBe(true);
  return entry;
}

describe("entries for each action", () => {
  it("admitting and rejecting a trio through the organisers' page", async () => {
    const trio = getDb().data.trios.find((t) => t.editionId === editionId)!;
    const start = new Date().toISOString();
    expect((await organiser.post(`/beheer/edities/${editionId}/trios`, { intent: "reject", trioId: trio.id })).status).toBe(200);
    expect(expectEntry("trio.rejected", start).trioId).toBe(trio.id);
    expect((await organiser.post(`/beheer/edities/${editionId}/trios`, { intent: "admit", trioId: trio.id })).status).toBe(200);
    expect(expectEntry("trio.admitted", start).trioId).toBe(trio.id);
  });

  it("replacing a member, changing a session's date and texts, an extension, a reveal, a restore", async () => {
    const data = getDb().data;
    const trio = data.trios.find((t) => t.editionId === editionId)!;
    const member = data.memberships.find((m) => m.trioId === trio.id && m.domain === "fysiek")!;
    const start = new Date().toISOString();
    const replaced = await changeMember({
      trioId: trio.id,
      removeMembershipId: member.id,
      person: { name: "Nieuwe Collega", email: "nieuw.fysiek@gemeente.example", jobTitle: "Adviseur", domain: "fysiek" },
      invitedBy: organiserId,
    });
    const entry = expectEntry("trio.member-replaced", start);
    expect(entry.subjectUserIds).toEqual([member.userId, replaced.added.user.id]);

    const session = data.sessions.find((s) => s.editionId === editionId && s.number === 2)!;
    const moved = new Date(Date.parse(session.startsAt!) + 86_400_000).toISOString();
    const movedEnd = new Date(Date.parse(session.endsAt!) + 86_400_000).toISOString();
    await scheduleSession(session.id, { startsAt: moved, endsAt: movedEnd, location: session.location, onlineUrl: null }, organiserId);
    expect(expectEntry("session.scheduled", start).sessionId).toBe(session.id);
    await updateSessionTexts(session.id, { ...session, title: "Een nieuwe titel" }, organiserId);
    expect(expectEntry("session.texts-changed", start).detail).toContain("titel");

    const first = data.sessions.find((s) => s.editionId === editionId && s.number === 1)!;
    await setExtension(first.id, trio.id, organiserId, new Date(Date.parse(first.endsAt!) + 86_400_000).toISOString());
    expect(expectEntry("homework.extension", start).trioId).toBe(trio.id);

    const run = await openDeskRun(first, organiserId);
    await setDeskRevealed(run.id, true, organiserId);
    expect(expectEntry("desk.revealed", start).sessionId).toBe(first.id);

    await ensureSessionBoards(first.id);
    const board = (await listBoardsOfSession(first.id))[0];
    expect(board, "the demo has a board in session 1").toBeDefined();
    const snapshots = await listBoardSnapshots(board.id);
    expect(await restoreBoard(board.id, snapshots.at(-1)!.seq, organiserId)).not.toBeNull();
    expect(expectEntry("board.restored", start).detail).toContain("teruggezet");
  });

  it("exports and deletions of personal data", async () => {
    const start = new Date().toISOString();
    expect((await organiser.get(`/beheer/edities/${editionId}/trios.csv`)).status).toBe(200);
    expect(expectEntry("personal-data.exported", start).detail).toContain("contactgegevens");

    const participant = seededLogin(server, "participant");
    const client = new Client(server.url);
    await client.login(participant.email, participant.password);
    const participantId = getDb().data.users.find((u) => u.email === participant.email)!.id;
    expect((await client.get("/account/gegevens.json")).status).toBe(200);
    expect(expectEntry("personal-data.exported", start, participantId).subjectUserIds).toEqual([participantId]);

    await carryOutDeletion((await requestDeletion(participantId)).id, organiserId);
    expect(expectEntry("personal-data.deleted", start).subjectUserIds).toEqual([participantId]);
  });
});

describe("the page and the CSV", () => {
  it("organisers filter by kind and person; others are refused", async () => {
    const tableOf = (html: string) => visibleText(/<tbody>[\s\S]*<\/tbody>/.exec(html)?.[0] ?? "");
    const page = tableOf(await (await organiser.get(`/beheer/edities/${editionId}/logboek?soort=trio.admitted`)).text());
    expect(page).toContain("Trio toegelaten");
    expect(page).toContain("Annemiek Visser");
    expect(page).not.toContain("Trio afgewezen");
    const person = tableOf(await (await organiser.get(`/beheer/edities/${editionId}/logboek?persoon=${organiserId}`)).text());
    expect(person).toContain("Bord teruggezet naar een eerdere versie");

    const speaker = seededLogin(server, "speaker");
    const other = new Client(server.url);
    await other.login(speaker.email, speaker.password);
    expect((await other.get(`/beheer/edities/${editionId}/logboek`)).status).toBe(403);
    expect((await other.get(`/beheer/edities/${editionId}/logboek.csv`)).status).toBe(403);
    expect((await new Client(server.url).get(`/beheer/edities/${editionId}/logboek`)).status).toBe(302);
  });

  it("pages hold 50 entries", async () => {
    await getDb().change((data) => {
      for (let i = 0; i < 60; i++)
        data.auditEvents.push({
          id: `extra-${i}`,
          editionId,
          kind: "trio.waiting",
          at: new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString(),
          actorId: organiserId,
          trioId: null,
          sessionId: null,
          subjectUserIds: [],
          detail: "",
        });
    });
    const first = await (await organiser.get(`/beheer/edities/${editionId}/logboek?soort=trio.waiting`)).text();
    expect(visibleText(first)).toContain("60 regels, pagina 1 van 2");
    expect((first.match(/<tr>/g) ?? []).length).toBe(51);
    const second = visibleText(await (await organiser.get(`/beheer/edities/${editionId}/logboek?soort=trio.waiting&pagina=2`)).text());
    expect(second).toContain("pagina 2 van 2");
  });

  it("CSV cells that start with = + - @ are neutralised", async () => {
    await getDb().change((data) => {
      data.auditEvents.push({
        id: "formula",
        editionId,
        kind: "board.restored",
        at: new Date().toISOString(),
        actorId: organiserId,
        trioId: null,
        sessionId: null,
        subjectUserIds: [],
        detail: '=HYPERLINK("http://evil.example","klik")',
      });
      const index = data.users.findIndex((u) => u.id === organiserId);
      data.users[index] = { ...data.users[index], name: "@SUM(1+1)" };
    });
    const response = await organiser.get(`/beheer/edities/${editionId}/logboek.csv?soort=board.restored`);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const csv = await response.text();
    expect(csv).toContain(`'=HYPERLINK(`);
    expect(csv).toContain("'@SUM(1+1)");
    for (const line of csv
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean)) {
      for (const cell of line.split(";")) expect(cell.replace(/^"/, ""), line).not.toMatch(/^[=+\-@]/);
    }
    // Downloading the trail is itself an entry.
    expect(listAuditEvents(editionId, { kind: "personal-data.exported" })[0].detail).toBe("logboek (CSV)");
  });
});

describe("kept as long as the edition's data", () => {
  it("goes with the edition's personal data; one entry records the deletion", async () => {
    expect(listAuditEvents(editionId).length).toBeGreaterThan(10);
    await deleteEditionPersonalData(editionId, new Date(Date.now() + 400 * 86_400_000), organiserId);
    const left = listAuditEvents(editionId);
    expect(left).toHaveLength(1);
    expect(left[0].kind).toBe("personal-data.deleted");
    expect(left[0].actorId).toBe(organiserId);
    expect(left[0].subjectUserIds).toEqual([]);
  });
});
