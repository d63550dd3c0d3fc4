/**
 * Same-origin check for state-changing requests and socket handshakes. An Origin
 * (or, failing that, a Referer) must name this site: either the configured BASE_URL
 * or the host the request was sent to. A browser cannot be made to forge either
 * header, so a cross-site form or WebSocket is refused.
 */
export function isAllowedOrigin(input: {
  origin: string | undefined;
  referer: string | undefined;
  host: string | undefined;
  baseUrl: string;
}): boolean {
  const claimed = input.origin && input.origin !== "null" ? input.origin : input.referer;
  if (!claimed) return false;
  let url: URL;
  try {
    url = new URL(claimed);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.origin === new URL(input.baseUrl).origin) return true;
  return Boolean(input.host) && url.host === input.host;
}
