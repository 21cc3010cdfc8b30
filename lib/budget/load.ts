/** Read a budget's facts from the database: the one input of every table, text, chart and finding. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  basicLines,
  budgetAssets,
  budgetTexts,
  budgets,
  departments,
  incomeEntries,
  performanceForms,
  performanceIndicators,
  priorYearFigures,
  projectItems,
  projects,
  units,
  vehicleCounts,
} from '../../db/schema';
import { FUND_SOURCES, type BudgetFacts, type IncomeEntry, type Project } from '../facts';
import type { PerformanceForm } from '../performance/form';
import { govEconomicFor, loadYearCodes } from '../codebook/store';

export function loadBudgetFacts(db: Db, budgetId: number): BudgetFacts {
  const budget = db.select().from(budgets).where(eq(budgets.id, budgetId)).get();
  if (!budget) throw new Error(`budget ${budgetId} not found`);
  const dept = db.select().from(departments).where(eq(departments.id, budget.departmentId)).get()!;
  const codes = loadYearCodes(db, budget.year);
  const unitRows = db
    .select()
    .from(units)
    .where(eq(units.departmentId, dept.id))
    .orderBy(asc(units.sort), asc(units.id))
    .all();
  const unitType = new Map(unitRows.map((u) => [u.id, u.type]));

  const incomeRows = db.select().from(incomeEntries).where(eq(incomeEntries.budgetId, budgetId)).all();
  const income: IncomeEntry[] = FUND_SOURCES.map((source) => {
    const r = incomeRows.find((x) => x.source === source);
    return { source, current: r?.current ?? 0, carryover: r?.carryover ?? 0 };
  });

  const lines = db
    .select()
    .from(basicLines)
    .where(eq(basicLines.budgetId, budgetId))
    .orderBy(asc(basicLines.sort), asc(basicLines.id))
    .all()
    .map((l) => ({
      id: l.id,
      unitId: l.unitId,
      functionCode: l.functionCode,
      economicCode: l.economicCode,
      govEconomicCode: l.govEconomicOverride ?? govEconomicFor(codes, l.economicCode, unitType.get(l.unitId) ?? 'admin'),
      source: l.source,
      amount: l.amount,
    }));

  const projectRows = db
    .select()
    .from(projects)
    .where(eq(projects.budgetId, budgetId))
    .orderBy(asc(projects.sort), asc(projects.id))
    .all();
  const projectIds = projectRows.map((p) => p.id);
  const items = projectIds.length
    ? db
        .select()
        .from(projectItems)
        .where(inArray(projectItems.projectId, projectIds))
        .orderBy(asc(projectItems.sort), asc(projectItems.id))
        .all()
    : [];
  const itemsByProject = new Map<number, Project['items']>();
  for (const i of items) {
    const list = itemsByProject.get(i.projectId) ?? [];
    list.push({
      id: i.id,
      functionCode: i.functionCode,
      economicCode: i.economicCode,
      amount: i.amount,
      procurement: i.procurement ?? null,
    });
    itemsByProject.set(i.projectId, list);
  }
  const projectFacts: Project[] = projectRows.map((p) => ({
    id: p.id,
    name: p.name,
    unitId: p.unitId,
    source: p.source,
    category: p.category,
    carryover: p.carryover,
    sort: p.sort,
    items: itemsByProject.get(p.id) ?? [],
  }));

  const prior = db.select().from(priorYearFigures).where(eq(priorYearFigures.budgetId, budgetId)).get();
  const text = db.select().from(budgetTexts).where(eq(budgetTexts.budgetId, budgetId)).get();
  const assets = db.select().from(budgetAssets).where(eq(budgetAssets.budgetId, budgetId)).get();
  const vehicles = db
    .select()
    .from(vehicleCounts)
    .where(eq(vehicleCounts.budgetId, budgetId))
    .orderBy(asc(vehicleCounts.sort))
    .all();

  return {
    year: budget.year,
    department: { code: dept.code, name: dept.name, regionName: dept.regionName },
    units: unitRows.map((u) => ({ id: u.id, name: u.name, type: u.type, sort: u.sort })),
    income,
    basicLines: lines,
    projects: projectFacts,
    prior: {
      total: prior?.total ?? 0,
      generalCurrent: prior?.generalCurrent ?? 0,
      threePublic: {
        abroad: prior?.abroad ?? 0,
        reception: prior?.reception ?? 0,
        vehiclePurchase: prior?.vehiclePurchase ?? 0,
        vehicleOperation: prior?.vehicleOperation ?? 0,
      },
      runningCosts: prior?.runningCosts ?? 0,
    },
    assets: {
      asOf: assets?.asOf ?? `${budget.year - 1}-12-31`,
      vehicles: vehicles.map((v) => ({ category: v.category, establishment: v.establishment, actual: v.actual })),
      officeAreaCentiSqm: assets?.officeAreaCentiSqm ?? 0,
      devicesOver500k: assets?.devicesOver500k ?? 0,
      devicesOver1m: assets?.devicesOver1m ?? 0,
    },
    text: {
      duties: text?.duties ?? '',
      organization: text?.organization ?? '',
      reasonTotalChange: text?.reasonTotalChange ?? '',
      reasonGeneralChange: text?.reasonGeneralChange ?? '',
      reasonThreePublicChange: text?.reasonThreePublicChange ?? '',
      reasonRunningCostsChange: text?.reasonRunningCostsChange ?? '',
      purchaseOfServices: text?.purchaseOfServices ?? '',
      otherNotes: text?.otherNotes ?? '',
    },
    codes: codes.book,
    forms: loadForms(db, projectIds),
  };
}

function loadForms(db: Db, projectIds: number[]): PerformanceForm[] {
  if (projectIds.length === 0) return [];
  const forms = db.select().from(performanceForms).where(inArray(performanceForms.projectId, projectIds)).all();
  const indicators = db
    .select()
    .from(performanceIndicators)
    .where(inArray(performanceIndicators.projectId, projectIds))
    .orderBy(...INDICATOR_ORDER)
    .all();
  const order = new Map(projectIds.map((id, i) => [id, i]));
  const byProject = new Map<number, PerformanceForm['indicators']>();
  for (const i of indicators) {
    const list = byProject.get(i.projectId) ?? [];
    list.push({ period: i.period, level1: i.level1, level2: i.level2, name: i.name, value: i.value, sort: i.sort });
    byProject.set(i.projectId, list);
  }
  return forms
    .sort((a, b) => order.get(a.projectId)! - order.get(b.projectId)!)
    .map((f) => formFromRow(f, byProject.get(f.projectId) ?? []));
}

/** Indicators in their printed order: 实施期 rows, then 年度 rows, each by position. */
export const INDICATOR_ORDER = [
  sql`case ${performanceIndicators.period} when 'total' then 0 else 1 end`,
  asc(performanceIndicators.sort),
  asc(performanceIndicators.id),
];

/** A stored form row and its indicators as the PerformanceForm fact. */
export function formFromRow(
  f: typeof performanceForms.$inferSelect,
  indicators: PerformanceForm['indicators'],
): PerformanceForm {
  return {
    projectId: f.projectId,
    attribute: f.attribute,
    periodYears: f.periodYears,
    fundingTotal: {
      total: f.totalAmount,
      central: f.totalCentral,
      provincial: f.totalProvincial,
      local: f.totalLocal,
      selfRaised: f.totalSelfRaised,
      other: f.totalOther,
    },
    fundingAnnual: {
      total: f.annualAmount,
      central: f.annualCentral,
      provincial: f.annualProvincial,
      local: f.annualLocal,
      selfRaised: f.annualSelfRaised,
      other: f.annualOther,
    },
    overview: f.overview,
    basis: f.basis,
    necessity: f.necessity,
    measures: f.measures,
    plan: f.plan,
    goalTotal: f.goalTotal,
    goalAnnual: f.goalAnnual,
    indicators,
    manager: f.manager,
    handler: f.handler,
    phone: f.phone,
    filledAt: f.filledAt,
  };
}
