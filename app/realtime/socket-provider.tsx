/**
 * The one socket.io connection of a tab (the "portal" of Excalidraw's collab code):
 * opened in app/root.tsx while someone is logged in, shared by everything live on
 * the page (the header's unread counter, a board, the desk) through `useSocket()`,
 * and closed at logout or when the tab goes. Consumers add their listeners and
 * remove them again; they never connect or disconnect it themselves.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { io } from "socket.io-client";
import { HANDSHAKE_REFUSED, HANDSHAKE_RETRY_MS, REALTIME_PROTOCOL_VERSION, ServerEvent, type SessionReady } from "./events";
import type { ClientSocket } from "./server-events";

export type { ClientSocket };

type Realtime = { socket: ClientSocket | null; outdated: boolean };

const RealtimeContext = createContext<Realtime>({ socket: null, outdated: false });

/** The tab's socket, or null while nobody is logged in (and during server rendering). */
export function useSocket(): ClientSocket | null {
  return useContext(RealtimeContext).socket;
}

/** A `session:ready` from a server that speaks another version of the contract (a tab from before a deploy). */
export function isOutdated(ready: Partial<SessionReady> | undefined): boolean {
  return ready?.protocol !== REALTIME_PROTOCOL_VERSION;
}

export function SocketProvider({ userId, children }: { userId: string | null; children: ReactNode }) {
  const [realtime, setRealtime] = useState<Realtime>({ socket: null, outdated: false });

  useEffect(() => {
    if (!userId) return;
    // Websocket first: one connection, no long-polling requests before the upgrade.
    const socket: ClientSocket = io({ transports: ["websocket", "polling"], withCredentials: true });
    let retry: ReturnType<typeof setTimeout> | null = null;
    let pausedOffline = false;

    socket.on(ServerEvent.ready, (ready) => {
      if (!isOutdated(ready)) return;
      // Its messages may no longer mean what this page thinks: stop talking until reloaded.
      setRealtime({ socket, outdated: true });
      socket.disconnect();
    });
    socket.on("connect_error", (error) => {
      // socket.io does not retry a handshake the server refused; a pause spreads a login's tabs out.
      if (error.message !== HANDSHAKE_REFUSED || retry) return;
      retry = setTimeout(
        () => {
          retry = null;
          if (!socket.connected) socket.connect();
        },
        HANDSHAKE_RETRY_MS + Math.random() * HANDSHAKE_RETRY_MS,
      );
    });
    // The browser knows the network is gone before socket.io's ping timeout (up to 45 s)
    // does: close at once so every consumer shows it and queues its work, and connect
    // again as soon as the network is back.
    const offline = () => {
      pausedOffline = socket.connected || socket.active;
      socket.disconnect();
    };
    const online = () => {
      if (pausedOffline && !socket.connected) socket.connect();
      pausedOffline = false;
    };
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    setRealtime({ socket, outdated: false });
    return () => {
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
      if (retry) clearTimeout(retry);
      socket.removeAllListeners();
      socket.disconnect();
      setRealtime({ socket: null, outdated: false });
    };
  }, [userId]);

  return <RealtimeContext.Provider value={realtime}>{children}</RealtimeContext.Provider>;
}

/** Shown when the server speaks a newer contract than this page: the page needs reloading. */
export function RealtimeNotice() {
  const { outdated } = useContext(RealtimeContext);
  if (!outdated) return null;
  return (
    <p className="notice" role="alert">
      Er is een nieuwe versie van Werkplaats. Laad de pagina opnieuw.
    </p>
  );
}
