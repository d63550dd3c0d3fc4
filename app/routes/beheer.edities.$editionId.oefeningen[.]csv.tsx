import type { LoaderFunctionArgs } from "@remix-run/node";
import { exerciseExportRows } from "~/features/exercises/exercise-report.server";
import { toCsv } from "~/utils/csv";
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

/** Every exercise answer of the edition, one per row, for organisers (desk rows only once revealed). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  return new Response(toCsv(exerciseExportRows(edition.id)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="oefeningen-${slug(edition.name)}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
