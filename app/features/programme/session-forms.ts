import { z } from "zod";
import { agendaKinds } from "~/data/enums";
import { markdownField } from "~/utils/markdown-limits";
import { emailField, nameField, requireOneOf, requireOrdered, withCrossChecks } from "~/utils/forms";

/** Forms of the organiser's session page, shared by browser and server. */

export const LOCATION_OR_LINK = "Vul een locatie of een link voor online deelname in (een van beide is verplicht).";

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

const time = (label: string) =>
  z.string({ required_error: `Vul de ${label} in.` }).regex(CLOCK, `Vul de ${label} in als uu:mm, bijvoorbeeld 13:30.`);

export const scheduleSchema = withCrossChecks(
  z.object({
    date: z.string({ required_error: "Vul de datum in." }).regex(/^\d{4}-\d{2}-\d{2}$/, "Vul de datum in."),
    start: time("begintijd"),
    end: time("eindtijd"),
    location: z.string().trim().max(500, "Gebruik hoogstens 500 tekens.").default(""),
    onlineUrl: z
      .string()
      .trim()
      .max(2000, "Deze link is te lang.")
      .refine((v) => v === "" || /^https:\/\/[^\s]+$/.test(v), "Vul een volledige link in die met https:// begint.")
      .default(""),
  }),
  (v, ctx) => {
    requireOrdered(v, ctx, { first: "start", second: "end", format: CLOCK, message: "De eindtijd moet na de begintijd liggen." });
    requireOneOf(v, ctx, ["location", "onlineUrl"], LOCATION_OR_LINK);
  },
);

export const scheduleLabels = {
  date: "Datum",
  start: "Begintijd",
  end: "Eindtijd",
  location: "Locatie",
  onlineUrl: "Link voor online deelname",
};

const text = (max: number, required?: string) =>
  required
    ? z.string({ required_error: required }).trim().min(1, required).max(max, `Gebruik hoogstens ${max} tekens.`)
    : z.string().trim().max(max, `Gebruik hoogstens ${max} tekens.`).default("");

/** The longest session text (intro, assignment, homework). */
export const TEXT_MAX = 50_000;

export const textsSchema = z.object({
  title: text(200, "Geef de bijeenkomst een titel."),
  theme: text(300),
  speakerName: text(200),
  speakerTopic: text(300),
  // The three texts are markdown (rendered on the session page); the others are plain.
  intro: markdownField(TEXT_MAX).default(""),
  assignment: markdownField(TEXT_MAX).default(""),
  homework: markdownField(TEXT_MAX).default(""),
});

export const textsLabels = {
  title: "Titel",
  theme: "Thema (één zin)",
  speakerName: "Naam van de spreker",
  speakerTopic: "Onderwerp van de spreker",
  intro: "Inleiding",
  assignment: "Opdracht tijdens de bijeenkomst",
  homework: "Huiswerk",
  agenda: "Programma",
};

export const agendaKindLabels: Record<(typeof agendaKinds)[number], string> = {
  welkom: "Welkom",
  spreker: "Spreker",
  kennisuitwisseling: "Kennisuitwisseling",
  pauze: "Pauze",
  opdracht: "Opdracht",
  afsluiting: "Afsluiting",
};

export const agendaRowSchema = z
  .object({
    start: time("begintijd van een programmaonderdeel"),
    end: time("eindtijd van een programmaonderdeel"),
    kind: z.enum(agendaKinds, { errorMap: () => ({ message: "Kies het soort onderdeel." }) }),
    title: z.string().trim().min(1).max(200, "Gebruik hoogstens 200 tekens per onderdeel."),
  })
  .refine((v) => v.end > v.start, { message: "Een programmaonderdeel moet eindigen na het begin." });

/** Agenda rows come as parallel lists (agendaStart[], agendaEnd[], ...); rows without a title are dropped. */
export function readAgendaRows(
  form: FormData,
): { ok: true; rows: Array<z.infer<typeof agendaRowSchema>> } | { ok: false; message: string } {
  const starts = form.getAll("agendaStart");
  const ends = form.getAll("agendaEnd");
  const kinds = form.getAll("agendaKind");
  const titles = form.getAll("agendaTitle");
  if (titles.length > 20) return { ok: false, message: "Een programma heeft hoogstens 20 onderdelen." };
  const rows: Array<z.infer<typeof agendaRowSchema>> = [];
  const problems: string[] = [];
  for (let i = 0; i < titles.length; i++) {
    const title = titles[i];
    if (typeof title !== "string" || title.trim() === "") continue;
    const parsed = agendaRowSchema.safeParse({ start: starts[i], end: ends[i], kind: kinds[i], title });
    // Every problem of every row at once, not one more after each save.
    if (parsed.success) rows.push(parsed.data);
    else problems.push(`Onderdeel ${i + 1}: ${[...new Set(parsed.error.issues.map((issue) => issue.message))].join(" ")}`);
  }
  if (problems.length > 0) return { ok: false, message: problems.join(" ") };
  rows.sort((a, b) => a.start.localeCompare(b.start));
  return { ok: true, rows };
}

/** Inviting a speaker by name and address. */
export const inviteSchema = z.object({ name: nameField("de naam van de spreker"), email: emailField });
export const inviteLabels = { name: "Naam", email: "E-mailadres" };
