import { z } from "zod";
import { DESK_MAX, DESK_MIN, DESK_REASON_MAX, deskCategories, deskCategoryTexts } from "./exercise-content";

const valueField = (name: string) =>
  z
    .string({ required_error: `De stand van ${name} ontbreekt.` })
    .trim()
    .regex(/^-?\d+$/, `De stand van ${name} moet een geheel getal zijn.`)
    .transform(Number)
    .refine((n) => n >= DESK_MIN && n <= DESK_MAX, `De stand van ${name} moet tussen ${DESK_MIN} en ${DESK_MAX} liggen.`);

const reasonField = (name: string) =>
  z.string().max(DESK_REASON_MAX, `De toelichting bij ${name} mag hoogstens ${DESK_REASON_MAX} tekens zijn.`).default("");

/** The whole desk as a form post (the no-JavaScript way to save). */
export const deskFormSchema = z.object(
  Object.fromEntries(
    deskCategories.flatMap((c) => {
      const name = deskCategoryTexts[c].name.toLowerCase();
      return [
        [`value-${c}`, valueField(name)],
        [`reason-${c}`, reasonField(name)],
      ];
    }),
  ) as Record<string, z.ZodTypeAny>,
);
