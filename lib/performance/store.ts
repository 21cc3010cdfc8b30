/**
 * How a 绩效目标表 is stored: the form row (with its version) and its indicators, read and written inside the edit's
 * transaction, and the project it belongs to (within one budget).
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { performanceForms, performanceIndicators, projects } from '../../db/schema';
import type { Tx } from '../audit';
import { formFromRow, INDICATOR_ORDER } from '../budget/load';
import type { FormDraft } from './carryForward';
import type { Indicator, PerformanceForm } from './form';

/** A project's form with its version, or null. Indicators: 实施期 then 年度, each in its order. */
export function loadPerformanceForm(db: Db | Tx, projectId: number): (PerformanceForm & { version: number }) | null {
  const f = db.select().from(performanceForms).where(eq(performanceForms.projectId, projectId)).get();
  if (!f) return null;
  const indicators = db
    .select()
    .from(performanceIndicators)
    .where(eq(performanceIndicators.projectId, projectId))
    .orderBy(...INDICATOR_ORDER)
    .all()
    .map((i) => ({ period: i.period, level1: i.level1, level2: i.level2, name: i.name, value: i.value, sort: i.sort }));
  return { ...formFromRow(f, indicators), version: f.version };
}

/** A draft as the columns of performance_forms (amounts in 分). */
export function formColumns(d: FormDraft) {
  return {
    attribute: d.attribute,
    periodYears: d.periodYears,
    totalAmount: d.fundingTotal.total,
    totalCentral: d.fundingTotal.central,
    totalProvincial: d.fundingTotal.provincial,
    totalLocal: d.fundingTotal.local,
    totalSelfRaised: d.fundingTotal.selfRaised,
    totalOther: d.fundingTotal.other,
    annualAmount: d.fundingAnnual.total,
    annualCentral: d.fundingAnnual.central,
    annualProvincial: d.fundingAnnual.provincial,
    annualLocal: d.fundingAnnual.local,
    annualSelfRaised: d.fundingAnnual.selfRaised,
    annualOther: d.fundingAnnual.other,
    overview: d.overview,
    basis: d.basis,
    necessity: d.necessity,
    measures: d.measures,
    plan: d.plan,
    goalTotal: d.goalTotal,
    goalAnnual: d.goalAnnual,
    manager: d.manager,
    handler: d.handler,
    phone: d.phone,
    filledAt: d.filledAt,
  };
}

/** Replaces a form's indicators by `indicators`. */
export function writeIndicators(tx: Tx, projectId: number, indicators: readonly Indicator[]): void {
  tx.delete(performanceIndicators).where(eq(performanceIndicators.projectId, projectId)).run();
  for (const i of indicators) {
    tx.insert(performanceIndicators)
      .values({ projectId, period: i.period, level1: i.level1, level2: i.level2, name: i.name, value: i.value, sort: i.sort })
      .run();
  }
}

/** The project of `budgetId` with id `projectId`, or undefined (a project of another budget counts as missing). */
export function projectOf(tx: Db | Tx, budgetId: number, projectId: number) {
  return tx
    .select({ id: projects.id, name: projects.name, carryover: projects.carryover })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.budgetId, budgetId)))
    .get();
}
