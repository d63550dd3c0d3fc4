import { HomeworkEvent } from "./notification-events";
import { mailNotification } from "./notification-mail.server";
import { announce } from "~/utils/announcements.server";
import { getSingleton } from "~/utils/singleton.server";
import { getDb } from "~/data/db.server";
import { groupedBy } from "~/data/indexes.server";

const notificationsOfUser = groupedBy("notifications", (n) => n.userId);
import type { Notification } from "~/data/homework-schema.server";
import { newId, nowIso } from "~/data/ids.server";

export type { Notification };

/** Pushed to the `user:<id>` room whenever that user's unread count changes. */
export const UNREAD_EVENT = HomeworkEvent.unread;

export function listNotifications(userId: string, limit = 100): Notification[] {
  return [...notificationsOfUser(userId)].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
}

export function countUnread(userId: string): number {
  return notificationsOfUser(userId).reduce((count, n) => count + (n.readAt ? 0 : 1), 0);
}

/** One notification per user; the realtime layer then pushes the new unread count to their open tabs. */
export async function notifyUsers(userIds: string[], input: Pick<Notification, "kind" | "title" | "href">): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const createdAt = nowIso();
  await getDb().change((data) => {
    data.notifications.push(...unique.map((userId) => ({ id: newId(), userId, ...input, createdAt, readAt: null })));
  });
  announce({ kind: "unread", userIds: unique });
  await mailNotification(unique, input);
}

/** Marks all (or the given) notifications of the user read. */
export async function markRead(userId: string, ids?: string[]): Promise<number> {
  const now = nowIso();
  const changed = await getDb().change((data) => {
    let count = 0;
    data.notifications = data.notifications.map((n) => {
      if (n.userId !== userId || n.readAt || (ids && !ids.includes(n.id))) return n;
      count++;
      return { ...n, readAt: now };
    });
    return count;
  });
  if (changed) announce({ kind: "unread", userIds: [userId] });
  return changed;
}

/**
 * Material published now is announced at once: this asks the running scheduler
 * (app/features/homework/homework-scheduler.server.ts) for a tick instead of waiting up to a
 * minute. Material published for later is announced by the tick after its time.
 */
export function announceMaterialSoon<T>(value: T): T {
  void getSingleton<{ tick: () => Promise<unknown> }>("homework-scheduler")
    ?.tick()
    .catch(() => undefined);
  return value;
}
