/**
 * The retention period enforced (RETENTION_MONTHS after an edition's last session)
 * against a real server whose data file is edited between runs: 30 days before,
 * organisers see the date on the edition page and get one mail, not again after a
 * restart; once the period is over the start-up round deletes the personal data
 * through the same deletion as the button (boards gone from disk, one audit entry by
 * the system), while an edition still running or not yet scheduled is left alone.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_FILE_NAME, getDb } from "~/data/db.server";
import type { Edition } from "~/data/schema.server";
import { listEditions, createEdition } from "~/features/programme/edition.server";
import { scheduleSession } from "~/features/programme/session.server";
import { ensureSessionBoards } from "~/features/boards/board.server";
import { openBoardStore } from "~/data/board-store.server";
import { listAuditEvents } from "~/features/audit/audit.server";
import { listOutbox } from "~/features/notifications/outbox.server";
import { listUsers } from "~/features/accounts/user.server";
import { editionEndsAt } from "~/features/accounts/privacy.server";
import { retentionState } from "~/features/accounts/retention.server";
import { getHomeworkScheduler } from "~/features/homework/homework-scheduler.server";
import { addDutchMonths } from "~/utils/dutch-time";
import { formatDate } from "~/utils/dates";
import { Client } from "../setup/http-client";
import { seededLogin, startTestServer, type TestServer } from "../setup/test-server";
import { visibleText } from "./helpers";

const DAY_MS = 86_400_000;
let dataDir = "";
let server: TestServer | null = null;
let login: { email: string; password: string };
let ended: Edition;
let running: Edition;
let unscheduled: Edition;
const boardDirs: Record<string, string[]> = {};

/** Starts on the data folder and waits for the start-up round of the scheduler (a tick waits for the one before). */
async function start() {
  server = await startTestServer({ dataDir, env: { RETENTION_MONTHS: "1" } });
  return getHomeworkScheduler()!.tick();
}
async function stop() {
  await server?.stop();
  server = null;
}
async function organiser(): Promise<Client> {
  const client = new Client(server!.url);
  expect((await client.login(login.email, login.password)).status).toBe(302);
  return client;
}
/** With the server stopped: moves every session of the edition so that its last one ends at `lastEnd`. */
async function moveSessionsInDataFile(editionId: string, lastEnd: number) {
  const file = path.join(dataDir, DATA_FILE_NAME);
  const data = JSON.parse(await readFile(file, "utf8")) as { sessions: Array<{ editionId: string; startsAt: string; endsAt: string }> };
  const own = data.sessions.filter((s) => s.editionId === editionId);
  const shift = lastEnd - Math.max(...own.map((s) => Date.parse(s.endsAt)));
  for (const s of own) {
    s.startsAt = new Date(Date.parse(s.startsAt) + shift).toISOString();
    s.endsAt = new Date(Date.parse(s.endsAt) + shift).toISOString();
  }
  await writeFile(file, JSON.stringify(data));
}
const warnings = () => listOutbox().filter((m) => m.subject.startsWith(`Persoonsgegevens van ${ended.name} worden op`));
const membersOf = (editionId: string) => {
  const trioIds = new Set(
    getDb()
      .data.trios.filter((t) => t.editionId === editionId)
      .map((t) => t.id),
  );
  return getDb().data.memberships.filter((m) => trioIds.has(m.trioId)).length;
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-retention-"));
  await start();
  login = seededLogin(server!, "organiser");
  ended = listEditions()[0];
  const later = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
  running = (
    await createEdition({
      name: "Lopende editie",
      year: 2027,
      capacity: 10,
      registrationOpensAt: later(-10),
      registrationClosesAt: later(-5),
    })
  ).edition;
  for (const [i, session] of getDb()
    .data.sessions.filter((s) => s.editionId === running.id)
    .entries()) {
    // The first session was long ago, the last is still to come.
    await scheduleSession(session.id, {
      startsAt: later(-100 + i * 50),
      endsAt: later(-100 + i * 50 + 0.2),
      location: "Utrecht",
      onlineUrl: null,
    });
  }
  unscheduled = (
    await createEdition({
      name: "Nog te plannen",
      year: 2028,
      capacity: 10,
      registrationOpensAt: later(-10),
      registrationClosesAt: later(-5),
    })
  ).edition;
  for (const edition of [ended, running]) {
    boardDirs[edition.id] = [];
    for (const session of getDb().data.sessions.filter((s) => s.editionId === edition.id)) await ensureSessionBoards(session.id);
    for (const board of getDb().data.boards.filter((b) => b.editionId === edition.id)) {
      await openBoardStore(board);
      boardDirs[edition.id].push(path.join(dataDir, "boards", board.id));
    }
    expect(boardDirs[edition.id].length).toBeGreaterThan(0);
  }
  expect(membersOf(ended.id)).toBeGreaterThan(0);
  await stop();
  // The demo edition ended 20 days less than a month ago: its data goes in about ten days.
  await moveSessionsInDataFile(ended.id, Date.now() - 20 * DAY_MS);
  await start();
});

