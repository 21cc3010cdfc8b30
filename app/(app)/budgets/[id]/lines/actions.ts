'use server';

/** Thin server actions of the 基本支出 grid: the domain functions parse, authorize, and write. */
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { addLine, addLines, deleteLine, duplicateLine, updateLine } from '@/lib/budget/edit/lines';

type Input<F extends (...a: never[]) => unknown> = Parameters<F>[2];

function refresh(input: unknown) {
  const budgetId = (input as { budgetId?: unknown } | null)?.budgetId;
  if (typeof budgetId === 'number' && Number.isSafeInteger(budgetId)) revalidatePath(`/budgets/${budgetId}`, 'layout');
}

/**
 * A cell edit answers with the saved line only: the grid shows it at once and refreshes the page (totals,
 * findings) once the clerk pauses, so a burst of edits costs one page render, not one per keystroke-commit.
 */
export async function updateLineAction(input: Input<typeof updateLine>) {
  return updateLine(getDb(), await requireActor(), input);
}

export async function addLineAction(input: Input<typeof addLine>) {
  const r = addLine(getDb(), await requireActor(), input);
  if (r.ok) refresh(input);
  return r;
}

export async function deleteLineAction(input: Input<typeof deleteLine>) {
  const r = deleteLine(getDb(), await requireActor(), input);
  if (r.ok) refresh(input);
  return r;
}

export async function duplicateLineAction(input: Input<typeof duplicateLine>) {
  const r = duplicateLine(getDb(), await requireActor(), input);
  if (r.ok) refresh(input);
  return r;
}

export async function addLinesAction(input: Input<typeof addLines>) {
  const r = addLines(getDb(), await requireActor(), input);
  if (r.ok && !input?.dryRun) refresh(input);
  return r;
}
