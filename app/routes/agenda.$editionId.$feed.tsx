/**
 * GET /agenda/<editionId>/<feedToken>.ics: the subscribable calendar feed of an
 * edition. Calendar apps cannot log in, so the secret token in the URL is the
 * access check. Anything wrong gives the same 404, so the URL reveals nothing
 * about which editions exist.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEdition } from "~/features/programme/edition.server";
import { listSessionsOfEdition } from "~/features/programme/session.server";
import { getEnv } from "~/utils/env.server";
import { editionToIcs, ICS_CONTENT_TYPE } from "~/features/programme/ics.server";

/** Constant-time comparison; hashing first gives equal lengths and hides the token's length. */
function sameToken(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function notFound(): Response {
  return new Response("Deze agenda bestaat niet (meer). Vraag de begeleiders om de actuele link.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function loader({ params }: LoaderFunctionArgs) {
  const feed = params.feed ?? "";
  const token = feed.endsWith(".ics") ? feed.slice(0, -".ics".length) : "";
  const edition = getEdition(params.editionId ?? "");
  // Compare even when the edition does not exist, so both cases take as long.
  const matches = sameToken(token, edition?.feedToken ?? "\u0000no edition");
  if (!edition || !token || !matches) return notFound();
  return new Response(editionToIcs(edition, listSessionsOfEdition(edition.id), getEnv().baseUrl), {
    headers: {
      "Content-Type": ICS_CONTENT_TYPE,
      "Content-Disposition": 'inline; filename="werkplaats-agenda.ics"',
      "Cache-Control": "private, max-age=300",
    },
  });
}
