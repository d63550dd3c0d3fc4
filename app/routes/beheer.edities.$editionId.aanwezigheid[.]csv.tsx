import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAllowed, requireEdition } from "~/access/guards.server";
import { requireUser } from "~/features/accounts/auth.server";
import { presenceCsvRows } from "~/features/live/attendance-report.server";
import { toCsv } from "~/utils/csv";

/** Presence per session and participant, for organisers (formula-safe cells). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = requireEdition(params.editionId);
  requireAllowed(user, "attendance.manage", edition);
  return new Response(toCsv(presenceCsvRows(edition.id)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="aanwezigheid.csv"',
      "Cache-Control": "no-store",
    },
  });
}
