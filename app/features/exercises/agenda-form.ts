import { z } from "zod";
import { withCrossChecks } from "~/utils/forms";

export const AGENDA_ACTION_ROWS = 6;

const text = (max: number) =>
  z
    .string()
    .max(max, `Gebruik hoogstens ${max.toLocaleString("nl-NL")} tekens.`)
    .default("");

/** Every action row with a "who" or "when" also needs its "what", checked even when other fields are wrong. */
function actionsHaveWhat(v: Record<string, string | undefined>, ctx: z.RefinementCtx) {
  for (let i = 0; i < AGENDA_ACTION_ROWS; i++) {
    const filled = (key: string) => Boolean((v[`${key}-${i}`] ?? "").trim());
    if (!filled("what") && (filled("who") || filled("when")))
      ctx.addIssue({ code: "custom", path: [`what-${i}`], message: `Actie ${i + 1} heeft een omschrijving nodig (wat).` });
  }
}

export const agendaFormSchema = withCrossChecks(
  z
    .object({
      sessionId: z.string({ required_error: "Kies de bijeenkomst." }).min(1, "Kies de bijeenkomst.").max(64),
      goals: text(5000),
      stakeholders: text(5000),
      nextSteps: text(5000),
      ...Object.fromEntries(
        Array.from({ length: AGENDA_ACTION_ROWS }, (_, i) => [
          [`what-${i}`, text(500)],
          [`who-${i}`, text(200)],
          [`when-${i}`, text(100)],
        ]).flat(),
      ),
    })
    .transform((v) => {
      const row = v as Record<string, string>;
      const actions = Array.from({ length: AGENDA_ACTION_ROWS }, (_, i) => ({
        what: row[`what-${i}`].trim(),
        who: row[`who-${i}`].trim(),
        when: row[`when-${i}`].trim(),
      })).filter((a) => a.what || a.who || a.when);
      return { sessionId: v.sessionId, goals: v.goals, stakeholders: v.stakeholders, nextSteps: v.nextSteps, actions };
    }),
  actionsHaveWhat,
);

export const agendaFieldLabels: Record<string, string> = {
  sessionId: "Bijeenkomst",
  goals: "Doelen",
  stakeholders: "Belanghebbenden",
  nextSteps: "Volgende stappen",
  ...Object.fromEntries(
    Array.from({ length: AGENDA_ACTION_ROWS }, (_, i) => [
      [`what-${i}`, `Actie ${i + 1}: wat`],
      [`who-${i}`, `Actie ${i + 1}: wie`],
      [`when-${i}`, `Actie ${i + 1}: wanneer`],
    ]).flat(),
  ),
};
