import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAllowed, requireEdition } from "~/access/guards.server";
import { requireUser } from "~/features/accounts/auth.server";
import { pollCsvRows } from "~/features/live/attendance-report.server";
import { getSession } from "~/features/programme/session.server";
import { toCsv } from "~/utils/csv";

/** Every answer to every poll of a session, for the edition report (formula-safe cells). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = requireEdition(params.editionId);
  const session = getSession(params.sessionId ?? "");
  if (!session || session.editionId !== edition.id) throw new Response("Deze bijeenkomst bestaat niet.", { status: 404 });
  requireAllowed(user, "live.run", session);
  return new Response(toCsv(pollCsvRows(session.id)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="peilingen-bijeenkomst-${session.number}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
