/**
 * Server-action plumbing for the administration pages: the state a form's useActionState holds, and a runner that
 * finds the actor, calls the domain function, and turns validation and authorization errors into that state (keeping
 * what the user typed, except passwords and files).
 */
import { revalidatePath } from 'next/cache';
import { redirect, unstable_rethrow } from 'next/navigation';
import { getDb, type Db } from '@/db/client';
import { ForbiddenError, type Actor } from '@/lib/auth/authorize';
import { currentActor } from '@/lib/auth/session';
import { ValidationError, type FieldErrors } from '@/lib/admin/common';

export type FormState<T = unknown> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; fieldErrors: FieldErrors; formError: string | null; values: Record<string, string> };

/** Fields whose values are never sent back to the browser. */
const SECRET_FIELDS = new Set(['password', 'currentPassword', 'newPassword', 'confirmPassword']);

/** Form fields as strings; passwords and files are never sent back. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v !== 'string' || k.startsWith('$ACTION') || SECRET_FIELDS.has(k)) continue;
    values[k] = v;
  }
  return values;
}

export interface ActionContext {
  db: Db;
  actor: Actor;
  values: Record<string, string>;
}

export async function runAction<T = unknown>(
  formData: FormData,
  fn: (ctx: ActionContext) => Promise<{ message?: string; data?: T } | void> | { message?: string; data?: T } | void,
  revalidate: string[] = ['/admin'],
): Promise<FormState<T>> {
  const values = formValues(formData);
  const actor = await currentActor();
  if (!actor) redirect('/login');
  try {
    const result = (await fn({ db: getDb(), actor, values })) ?? {};
    for (const p of revalidate) revalidatePath(p, 'layout');
    return { ok: true, ...result };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof ValidationError) return { ok: false, fieldErrors: e.fieldErrors, formError: e.formError, values };
    if (e instanceof ForbiddenError) return { ok: false, fieldErrors: {}, formError: e.message, values };
    if (e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')) {
      return { ok: false, fieldErrors: {}, formError: '数据已被他人修改，请刷新页面后重试', values };
    }
    throw e;
  }
}
