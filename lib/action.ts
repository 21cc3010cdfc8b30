/**
 * The one wrapper of every server action (`app/**\/actions.ts`): it finds the signed-in actor (or redirects to the
 * sign-in page), calls the domain function with the database, turns the domain's thrown refusals
 * (ForbiddenError, ValidationError, a constraint that lost a race) into a `Refusal`, and revalidates the pages a
 * success changes. Actions stay one line each:
 *
 *   export const renameAction = action((ctx, input: RenameInput) => rename(ctx.db, ctx.actor, input), {
 *     revalidate: (input) => [budgetPath(input.budgetId)],
 *   });
 *
 * `formAction` is the same for a `<form action>` driven by useActionState: the domain function receives the form's
 * string values, and a refusal carries them back (never passwords or files) so nothing typed is lost.
 */
import 'server-only';
import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import { getDb, type Db } from '../db/client';
import { ForbiddenError, type Actor } from './auth/authorize';
import { requireActor } from './auth/session';
import { forbidden, invalid, refused, ValidationError, type Ok, type Refusal, type Result } from './result';

interface ActionContext {
  db: Db;
  actor: Actor;
}

interface ActionOptions<I, R> {
  /** Paths (revalidated with their layout) that a success changes. */
  revalidate?: (input: I, result: R) => readonly (string | null | undefined)[];
}

/** A thrown domain refusal as a Refusal; anything else (a bug, a redirect) is rethrown. */
export function refusalOf(e: unknown): Refusal<never> {
  unstable_rethrow(e);
  if (e instanceof ValidationError) return invalid(e.fieldErrors, e.formError ?? undefined);
  if (e instanceof ForbiddenError) return forbidden(e.message);
  if (e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')) {
    return refused('数据已被修改，请刷新页面后重试');
  }
  throw e;
}

function revalidateAll(paths: readonly (string | null | undefined)[] | undefined) {
  for (const p of paths ?? []) if (p) revalidatePath(p, 'layout');
}

export function action<I, R extends Result>(
  fn: (ctx: ActionContext, input: I) => R | Promise<R>,
  opts: ActionOptions<I, Extract<R, { ok: true }>> = {},
): (input: I) => Promise<R | Refusal<never>> {
  return async (input: I) => {
    const actor = await requireActor();
    let result: R;
    try {
      result = await fn({ db: getDb(), actor }, input);
    } catch (e) {
      return refusalOf(e);
    }
    if (result.ok) revalidateAll(opts.revalidate?.(input, result as Extract<R, { ok: true }>));
    return result;
  };
}

/** Fields whose values are never sent back to the browser. */
const SECRET_FIELDS = new Set(['password', 'currentPassword', 'newPassword', 'confirmPassword']);

/** A form's fields as strings; action ids, passwords and files are left out. */
function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v !== 'string' || k.startsWith('$ACTION') || SECRET_FIELDS.has(k)) continue;
    values[k] = v;
  }
  return values;
}

/** What a form's useActionState holds: the last result, or null before the first post. */
export type FormState<T extends object = { message?: string }> = Result<T> | null;

interface FormContext extends ActionContext {
  values: Record<string, string>;
  formData: FormData;
}

export function formAction<T extends object = { message?: string }>(
  fn: (ctx: FormContext) => Result<T> | T | void | Promise<Result<T> | T | void>,
  opts: { revalidate?: (values: Record<string, string>) => readonly (string | null | undefined)[] } = {},
): (prev: FormState<T>, formData: FormData) => Promise<Result<T>> {
  return async (_prev, formData) => {
    const values = formValues(formData);
    const actor = await requireActor();
    let out: Result<T> | T | void;
    try {
      out = await fn({ db: getDb(), actor, values, formData });
    } catch (e) {
      return { ...refusalOf(e), values };
    }
    const result: Result<T> =
      out && typeof out === 'object' && 'ok' in out ? (out as Result<T>) : ({ ok: true, ...(out ?? {}) } as Ok<T>);
    if (!result.ok) return { ...result, values: result.values ?? values };
    revalidateAll(opts.revalidate?.(values));
    return result;
  };
}
