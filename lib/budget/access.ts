/** Budget reads and listings, each through the authorization checks. */
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { budgets, departments, fiscalYears } from '../../db/schema';
import { assertCanReadBudget, assertReviewerOrAdmin, ForbiddenError, ownDepartmentId, type Actor, type BudgetRef } from '../auth/authorize';
import type { BudgetFacts } from '../facts';
import { loadBudgetFacts } from './load';

export interface BudgetSummaryRow {
  id: number;
  year: number;
  status: BudgetRef['status'];
  version: number;
  updatedAt: number;
  departmentId: number;
  departmentCode: string;
  departmentName: string;
}

const summaryColumns = {
  id: budgets.id,
  year: budgets.year,
  status: budgets.status,
  version: budgets.version,
  updatedAt: budgets.updatedAt,
  departmentId: budgets.departmentId,
  departmentCode: departments.code,
  departmentName: departments.name,
};

export function currentYear(db: Db): number | null {
  return db.select().from(fiscalYears).where(eq(fiscalYears.isCurrent, true)).get()?.year ?? null;
}

export function isYearOpen(db: Db, year: number): boolean {
  return db.select().from(fiscalYears).where(eq(fiscalYears.year, year)).get()?.status === 'open';
}

/** The budget row, if the actor may read it; a ForbiddenError otherwise (also for unknown ids). */
export function getBudgetSummary(db: Db, actor: Actor, budgetId: number): BudgetSummaryRow {
  const row = db
    .select(summaryColumns)
    .from(budgets)
    .innerJoin(departments, eq(departments.id, budgets.departmentId))
    .where(eq(budgets.id, budgetId))
    .get();
  if (!row) throw new ForbiddenError('预算不存在或无权查看');
  assertCanReadBudget(actor, row);
  return row;
}

/** The facts of a budget the actor may read. */
export function readBudgetFacts(db: Db, actor: Actor, budgetId: number): { budget: BudgetSummaryRow; facts: BudgetFacts } {
  const budget = getBudgetSummary(db, actor, budgetId);
  return { budget, facts: loadBudgetFacts(db, budgetId) };
}

/** A clerk's own department's budget for a year, or null. */
export function ownBudget(db: Db, actor: Actor, year: number): BudgetSummaryRow | null {
  const departmentId = ownDepartmentId(actor);
  if (departmentId === null) return null;
  return (
    db
      .select(summaryColumns)
      .from(budgets)
      .innerJoin(departments, eq(departments.id, budgets.departmentId))
      .where(and(eq(budgets.departmentId, departmentId), eq(budgets.year, year)))
      .get() ?? null
  );
}

/** Every department's budget for a year: for reviewers and administrators only. */
export function listBudgets(db: Db, actor: Actor, year: number): BudgetSummaryRow[] {
  assertReviewerOrAdmin(actor);
  return db
    .select(summaryColumns)
    .from(budgets)
    .innerJoin(departments, eq(departments.id, budgets.departmentId))
    .where(eq(budgets.year, year))
    .orderBy(asc(departments.code))
    .all();
}

/**
 * The facts of one budget for the server's own PDF browser, authorized by a render token instead of a session
 * (lib/export/renderToken.ts, sent in a request header). Refused without a valid token for exactly this budget;
 * returns what the token grants (the digest the rendered document must have, for a publication).
 */
export function readBudgetFactsForRender<G extends { budgetId: number }>(
  db: Db,
  budgetId: number,
  token: string | null | undefined,
  parse: (token: string | null | undefined, budgetId: number) => G | null,
): { budget: BudgetSummaryRow; facts: BudgetFacts; grant: G } {
  const grant = parse(token, budgetId);
  if (!grant || grant.budgetId !== budgetId) throw new ForbiddenError('打印链接无效或已过期');
  const budget = db
    .select(summaryColumns)
    .from(budgets)
    .innerJoin(departments, eq(departments.id, budgets.departmentId))
    .where(eq(budgets.id, budgetId))
    .get();
  if (!budget) throw new ForbiddenError('预算不存在');
  return { budget, facts: loadBudgetFacts(db, budgetId), grant };
}
