import type { LoaderFunctionArgs } from "@remix-run/node";
import { listTrioOverview } from "~/features/registration/registration.server";
import { toCsv } from "~/utils/csv";
import { recordEditionExport } from "~/features/accounts/privacy.server";
import { domainLabels, trioStatusLabels } from "~/utils/labels";
import { requireEdition, requireOrganiser } from "~/access/guards.server";

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "editie"
  );
}

/** Contact details of every member of every trio in the edition, for organisers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const organiser = await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const rows = [["gemeente", "status", "naam", "e-mail", "functie", "domein"]];
  for (const trio of listTrioOverview(edition.id)) {
    for (const m of trio.members) {
      rows.push([trio.municipality, trioStatusLabels[trio.status], m.name, m.email, m.jobTitle, domainLabels[m.domain]]);
    }
  }
  const body = toCsv(rows);
  await recordEditionExport(edition.id, organiser.id, "contactgegevens van alle trioleden (CSV)");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="contactgegevens-${slug(edition.name)}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
