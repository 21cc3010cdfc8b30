import { cache } from 'react';
import { forbidden, notFound } from 'next/navigation';
import { getDb, type Db } from '@/db/client';
import { editRefusal, ForbiddenError, type Actor } from '@/lib/auth/authorize';
import { requireActor } from '@/lib/auth/session';
import { getBudgetSummary, isYearOpen, type BudgetSummaryRow } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';

/**
 * The start of every budget page: the signed-in actor (or the sign-in page), the budget id from the URL (or 404),
 * and the page's data read through an authorized domain function (a refusal renders the 403 page).
 */
export async function openBudgetPage<T>(
  params: Promise<{ id: string }>,
  read: (db: Db, actor: Actor, budgetId: number) => T,
): Promise<{ actor: Actor; db: Db; budgetId: number; data: T }> {
  const actor = await requireActor();
  const budgetId = parseId((await params).id);
  if (budgetId === null) notFound();
  const db = getDb();
  try {
    return { actor, db, budgetId, data: read(db, actor, budgetId) };
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  }
}

/** What every page of a budget shows around itself (the layout's frame). */
interface BudgetFrame {
  budget: BudgetSummaryRow;
  /** null when the actor may edit; otherwise why not, in Chinese. */
  readOnlyReason: string | null;
}

/**
 * The budget row and whether the actor may edit it, read once per request (React `cache`): the layout's frame and a
 * page that needs no more than the row (disclosure, history) share one authorized read.
 */
export const budgetFrame = cache(async (rawId: string): Promise<BudgetFrame> => {
  const { db, actor, data: budget } = await openBudgetPage(Promise.resolve({ id: rawId }), getBudgetSummary);
  return { budget, readOnlyReason: editRefusal(actor, budget, isYearOpen(db, budget.year)) };
});
