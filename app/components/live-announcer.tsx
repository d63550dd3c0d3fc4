import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { createAnnounceQueue, type AnnounceOptions } from "~/utils/announce-queue";

type Announce = (message: string, options?: AnnounceOptions) => void;

const AnnounceContext = createContext<Announce>(() => {});

/**
 * The page's one polite live region. Anything that tells a screen reader user what
 * changed (someone else's note, a voting round, a save) goes through `useAnnounce()`,
 * throttled and coalesced by the announce queue.
 */
export function LiveAnnouncer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const clearTimer = useRef<ReturnType<typeof setTimeout>>();
  const queue = useMemo(
    () =>
      createAnnounceQueue((next) => {
        // Emptied first, so the same sentence twice in a row is read twice.
        setMessage("");
        clearTimeout(clearTimer.current);
        clearTimer.current = setTimeout(() => setMessage(next), 50);
      }),
    [],
  );
  useEffect(
    () => () => {
      queue.dispose();
      clearTimeout(clearTimer.current);
    },
    [queue],
  );
  return (
    <AnnounceContext.Provider value={queue.announce}>
      {children}
      <div id="live-meldingen" className="visually-hidden" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
