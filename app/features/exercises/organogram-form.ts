import { z } from "zod";
import { withCrossChecks } from "~/utils/forms";
import { organogramChoices, organogramQuestions } from "./exercise-content";

const optionalChoice = (key: keyof typeof organogramChoices) =>
  z
    .enum(["", ...Object.keys(organogramChoices[key].options)] as [string, ...string[]], {
      errorMap: () => ({ message: "Kies een van de antwoorden." }),
    })
    .optional()
    .transform((v) => (v ? v : null));

const percent = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(",", ".") : ""))
    .refine((v) => v === "" || (/^\d+(\.\d+)?$/.test(v) && Number(v) <= 100), `${label} moet een getal van 0 tot en met 100 zijn.`)
    .transform((v) => (v === "" ? null : Math.round(Number(v) * 10) / 10));

export const organogramFormSchema = withCrossChecks(
  z.object({
    location: z.string().max(2000, "Gebruik hoogstens 2.000 tekens.").default(""),
    notes: z.string().max(5000, "Gebruik hoogstens 5.000 tekens.").default(""),
    markerX: percent("De horizontale plek"),
    markerY: percent("De verticale plek"),
    ...Object.fromEntries(organogramQuestions.map((q) => [q, optionalChoice(q)])),
  }),
  (v, ctx) => {
    if (!(v.markerX ?? "").trim() !== !(v.markerY ?? "").trim())
      ctx.addIssue({ code: "custom", path: ["markerY"], message: "Vul beide plekken in, of geen van beide." });
  },
);

export const organogramFieldLabels: Record<string, string> = {
  location: "Waar zit het wijkgerichte werken?",
  notes: "Wat valt jullie nog meer op?",
  markerX: "Markering: van links (%)",
  markerY: "Markering: van boven (%)",
  ...Object.fromEntries(organogramQuestions.map((q) => [q, organogramChoices[q].label])),
};
