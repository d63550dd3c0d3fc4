import { useEffect, useState, type FormEvent } from "react";
import type { z } from "zod";
import { parseForm, type FieldErrors } from "./forms";

/**
 * Checks a form in the browser with the same zod schema the action uses, so people
 * get the same Dutch messages before and after a round trip. The action checks again.
 */
export function useFormValidation(schema: z.ZodTypeAny, serverErrors: FieldErrors | null | undefined) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  useEffect(() => setClientErrors(null), [serverErrors]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const result = parseForm(new FormData(event.currentTarget), schema);
    if (result.ok) {
      setClientErrors(null);
    } else {
      event.preventDefault();
      setClientErrors(result.errors);
    }
  }
  return { errors: clientErrors ?? serverErrors ?? null, onSubmit };
}
