import { ArchivedEditionError, getEdition, isArchived, type Edition } from "~/models/edition.server";

/** The edition named in a URL, or a 404 with a Dutch message. */
export function requireEdition(id: string | undefined): Edition {
  const edition = getEdition(id ?? "");
  if (!edition) throw new Response("Deze editie bestaat niet.", { status: 404 });
  return edition;
}

/** Refuses any change to an archived edition: 409 with the Dutch reason (the shared error page shows it). */
export function requireEditableEdition(editionId: string): void {
  if (isArchived(editionId)) throw new Response(new ArchivedEditionError().message, { status: 409 });
}
