/**
 * Every feature's realtime handlers, in one table for the hub. A feature adds one
 * import and one spread here; names must not collide (checked at start).
 */
import { boardDisconnectHooks, boardHandlers } from "~/features/boards/board-handlers.server";
import { deskDisconnectHooks, deskHandlers } from "~/features/exercises/desk-handlers.server";
import { liveHandlers } from "~/features/live/live-handlers.server";
import { pushLive } from "~/features/live/live-push.server";
import { pushScreen } from "~/features/live/live-screen.server";
import { homeworkHandlers, pushUnreadCounts } from "~/features/notifications/notification-handlers.server";
import { coreHandlers } from "./core-handlers.server";
import type { Server } from "socket.io";
import type { Announcement } from "~/utils/announcements.server";
import type { DisconnectHook, HandlerTable } from "./registry.server";

function merge(...tables: HandlerTable[]): HandlerTable {
  const all: HandlerTable = Object.create(null);
  for (const table of tables) {
    for (const [name, definition] of Object.entries(table)) {
      if (Object.hasOwn(all, name)) throw new Error(`Realtime event ${name} is defined twice`);
      all[name] = definition;
    }
  }
  return all;
}

export const handlers: HandlerTable = merge(coreHandlers, homeworkHandlers, boardHandlers, deskHandlers, liveHandlers);
export const disconnectHooks: DisconnectHook[] = [...boardDisconnectHooks, ...deskDisconnectHooks];

/** What each feature pushes when a model announces a change (app/utils/announcements.server.ts). */
export const announcementPushers: ((io: Server, announcement: Announcement) => void)[] = [pushUnreadCounts, pushLive, pushScreen];
