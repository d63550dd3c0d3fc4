import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "./utils/nonce";

/**
 * Documents are rendered to one string, not streamed: no route uses `defer` or
 * Suspense, so streaming bought nothing and cost a PassThrough -> web stream ->
 * Node stream round trip per page. Without streaming there is nothing for a bot
 * to wait for either (renderToString always renders the whole page), so bots and
 * browsers get the same response. Switch back to renderToPipeableStream (with an
 * abort timer that is cleared when the render ends) if a route starts to defer.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { cspNonce?: string }).cspNonce ?? "";
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  keepOutOfCaches(responseHeaders);
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

/**
 * Pages and their data are about people (names, cases, homework): no browser or
 * proxy keeps a copy, so the back button on a shared computer after logging out
 * shows nothing of the last person. A route that means otherwise sets its own.
 */
function keepOutOfCaches(headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
}

export function handleDataRequest(response: Response) {
  keepOutOfCaches(response.headers);
  return response;
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests (a closed tab) are not errors of ours.
  if (request.signal.aborted) return;
  console.error(error);
}
