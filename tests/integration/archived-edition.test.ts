/**
 * An archived edition is read-only everywhere: the case, the exercises, sharing and
 * leaving a trio are refused with 409 and a Dutch reason, over HTTP and over the
 * desk's socket, and nothing stored changes.
 */
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/data/db.server";
import { openDeskRun } from "~/features/exercises/desk.server";
import { setEditionArchived } from "~/features/programme/edition.server";
import type { Ack } from "~/realtime/events";
import { Client } from "../setup/http-client";
import { startTestServer, type TestServer } from "../setup/test-server";
import { visibleText } from "./helpers";

let server: TestServer;
let member: Client;
let trioId: string;
let sessionId: string;
let runId: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const login = server.boot.seeded.find((l) => l.role === "participant" && l.detail?.includes("Altena"))!;
  member = new Client(server.url);
  expect((await member.login(login.email, login.password)).status).toBe(302);
  trioId = getDb().data.trios.find((t) => t.municipality === "Altena")!.id;
  const session = [...getDb().data.sessions].sort((a, b) => a.number - b.number)[0];
  sessionId = session.id;
  const organiserId = getDb().data.users.find((u) => u.role === "organiser")!.id;
  runId = (await openDeskRun(session, organiserId)).id;
  await setEditionArchived(session.editionId, true);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe("an archived edition", () => {
  it("refuses every change of a member over HTTP with 409, storing nothing", async () => {
    const before = JSON.stringify(getDb().data);
    const attempts: Array<[string, Record<string, string>]> = [
      [
        `/trios/${trioId}/casus`,
        { intent: "save", title: "Nieuwe titel", question: "?", neighbourhood: "", involved: "", learningGoals: "" },
      ],
      [`/trios/${trioId}/organogram`, { intent: "answers" }],
      [`/trios/${trioId}/lokale-agenda`, { sessionId }],
      [`/trios/${trioId}/competenties`, { sessionId }],
      [`/trios/${trioId}`, { intent: "share", shareCase: "on" }],
      [`/trios/${trioId}/verlaten`, {}],
      [`/sessies/${sessionId}/schuifoefening`, { intent: "move", positioneringIntern: "80" }],
    ];
    for (const [path, fields] of attempts) {
      const res = await member.post(path, form(fields));
      expect(res.status, path).toBe(409);
      expect(visibleText(await res.text()), path).toContain("Deze editie is gearchiveerd");
    }
    expect(JSON.stringify(getDb().data)).toBe(before);
    // Reading stays possible.
    for (const path of [
      `/trios/${trioId}`,
      `/trios/${trioId}/casus`,
      `/trios/${trioId}/lokale-agenda`,
      `/sessies/${sessionId}/schuifoefening`,
    ]) {
      expect((await member.get(path)).status, path).toBe(200);
    }
  });

  it("refuses a desk move over the socket", async () => {
    const socket = io(server.url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie: member.cookieHeader, origin: server.url },
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("session:ready", () => resolve());
      socket.once("connect_error", reject);
    });
    const ack = (await socket
      .timeout(5000)
      .emitWithAck("desk:move", { exerciseId: runId, category: "communicatie", value: 90, baseVersion: 0 })) as Ack;
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.message).toContain("gearchiveerd");
    expect(getDb().data.deskAnswers.filter((a) => a.runId === runId)).toHaveLength(0);
  });
});
