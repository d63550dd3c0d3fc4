/**
 * The data behind /toegankelijkheid: one row per WCAG 2.1 A/AA success criterion.
 * Update a row (status, note, plannedFix) when a fix is merged or a check finds
 * something; the page and its overall status follow from this list. Base every
 * status on what the app does, not on what it should do.
 */
export type CriterionStatus = "voldoet" | "voldoet-deels" | "voldoet-niet" | "niet-van-toepassing";
export type Criterion = {
  id: string;
  name: string;
  level: "A" | "AA";
  status: CriterionStatus;
  /** What does not comply (or why it does not apply), in plain Dutch. */
  note?: string;
  /** What will be done and by when (ISO date). */
  plannedFix?: { what: string; by: string };
};

/** When the app was last checked, how, and by whom. */
export const lastCheck = {
  date: "2026-11-30",
  method:
    "handmatige toets van alle pagina's voor begeleiders, sprekers en deelnemers met toetsenbord, schermlezer (NVDA), 200% tekstgrootte, 320 pixels breedte en geforceerde kleuren, aangevuld met geautomatiseerde axe-scans die bij elke wijziging in de testsuite draaien",
  by: "het ontwikkelteam van de werkplaats (zelfevaluatie, geen extern onderzoek)",
};

/** The date this statement was first drawn up. */
export const statementDrawnUpAt = "2026-11-30";

const FIX_ROUND = "2027-01-31";
const improvements = (what: string) => ({ what, by: FIX_ROUND });

