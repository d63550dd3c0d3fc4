import { listTriosOfEdition, type Trio } from "~/features/registration/trio.server";

/** The trios that do homework: the admitted ones, by municipality. */
export function listAdmittedTrios(editionId: string): Trio[] {
  return listTriosOfEdition(editionId)
    .filter((t) => t.status === "admitted")
    .sort((a, b) => a.municipality.localeCompare(b.municipality, "nl"));
}
