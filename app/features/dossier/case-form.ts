import { z } from "zod";

/** The structured case form, shared by the browser check and the action. */
export const caseFormSchema = z.object({
  title: z
    .string({ required_error: "Geef de casus een titel." })
    .trim()
    .min(1, "Geef de casus een titel.")
    .max(200, "Gebruik hoogstens 200 tekens."),
  question: z.string().trim().max(5000, "Gebruik hoogstens 5.000 tekens.").default(""),
  neighbourhood: z.string().trim().max(500, "Gebruik hoogstens 500 tekens.").default(""),
  involved: z.string().trim().max(5000, "Gebruik hoogstens 5.000 tekens.").default(""),
  learningGoals: z.string().trim().max(5000, "Gebruik hoogstens 5.000 tekens.").default(""),
});
