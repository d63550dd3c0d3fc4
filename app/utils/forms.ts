import { z } from "zod";
import { hasControlCharacters, looksLikeLink, NO_LINK_MESSAGE, SINGLE_LINE_MESSAGE } from "./plain-text";

/** Fields longer than this are refused outright; no form here needs more. */
export const MAX_FIELD_LENGTH = 10_000;

export type FieldErrors = Record<string, string>;
export type FormResult<T> =
  { ok: true; data: T; values: Record<string, string> } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * The body of a form post. A body that is no form at all (JSON, broken multipart)
 * is the sender's mistake: a 400, not a server error.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Dit formulier kon niet worden gelezen. Open de pagina opnieuw en probeer het nog eens.", { status: 400 });
  }
}

/**
 * Reads a form post against a zod schema. Every value must be a plain string
 * (a file where text is expected is a wrong type), and the first message per
 * field is kept, in Dutch, for the error summary and the field itself.
 */
export function parseForm<S extends z.ZodTypeAny>(
  formData: FormData,
  schema: S,
  options: { maxFieldLength?: number } = {},
): FormResult<z.output<S>> {
  const maxLength = options.maxFieldLength ?? MAX_FIELD_LENGTH;
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") {
      errors[key] = "Dit veld verwacht tekst, geen bestand.";
      continue;
    }
    if (value.length > maxLength) {
      errors[key] = `Dit veld is te lang (maximaal ${maxLength.toLocaleString("nl-NL")} tekens).`;
      continue;
    }
    values[key] = value;
  }
  const parsed = schema.safeParse(values);
  // Passwords are never sent back to the browser.
  const echo = Object.fromEntries(Object.entries(values).filter(([key]) => !/password|wachtwoord|confirm|current/i.test(key)));
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, data: parsed.data, values: echo };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      errors[field] ??= issue.message;
    }
  }
  return { ok: false, errors, values: echo };
}

export const emailField = z
  .string({ required_error: "Vul je e-mailadres in." })
  .trim()
  .min(1, "Vul je e-mailadres in.")
  .max(254, "Dit e-mailadres is te lang.")
  .email("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.");

export const newPasswordField = z
  .string({ required_error: "Kies een wachtwoord." })
  .min(12, "Kies een wachtwoord van minstens 12 tekens.")
  .max(200, "Kies een wachtwoord van hoogstens 200 tekens.");

/**
 * A short text on one line without links (names, municipalities, job titles): what
 * others see of it, in the app and in mails, can never pass for a link or for the
 * platform's own words (ADR 021).
 */
export function singleLineField(options: { required: string; min?: number; max?: number; minMessage?: string; linkMessage?: string }) {
  const max = options.max ?? 200;
  return z
    .string({ required_error: options.required })
    .trim()
    .min(options.min ?? 1, options.minMessage ?? options.required)
    .max(max, `Gebruik hoogstens ${max} tekens.`)
    .refine((v) => !hasControlCharacters(v), SINGLE_LINE_MESSAGE)
    .refine((v) => !looksLikeLink(v), options.linkMessage ?? NO_LINK_MESSAGE);
}

export function nameField(label = "je naam") {
  return singleLineField({
    required: `Vul ${label} in.`,
    linkMessage: "Een naam kan geen webadres of link bevatten. Vul alleen de naam in.",
  });
}

/**
 * Rules across fields (two addresses that must differ, one of two fields required) that
 * run even when single fields are wrong, so a form shows every problem at once instead of
 * one more after each submit. `check` sees the raw form values.
 */
export function withCrossChecks<S extends z.ZodTypeAny>(
  schema: S,
  check: (values: Record<string, string | undefined>, ctx: z.RefinementCtx) => void,
) {
  return z.preprocess((values, ctx) => {
    if (values && typeof values === "object") check(values as Record<string, string | undefined>, ctx);
    return values;
  }, schema);
}

/** Adds "the two passwords differ" whenever both are filled in, whatever else is wrong. */
export function passwordsMatch(values: Record<string, string | undefined>, ctx: z.RefinementCtx) {
  if (values.password && values.confirm && values.password !== values.confirm)
    ctx.addIssue({ code: "custom", path: ["confirm"], message: "De twee wachtwoorden zijn niet gelijk." });
}

/** A form with a new password typed twice (`password`, `confirm`) beside its other fields. */
export function withPasswordPair<Shape extends z.ZodRawShape>(shape: Shape, repeatMessage = "Herhaal het wachtwoord.") {
  return withCrossChecks(
    z.object({
      ...shape,
      password: newPasswordField,
      confirm: z.string({ required_error: repeatMessage }).min(1, repeatMessage).max(200, "Dit wachtwoord is te lang."),
    }),
    passwordsMatch,
  );
}

/** A new password typed twice; the second must match the first. */
export const passwordPairSchema = withPasswordPair({});

/** Adds `message` to `field` when every one of `fields` is empty: "fill in one of the two". */
export function requireOneOf(values: Record<string, string | undefined>, ctx: z.RefinementCtx, fields: string[], message: string) {
  if (fields.every((f) => !(values[f] ?? "").trim())) ctx.addIssue({ code: "custom", path: [fields[0]], message });
}

/** Checks on the raw values (both must parse as the same format) that compare two fields. */
export function requireOrdered(
  values: Record<string, string | undefined>,
  ctx: z.RefinementCtx,
  options: { first: string; second: string; format: RegExp; message: string; allowEqual?: boolean },
) {
  const a = values[options.first] ?? "";
  const b = values[options.second] ?? "";
  if (!options.format.test(a) || !options.format.test(b)) return;
  if (b < a || (b === a && !options.allowEqual)) ctx.addIssue({ code: "custom", path: [options.second], message: options.message });
}
