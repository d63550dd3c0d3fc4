import { getSingleton } from "~/utils/singleton.server";
import type { AppServer } from "./registry.server";

/** The socket.io server attached by server.ts, reachable from loaders and actions; its emits are typed per event. */
export function getIo(): AppServer | undefined {
  return getSingleton<AppServer>("io");
}

/** Ends the live connections of one login, e.g. at logout. */
export function disconnectSession(sessionId: string): void {
  getIo()?.in(`session:${sessionId}`).disconnectSockets(true);
}
