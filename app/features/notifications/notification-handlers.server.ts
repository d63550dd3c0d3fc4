import { z } from "zod";
import { countUnread } from "./notification.server";
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
