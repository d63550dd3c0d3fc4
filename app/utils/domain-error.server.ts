import { json, type TypedResponse } from "@remix-run/node";
import { actionResult, type ActionResult } from "./action-result";
import type { FieldErrors } from "./forms";

/**
 * A refusal by a model: the HTTP status it deserves and a Dutch message, shown
 * beside one form field ("form" for the whole form). Models throw it; routes turn
 * it into their answer with `domainErrorResponse`, socket handlers into an ack.
 */
const BRAND = Symbol.for("werkplaats.DomainError");

export class DomainError extends Error {
  /**
   * server.ts and the Remix build each load their own copy of this module, so an
   * error thrown by the data layer of one copy (e.g. the store's 503) must still be
   * a DomainError to the other: recognised by a brand, not by the class object.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== DomainError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;
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
