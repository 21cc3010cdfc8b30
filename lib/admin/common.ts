/**
 * Shared plumbing for the administration domain: parsing that throws a ValidationError (lib/result.ts) carrying a
 * Chinese message per field, so the action wrapper (lib/action.ts) hands it straight back to the form that sent it.
 */
import type { z } from 'zod';

import { ValidationError, type FieldErrors } from '../result';

/** Parses input with a zod schema; on failure throws a ValidationError with the first message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fieldErrors: FieldErrors = {};
  let formError: string | null = null;
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join('.');
    if (key === '') formError ??= issue.message;
    else fieldErrors[key] ??= issue.message;
  }
  throw new ValidationError(fieldErrors, formError);
}

export function fieldError(field: string, message: string): never {
  throw new ValidationError({ [field]: message });
}

export function formError(message: string): never {
  throw new ValidationError({}, message);
}

/** A form's checkbox: present (any value but "0"/"false") means on. */
export function checkbox(value: unknown): boolean {
  return value === true || value === 'on' || value === '1' || value === 'true';
}
