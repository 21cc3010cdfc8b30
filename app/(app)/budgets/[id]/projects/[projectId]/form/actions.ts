'use server';

/**
 * Server actions of the 绩效目标表 page: thin wrappers that find the actor and call the domain mutations
 * (lib/performance/edit.ts), which parse, authorize and write. Anything the client sends is untrusted input.
 */
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { currentActor } from '@/lib/auth/session';
import { coerceValues, createForm, saveForm, type CreateFormResult, type SaveFormResult } from '@/lib/performance/edit';

const SIGNED_OUT = '登录已过期，请重新登录后再保存';

export async function saveFormAction(input: unknown): Promise<SaveFormResult> {
  const actor = await currentActor();
  const body = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  if (!actor) return { ok: false, reason: 'forbidden', fieldErrors: {}, formError: SIGNED_OUT, values: coerceValues(body) };
  return saveForm(getDb(), actor, body);
}

export type CreateFormState = Extract<CreateFormResult, { ok: false }> | null;

/** From the "新建" panel (a plain form: budgetId, projectId, from): on success, back to the page with the new form. */
export async function createFormAction(_prev: CreateFormState, formData: FormData): Promise<CreateFormState> {
  const actor = await currentActor();
  if (!actor) return { ok: false, reason: 'forbidden', fieldErrors: {}, formError: SIGNED_OUT };
  const budgetId = String(formData.get('budgetId') ?? '');
  const projectId = String(formData.get('projectId') ?? '');
  const result = createForm(getDb(), actor, { budgetId, projectId, from: String(formData.get('from') ?? '') });
  if (!result.ok) return result;
  redirect(`/budgets/${encodeURIComponent(budgetId)}/projects/${encodeURIComponent(projectId)}/form`);
}
