import { z } from "zod";
import { requireOrdered, withCrossChecks } from "~/utils/forms";

const dateField = (label: string) =>
  z.string({ required_error: `Vul ${label} in.` }).regex(/^\d{4}-\d{2}-\d{2}$/, `Vul ${label} in als datum.`);

/** The edition settings form, shared by "new edition" and "edit edition", browser and server. */
export const editionFormSchema = withCrossChecks(
  z.object({
    name: z
      .string({ required_error: "Geef de editie een naam." })
      .trim()
      .min(1, "Geef de editie een naam.")
      .max(200, "Gebruik hoogstens 200 tekens."),
    year: z.coerce
      .number({ invalid_type_error: "Vul een jaartal in." })
      .int("Vul een jaartal in.")
      .min(2000, "Vul een jaartal vanaf 2000 in.")
      .max(2100, "Vul een jaartal tot 2100 in."),
    capacity: z.coerce
      .number({ invalid_type_error: "Vul het aantal trio's in als getal." })
      .int("Vul een heel aantal trio's in.")
      .min(1, "Er moet plaats zijn voor minstens één trio.")
      .max(100, "Hoogstens 100 trio's per editie."),
    registrationOpens: dateField("de openingsdatum van de aanmelding"),
    registrationCloses: dateField("de sluitingsdatum van de aanmelding"),
  }),
  (v, ctx) =>
    requireOrdered(v, ctx, {
      first: "registrationOpens",
      second: "registrationCloses",
      format: /^\d{4}-\d{2}-\d{2}$/,
      allowEqual: true,
      message: "De aanmelding moet sluiten op of na de dag dat ze opent.",
    }),
);

export const editionFormLabels = {
  name: "Naam van de editie",
  year: "Jaar",
  capacity: "Aantal plaatsen (trio's)",
  registrationOpens: "Aanmelding opent op",
  registrationCloses: "Aanmelding sluit na",
};
