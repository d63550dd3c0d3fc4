/**
 * The access policy as a table: actor × action × resource → allowed, or the
 * refusal's status. Every rule of app/access/policy.server.ts has rows here
 * (checked by the last test), over own/other trio, admitted/registered, the
 * speaker of this/another session, organisers and an archived edition.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions, decide, type Action } from "~/access/policy.server";
import { closeDatabase, getDb, openDatabase } from "~/data/db.server";
import type { Data } from "~/data/schema.server";

const NOW = new Date().toISOString();
const LATER = new Date(Date.now() + 86_400_000).toISOString();

type Row = [actor: string, action: Action, resource: string, expected: true | 403 | 404 | 409];

// The people.
const people = {
  organiser: "organiser",
  speaker1: "speaker", // speaks in session 1 of edition E
  speaker2: "speaker", // speaks in session 2 of edition E
  speakerX: "speaker", // speaks nowhere
  alice: "participant", // member of T1 (admitted, E)
  bob: "participant", // member of T2 (admitted, E)
  carol: "participant", // member of T3 (registered, E)
  dave: "participant", // member of TA (admitted, archived edition A)
  erin: "participant", // no trio at all
} as const;

let dataDir: string;

function fixture(data: Data): void {
  for (const [id, role] of Object.entries(people)) {
    data.users.push({ id, email: `${id}@example.nl`, name: id, role, passwordHash: null, createdAt: NOW });
  }
  const edition = (id: string, archivedAt: string | null) => ({
    id,
    name: `Editie ${id}`,
    feedToken: "f".repeat(24) + id,
    year: 2026,
    capacity: 10,
    registrationOpensAt: NOW,
    registrationClosesAt: LATER,
    archivedAt,
    createdAt: NOW,
    personalDataDeletedAt: null,
    anonymousCounts: null,
  });
  data.editions.push(edition("E", null), edition("A", NOW));
  const session = (id: string, editionId: string, number: number, speakerIds: string[]) => ({
    id,
    editionId,
    number,
    title: `Bijeenkomst ${number}`,
    theme: "",
    intro: "",
    speakerName: "",
    speakerTopic: "",
    agenda: [],
    assignment: "",
    homework: "",
    startsAt: null,
    endsAt: null,
    location: "",
    onlineUrl: null,
    speakerIds,
    updatedAt: NOW,
  });
  data.sessions.push(session("E1", "E", 1, ["speaker1"]), session("E2", "E", 2, ["speaker2"]), session("A1", "A", 1, []));
  const trio = (id: string, editionId: string, status: "admitted" | "registered", shareCase = false) => ({
    id,
    editionId,
    municipality: `Gemeente ${id}`,
    status,
    createdAt: NOW,
    registeredBy: null,
    caseSummary: "",
    shareCase,
    decidedAt: null,
  });
  data.trios.push(
    trio("T1", "E", "admitted"),
    trio("T2", "E", "admitted", true),
    trio("T3", "E", "registered"),
    trio("TA", "A", "admitted"),
  );
  const member = (userId: string, trioId: string) => ({
    id: `m-${userId}`,
    trioId,
    userId,
    domain: "wijk" as const,
    jobTitle: "",
    createdAt: NOW,
  });
  data.memberships.push(member("alice", "T1"), member("bob", "T2"), member("carol", "T3"), member("dave", "TA"));
  const board = (id: string, sessionId: string, trioId: string | null, locked = false) => ({
    id,
    editionId: sessionId.startsWith("A") ? "A" : "E",
    sessionId,
    trioId,
    scope: trioId ? ("trio" as const) : ("plenary" as const),
    template: "blank" as const,
    title: id,
    auto: true,
    createdAt: NOW,
    createdBy: null,
    locked,
    privateMode: false,
    voting: null,
  });
  data.boards.push(board("P1", "E1", null), board("P2", "E2", null), board("B1", "E1", "T1"), board("L1", "E1", null, true));
  data.deskRuns.push({
    id: "R1",
    editionId: "E",
    sessionId: "E1",
    open: true,
    revealedAt: null,
    anonymised: false,
    openedAt: NOW,
    openedBy: "organiser",
  });
  data.assignments.push({
    id: "as-E2",
    sessionId: "E2",
    dueAt: null,
    expects: "text",
    shareAfterDue: false,
    speakerMayGiveFeedback: true,
    reminderDays: 0,
    extensions: [],
    updatedAt: NOW,
    updatedBy: null,
  } as Data["assignments"][number]);
  const file = (id: string, uploadedBy: string) => ({
    id,
    storedName: `stored-${id}`,
    originalName: `${id}.pdf`,
    mime: "application/pdf",
    size: 1,
    sha256: "0".repeat(64),
    uploadedBy,
    createdAt: NOW,
  });
  data.files.push(file("F1", "alice"), file("F2", "bob"));
  const trioCase = (id: string, trioId: string, fileId: string) => ({
    id,
    trioId,
    versions: [
      { id: `v-${id}`, title: "Casus", question: "", neighbourhood: "", involved: "", learningGoals: "", savedAt: NOW, savedBy: "alice" },
    ],
    files: [{ fileId, addedAt: NOW, addedBy: "alice", removedAt: null }],
  });
  data.cases.push(trioCase("C1", "T1", "F1"), trioCase("C2", "T2", "F2"));
}

function resourceOf(name: string): unknown {
  const data = getDb().data;
  const find = <T extends { id: string }>(list: readonly T[], id: string) => {
    const found = list.find((x) => x.id === id);
    if (!found) throw new Error(`fixture ${id} missing`);
    return found;
  };
  const [kind, id, extra] = name.split(":");
  switch (kind) {
    case "none":
      return null;
    case "edition":
      return find(data.editions, id);
    case "session":
      return find(data.sessions, id);
    case "trio":
      return find(data.trios, id);
    case "homework":
      return { trio: find(data.trios, id), session: find(data.sessions, extra) };
    case "board":
      return find(data.boards, id);
    case "desk":
      return find(data.deskRuns, id);
    case "move":
      return { run: find(data.deskRuns, id), trioId: extra };
    case "file":
      return find(data.files, id);
    case "certificate":
      return { edition: find(data.editions, id), userId: extra };
    default:
      throw new Error(`unknown resource ${name}`);
  }
}

// prettier-ignore
const table: Row[] = [
  ["organiser", "platform.manage", "none", true],
  ["speaker1", "platform.manage", "none", 403],
  ["alice", "platform.manage", "none", 403],

  // The edition room: admitted members, organisers, the edition's speakers; a registered trio sees nothing.
  ["organiser", "edition.watch", "edition:E", true],
  ["alice", "edition.watch", "edition:E", true],
  ["carol", "edition.watch", "edition:E", 404],
  ["erin", "edition.watch", "edition:E", 404],
  ["dave", "edition.watch", "edition:E", 404],
  ["speaker1", "edition.watch", "edition:E", true],
  ["speakerX", "edition.watch", "edition:E", 404],

  ["organiser", "audit.view", "edition:E", true],
  ["organiser", "audit.view", "edition:A", true],
  ["speaker1", "audit.view", "edition:E", 403],
  ["alice", "audit.view", "edition:E", 403],
  ["organiser", "edition.change", "edition:E", true],
  ["organiser", "edition.change", "edition:A", 409],
  ["dave", "edition.change", "edition:A", 409],

  // Bulk work on trios (decide several, message, import): organisers, never in an archived edition.
  ["organiser", "edition.bulkTrios", "edition:E", true],
  ["organiser", "edition.bulkTrios", "edition:A", 409],
  ["speaker1", "edition.bulkTrios", "edition:E", 403],
  ["alice", "edition.bulkTrios", "edition:E", 403],

  ["organiser", "session.view", "session:E1", true],
  ["speaker1", "session.view", "session:E1", true],
  ["speaker2", "session.view", "session:E1", 403],
  ["alice", "session.view", "session:E1", true],
  ["carol", "session.view", "session:E1", 404],
  ["dave", "session.view", "session:E1", 404],
  ["dave", "session.view", "session:A1", true],

  ["speaker1", "session.manageMaterial", "session:E1", true],
  ["speaker2", "session.manageMaterial", "session:E1", 403],
  ["organiser", "session.manageMaterial", "session:E1", true],
  ["alice", "session.manageMaterial", "session:E1", 403],
  ["carol", "session.manageMaterial", "session:E1", 404],

  ["alice", "session.ask", "session:E1", true],
  ["carol", "session.ask", "session:E1", 403],
  ["speaker1", "session.ask", "session:E1", 403],
  ["organiser", "session.moderate", "session:E1", true],
  ["speaker1", "session.moderate", "session:E1", 403],
  ["alice", "session.moderate", "session:E1", 403],

  ["speaker1", "material.upload", "none", true],
  ["organiser", "material.upload", "none", true],
  ["alice", "material.upload", "none", 403],

  // Own and other trio, admitted or registered, archived edition.
  ["alice", "trio.view", "trio:T1", true],
  ["alice", "trio.view", "trio:T2", 404],
  ["carol", "trio.view", "trio:T3", true],
  ["organiser", "trio.view", "trio:T3", true],
  ["speaker1", "trio.view", "trio:T1", 404],
  ["alice", "trio.change", "trio:T1", true],
  ["alice", "trio.change", "trio:T2", 404],
  ["organiser", "trio.change", "trio:T1", 403],
  ["dave", "trio.change", "trio:TA", 409],

  ["alice", "homework.view", "homework:T1:E1", true],
  ["alice", "homework.view", "homework:T2:E1", 404],
  ["carol", "homework.view", "homework:T3:E1", 404],
  ["organiser", "homework.view", "homework:T1:E1", true],
  ["organiser", "homework.view", "homework:T1:A1", 404],
  ["alice", "homework.work", "homework:T1:E1", true],
  ["organiser", "homework.work", "homework:T1:E1", 403],
  ["bob", "homework.work", "homework:T1:E1", 404],

  ["organiser", "homework.review", "session:E1", true],
  ["speaker1", "homework.review", "session:E1", 403], // feedback not opened up for the speaker of E1
  ["speaker2", "homework.review", "session:E2", true], // opened up for E2
  ["speaker1", "homework.review", "session:E2", 403],
  ["alice", "homework.review", "session:E1", 403],
  ["organiser", "homework.removeFeedback", "session:E1", true],
  ["speaker2", "homework.removeFeedback", "session:E2", 403],

  // Boards: plenary, own/other trio board, locked, speaker of this/other session.
  ["alice", "board.view", "board:P1", true],
  ["alice", "board.edit", "board:P1", true],
  ["alice", "board.facilitate", "board:P1", 403],
  ["carol", "board.view", "board:P1", 404],
  ["alice", "board.view", "board:B1", true],
  ["bob", "board.view", "board:B1", 404],
  ["speaker1", "board.view", "board:B1", 404],
  ["speaker1", "board.facilitate", "board:P1", true],
  ["speaker1", "board.view", "board:P2", 404],
  ["organiser", "board.facilitate", "board:B1", true],
  ["alice", "board.view", "board:L1", true],
  ["alice", "board.edit", "board:L1", 403],
  ["organiser", "board.edit", "board:L1", true],
  ["organiser", "board.restore", "board:P1", true],
  ["speaker1", "board.restore", "board:P1", 404],
  ["alice", "board.restore", "board:B1", 404],

  // The desk.
  ["organiser", "desk.open", "session:E1", true],
  ["alice", "desk.open", "session:E1", true],
  ["speaker1", "desk.open", "session:E1", 403],
  ["carol", "desk.open", "session:E1", 404],
  ["organiser", "desk.watch", "desk:R1", true],
  ["alice", "desk.watch", "desk:R1", true],
  ["carol", "desk.watch", "desk:R1", 404],
  ["speaker1", "desk.watch", "desk:R1", 404],
  ["alice", "desk.move", "move:R1:T1", true],
  ["alice", "desk.move", "move:R1:T2", 403],
  ["organiser", "desk.move", "move:R1:T1", 403],
  ["carol", "desk.move", "move:R1:T3", 403],
  ["organiser", "desk.facilitate", "session:E1", true],
  ["alice", "desk.facilitate", "session:E1", 403],

  // Files: a case file of a trio that does not share (F1) and of one that does (F2).
  ["alice", "file.download", "file:F1", true],
  ["bob", "file.download", "file:F1", 404],
  ["alice", "file.download", "file:F2", true],
  ["carol", "file.download", "file:F2", 404],
  ["speaker1", "file.download", "file:F1", 404],
  ["organiser", "file.download", "file:F1", true],

  // The live session (issue 17): organisers run it, the speaker moderates its questions, members ask and vote.
  ["organiser", "live.run", "session:E1", true],
  ["speaker1", "live.run", "session:E1", 403],
  ["alice", "live.run", "session:E1", 403],
  ["carol", "live.run", "session:E1", 404],
  ["alice", "live.follow", "session:E1", true],
  ["speaker1", "live.follow", "session:E1", true],
  ["speaker2", "live.follow", "session:E1", 403],
  ["dave", "live.follow", "session:E1", 404],
  ["erin", "live.follow", "session:E1", 404],
  ["alice", "live.ask", "session:E1", true],
  ["speaker1", "live.ask", "session:E1", 403],
  ["carol", "live.ask", "session:E1", 404],
  ["speaker1", "live.moderate", "session:E1", true],
  ["speaker2", "live.moderate", "session:E1", 403],
  ["organiser", "live.moderate", "session:E1", true],
  ["alice", "live.moderate", "session:E1", 403],
  ["alice", "live.vote", "session:E1", true],
  ["organiser", "live.vote", "session:E1", 403],
  ["dave", "live.vote", "session:E1", 404],
  ["organiser", "live.project", "session:E1", true],
  ["speaker1", "live.project", "session:E1", true],
  ["alice", "live.project", "session:E1", 403],
  ["speakerX", "live.project", "session:E1", 403],
  ["alice", "attendance.checkIn", "session:E1", true],
  ["bob", "attendance.checkIn", "session:E1", true],
  ["organiser", "attendance.checkIn", "session:E1", 403],
  ["carol", "attendance.checkIn", "session:E1", 404],
  ["dave", "attendance.checkIn", "session:A1", 409],
  ["organiser", "attendance.manage", "edition:E", true],
  ["speaker1", "attendance.manage", "edition:E", 403],
  ["alice", "attendance.manage", "edition:E", 403],
  ["alice", "certificate.download", "certificate:E:alice", true],
  ["alice", "certificate.download", "certificate:E:bob", 404],
  ["carol", "certificate.download", "certificate:E:carol", 404],
  ["organiser", "certificate.download", "certificate:E:bob", true],
  ["speaker1", "certificate.download", "certificate:E:speaker1", 404],
];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-policy-"));
  await openDatabase(dataDir);
  await getDb().change(fixture);
});

afterAll(async () => {
  await closeDatabase();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the access policy", () => {
  it.each(table)("%s may %s %s: %s", (actor, action, resource, expected) => {
    const decision = decide({ id: actor, role: people[actor as keyof typeof people] }, action, resourceOf(resource) as never);
    if (expected === true) {
      expect(decision).toEqual({ allowed: true });
    } else {
      expect(decision.allowed).toBe(false);
      expect(decision.allowed === false && decision.status).toBe(expected);
      // A refusal always carries a Dutch sentence for the person.
      expect(decision.allowed === false && decision.message).toMatch(/^[A-Z][^]*[.!]$/);
    }
  });

  it("has rows for every rule, allowing and refusing", () => {
    for (const action of actions) {
      const rows = table.filter((row) => row[1] === action);
      expect(
        rows.some((row) => row[3] === true),
        `${action} has an allowed row`,
      ).toBe(true);
      expect(
        rows.some((row) => row[3] !== true),
        `${action} has a refused row`,
      ).toBe(true);
    }
  });
});