afterAll(async () => {
  await stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("before the retention period is over", () => {
  it("organisers see the date and the exports on the edition page and get one mail; nothing is deleted yet", async () => {
    const deleteAt = retentionState(ended).deleteAt!;
    expect(deleteAt).toBe(addDutchMonths(editionEndsAt(ended.id)!, 1));
    expect(Date.parse(deleteAt) - Date.now()).toBeGreaterThan(5 * DAY_MS);
    expect(Date.parse(deleteAt) - Date.now()).toBeLessThan(30 * DAY_MS);

    const organisers = listUsers("organiser").filter((u) => u.passwordHash);
    expect(organisers.length).toBeGreaterThan(0);
    expect(
      warnings()
        .map((m) => m.to)
        .sort(),
    ).toEqual(organisers.map((u) => u.email).sort());
    const mail = warnings()[0];
    expect(mail.subject).toContain(formatDate(deleteAt));
    expect(mail.text).toContain(`/beheer/edities/${ended.id}/trios.csv`);

    const client = await organiser();
    const page = await (await client.get(`/beheer/edities/${ended.id}`)).text();
    expect(visibleText(page)).toContain(`De persoonsgegevens van deze editie worden op ${formatDate(deleteAt)} verwijderd.`);
    const links = [...page.matchAll(/href="([^"]+\.csv)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
    expect(links).toContain(`/beheer/edities/${ended.id}/trios.csv`);
    for (const href of links) expect((await client.get(href)).status, href).toBe(200);
    for (const other of [running, unscheduled]) {
      expect(visibleText(await (await client.get(`/beheer/edities/${other.id}`)).text())).not.toContain("worden op");
    }

    expect(getDb().data.editions.find((e) => e.id === ended.id)!.personalDataDeletedAt).toBeNull();
    expect(membersOf(ended.id)).toBeGreaterThan(0);
    for (const dir of boardDirs[ended.id]) expect(existsSync(dir)).toBe(true);
  });

  it("a restart does not send the warning again", async () => {
    const before = warnings().length;
    await stop();
    const report = await start();
    expect(report.retentionWarnings).toBe(0);
    expect(warnings()).toHaveLength(before);
  });
});

describe("when the retention period is over", () => {
  it("the start-up round deletes the edition's personal data, boards on disk and trail, noting that it was automatic", async () => {
    const runningTrail = listAuditEvents(running.id).length;
    expect(runningTrail).toBeGreaterThan(0);
    const warned = warnings().length;
    await stop();
    await moveSessionsInDataFile(ended.id, Date.parse(addDutchMonths(new Date(Date.now() - 40 * DAY_MS).toISOString(), -1)));
    // The start-up round did it: the round after it finds nothing left to delete.
    const report = await start();
    expect(report.deletions).toBe(0);

    const edition = getDb().data.editions.find((e) => e.id === ended.id)!;
    expect(edition.personalDataDeletedAt).not.toBeNull();
    expect(edition.anonymousCounts!.trios).toBeGreaterThan(0);
    expect(membersOf(ended.id)).toBe(0);
    expect(getDb().data.boards.filter((b) => b.editionId === ended.id)).toEqual([]);
    for (const dir of boardDirs[ended.id]) expect(existsSync(dir), dir).toBe(false);
    const trail = listAuditEvents(ended.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ kind: "personal-data.deleted", actorId: null });
    expect(trail[0].detail).toContain("automatisch na bewaartermijn");
    expect(warnings()).toHaveLength(warned);

    const client = await organiser();
    const log = visibleText(await (await client.get(`/beheer/edities/${ended.id}/logboek`)).text());
    expect(log).toContain("Systeem");
    expect(log).toContain("automatisch na bewaartermijn");
    const page = visibleText(await (await client.get(`/beheer/edities/${ended.id}`)).text());
    expect(page).toContain("De persoonsgegevens van deze editie zijn verwijderd op");
    expect(page).not.toContain("worden op");

    // Running (first session past, last to come) and unscheduled editions are left alone.
    for (const other of [running, unscheduled]) {
      expect(getDb().data.editions.find((e) => e.id === other.id)!.personalDataDeletedAt).toBeNull();
    }
    expect(listAuditEvents(running.id)).toHaveLength(runningTrail);
    for (const dir of boardDirs[running.id]) expect(existsSync(dir), dir).toBe(true);
  });
});
