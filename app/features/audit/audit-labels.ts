import type { AuditKind } from "~/data/audit-schema.server";

/** What each kind of entry reads as, on the page and in the CSV. */
export const auditKindLabels: Record<AuditKind, string> = {
  "trio.admitted": "Trio toegelaten",
  "trio.rejected": "Trio afgewezen",
  "trio.waiting": "Trio op de wachtlijst gezet",
  "trio.member-replaced": "Lid van een trio vervangen of toegevoegd",
  "session.scheduled": "Datum of plaats van een bijeenkomst gewijzigd",
  "session.texts-changed": "Teksten van een bijeenkomst gewijzigd",
  "homework.extension": "Uitstel voor huiswerk gegeven of ingetrokken",
  "desk.revealed": "Schuifoefening getoond aan iedereen",
  "board.restored": "Bord teruggezet naar een eerdere versie",
  "personal-data.deleted": "Persoonsgegevens verwijderd",
  "personal-data.exported": "Persoonsgegevens geëxporteerd",
};
