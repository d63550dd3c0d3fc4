/**
 * The texts of the werkplaats exercises (schuifoefening, organogram, lokale agenda,
 * competenties), shared by server and browser. A typed module rather than content/
 * markdown: the keys are part of the data model (stored answers refer to them), so
 * the compiler should check every use. See docs/decisions/018-exercises-model-and-desk-sync.md.
 */

export const deskCategories = [
  "positioneringIntern",
  "procesMetBewoners",
  "procesBinnenGemeente",
  "bestuurEnPolitiek",
  "communicatie",
] as const;
export type DeskCategory = (typeof deskCategories)[number];

/** Slider scale: integers from DESK_MIN to DESK_MAX; the middle means "no choice made". */
export const DESK_MIN = 0;
export const DESK_MAX = 100;
export const DESK_MIDDLE = 50;
export const DESK_STEP = 5;
/** A reason is a short explanation, not an essay. */
export const DESK_REASON_MAX = 500;

export const deskCategoryTexts: Record<DeskCategory, { name: string; question: string; low: string; high: string }> = {
  positioneringIntern: {
    name: "Positionering intern",
    question:
      "Hoe is het wijkgerichte werken in de organisatie gepositioneerd? Horen de wijkambtenaren bij een sectorteam of hebben ze een generalistische opdracht, met eigen budget of mandaat?",
    low: "Onderdeel van een sectorteam, zonder eigen budget of mandaat",
    high: "Een generalistische opdracht, met eigen budget of mandaat",
  },
  procesMetBewoners: {
    name: "Proces met bewoners",
    question: "Hoe gaat de gemeente om met bewonersinitiatieven en lokale democratie?",
    low: "Per situatie bekijken wat er nodig is",
    high: "Structurele instrumenten voor initiatieven en lokale democratie",
  },
  procesBinnenGemeente: {
    name: "Proces binnen gemeente",
    question: "Hoe is het werk binnen de gemeente georganiseerd? Is er een gebiedscyclus en heeft elk beleidsplan een gebiedscomponent?",
    low: "Losse, vooral sectorale werkprocessen",
    high: "Gestructureerde werkprocessen met een gebiedscyclus",
  },
  bestuurEnPolitiek: {
    name: "Bestuur en politiek",
    question: "In welke mate staat wijkgericht werken op de bestuurlijke agenda, bijvoorbeeld met wijkwethouders?",
    low: "Weinig bestuurlijke aandacht voor de wijken",
    high: "Stevig verankerd in het bestuur, bijvoorbeeld met wijkwethouders",
  },
  communicatie: {
    name: "Communicatie",
    question: "Communiceert de gemeente gemeentebreed of per gebied, en is er in de interne communicatie aandacht voor de gebieden?",
    low: "Gemeentebreed, zonder aandacht voor gebieden",
    high: "Per gebied, ook in de interne communicatie",
  },
};

/** A slider value in words, for aria-valuetext and tables. */
export function deskValueText(value: number): string {
  if (value === DESK_MIDDLE) return "midden: geen keuze";
  if (value <= 10) return "helemaal laag";
  if (value < 35) return "laag";
  if (value < DESK_MIDDLE) return "iets lager dan midden";
  if (value <= 65) return "iets hoger dan midden";
  if (value < 90) return "vrij hoog";
  return "helemaal hoog";
}

/** Organogram reflection questions: closed answers, so trios can be compared. */
export const organogramChoices = {
  named: {
    label: "Staat het wijkgerichte werken met naam in het organogram?",
    options: { ja: "Ja, met naam", deels: "Deels, onder een andere naam", nee: "Nee" },
  },
  hierarchy: {
    label: "Is er hiërarchie te zien rond het wijkgerichte werken?",
    options: { sterk: "Ja, een duidelijke hiërarchie", beperkt: "Beperkt", geen: "Nee, eerder een netwerk" },
  },
  budget: { label: "Heeft het wijkgerichte werken een eigen budget?", options: { ja: "Ja", deels: "Deels of per project", nee: "Nee" } },
  mandate: { label: "Hebben wijkambtenaren een eigen mandaat?", options: { ja: "Ja", deels: "Deels", nee: "Nee" } },
  distanceBoard: {
    label: "Hoe groot is de afstand tot het bestuur (college, directie)?",
    options: { klein: "Klein", middel: "Gemiddeld", groot: "Groot" },
  },
  distanceAlderman: {
    label: "Hoe groot is de afstand tot de wethouder?",
    options: { klein: "Klein: we lopen zo binnen", middel: "Gemiddeld", groot: "Groot" },
  },
} as const;
export type OrganogramQuestion = keyof typeof organogramChoices;
export const organogramQuestions = Object.keys(organogramChoices) as OrganogramQuestion[];

/** The craft of the new civil servant (nieuw ambtelijk vakmanschap), as the speakers described it. */
export const competences = ["buitenNaarBinnen", "schaaldansen", "kleinEnGroot", "paradoxen", "dienstbareExpertise"] as const;
export type Competence = (typeof competences)[number];

export const competenceTexts: Record<Competence, { name: string; description: string }> = {
  buitenNaarBinnen: {
    name: "Van buiten naar binnen werken",
    description: "Je begint bij wat er in de wijk speelt en waar energie zit, niet bij de eigen regels of het eigen vakgebied.",
  },
  schaaldansen: {
    name: "Schaaldansen",
    description: "Je beweegt soepel tussen politiek, organisatie en bewoners en spreekt de taal van elk van die werelden.",
  },
  kleinEnGroot: {
    name: "Klein en groot tegelijk",
    description: "Je houdt oog voor kleine, praktische problemen én voor strategische vragen en doelen op lange termijn.",
  },
  paradoxen: {
    name: "Omgaan met paradoxen",
    description: "Je laat verschillende werkelijkheden naast elkaar bestaan en zoekt een nieuw perspectief in plaats van een compromis.",
  },
  dienstbareExpertise: {
    name: "Dienstbare expertise",
    description: "Je zet je vakkennis in ten dienste van het proces met bewoners, in plaats van de oplossing voor te schrijven.",
  },
};

export const COMPETENCE_MIN = 1;
export const COMPETENCE_MAX = 5;
export const competenceScaleLabels: Record<number, string> = {
  1: "nog nieuw voor mij",
  2: "ik oefen ermee",
  3: "gaat redelijk",
  4: "gaat goed",
  5: "een van mijn sterke kanten",
};
