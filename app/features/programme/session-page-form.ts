import { z } from "zod";

/** A question to the speaker before the session (browser and server). */
export const questionSchema = z.object({
  text: z
    .string({ required_error: "Schrijf je vraag op." })
    .trim()
    .min(1, "Schrijf je vraag op.")
    .max(2000, "Houd je vraag korter dan 2.000 tekens."),
});
