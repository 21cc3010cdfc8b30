'use server';

/** Thin server actions of the 收入与说明 page: the domain functions parse, authorize, and write. */
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { updateAssets } from '@/lib/budget/edit/assets';
import { updateIncome } from '@/lib/budget/edit/income';
import { updatePrior } from '@/lib/budget/edit/prior';
import type { SectionInput } from '@/lib/budget/edit/section';
import { updateTexts } from '@/lib/budget/edit/texts';

function refresh(input: unknown) {
  const budgetId = (input as { budgetId?: unknown } | null)?.budgetId;
  if (typeof budgetId === 'number' && Number.isSafeInteger(budgetId)) revalidatePath(`/budgets/${budgetId}`, 'layout');
}

export async function updateIncomeAction(input: SectionInput) {
  const r = updateIncome(getDb(), await requireActor(), input);
  if (r.ok && r.changed.length) refresh(input);
  return r;
}

export async function updatePriorAction(input: SectionInput) {
  const r = updatePrior(getDb(), await requireActor(), input);
  if (r.ok && r.changed.length) refresh(input);
  return r;
}

export async function updateTextsAction(input: SectionInput) {
  const r = updateTexts(getDb(), await requireActor(), input);
  if (r.ok && r.changed.length) refresh(input);
  return r;
}

export async function updateAssetsAction(input: SectionInput) {
  const r = updateAssets(getDb(), await requireActor(), input);
  if (r.ok && r.changed.length) refresh(input);
  return r;
}
