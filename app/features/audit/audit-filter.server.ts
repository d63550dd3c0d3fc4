import { auditKinds, type AuditKind } from "~/data/audit-schema.server";
import type { AuditFilter } from "./audit.server";

/** The filter and page in the URL (?soort=…&persoon=…&pagina=…); anything unknown means "all". */
export function auditFilterFromUrl(url: URL): { filter: AuditFilter; page: number } {
  const kind = url.searchParams.get("soort") ?? "";
  const person = url.searchParams.get("persoon") ?? "";
  const page = Number.parseInt(url.searchParams.get("pagina") ?? "1", 10);
  return {
    filter: {
      kind: (auditKinds as readonly string[]).includes(kind) ? (kind as AuditKind) : null,
      personId: /^[A-Za-z0-9_-]{1,64}$/.test(person) ? person : null,
    },
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}
