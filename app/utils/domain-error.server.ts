import { json, type TypedResponse } from "@remix-run/node";
import { actionResult, type ActionResult } from "./action-result";
import type { FieldErrors } from "./forms";

/**
 * A refusal by a model: the HTTP status it deserves and a Dutch message, shown
 * beside one form field ("form" for the whole form). Models throw it; routes turn
 * it into their answer with `domainErrorResponse`, socket handlers into an ack.
 */
export class DomainError extends Error {
  readonly status: number;
  readonly field: string;
  /** The message per field; one entry unless a model refuses several fields at once. */
  readonly errors: FieldErrors;

  constructor(message: string, options: { status?: number; field?: string; errors?: FieldErrors } = {}) {
    super(message);
    this.name = new.target.name;
    this.status = options.status ?? 400;
    this.field = options.field ?? "form";
    this.errors = options.errors ?? { [this.field]: message };
  }
}

/**
 * A DomainError as the action's answer (an ActionResult with the error's status),
 * with `extra` (values to put back, route keys) beside it. Anything else is a bug
 * or a Response and is rethrown.
 */
export function domainErrorResponse(error: unknown): TypedResponse<ActionResult>;
export function domainErrorResponse<Extra extends object>(error: unknown, extra: Extra): TypedResponse<ActionResult & Extra>;
export function domainErrorResponse(error: unknown, extra: object = {}) {
  if (!(error instanceof DomainError)) throw error;
  return json(actionResult({ ...extra, errors: error.errors }), { status: error.status });
}
