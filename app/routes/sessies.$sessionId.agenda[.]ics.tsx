/**
 * GET /sessies/<id>/agenda.ics: one session as a calendar file ("Zet in agenda").
 * Same access as the session page; a resource route (no page).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";
import { ICS_CONTENT_TYPE, isScheduled, sessionToIcs } from "~/features/programme/ics.server";
import { requireSessionAccess } from "~/access/guards.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, edition } = await requireSessionAccess(request, params.sessionId ?? "");
  if (!isScheduled(session)) {
    return new Response("Deze bijeenkomst heeft nog geen datum en tijd, dus je kunt hem nog niet in je agenda zetten.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(sessionToIcs(session, edition, getEnv().baseUrl), {
    headers: {
      "Content-Type": ICS_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="werkplaats-bijeenkomst-${session.number}.ics"`,
      // Only for this person, and always fresh: the session may have been moved.
      "Cache-Control": "private, no-cache",
    },
  });
}
