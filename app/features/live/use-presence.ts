/**
 * An open presence list follows check-ins and other organisers' corrections over
 * the tab's one socket (`live:presence-watch`, then `live:presence`), and says
 * each change politely ("Anna de Vries is aangemeld bij bijeenkomst 1.").
 */
import { useEffect, useState } from "react";
import { useAnnounce } from "~/components/live-announcer";
import type { Ack } from "~/realtime/events";
import { listen } from "~/realtime/server-events";
import { useSocket } from "~/realtime/socket-provider";
import { LiveEvent, type PresenceSource, type PresenceUpdate } from "./live-protocol";

export type PresenceRow = { userId: string; name: string; trio: string; present: boolean; source: PresenceSource | null };
export type PresenceList = { session: { id: string; number: number; title: string }; rows: PresenceRow[] };

export function presenceMessage(update: PresenceUpdate): string {
  const where = `bij bijeenkomst ${update.sessionNumber}`;
  if (update.source !== "organiser") return `${update.name} is aangemeld ${where}.`;
  return `${update.byName || "Een begeleider"} heeft ${update.name} ${update.present ? "aanwezig" : "afwezig"} gemeld ${where}.`;
}

export function applyPresence(lists: PresenceList[], update: PresenceUpdate): PresenceList[] {
  return lists.map((list) =>
    list.session.id !== update.sessionId
      ? list
      : {
          ...list,
          rows: list.rows.map((row) => (row.userId === update.userId ? { ...row, present: update.present, source: update.source } : row)),
        },
  );
}

export function usePresence(editionId: string, initial: PresenceList[], viewerId: string) {
  const socket = useSocket();
  const announce = useAnnounce();
  const [lists, setLists] = useState(initial);

  // New loader data (after this organiser's own correction) replaces the lists.
  useEffect(() => setLists(initial), [initial]);

  useEffect(() => {
    if (!socket) return;
    const watch = () =>
      socket.emit(LiveEvent.presenceWatch, { editionId }, (ack: Ack<{ lists: PresenceList[] }>) => {
        if (ack.ok) setLists(ack.data.lists);
      });
    const stop = listen(socket, LiveEvent.presence, (update) => {
      if (update.editionId !== editionId) return;
      setLists((current) => applyPresence(current, update));
      // Your own correction is confirmed on the page already.
      if (update.byId !== viewerId || update.source !== "organiser")
        announce(presenceMessage(update), { group: "presence", summary: (count) => `${count} wijzigingen in de aanwezigheid.` });
    });
    socket.on("connect", watch);
    if (socket.connected) watch();
    return () => {
      stop();
      socket.off("connect", watch);
      if (socket.connected) socket.emit(LiveEvent.presenceUnwatch, { editionId });
    };
  }, [socket, editionId, viewerId, announce]);

  return lists;
}
