/** Test helpers for the workflow, review and publication tests: a seeded in-memory world and a stub PDF renderer. */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { budgets, budgetTexts, controlFigures, incomeEntries, projects } from '../../../db/schema';
import { seededWorld, type TestWorld } from '../../budget/edit/testing';
import type { PdfRenderer } from '../../publish/prepare';

export type { TestWorld };
export { seededWorld };

/** The archive budget without findings: its project (which has no 绩效目标表) removed, income and control figure fitted. */
export function cleanArchive(w: TestWorld): number {
  const { db, archiveBudgetId: id } = w;
  db.delete(projects).where(eq(projects.budgetId, id)).run();
  db.update(incomeEntries).set({ current: 111_300_000 }).where(and(eq(incomeEntries.budgetId, id), eq(incomeEntries.source, 'general'))).run();
  const b = db.select().from(budgets).where(eq(budgets.id, id)).get()!;
  db.update(controlFigures).set({ amount: 111_300_000 }).where(eq(controlFigures.departmentId, b.departmentId)).run();
  return id;
}

/**
 * One explainable warning on the archive budget: 机构设置 left empty (`text.required-missing@text:organization`;
 * an empty 部门职责 is an error, `required.duties`).
 */
export const ORGANIZATION_WARNING = 'text.required-missing@text:organization';
export function addOrganizationWarning(w: TestWorld): void {
  w.db.update(budgetTexts).set({ organization: '' }).where(eq(budgetTexts.budgetId, w.archiveBudgetId)).run();
}

/** A PDF renderer that needs no browser: a tiny PDF naming the budget; records the calls. */
export function stubRenderer(): PdfRenderer & { calls: number[] } {
  const calls: number[] = [];
  const fn = (async (budgetId: number) => {
    calls.push(budgetId);
    return Buffer.from(`%PDF-1.4\n% stub disclosure of budget ${budgetId}\n%%EOF\n`);
  }) as PdfRenderer & { calls: number[] };
  fn.calls = calls;
  return fn;
}

export function versionOf(w: TestWorld, budgetId: number): number {
  return w.db.select().from(budgets).where(eq(budgets.id, budgetId)).get()!.version;
}

export function budgetRow(w: TestWorld, budgetId: number) {
  return w.db.select().from(budgets).where(eq(budgets.id, budgetId)).get()!;
}
