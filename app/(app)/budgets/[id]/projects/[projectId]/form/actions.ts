'use server';

/**
 * The 绩效目标表 page's server actions (lib/action.ts): the domain use cases (lib/performance/edit.ts) parse,
 * authorize and write. Anything the client sends is untrusted input.
 */
import { redirect } from 'next/navigation';
import { action, formAction } from '@/lib/action';
import { formHref } from '@/lib/routes';
import { createForm, saveForm, type CreateFormResult } from '@/lib/performance/edit';

/**
 * A save answers with the form's new version; the editor then refreshes the page (router.refresh), which re-runs
 * the rules for its findings, so nothing is revalidated here.
 */
export const saveFormAction = action((ctx, input: Parameters<typeof saveForm>[2]) => saveForm(ctx.db, ctx.actor, input));

/** From the "新建" panel (a plain form: budgetId, projectId, from): on success, back to the page with the new form. */
export const createFormAction = formAction<Extract<CreateFormResult, { ok: true }>>(({ db, actor, values }) => {
  const result = createForm(db, actor, { budgetId: values.budgetId ?? '', projectId: values.projectId ?? '', from: values.from ?? '' });
  if (!result.ok) return result;
  // the ids were valid, or createForm would have refused
  redirect(formHref(Number(values.budgetId), values.projectId));
});
