import type { Server } from "socket.io";
import { getSingleton } from "~/utils/singleton.server";

/** The socket.io server attached by server.ts, reachable from loaders and actions. */
export function getIo(): Server | undefined {
  return getSingleton<Server>("io");
}

/** Ends the live connections of one login, e.g. at logout. */
export function disconnectSession(sessionId: string): void {
  getIo()?.in(`session:${sessionId}`).disconnectSockets(true);
}
