/* eslint-disable @typescript-eslint/no-explicit-any -- acks and broadcasts are read field by field against the contract */
/**
 * The live session over real socket.io clients: the facilitator's block reaches
 * every participant; the rules for questions, polls and check-in refuse in Dutch
 * and store nothing; a restart keeps the block, open polls, votes and questions.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { getUserByEmail } from "~/features/accounts/user.server";
import { newStickyNote } from "~/features/boards/board-elements";
import { getBoardRoom } from "~/features/boards/board-room.server";
import { domainInEdition, listBoardsOfSession } from "~/features/boards/board.server";
import { createPoll, listVotes } from "~/features/live/live-polls.server";
import { listLiveQuestions } from "~/features/live/live-questions.server";
import { getRunSheet } from "~/features/live/run-sheet.server";
import { listAttendanceOfSession } from "~/features/live/attendance.server";
import { listEditions } from "~/features/programme/edition.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import type { SeededLogin } from "~/features/setup/demo-seed.server";
import { Client } from "../setup/http-client";
import { connectTracked, type TrackedSocket } from "./helpers";
import { startTestServer, type TestServer } from "../setup/test-server";

type Ack = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
type Tracked = TrackedSocket;

const TIMEOUT_MS = 5_000;
let dataDir: string;
let server: TestServer;
let logins: SeededLogin[];
let sessionId: string;
let session2Id: string;
let sockets: Tracked[] = [];

function login(role: "organiser" | "participant" | "speaker", detail?: string, index = 0): SeededLogin {
  return logins.filter((l) => l.role === role && (!detail || l.detail?.includes(detail)))[index];
}

async function connectAs(who: SeededLogin): Promise<Tracked> {
  const client = new Client(server.url);
  expect((await client.login(who.email, who.password)).status).toBe(302);
  return connectTracked(server.url, client.cookieHeader, sockets);
}

function send(socket: Socket, event: string, payload?: unknown): Promise<Ack> {
  return socket.timeout(TIMEOUT_MS).emitWithAck(event, payload) as Promise<Ack>;
}

async function ok(socket: Socket, event: string, payload?: unknown): Promise<any> {
  const ack = await send(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error.message}`);
  return ack.data;
}

async function refused(socket: Socket, event: string, payload: unknown, message: RegExp): Promise<void> {
  const ack = await send(socket, event, payload);
  expect(ack.ok, `${event} should be refused`).toBe(false);
  if (!ack.ok) expect(ack.error.message).toMatch(message);
}

async function eventually(check: () => void, ms = TIMEOUT_MS): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const last = (socket: Tracked, event: string) => socket.received.filter((r) => r.event === event).at(-1)?.payload;
const snapshot = () =>
  JSON.stringify({ q: getDb().data.liveQuestions, p: getDb().data.livePolls, v: getDb().data.liveVotes, a: getDb().data.attendance });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-live-"));
  server = await startTestServer({ dataDir });
  logins = server.boot.seeded;
  [sessionId, session2Id] = listSessionsOfEdition(listEditions()[0].id).map((s) => s.id);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("live session", () => {
  let organiser: Tracked, speaker: Tracked, a1: Tracked, a2: Tracked, s1: Tracked;
  let questionId: string;
  let trioPollId: string;

  it("follows the facilitator's block; a participant cannot drive it", async () => {
    [organiser, speaker, a1, a2, s1] = await Promise.all([
      connectAs(login("organiser")),
      connectAs(login("speaker")),
      connectAs(login("participant", "Altena", 0)),
      connectAs(login("participant", "Altena", 1)),
      connectAs(login("participant", "Schiedam", 0)),
    ]);
    for (const socket of [organiser, speaker, a1, a2, s1]) {
      const join = await ok(socket, "live:join", { sessionId });
      expect(join.state.block).toBeNull();
      expect(join.state.blocks.map((b: any) => b.kind)).toEqual([
        "welkom",
        "spreker",
        "kennisuitwisseling",
        "pauze",
        "opdracht",
        "afsluiting",
      ]);
    }
    // The speaker of session 1 may not follow session 2's questions.
    await refused(speaker, "live:join", { sessionId: session2Id }, /andere spreker/);

    await refused(a1, "live:facilitate", { sessionId, action: "next" }, /Alleen begeleiders/);
    expect(getRunSheet(sessionId)).toBeNull();

    await ok(organiser, "live:facilitate", { sessionId, action: "next" });
    for (const socket of [a1, a2, s1, speaker, organiser])
      await eventually(() => expect(last(socket, "live:block")?.block?.kind).toBe("welkom"));
    const state = await ok(organiser, "live:facilitate", { sessionId, action: "next" });
    expect(state.block.kind).toBe("spreker");
    await eventually(() => expect(last(a1, "live:block")?.index).toBe(1));
  });

  it("questions: hostile text stays text, anonymous to participants only, one upvote each, never one's own", async () => {
    const hostile = `<img src=x onerror="alert(1)"> =HYPERLINK("x")`;
    const asked = await ok(a1, "live:ask", { sessionId, text: hostile, anonymous: true });
    questionId = asked.id;
    expect(listLiveQuestions(sessionId).find((q) => q.id === questionId)!.text).toBe(hostile);
    await eventually(() => expect(last(s1, "live:questions")?.questions?.[0]?.text).toBe(hostile));
    expect(last(s1, "live:questions").questions[0].author).toBeNull();
    expect(last(speaker, "live:questions").questions[0].author).toBeNull();
    await eventually(() => expect(last(organiser, "live:questions")?.questions?.[0]?.author).toBe(login("participant", "Altena", 0).name));

    const before = snapshot();
    await refused(a1, "live:upvote", { questionId }, /eigen vraag/);
    await refused(organiser, "live:ask", { sessionId, text: "Mag ik?", anonymous: false }, /Alleen deelnemers/);
    await refused(speaker, "live:upvote", { questionId }, /Alleen deelnemers/);
    await refused(a1, "live:ask", { sessionId, text: "   ", anonymous: false }, /Schrijf je vraag op/);
    expect(snapshot()).toBe(before);

    expect((await ok(s1, "live:upvote", { questionId })).upvotes).toBe(1);
    await refused(s1, "live:upvote", { questionId }, /al gesteund/);
    expect((await ok(a2, "live:upvote", { questionId })).upvotes).toBe(2);
    await eventually(() => expect(last(a1, "live:questions")?.questions?.[0]?.upvotes).toBe(2));
    expect(listLiveQuestions(sessionId).find((q) => q.id === questionId)!.upvoterIds).toHaveLength(2);
  });

  it("the speaker marks answered and hides; participants cannot, and a hidden question leaves their list", async () => {
    await refused(a2, "live:moderate", { questionId, action: "hide" }, /spreker en de begeleiders/);
    await ok(speaker, "live:moderate", { questionId, action: "answer" });
    await eventually(() => expect(last(s1, "live:questions")?.questions?.[0]?.answered).toBe(true));
    const other = await ok(s1, "live:ask", { sessionId, text: "Hoe begin je?", anonymous: false });
    await ok(organiser, "live:moderate", { questionId: other.id, action: "hide" });
    await eventually(() => expect(last(a1, "live:questions")?.removed).toContain(other.id));
    await refused(a1, "live:upvote", { questionId: other.id }, /verborgen/);
    const join = await ok(a1, "live:join", { sessionId });
    expect(join.questions.map((q: any) => q.id)).toEqual([questionId]);
    expect(join.upvoted).toEqual([]);
  });

  it("polls: one answer per trio, results hidden until revealed, nothing after closing, a flood is refused", async () => {
    const poll = await createPoll(
      sessionId,
      { kind: "agree", question: "Wijkgericht werken staat in ons organogram", options: [], per: "trio", blockId: null },
      "x",
    );
    trioPollId = poll.id;
    await refused(a1, "live:vote", { pollId: poll.id, choice: 1 }, /niet open/);
    await refused(a1, "live:facilitate", { sessionId, action: "open", pollId: poll.id }, /Alleen begeleiders/);
    await ok(organiser, "live:facilitate", { sessionId, action: "open", pollId: poll.id });
    await eventually(() => expect(last(a1, "live:poll")?.poll?.state).toBe("open"));

    // Two members of one trio at once: exactly one counts.
    const [x, y] = await Promise.all([
      send(a1, "live:vote", { pollId: poll.id, choice: 3 }),
      send(a2, "live:vote", { pollId: poll.id, choice: 0 }),
    ]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    const rejected = (x.ok ? y : x) as Extract<Ack, { ok: false }>;
    expect(rejected.error.message).toBe("Jullie trio heeft al geantwoord op deze peiling.");
    await refused(a1, "live:vote", { pollId: poll.id, choice: 2 }, /al geantwoord/);
    await refused(organiser, "live:vote", { pollId: poll.id, choice: 2 }, /Alleen deelnemers/);
    await refused(s1, "live:vote", { pollId: poll.id, choice: 9 }, /Kies een van de antwoorden/);
    expect(listVotes(poll.id)).toHaveLength(1);

    // Flood from one socket: the per-socket budget refuses most; one answer is stored at most.
    const flood = await Promise.all(Array.from({ length: 30 }, () => send(s1, "live:vote", { pollId: poll.id, choice: 4 })));
    expect(flood.filter((a) => !a.ok && a.error.code === "rate_limited").length).toBeGreaterThan(20);
    expect(flood.filter((a) => a.ok)).toHaveLength(1);
    expect(listVotes(poll.id)).toHaveLength(2);

    await eventually(() => expect(last(organiser, "live:tally")?.responses).toBe(2));
    expect(last(organiser, "live:tally").results.counts.reduce((n: number, c: number) => n + c, 0)).toBe(2);
    expect(last(a1, "live:tally").results).toBeNull();
    await ok(organiser, "live:facilitate", { sessionId, action: "reveal", pollId: poll.id });
    await eventually(() => expect(last(a1, "live:poll")?.poll?.results?.counts?.[4]).toBe(1));
  });

  it("word cloud answers are stored as text; closing refuses further answers", async () => {
    const words = await createPoll(
      sessionId,
      { kind: "words", question: "Eén woord voor je wijk", options: [], per: "person", blockId: null },
      "x",
    );
    await ok(organiser, "live:facilitate", { sessionId, action: "open", pollId: words.id });
    await ok(a1, "live:vote", { pollId: words.id, words: "<script>x</script>" });
    await ok(organiser, "live:facilitate", { sessionId, action: "close", pollId: words.id });
    const before = snapshot();
    await refused(a2, "live:vote", { pollId: words.id, words: "te laat" }, /niet open/);
    expect(snapshot()).toBe(before);
    expect(listVotes(words.id)[0].words).toBe("<script>x</script>");
  });

  it("prepared polls: per block, checked in Dutch, changeable until opened, opened with one post; participants cannot prepare", async () => {
    const editionId = listEditions()[0].id;
    const runSheet = `/beheer/edities/${editionId}/sessies/${sessionId}/draaiboek`;
    const organiserHttp = new Client(server.url);
    await organiserHttp.login(login("organiser").email, login("organiser").password);
    const participantHttp = new Client(server.url);
    await participantHttp.login(login("participant", "Altena", 0).email, login("participant", "Altena", 0).password);
    const block = getRunSheet(sessionId)!.blocks.find((b) => b.kind === "kennisuitwisseling")!;
    const prepare = (client: Client, fields: Record<string, string>) =>
      client.post(runSheet, { intent: "poll", blockId: block.id, kind: "choice", per: "person", ...fields });

    const before = snapshot();
    let response = await prepare(organiserHttp, { question: "  ", options: "Alleen ja" });
    expect(response.status).toBe(400);
    let page = await response.text();
    expect(page).toContain("Schrijf de vraag op.");
    expect(page).toContain("Geef bij meerkeuze minstens twee antwoorden");
    response = await prepare(organiserHttp, { question: "x".repeat(301), options: `Ja\n${"n".repeat(121)}` });
    page = await response.text();
    expect(response.status).toBe(400);
    expect(page).toContain("Houd de vraag korter dan 300 tekens.");
    expect(page).toContain("Houd elk antwoord korter dan 120 tekens.");
    response = await prepare(organiserHttp, { question: "Welke schuif?", options: "Ja\nNee", blockId: "bestaat-niet" });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("staat niet (meer) in het draaiboek");
    response = await prepare(participantHttp, { question: "Mag ik ook?", options: "Ja\nNee" });
    expect(response.status).toBe(403);
    expect(snapshot()).toBe(before);

    response = await prepare(organiserHttp, { question: "Waar staat jullie wijkaanpak?", options: "Intern\nBewoners\nBestuur" });
    expect(response.status).toBe(200);
    const prepared = getDb().data.livePolls.find((p) => p.question === "Waar staat jullie wijkaanpak?")!;
    expect(prepared).toMatchObject({ blockId: block.id, state: "draft", options: ["Intern", "Bewoners", "Bestuur"] });
    await eventually(() =>
      expect(last(organiser, "live:poll")?.poll).toMatchObject({ id: prepared.id, blockId: block.id, state: "draft" }),
    );
    // A draft stays with the organisers and the speaker.
    await eventually(() => expect(last(speaker, "live:poll")?.poll?.id).toBe(prepared.id));
    expect(a1.received.some((r) => r.event === "live:poll" && r.payload.poll.id === prepared.id)).toBe(false);

    response = await organiserHttp.post(runSheet, {
      intent: "poll-edit",
      pollId: prepared.id,
      kind: "agree",
      question: "Onze wijkaanpak staat in het organogram",
      per: "trio",
    });
    expect(response.status).toBe(200);
    expect(getDb().data.livePolls.find((p) => p.id === prepared.id)).toMatchObject({
      kind: "agree",
      per: "trio",
      blockId: block.id,
      options: ["Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens"],
    });
    const spare = await createPoll(sessionId, { kind: "words", question: "Reserve", options: [], per: "person", blockId: block.id }, "x");
    expect((await participantHttp.post(runSheet, { intent: "poll-remove", pollId: spare.id })).status).toBe(403);
    expect((await organiserHttp.post(runSheet, { intent: "poll-remove", pollId: spare.id })).status).toBe(200);
    expect(getDb().data.livePolls.some((p) => p.id === spare.id)).toBe(false);
    await eventually(() => expect(last(organiser, "live:poll-removed")).toEqual({ sessionId, pollId: spare.id }));
    expect(a1.received.some((r) => r.event === "live:poll-removed")).toBe(false);

    // While its block runs, one post opens it; it reaches the participants with its block.
    await ok(organiser, "live:facilitate", { sessionId, action: "start", blockId: block.id });
    expect((await organiserHttp.post(runSheet, { intent: "poll-state", pollId: prepared.id, change: "open" })).status).toBe(200);
    await eventually(() => expect(last(a1, "live:poll")?.poll).toMatchObject({ id: prepared.id, state: "open", blockId: block.id }));
    await ok(a1, "live:vote", { pollId: prepared.id, choice: 3 });

    // Opened: no more changes, and nothing is lost.
    const opened = snapshot();
    response = await organiserHttp.post(runSheet, {
      intent: "poll-edit",
      pollId: prepared.id,
      kind: "words",
      question: "Anders",
      per: "person",
    });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("al geopend");
    expect((await organiserHttp.post(runSheet, { intent: "poll-remove", pollId: prepared.id })).status).toBe(409);
    expect(snapshot()).toBe(opened);
    expect(listVotes(prepared.id)).toHaveLength(1);
    await ok(organiser, "live:facilitate", { sessionId, action: "start", blockId: getRunSheet(sessionId)!.blocks[1].id });
  });

  it("check-in: a wrong code and another session's code are refused; the projector's code works", async () => {
    const code = getRunSheet(sessionId)!.checkInCode;
    await ok(organiser, "live:join", { sessionId: session2Id });
    await ok(organiser, "live:facilitate", { sessionId: session2Id, action: "stop" });
    const otherCode = getRunSheet(session2Id)!.checkInCode;
    const before = snapshot();
    await refused(a1, "live:check-in", { sessionId, code: "ZZZZZ" }, /code klopt niet/);
    await refused(a1, "live:check-in", { sessionId, code: otherCode }, /andere bijeenkomst/);
    await refused(a1, "live:check-in", { sessionId: session2Id }, /Inchecken kan zodra/);
    await refused(organiser, "live:check-in", { sessionId }, /Alleen deelnemers/);
    expect(snapshot()).toBe(before);
    await ok(a1, "live:check-in", { sessionId, code: code.toLowerCase() });
    await ok(s1, "live:check-in", { sessionId });
    expect(
      listAttendanceOfSession(sessionId)
        .map((a) => a.source)
        .sort(),
    ).toEqual(["code", "session"]);
  });

  it("presence: an open presence list hears of check-ins and corrections; nobody else does", async () => {
    const editionId = listEditions()[0].id;
    const watched = await ok(organiser, "live:presence-watch", { editionId });
    expect(watched.lists[0].rows.filter((r: any) => r.present)).toHaveLength(2);
    await refused(a2, "live:presence-watch", { editionId }, /geen toegang/);
    await refused(speaker, "live:presence-watch", { editionId }, /geen toegang/);
    await refused(organiser, "live:presence-watch", { editionId: "onbekend" }, /bestaat niet/);

    const anna = login("participant", "Altena", 1);
    await ok(a2, "live:check-in", { sessionId });
    await eventually(() =>
      expect(last(organiser, "live:presence")).toMatchObject({
        editionId,
        sessionId,
        sessionNumber: 1,
        userId: expect.any(String),
        name: anna.name,
        present: true,
        source: "session",
        byName: anna.name,
      }),
    );

    // Another organiser's correction (a form post) reaches the open list too.
    const http = new Client(server.url);
    await http.login(login("organiser").email, login("organiser").password);
    const userId = last(organiser, "live:presence").userId;
    const response = await http.post(`/beheer/edities/${editionId}/aanwezigheid`, { intent: "presence", sessionId, userId, present: "no" });
    expect(response.status).toBe(200);
    await eventually(() =>
      expect(last(organiser, "live:presence")).toMatchObject({
        userId,
        present: false,
        source: "organiser",
        byName: login("organiser").name,
      }),
    );
    for (const socket of [a1, a2, s1, speaker]) expect(socket.received.some((r) => r.event === "live:presence")).toBe(false);

    // After unwatching, the organiser hears no more.
    await ok(organiser, "live:presence-unwatch", { editionId });
    const heard = organiser.received.filter((r) => r.event === "live:presence").length;
    await ok(a2, "live:check-in", { sessionId });
    await ok(organiser, "live:join", { sessionId });
    expect(organiser.received.filter((r) => r.event === "live:presence").length).toBe(heard);
  });

  it("the projector's screen room: the plenary board as a picture without private notes, only for live.project", async () => {
    const editionId = listEditions()[0].id;
    await refused(a1, "live:join", { sessionId, screen: true }, /scherm voor de zaal/);
    const join = await ok(speaker, "live:join", { sessionId, screen: true });
    expect(join.screen).toEqual({ board: null, desks: null });

    const exchange = getRunSheet(sessionId)!.blocks.find((b) => b.kind === "kennisuitwisseling")!;
    await ok(organiser, "live:facilitate", { sessionId, action: "start", blockId: exchange.id });
    await eventually(() => expect(last(speaker, "live:screen-board")?.board?.title).toBeTruthy());

    const board = (await listBoardsOfSession(sessionId)).find((b) => b.scope === "plenary")!;
    const author = getUserByEmail(login("participant", "Altena", 0).email)!;
    const note = (text: string) =>
      newStickyNote({ x: 0, y: 0, text, author: { id: author.id, name: author.name, domain: domainInEdition(author.id, editionId) } });
    const secret = note("Geheim idee").map((e) => ({ ...e, customData: { ...e.customData, privateTo: author.id } }));
    const elements = [...note("Openbaar idee"), ...secret];
    const room = await getBoardRoom(board);
    for (const element of elements) room.store.apply(element);
    room.broadcast(elements, await room.store.commit({ elements }));
    await eventually(() => expect(last(speaker, "live:screen-board")?.board?.summary).toMatch(/^1 notitie/));
    const picture = decodeURIComponent(last(speaker, "live:screen-board").board.picture);
    expect(picture).toContain("Openbaar idee");
    expect(picture).not.toContain("Geheim idee");
    for (const socket of [a1, organiser]) expect(socket.received.some((r) => r.event.startsWith("live:screen-"))).toBe(false);

    // Leaving stops the screen room; the rest of the session carries on.
    await ok(speaker, "live:leave", { sessionId });
    await ok(organiser, "live:facilitate", { sessionId, action: "start", blockId: getRunSheet(sessionId)!.blocks[1].id });
  });

  it("a restart mid-session keeps the block, the open poll and its votes, and the questions", async () => {
    const open = await createPoll(
      sessionId,
      { kind: "choice", question: "Welke schuif?", options: ["Intern", "Bewoners"], per: "person", blockId: null },
      "x",
    );
    await ok(organiser, "live:facilitate", { sessionId, action: "open", pollId: open.id });
    await ok(a1, "live:vote", { pollId: open.id, choice: 1 });
    for (const socket of sockets) socket.disconnect();
    sockets = [];
    await server.stop();
    server = await startTestServer({ dataDir });

    const participant = await connectAs(login("participant", "Altena", 1));
    const join = await ok(participant, "live:join", { sessionId });
    expect(join.state.block.kind).toBe("spreker");
    const poll = join.polls.find((p: any) => p.id === open.id);
    expect(poll.state).toBe("open");
    expect(poll.responses).toBe(1);
    expect(join.questions.map((q: any) => q.id)).toEqual([questionId]);
    expect(join.answered).toContain(trioPollId);
    // The person who voted before the restart still cannot vote twice.
    const voter = await connectAs(login("participant", "Altena", 0));
    await ok(voter, "live:join", { sessionId });
    await refused(voter, "live:vote", { pollId: open.id, choice: 0 }, /al geantwoord/);
    await ok(participant, "live:vote", { pollId: open.id, choice: 0 });
    expect(listVotes(open.id)).toHaveLength(2);
  });
});
