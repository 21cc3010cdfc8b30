/**
 * Shared plumbing for the administration domain: validation errors carrying a Chinese message per field, so a
 * server action can hand them straight back to the form that sent them.
 */
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** Invalid input: a message per field (keyed by the field's name in the form) and/or one for the whole form. */
export class ValidationError extends Error {
  readonly fieldErrors: FieldErrors;
  readonly formError: string | null;
  constructor(fieldErrors: FieldErrors, formError: string | null = null) {
    super(formError ?? Object.values(fieldErrors)[0] ?? '输入有误');
    this.name = 'ValidationError';
    this.fieldErrors = fieldErrors;
    this.formError = formError;
  }
}

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
