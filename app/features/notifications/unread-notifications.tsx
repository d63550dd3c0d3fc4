import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useAnnounce } from "~/components/live-announcer";
import { useSocket } from "~/realtime/socket-provider";
import { HomeworkEvent } from "./notification-events";

export function unreadLabel(count: number): string {
  return count === 1 ? "1 ongelezen melding" : `${count} ongelezen meldingen`;
}

/**
 * The header's link to the notifications page with the unread count, kept live
 * over the tab's shared socket: the server pushes the new count to the user's room.
 */
export function UnreadNotifications({ initialCount }: { initialCount: number }) {
  const [count, setCount] = useState(initialCount);
  useEffect(() => setCount(initialCount), [initialCount]);
  // The counter speaks when it goes up while the page is open (WCAG 4.1.3), through the one live region.
  const announce = useAnnounce();
  const shown = useRef(initialCount);
  useEffect(() => {
    if (count > shown.current) announce(`Nieuwe melding: ${unreadLabel(count)}.`, { group: "unread" });
    shown.current = count;
  }, [count, announce]);
  const socket = useSocket();
  useEffect(() => {
    if (!socket) return;
    const update = (payload: { count?: unknown }) => {
      if (typeof payload?.count === "number") setCount(payload.count);
    };
    // Asked on every (re)connect: pushes sent while disconnected are lost.
    const ask = () => {
      socket.emit(HomeworkEvent.unreadCount, {}, (ack: { ok: boolean; data?: { count: number } }) => {
        if (ack?.ok && ack.data) update(ack.data);
      });
    };
    socket.on(HomeworkEvent.unread, update);
    socket.on("connect", ask);
    if (socket.connected) ask();
    return () => {
      socket.off(HomeworkEvent.unread, update);
      socket.off("connect", ask);
    };
  }, [socket]);
  return (
    <Link
      to="/meldingen"
      className="button button--quiet"
      aria-label={count > 0 ? `Meldingen: ${unreadLabel(count)}` : "Meldingen: geen ongelezen meldingen"}
    >
      Meldingen{" "}
      {count > 0 ? (
        <span className="notification-count" aria-hidden="true">
          {count}
        </span>
      ) : null}
    </Link>
  );
}
