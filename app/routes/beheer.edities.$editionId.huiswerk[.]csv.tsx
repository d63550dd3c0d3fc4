import type { LoaderFunctionArgs } from "@remix-run/node";
import { toCsv } from "~/utils/csv";
import { formatDateTime } from "~/utils/dates";
import { homeworkStatusLabels } from "~/features/homework/homework-labels";
import { homeworkMatrix } from "~/features/homework/homework-view.server";
import { requireEdition, requireOrganiser } from "~/access/guards.server";

/** The progress matrix as CSV: one row per trio and session. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const edition = requireEdition(params.editionId);
  const { columns, rows } = homeworkMatrix(edition.id);
  const lines = [["gemeente", "bijeenkomst", "stand", "ingeleverd op", "aantal versies", "verlenging"]];
  for (const row of rows) {
    row.cells.forEach((cell, i) => {
      lines.push([
        row.trio.municipality,
        String(columns[i].number),
        homeworkStatusLabels[cell.status],
        cell.submittedAt ? formatDateTime(cell.submittedAt) : "",
        String(cell.versions),
        cell.extended ? "ja" : "nee",
      ]);
    });
  }
  return new Response(toCsv(lines), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="huiswerk-${edition.year}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
