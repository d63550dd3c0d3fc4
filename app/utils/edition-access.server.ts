import { getEdition, type Edition } from "~/models/edition.server";

/** The edition named in a URL, or a 404 with a Dutch message. */
export function requireEdition(id: string | undefined): Edition {
  const edition = getEdition(id ?? "");
  if (!edition) throw new Response("Deze editie bestaat niet.", { status: 404 });
  return edition;
}
