/** Homework realtime event names, shared by server and browser (docs/realtime.md, "Homework"). */
export const HomeworkEvent = {
  /** client → server: ack { count } of the user's unread notifications. */
  unreadCount: "notifications:count",
  /** server → client (room user:<id>): { count } whenever it changes. */
  unread: "notifications:unread",
} as const;
