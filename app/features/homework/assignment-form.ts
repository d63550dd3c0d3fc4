/** The organiser's homework settings and extension forms, shared by browser and server. */
import { z } from "zod";
import { fromDutchParts } from "~/utils/dutch-time";
import { withCrossChecks } from "~/utils/forms";
import { expectationValues as assignmentExpectations } from "./homework-labels";

const dateField = z.string().trim().max(10);
const timeField = z.string().trim().max(5);

function parseDue(date: string, time: string, ctx: z.RefinementCtx): string | null {
  if (!date && !time) return null;
  const iso = fromDutchParts(date, time || "17:00");
  if (!iso)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["dueDate"],
      message: "Vul een geldige datum en tijd in, zoals 12-03-2027 om 17:00.",
    });
  return iso;
}

/** The date and time as typed, checked even when another field is wrong (all errors at once). */
function checkDue(v: Record<string, string | undefined>, ctx: z.RefinementCtx) {
  const date = (v.dueDate ?? "").trim();
  const time = (v.dueTime ?? "").trim();
  if (v.intent === "extension" && !date) ctx.addIssue({ code: "custom", path: ["dueDate"], message: "Vul een nieuwe inleverdatum in." });
  else if ((date || time) && !fromDutchParts(date, time || "17:00"))
    ctx.addIssue({ code: "custom", path: ["dueDate"], message: "Vul een geldige datum en tijd in, zoals 12-03-2027 om 17:00." });
}

export const settingsSchema = withCrossChecks(
  z
    .object({
      dueDate: dateField.default(""),
      dueTime: timeField.default(""),
      expects: z.enum(assignmentExpectations, { errorMap: () => ({ message: "Kies wat het trio inlevert." }) }),
      shareAfterDue: z.literal("on").optional(),
      speakerMayGiveFeedback: z.literal("on").optional(),
      reminderDays: z.coerce
        .number({ invalid_type_error: "Vul een aantal dagen in (0 tot en met 14)." })
        .int("Vul een heel aantal dagen in.")
        .min(0, "Vul een aantal dagen in (0 tot en met 14).")
        .max(14, "Hoogstens 14 dagen van tevoren."),
      intent: z.string().optional(),
    })
    .transform((v, ctx) => ({
      dueAt: parseDue(v.dueDate, v.dueTime, ctx),
      expects: v.expects,
      shareAfterDue: v.shareAfterDue === "on",
      speakerMayGiveFeedback: v.speakerMayGiveFeedback === "on",
      reminderDays: v.reminderDays,
    })),
  checkDue,
);

export const extensionSchema = withCrossChecks(
  z
    .object({
      intent: z.string().optional(),
      trioId: z.string({ required_error: "Kies een trio." }).min(1, "Kies een trio.").max(64),
      dueDate: dateField.default(""),
      dueTime: timeField.default(""),
    })
    .transform((v, ctx) => ({ trioId: v.trioId, dueAt: parseDue(v.dueDate, v.dueTime, ctx) })),
  checkDue,
);

export const fieldLabels = {
  dueDate: "Inleverdatum",
  expects: "Wat wordt ingeleverd",
  reminderDays: "Herinnering",
  trioId: "Trio",
  form: "Formulier",
};
