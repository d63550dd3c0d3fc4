import type { FieldErrors } from "./forms";

export type FormValues = Record<string, string>;

/**
 * What every form action answers: the refusal per field (or "form" for the whole
 * form), the confirmation to show, and the values to put back into the form.
 * Routes add their own keys (which trio, what was removed) beside these.
 */
export type ActionResult = { errors: FieldErrors | null; done: string | null; values?: FormValues | null };

/** An action result with everything not given left empty. */
export function actionResult<Extra extends object = Record<never, never>>(
  partial: Partial<ActionResult> & Extra,
): ActionResult & { values: FormValues | null } & Extra {
  return { errors: null, done: null, values: null, ...partial };
}
