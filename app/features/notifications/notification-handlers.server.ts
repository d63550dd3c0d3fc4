import { z } from "zod";
import type { Server } from "socket.io";
import type { Announcement } from "~/utils/announcements.server";
import { countUnread, UNREAD_EVENT } from "./notification.server";
import { defineHandler, type HandlerTable } from "~/realtime/registry.server";
import { HomeworkEvent } from "./notification-events";

/**
 * Homework and notification events (issue 5). The server pushes
 * `notifications:unread` { count } to `user:<id>` whenever the count changes
 * (app/features/notifications/notification.server.ts); a tab that (re)connects asks for it here.
 */
export const homeworkHandlers: HandlerTable = {
  [HomeworkEvent.unreadCount]: defineHandler({
    schema: z.union([z.undefined(), z.object({}).strict()]),
    handle: (_socket, user) => ({ count: countUnread(user.id) }),
  }),
};

/** Pushes the new unread count to every open tab of the users a model announced. */
export function pushUnreadCounts(io: Server, announcement: Announcement): void {
  if (announcement.kind !== "unread") return;
  for (const userId of new Set(announcement.userIds)) io.to(`user:${userId}`).emit(UNREAD_EVENT, { count: countUnread(userId) });
}
