/**
 * The board's workspace layout, remembered per person on this device: normal (the
 * board inside the page), maximised (the board fills the window, the outline a
 * side panel that can be folded away) and the browser's full screen on top.
 *
 * Kept in localStorage under the user's id, not on the server: how large a board
 * should be depends on the screen in front of you (a projector laptop, a phone),
 * so a new device starts with the normal page instead of inheriting a layout
 * chosen for another screen; keying by user keeps people apart on a shared
 * computer. Browsers only enter full screen on a click, so after a reload a
 * remembered full screen comes back as the maximised layout.
 */
import { useCallback, useEffect, useState } from "react";

export type BoardLayout = { maximised: boolean; outlineOpen: boolean };

const DEFAULT_LAYOUT: BoardLayout = { maximised: false, outlineOpen: true };
/** Set on <body> while the board is maximised; board.css hides the page around it. */
export const MAXIMISED_CLASS = "board-maximised";

export const layoutStorageKey = (userId: string) => `werkplaats:bordindeling:${userId}`;

export function readLayout(storage: Pick<Storage, "getItem"> | undefined, userId: string): BoardLayout {
  try {
    const raw = storage?.getItem(layoutStorageKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!parsed || typeof parsed !== "object") return DEFAULT_LAYOUT;
    const { maximised, outlineOpen } = parsed as Record<string, unknown>;
    return {
      maximised: typeof maximised === "boolean" ? maximised : DEFAULT_LAYOUT.maximised,
      outlineOpen: typeof outlineOpen === "boolean" ? outlineOpen : DEFAULT_LAYOUT.outlineOpen,
    };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage can be off (privacy settings): the layout then lasts as long as the page.
    return undefined;
  }
}

export function useBoardLayout(userId: string) {
  const [layout, setLayout] = useState<BoardLayout>(DEFAULT_LAYOUT);
  const [fullscreen, setFullscreen] = useState(false);
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    setLayout(readLayout(storage(), userId));
    setRestored(true);
  }, [userId]);

  useEffect(() => {
    if (!restored) return;
    try {
      storage()?.setItem(layoutStorageKey(userId), JSON.stringify(layout));
    } catch {
      // Full or off: nothing to remember then.
    }
  }, [layout, restored, userId]);

  useEffect(() => {
    document.body.classList.toggle(MAXIMISED_CLASS, layout.maximised);
    return () => document.body.classList.remove(MAXIMISED_CLASS);
  }, [layout.maximised]);

  useEffect(() => {
    const changed = () => setFullscreen(Boolean(document.fullscreenElement));
    document.addEventListener("fullscreenchange", changed);
    return () => document.removeEventListener("fullscreenchange", changed);
  }, []);

  const setMaximised = useCallback((maximised: boolean) => {
    setLayout((l) => ({ ...l, maximised }));
    if (!maximised && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);
  const setOutlineOpen = useCallback((outlineOpen: boolean) => setLayout((l) => ({ ...l, outlineOpen })), []);

  const toggleFullscreen = useCallback(async () => {
    if (document.fullscreenElement) {
      await document.exitFullscreen().catch(() => undefined);
      return;
    }
    setLayout((l) => ({ ...l, maximised: true }));
    await document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);

  return { ...layout, fullscreen, setMaximised, setOutlineOpen, toggleFullscreen };
}

/**
 * Links to the outline (the skip link, the keyboard help) open the folded side panel
 * first and then move focus into it; a link to a hidden element would do nothing.
 */
export function useOutlineLinks(targetId: string, openOutline: (open: boolean) => void) {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    const selector = `a[href="#${targetId}"]`;
    function reveal(event: MouseEvent) {
      const link = event.target instanceof Element ? event.target.closest(selector) : null;
      if (!link) return;
      event.preventDefault();
      openOutline(true);
      setRequest((r) => r + 1);
    }
    document.addEventListener("click", reveal);
    return () => document.removeEventListener("click", reveal);
  }, [targetId, openOutline]);
  useEffect(() => {
    if (request === 0) return;
    const target = document.getElementById(targetId);
    target?.focus();
    target?.scrollIntoView({ block: "nearest" });
  }, [request, targetId]);
}
