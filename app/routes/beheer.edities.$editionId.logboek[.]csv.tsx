import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAllowed, requireEdition } from "~/access/guards.server";
import { requireUser } from "~/features/accounts/auth.server";
import { recordEditionExport } from "~/features/accounts/privacy.server";
import { auditFilterFromUrl } from "~/features/audit/audit-filter.server";
import { auditCsv } from "~/features/audit/audit-view.server";

/** The edition's audit trail (with the page's filter) as CSV; downloading it is itself an entry. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = requireEdition(params.editionId);
  requireAllowed(user, "audit.view", edition);
  const { filter } = auditFilterFromUrl(new URL(request.url));
  const body = auditCsv(edition.id, filter);
  await recordEditionExport(edition.id, user.id, "logboek (CSV)");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="logboek-${edition.id}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
