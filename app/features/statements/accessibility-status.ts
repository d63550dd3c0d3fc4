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
    "een handmatige controle op 30 november 2026 in Chromium, als begeleider (37 soorten pagina's), spreker (11) en deelnemer (17): met alleen het toetsenbord door elke pagina getabd (zichtbare focus, ook bij geforceerde kleuren; geen toetsenbordval), de plek van de focus na opslaan, verwijderen, bevestigen en live wijzigingen, koppen, labels, knopnamen, landmarks en tabelkoppen, 320 pixels breedte, 200% tekstgrootte, vergrote tekstafstand, het contrast van de focusrand en van de randen van invoervelden, tijdslimieten en foutmeldingen. Daarnaast draaien bij elke wijziging geautomatiseerde browsertests (Chromium) met axe-scans van elke bezochte pagina. Er is nog geen toets met een schermlezer gedaan: wat een schermlezer voorleest, is alleen afgeleid uit de code en de toegankelijkheidsboom, niet beluisterd",
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
  {
    id: "1.3.1",
    name: "Info en relaties",
    level: "A",
    status: "voldoet",
    note: "Handmatig gecontroleerd: elke pagina heeft één hoofdkop en koppen in volgorde, hoofdmenu, inhoud en voettekst als landmarks, tabellen met kopcellen en invoervelden met een gekoppeld label.",
  },
  { id: "1.3.2", name: "Betekenisvolle volgorde", level: "A", status: "voldoet" },
  { id: "1.3.3", name: "Zintuiglijke eigenschappen", level: "A", status: "voldoet" },
  { id: "1.3.4", name: "Weergavestand", level: "AA", status: "voldoet" },
  { id: "1.3.5", name: "Identificeer het doel van de input", level: "AA", status: "voldoet" },
  {
    id: "1.4.1",
    name: "Gebruik van kleur",
    level: "A",
    status: "voldoet",
    note: "Het domein staat als tekst op elke notitie (bijvoorbeeld ‘Sanne de Vries · Wijk’), en de domeinkleuren blijven ook bij rood-groen kleurenblindheid te onderscheiden. Getest met een simulatie van protanopie en deuteranopie.",
  },
  { id: "1.4.2", name: "Geluidsbediening", level: "A", status: "niet-van-toepassing", note: "Het platform speelt geen geluid af." },
  {
    id: "1.4.3",
    name: "Contrast (minimum)",
    level: "AA",
    status: "voldoet",
    note: "De hulpteksten in het tekengereedschap hebben nu een contrast van ongeveer 7,5:1.",
  },
  {
    id: "1.4.4",
    name: "Herschalen van tekst",
    level: "AA",
    status: "voldoet",
    note: "Bij 200% tekstgrootte is op geen enkele pagina tekst afgesneden, ook niet de namen en redenen in de getoonde mengpanelen. De labels in de grafieken van de schuifoefening en de competenties groeien niet mee; dezelfde gegevens staan in een tabel eronder, die wel meegroeit.",
  },
  { id: "1.4.5", name: "Afbeeldingen van tekst", level: "AA", status: "voldoet" },
  {
    id: "1.4.10",
    name: "Reflow",
    level: "AA",
    status: "voldoet",
    note: "Alle pagina's voor begeleiders en deelnemers passen zonder zijwaarts schuiven op 320 pixels; tabellen schuiven binnen hun eigen vak.",
  },
  {
    id: "1.4.11",
    name: "Contrast van niet-tekstuele content",
    level: "AA",
    status: "voldoet",
    note: "De focusrand is geel (#ffbf47) met een donkere binnenrand (#1b1f24): de donkere rand heeft 16,6:1 op wit, de gele 5,5:1 op de blauwe kopbalk en 10:1 tegen de donkere rand. De randen van invoervelden hebben 7,6:1 op wit.",
  },
  {
    id: "1.4.12",
    name: "Tekstafstand",
    level: "AA",
    status: "voldoet",
    note: "Gecontroleerd met regelafstand 1,5, letterafstand 0,12 em, woordafstand 0,16 em en alinea-afstand 2 em op elke pagina: er valt geen tekst weg.",
  },
  { id: "1.4.13", name: "Content bij hover of focus", level: "AA", status: "voldoet" },
  {
    id: "2.1.1",
    name: "Toetsenbord",
    level: "A",
    status: "voldoet",
    note: "Een notitie verplaats je met ‘Verplaats naar…’ in het overzicht naar een ander kader. Vrij tekenen vraagt een muis of pen; dat is toegestaan omdat het van de beweging afhangt.",
  },
  {
    id: "2.1.2",
    name: "Geen toetsenbordval",
    level: "A",
    status: "voldoet",
    note: "Op elke pagina komt Tab overal langs en weer uit. Tijdens het typen van een tekst op het tekenvlak maakt Tab een inspringing; Escape stopt het typen, zoals de uitleg boven het bord zegt.",
  },
  { id: "2.1.4", name: "Enkel teken sneltoetsen", level: "A", status: "voldoet" },
  {
    id: "2.2.1",
    name: "Timing aanpasbaar",
    level: "A",
    status: "voldoet",
    note: "Geen pagina heeft een tijdslimiet. Je blijft 14 dagen ingelogd (langer dan 20 uur). De timer op een bord is alleen een klok voor de groep: er wordt niets geblokkeerd als de tijd om is. De link om een wachtwoord te herstellen werkt 60 minuten, wat in de e-mail staat; is hij verlopen, dan vraag je met hetzelfde formulier een nieuwe aan.",
  },
  { id: "2.2.2", name: "Pauzeren, stoppen, verbergen", level: "A", status: "voldoet" },
  { id: "2.3.1", name: "Drie flitsen of beneden drempelwaarde", level: "A", status: "voldoet" },
  { id: "2.4.1", name: "Blokken omzeilen", level: "A", status: "voldoet" },
  { id: "2.4.2", name: "Paginatitel", level: "A", status: "voldoet" },
  {
    id: "2.4.3",
    name: "Focusvolgorde",
    level: "A",
    status: "voldoet",
    note: "Na opslaan, verwijderen, ongedaan maken of annuleren in het overzicht van het bord, en na het bewaren van het mengpaneel, staat de focus op het resultaat van de handeling. Verdwijnt op een andere pagina het onderdeel met de focus (na een bevestiging, of doordat iemand anders iets wijzigt), dan gaat de focus naar het dichtstbijzijnde deel van de pagina dat er nog is, niet terug naar het begin. Escape sluit een uitgeklapte bevestiging of een klein formulier en zet de focus terug op de knop die het opende.",
  },
  { id: "2.4.4", name: "Linkdoel (in context)", level: "A", status: "voldoet" },
  { id: "2.4.5", name: "Meerdere manieren", level: "AA", status: "voldoet" },
  {
    id: "2.4.6",
    name: "Koppen en labels",
    level: "AA",
    status: "voldoet",
    note: "Handmatig gecontroleerd: koppen beschrijven hun deel, knoppen met alleen een pictogram hebben een naam, en herhaalde knoppen (‘Bewerken’, ‘Verwijderen’) noemen voor een schermlezer ook waar ze bij horen.",
  },
  {
    id: "2.4.7",
    name: "Focus zichtbaar",
    level: "AA",
    status: "voldoet",
    note: "Op elke pagina van elke rol met Tab langs alle bedienbare onderdelen gegaan, gewoon en bij geforceerde kleuren: elk onderdeel krijgt een zichtbare focusrand. Het tekengereedschap heeft dezelfde focusrand als de rest van het platform.",
  },
  { id: "2.5.1", name: "Aanwijzergebaren", level: "A", status: "voldoet" },
  { id: "2.5.2", name: "Aanwijzerannulering", level: "A", status: "voldoet" },
  {
    id: "2.5.3",
    name: "Label in naam",
    level: "A",
    status: "voldoet",
    note: "De knop die de zoom herstelt heet ‘100%, zoom terugzetten naar 100%’.",
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
    status: "voldoet",
    note: "Alle knoppen en hulpteksten van het tekengereedschap zijn Nederlands.",
  },
  { id: "3.2.1", name: "Bij focus", level: "A", status: "voldoet" },
  { id: "3.2.2", name: "Bij input", level: "A", status: "voldoet" },
  { id: "3.2.3", name: "Consistente navigatie", level: "AA", status: "voldoet" },
  { id: "3.2.4", name: "Consistente identificatie", level: "AA", status: "voldoet" },
  {
    id: "3.3.1",
    name: "Foutidentificatie",
    level: "A",
    status: "voldoet",
    note: "Een foutmelding staat in tekst bij het veld en in een overzicht boven het formulier dat de focus krijgt en naar het veld linkt. Op het draaiboek, de aanwezigheid en de schuifoefening (een formulier per onderdeel) linkt het overzicht nu naar het veld van het formulier dat je verstuurde; eerder stond daar alleen de tekst. De vraag aan de spreker, het woord voor de woordwolk en een peiling zonder gekozen antwoord krijgen tijdens een bijeenkomst hun melding bij het veld, dat dan de focus krijgt.",
  },
  { id: "3.3.2", name: "Labels of instructies", level: "A", status: "voldoet" },
  { id: "3.3.3", name: "Foutsuggestie", level: "AA", status: "voldoet" },
  { id: "3.3.4", name: "Foutpreventie (juridisch, financieel, gegevens)", level: "AA", status: "voldoet" },
  { id: "4.1.1", name: "Parsen", level: "A", status: "voldoet" },
  {
    id: "4.1.2",
    name: "Naam, rol, waarde",
    level: "A",
    status: "voldoet",
    note: "Het hulpvenster van het tekengereedschap heet ‘Hulp’.",
  },
  {
    id: "4.1.3",
    name: "Statusberichten",
    level: "AA",
    status: "voldoet",
    note: "Nieuwe notities van anderen, een stemronde, de timer, het tonen van de mengpanelen, een verschoven schuif, nieuwe meldingen en het bewaren van huiswerk worden beleefd voorgelezen, hoogstens één bericht per twee seconden.",
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
