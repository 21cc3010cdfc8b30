/**
 * What the editing screens read: the facts (through the read authorization), whether the actor may edit and why
 * not, and the row versions every edit must carry.
 */
import { storedControlFigure } from '../../admin/controlFigures';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { basicLines, projects } from '../../../db/schema';
import { editRefusal, type Actor } from '../../auth/authorize';
import type { BudgetFacts } from '../../facts';
import { isYearOpen, readBudgetFacts, type BudgetSummaryRow } from '../access';

export interface EditView {
  budget: BudgetSummaryRow;
  facts: BudgetFacts;
  /** null when the actor may edit; otherwise the Chinese reason the page shows instead of edit controls. */
  readOnlyReason: string | null;
  lineVersions: Record<number, number>;
  projectVersions: Record<number, number>;
  /** 预算控制数 (一般公共预算 this year) handed to the department, if set. */
  controlFigure: number | null;
}

/** Throws ForbiddenError when the actor may not read the budget (pages turn it into 403). */
export function readEditView(db: Db, actor: Actor, budgetId: number): EditView {
  const { budget, facts } = readBudgetFacts(db, actor, budgetId);
  const readOnlyReason = editRefusal(actor, budget, isYearOpen(db, budget.year));
  const lineVersions: Record<number, number> = {};
  for (const r of db.select({ id: basicLines.id, v: basicLines.version }).from(basicLines).where(eq(basicLines.budgetId, budgetId)).all())
    lineVersions[r.id] = r.v;
  const projectVersions: Record<number, number> = {};
  for (const r of db.select({ id: projects.id, v: projects.version }).from(projects).where(eq(projects.budgetId, budgetId)).all())
    projectVersions[r.id] = r.v;
  const controlFigure = storedControlFigure(db, budget.departmentId, budget.year)?.amount ?? null;
  return { budget, facts, readOnlyReason, lineVersions, projectVersions, controlFigure };
}
