import { useEffect } from "react";

/**
 * When the focused element disappears (a form post re-renders the page, a
 * confirmation closes with its form, a live update replaces a list), the browser
 * drops focus to the body and a keyboard user starts again at the top of the page.
 * This puts focus on the nearest part of the page that is still there (WCAG 2.4.3).
 * Components that place focus themselves go first: it only acts while nothing has
 * focus. Escape closes the <details> that holds focus and returns to its summary.
 * The drawing tool manages its own focus and keys and is left alone.
 */
export function FocusKeeper() {
  useEffect(() => {
    let current: Element | null = null;
    let trail: Element[] = [];
    let scheduled = 0;

    const remember = (event: FocusEvent) => {
      const el = event.target;
      if (!(el instanceof Element) || el === document.body || el.closest(".excalidraw")) {
        current = null;
        return;
      }
      current = el;
      trail = [];
      for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) trail.push(node);
    };

    const restore = () => {
      scheduled = 0;
      if (!current || current.isConnected) return;
      current = null;
      const active = document.activeElement;
      if (active && active !== document.body) return;
      const target = trail.find((node) => node.isConnected && node.getClientRects().length > 0) as HTMLElement | undefined;
      if (!target) return;
      if (!target.hasAttribute("tabindex")) {
        target.setAttribute("tabindex", "-1");
        target.addEventListener("blur", () => target.removeAttribute("tabindex"), { once: true });
      }
      target.focus();
    };

    // Confirmations and small forms open in a <details>: Escape closes it and puts focus back on its summary.
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || !(event.target instanceof Element)) return;
      if (event.target.closest(".excalidraw")) return;
      const details = event.target.closest("details[open]");
      const summary = details?.querySelector(":scope > summary");
      if (!details || !(summary instanceof HTMLElement)) return;
      details.removeAttribute("open");
      summary.focus();
    };

    const observer = new MutationObserver(() => {
      if (current && !current.isConnected && !scheduled) scheduled = window.setTimeout(restore, 0);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener("focusin", remember);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("keydown", closeOnEscape);
      observer.disconnect();
      document.removeEventListener("focusin", remember);
      window.clearTimeout(scheduled);
    };
  }, []);
  return null;
}
