/**
 * The one result shape of every write in the domain (budget edits, forms, workflow, comments, administration) and
 * of the server actions that call them. A success carries what the caller needs next; a refusal says why, with a
 * Chinese message per field and/or for the whole form, the current value for a stale edit, and (for form posts) the
 * values the user typed so nothing is lost.
 */
import type { z } from 'zod';

/** Field key (e.g. `amount`, `rows.3.amount`, `general.current`) → Chinese message. */
export type FieldErrors = Record<string, string>;

/**
 * - `invalid`: the input breaks a rule (field errors say which);
 * - `forbidden`: the actor may not do this;
 * - `stale`: the edit was based on an older version (`current` holds what is there now);
 * - `notFound`: the thing does not exist (or is not visible to the actor);
 * - `refused`: allowed in general, but not in the present state (e.g. submitting with open errors).
 */
type RefusalReason = 'invalid' | 'forbidden' | 'stale' | 'notFound' | 'refused';

export interface Refusal<C = unknown> {
  ok: false;
  reason: RefusalReason;
  fieldErrors: FieldErrors;
  formError?: string;
  /** For a stale edit: the current value(s), so the user sees what is there now. */
  current?: C;
  /** For a form post: what the user typed (never passwords or files), to fill the form again. */
  values?: Record<string, string>;
}

export type Ok<T extends object = object> = { ok: true } & T;
export type Result<T extends object = object, C = unknown> = Ok<T> | Refusal<C>;

const INVALID_FORM_ERROR = '请更正标出的错误后再保存';

export function ok<T extends object>(value: T): Ok<T> {
  return { ok: true, ...value };
}

export function invalid(fieldErrors: FieldErrors, formError = INVALID_FORM_ERROR): Refusal<never> {
  return { ok: false, reason: 'invalid', fieldErrors, formError };
}

export function forbidden(message: string): Refusal<never> {
  return { ok: false, reason: 'forbidden', fieldErrors: {}, formError: message };
}

export function notFound(message: string): Refusal<never> {
  return { ok: false, reason: 'notFound', fieldErrors: {}, formError: message };
}

export function refused(message: string, fieldErrors: FieldErrors = {}): Refusal<never> {
  return { ok: false, reason: 'refused', fieldErrors, formError: message };
}

export function stale<C>(message: string, current: C, fieldErrors: FieldErrors = {}): Refusal<C> {
  return { ok: false, reason: 'stale', fieldErrors, formError: message, current };
}

/** Zod issues → one Chinese message per field key (the first one wins; a form-level issue is keyed `_`). */
export function fieldErrorsOf(error: z.ZodError, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = prefix + (issue.path.length ? issue.path.map(String).join('.') : '_');
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/**
 * Invalid input thrown from deep inside a use case (the administration's parsers): a message per field (keyed by
 * the field's name in the form) and/or one for the whole form. The action wrapper turns it into an `invalid` Refusal.
 */
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

/** The message to show for a refusal as a whole: the form error, else the first field's. */
export function refusalMessage(r: Refusal): string {
  return r.formError ?? Object.values(r.fieldErrors)[0] ?? '操作未完成';
}