export const criteria: Criterion[] = [
  {
    id: "1.1.1",
    name: "Niet-tekstuele content",
    level: "A",
    status: "voldoet-deels",
    note: "Vrije tekeningen, pijlen en vormen op een whiteboard hebben geen tekstalternatief. Notities en teksten op het bord staan wel als tekst in het overzicht naast het bord.",
    plannedFix: improvements("Vormen en pijlen krijgen een korte beschrijving in het overzicht."),
  },
  {
    id: "1.2.1",
    name: "Louter-geluid en louter-video (vooraf opgenomen)",
    level: "A",
    status: "niet-van-toepassing",
    note: "Het platform biedt geen geluid of video aan.",
  },
  {
    id: "1.2.2",
    name: "Ondertitels (vooraf opgenomen)",
    level: "A",
    status: "niet-van-toepassing",
    note: "Het platform biedt geen video aan.",
  },
  {
    id: "1.2.3",
    name: "Audiodescriptie of media-alternatief (vooraf opgenomen)",
    level: "A",
    status: "niet-van-toepassing",
    note: "Het platform biedt geen video aan.",
  },
  {
    id: "1.2.4",
    name: "Ondertitels (live)",
    level: "AA",
    status: "niet-van-toepassing",
    note: "De bijeenkomsten zelf vinden plaats op locatie of via een externe videodienst, niet in het platform.",
  },
  {
    id: "1.2.5",
    name: "Audiodescriptie (vooraf opgenomen)",
    level: "AA",
    status: "niet-van-toepassing",
    note: "Het platform biedt geen video aan.",
  },
  { id: "1.3.1", name: "Info en relaties", level: "A", status: "voldoet" },
  { id: "1.3.2", name: "Betekenisvolle volgorde", level: "A", status: "voldoet" },
  { id: "1.3.3", name: "Zintuiglijke eigenschappen", level: "A", status: "voldoet" },
  { id: "1.3.4", name: "Weergavestand", level: "AA", status: "voldoet" },
  { id: "1.3.5", name: "Identificeer het doel van de input", level: "AA", status: "voldoet" },
  {
    id: "1.4.1",
    name: "Gebruik van kleur",
    level: "A",
    status: "voldoet-niet",
    note: "Op het whiteboard is het domein van een notitie (wijk, fysiek, sociaal) alleen aan de kleur te zien, en de kleuren van wijk en sociaal domein lijken op elkaar bij rood-groen kleurenblindheid.",
    plannedFix: improvements("Het domein staat als tekst op elke notitie, met kleuren die ook bij kleurenblindheid te onderscheiden zijn."),
  },
  { id: "1.4.2", name: "Geluidsbediening", level: "A", status: "niet-van-toepassing", note: "Het platform speelt geen geluid af." },
  {
    id: "1.4.3",
    name: "Contrast (minimum)",
    level: "AA",
    status: "voldoet-deels",
    note: "De hulpteksten in het tekengereedschap van het whiteboard hebben te weinig contrast.",
    plannedFix: improvements("De hulpteksten krijgen een contrast van minstens 4,5:1."),
  },
  {
    id: "1.4.4",
    name: "Herschalen van tekst",
    level: "AA",
    status: "voldoet-deels",
    note: "Bij 200% tekstgrootte vallen de namen van de schuiven in de getoonde mengpanelen gedeeltelijk weg.",
    plannedFix: improvements("De namen van de schuiven blijven bij elke tekstgrootte volledig zichtbaar."),
  },
  { id: "1.4.5", name: "Afbeeldingen van tekst", level: "AA", status: "voldoet" },
  {
    id: "1.4.10",
    name: "Reflow",
    level: "AA",
    status: "voldoet-deels",
    note: "Bij 320 pixels breedte schuift de pagina met trio's voor begeleiders zijwaarts, en valt de tweede overslaglink van het bord over de kop van de pagina.",
    plannedFix: improvements("Beide pagina's passen zonder zijwaarts schuiven op 320 pixels."),
  },
  { id: "1.4.11", name: "Contrast van niet-tekstuele content", level: "AA", status: "voldoet" },
  { id: "1.4.12", name: "Tekstafstand", level: "AA", status: "voldoet" },
  { id: "1.4.13", name: "Content bij hover of focus", level: "AA", status: "voldoet" },
  {
    id: "2.1.1",
    name: "Toetsenbord",
    level: "A",
    status: "voldoet-deels",
    note: "Een notitie naar een ander kader op het whiteboard verplaatsen kan alleen met een muis. Vrij tekenen vraagt een muis of pen; dat is toegestaan omdat het van de beweging afhangt.",
    plannedFix: improvements("Het overzicht naast het bord krijgt de actie ‘verplaats naar’."),
  },
  { id: "2.1.2", name: "Geen toetsenbordval", level: "A", status: "voldoet" },
  { id: "2.1.4", name: "Enkel teken sneltoetsen", level: "A", status: "voldoet" },
  { id: "2.2.1", name: "Timing aanpasbaar", level: "A", status: "voldoet" },
  { id: "2.2.2", name: "Pauzeren, stoppen, verbergen", level: "A", status: "voldoet" },
  { id: "2.3.1", name: "Drie flitsen of beneden drempelwaarde", level: "A", status: "voldoet" },
  { id: "2.4.1", name: "Blokken omzeilen", level: "A", status: "voldoet" },
  { id: "2.4.2", name: "Paginatitel", level: "A", status: "voldoet" },
  {
    id: "2.4.3",
    name: "Focusvolgorde",
    level: "A",
    status: "voldoet-deels",
    note: "Na opslaan, verwijderen, ongedaan maken of annuleren in het overzicht van het bord, en na het bewaren van het mengpaneel, valt de focus terug naar het begin van de pagina.",
    plannedFix: improvements("De focus blijft bij de handeling of gaat naar het resultaat ervan."),
  },
  { id: "2.4.4", name: "Linkdoel (in context)", level: "A", status: "voldoet" },
  { id: "2.4.5", name: "Meerdere manieren", level: "AA", status: "voldoet" },
  { id: "2.4.6", name: "Koppen en labels", level: "AA", status: "voldoet" },
  {
    id: "2.4.7",
    name: "Focus zichtbaar",
    level: "AA",
    status: "voldoet-deels",
    note: "De knoppen van het tekengereedschap en het tekenvlak tonen geen of een zwakke focusrand, en geen enkele bij geforceerde kleuren.",
    plannedFix: improvements("Het tekengereedschap krijgt dezelfde focusrand als de rest van het platform."),
  },
  { id: "2.5.1", name: "Aanwijzergebaren", level: "A", status: "voldoet" },
  { id: "2.5.2", name: "Aanwijzerannulering", level: "A", status: "voldoet" },
  {
    id: "2.5.3",
    name: "Label in naam",
    level: "A",
    status: "voldoet-deels",
    note: "De knop die de zoom van het bord herstelt toont ‘100%’, maar die tekst zit niet in de naam van de knop.",
    plannedFix: improvements("De naam van de knop bevat ‘100%’."),
  },
  {
    id: "2.5.4",
    name: "Bewegingsactivering",
    level: "A",
    status: "niet-van-toepassing",
    note: "Niets werkt door het apparaat te bewegen.",
  },
  { id: "3.1.1", name: "Taal van de pagina", level: "A", status: "voldoet" },
  {
    id: "3.1.2",
    name: "Taal van onderdelen",
    level: "AA",
    status: "voldoet-deels",
    note: "Een deel van de knoppen en hulpteksten van het tekengereedschap is Engels.",
    plannedFix: improvements("Alle teksten van het tekengereedschap worden Nederlands."),
  },
  { id: "3.2.1", name: "Bij focus", level: "A", status: "voldoet" },
  { id: "3.2.2", name: "Bij input", level: "A", status: "voldoet" },
  { id: "3.2.3", name: "Consistente navigatie", level: "AA", status: "voldoet" },
  { id: "3.2.4", name: "Consistente identificatie", level: "AA", status: "voldoet" },
  { id: "3.3.1", name: "Foutidentificatie", level: "A", status: "voldoet" },
  { id: "3.3.2", name: "Labels of instructies", level: "A", status: "voldoet" },
  { id: "3.3.3", name: "Foutsuggestie", level: "AA", status: "voldoet" },
  { id: "3.3.4", name: "Foutpreventie (juridisch, financieel, gegevens)", level: "AA", status: "voldoet" },
  { id: "4.1.1", name: "Parsen", level: "A", status: "voldoet" },
  {
    id: "4.1.2",
    name: "Naam, rol, waarde",
    level: "A",
    status: "voldoet-deels",
    note: "Het Help-venster van het tekengereedschap heeft geen naam.",
    plannedFix: improvements("Het Help-venster krijgt een naam."),
  },
  {
    id: "4.1.3",
    name: "Statusberichten",
    level: "AA",
    status: "voldoet-deels",
    note: "Wat anderen tegelijk doen (een nieuwe notitie, een stemronde, de timer, het tonen van de mengpanelen) wordt niet voorgelezen; de teller van ongelezen meldingen wordt niet voorgelezen als hij verandert; de bewaarstatus van huiswerk wordt bij elke toetsaanslag voorgelezen.",
    plannedFix: improvements("Deze veranderingen worden beleefd en niet te vaak voorgelezen."),
  },
];

