import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb, openDatabase } from "~/data/db.server";
import { byId, groupedBy } from "~/data/indexes.server";
import { countUnread, listNotifications, markRead, notifyUsers } from "~/features/notifications/notification.server";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "werkplaats-indexes-"));
  await openDatabase(dataDir);
});
afterAll(async () => {
  await closeDatabase();
  await rm(dataDir, { recursive: true, force: true });
});

const notification = (id: string, userId: string) => ({
  id,
  userId,
  kind: "feedback" as const,
  title: "t",
  href: "/",
  createdAt: new Date().toISOString(),
  readAt: null,
});

describe("indexes over the store", () => {
  it("follow every change: pushes, replaced records and replaced arrays", async () => {
    const ofUser = groupedBy("notifications", (n) => n.userId);
    const byNotificationId = byId("notifications");
    expect(ofUser("u1")).toEqual([]);
    await getDb().change((data) => {
      data.notifications.push(notification("n1", "u1"), notification("n2", "u2"), notification("n3", "u1"));
    });
    expect(ofUser("u1").map((n) => n.id)).toEqual(["n1", "n3"]);
    expect(byNotificationId("n2")?.userId).toBe("u2");
    await getDb().change((data) => {
      data.notifications[0] = { ...data.notifications[0], userId: "u2" };
    });
    expect(ofUser("u1").map((n) => n.id)).toEqual(["n3"]);
    expect(ofUser("u2").map((n) => n.id)).toEqual(["n1", "n2"]);
    await getDb().change((data) => {
      data.notifications = data.notifications.filter((n) => n.id !== "n3");
    });
    expect(ofUser("u1")).toEqual([]);
    expect(byNotificationId("n3")).toBeNull();
  });

  it("are current inside change listeners", async () => {
    const ofUser = groupedBy("notifications", (n) => n.userId);
    let seen = -1;
    const off = getDb().onChange(() => (seen = ofUser("listener").length));
    await getDb().change((data) => {
      data.notifications.push(notification("l1", "listener"));
    });
    off();
    expect(seen).toBe(1);
  });

  it("give the unread count and list of one user only", async () => {
    await notifyUsers(["a", "b"], { kind: "reply", title: "x", href: "/" });
    await notifyUsers(["a"], { kind: "reply", title: "y", href: "/" });
    expect(countUnread("a")).toBe(2);
    expect(countUnread("b")).toBe(1);
    await markRead("a");
    expect(countUnread("a")).toBe(0);
    expect(countUnread("b")).toBe(1);
    expect(
      listNotifications("a")
        .map((n) => n.title)
        .sort(),
    ).toEqual(["x", "y"]);
  });
});
