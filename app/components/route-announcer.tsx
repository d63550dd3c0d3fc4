import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useAnnounce } from "./live-announcer";

/**
 * Client-side navigation does not reload the page, so screen readers would not
 * notice it. After each page change this announces the new title and moves focus
 * to the main content, as a full page load would.
 */
export function RouteAnnouncer() {
  const location = useLocation();
  const navigation = useNavigation();
  const announce = useAnnounce();
  const first = useRef(true);
  const lastPath = useRef(location.pathname);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (navigation.state !== "idle" || location.pathname === lastPath.current) return;
    lastPath.current = location.pathname;
    // Let the new page set its <title> first.
    const timer = window.setTimeout(() => {
      announce(document.title, { immediate: true });
      document.getElementById("inhoud")?.focus({ preventScroll: true });
    }, 50);
    return () => window.clearTimeout(timer);
  }, [location.pathname, navigation.state, announce]);

  return null;
}