/**
 * Limitations that stay after every planned fix, with the accessible alternative.
 * They are part of the statement's "Beperkingen" section.
 */
export const lastingLimitations: Array<{ what: string; alternative: string }> = [
  {
    what: "Het tekenvlak van de whiteboards zelf is met een schermlezer niet volledig te bedienen: de ligging van notities, vormen en pijlen op het vlak is visueel.",
    alternative:
      "Naast elk bord staat een overzicht met alle notities en teksten, per kader, waarin je met toetsenbord en schermlezer notities leest, toevoegt, wijzigt en verwijdert.",
  },
];

export const statusLabels: Record<CriterionStatus, string> = {
  voldoet: "Voldoet",
  "voldoet-deels": "Voldoet gedeeltelijk",
  "voldoet-niet": "Voldoet niet",
  "niet-van-toepassing": "Niet van toepassing",
};

/** The statement's overall status, in the words of the Dutch model (digitoegankelijk.nl). */
export function overallStatus(rows: Criterion[] = criteria): { code: "A" | "B"; label: string } {
  const open = rows.some((r) => r.status === "voldoet-deels" || r.status === "voldoet-niet");
  return open
    ? { code: "B", label: "voldoet gedeeltelijk aan de eisen (status B)" }
    : { code: "A", label: "voldoet volledig aan de eisen (status A)" };
}
