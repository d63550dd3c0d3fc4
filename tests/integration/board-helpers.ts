/**
 * Helpers for the whiteboard tests: logins, real socket.io clients, elements.
 * (Not a test file itself: vitest only collects *.test.ts.)
 */
import { randomInt } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { expect } from "vitest";
import type { BoardElement, BoardState, JoinAck } from "~/features/boards/board-protocol";
import { SESSION_COOKIE_NAME } from "~/utils/auth-config.server";
import { Client } from "../setup/http-client";

export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
export type Person = { cookie: string; email: string };
export type BoardSocket = Socket & {
  deltas: Array<{ seq: number; elements: BoardElement[] }>;
  events: Array<{ event: string; args: unknown[] }>;
};

export const ACK_TIMEOUT_MS = 10_000;

export async function login(baseUrl: string, email: string, password: string): Promise<Person> {
  const client = new Client(baseUrl);
  const res = await client.login(email, password);
  expect(res.status).toBe(302);
  expect(client.cookies.has(SESSION_COOKIE_NAME)).toBe(true);
  return { cookie: client.cookieHeader, email };
}

export function connectBoardSocket(baseUrl: string, person: Person, options: { reconnection?: boolean } = {}): Promise<BoardSocket> {
  const socket = io(baseUrl, {
    transports: ["websocket"],
    extraHeaders: { cookie: person.cookie, origin: baseUrl },
    forceNew: true,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    timeout: ACK_TIMEOUT_MS,
  }) as BoardSocket;
  socket.deltas = [];
  socket.events = [];
  socket.on("board:delta", (delta: { seq: number; elements: BoardElement[] }) => socket.deltas.push(delta));
  socket.onAny((event: string, ...args: unknown[]) => socket.events.push({ event, args }));
  return new Promise((resolve, reject) => {
    socket.once("session:ready", () => resolve(socket));
    socket.once("connect_error", (error) => reject(new Error(`connect_error: ${error.message}`)));
  });
}

export function send<T = unknown>(socket: Socket, event: string, ...args: unknown[]): Promise<Ack<T>> {
  return socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, ...args) as Promise<Ack<T>>;
}

export function okData<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

export async function fetchState(baseUrl: string, person: Person, boardId: string): Promise<Response> {
  return fetch(`${baseUrl}/borden/${boardId}/staat`, { headers: { cookie: person.cookie, "accept-encoding": "gzip" } });
}

/** Joins and loads the state, as a client does. */
export async function joinBoard(
  baseUrl: string,
  person: Person,
  socket: Socket,
  boardId: string,
): Promise<{ ack: JoinAck; state: BoardState }> {
  const ack = okData(await send<JoinAck>(socket, "board:join", { boardId }));
  const res = await fetchState(baseUrl, person, boardId);
  expect(res.status).toBe(200);
  return { ack, state: (await res.json()) as BoardState };
}

let counter = 0;
/** A sticky-note-like rectangle (valid Excalidraw fields). */
export function rectangle(overrides: Partial<BoardElement> & Record<string, unknown> = {}): BoardElement {
  counter++;
  return {
    id: `el-${process.pid}-${counter}-${randomInt(1e9)}`,
    type: "rectangle",
    x: randomInt(1000),
    y: randomInt(1000),
    width: 200,
    height: 120,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "#ffe08a",
    fillStyle: "solid",
    strokeWidth: 1,
    strokeStyle: "solid",
    roughness: 0,
    opacity: 100,
    groupIds: [],
    frameId: null,
    roundness: null,
    seed: randomInt(1, 2 ** 31 - 1),
    version: 1,
    versionNonce: randomInt(1, 2 ** 31 - 1),
    isDeleted: false,
    boundElements: null,
    updated: Date.now(),
    link: null,
    locked: false,
    ...overrides,
  } as BoardElement;
}

/** The next version of an element, as a client makes it. */
export function edited(element: BoardElement, changes: Record<string, unknown> = {}): BoardElement {
  return { ...element, ...changes, version: element.version + 1, versionNonce: randomInt(1, 2 ** 31 - 1) } as BoardElement;
}

export function waitFor(condition: () => boolean, what: string, ms = ACK_TIMEOUT_MS): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (condition()) return resolve();
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}
