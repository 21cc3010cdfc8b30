/** Write a budget's facts (in the shape lib/facts.ts describes) into the database. Used by the seed. */
import 'server-only';
import type { Db } from '../client';
import {
  basicLines,
  budgetAssets,
  budgetTexts,
  incomeEntries,
  performanceForms,
  performanceIndicators,
  priorYearFigures,
  projectItems,
  projects,
  vehicleCounts,
} from '../schema';
import { parseFilledDate } from '../../lib/disclosure/words';
import type { BudgetFacts } from '../../lib/facts';
import type { PerformanceForm } from '../../lib/performance/form';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type SeedFacts = Omit<BudgetFacts, 'codes' | 'forms'>;
export type SeedForm = Omit<PerformanceForm, 'projectId'> & { projectName: string };

/**
 * Inserts lines, projects, income, prior-year figures, texts, assets and forms for `budgetId`.
 * `unitIds` maps the facts' unit ids to the database's. The economic mapping is not stored: lines whose 政府经济
 * code differs from what the mapping gives keep it as an override.
 */
export function insertFacts(
  tx: Tx,
  budgetId: number,
  facts: SeedFacts,
  unitIds: Map<number, number>,
  forms: SeedForm[],
  mappedGovCode: (economicCode: string, unitId: number) => string,
): void {
  const unit = (id: number) => {
    const u = unitIds.get(id);
    if (u === undefined) throw new Error(`seed: unknown unit ${id}`);
    return u;
  };
  for (const i of facts.income) tx.insert(incomeEntries).values({ budgetId, ...i }).run();
  facts.basicLines.forEach((l, n) => {
    const mapped = mappedGovCode(l.economicCode, l.unitId);
    tx.insert(basicLines)
      .values({
        budgetId,
        unitId: unit(l.unitId),
        functionCode: l.functionCode,
        economicCode: l.economicCode,
        govEconomicOverride: l.govEconomicCode && l.govEconomicCode !== mapped ? l.govEconomicCode : null,
        source: l.source,
        amount: l.amount,
        sort: n + 1,
      })
      .run();
  });
  const projectIdByName = new Map<string, number>();
  for (const p of facts.projects) {
    const row = tx
      .insert(projects)
      .values({
        budgetId,
        unitId: unit(p.unitId),
        name: p.name,
        source: p.source,
        category: p.category,
        carryover: p.carryover,
        sort: p.sort,
      })
      .returning({ id: projects.id })
      .get();
    if (!p.carryover) projectIdByName.set(p.name, row.id);
    p.items.forEach((it, n) =>
      tx
        .insert(projectItems)
        .values({
          projectId: row.id,
          functionCode: it.functionCode,
          economicCode: it.economicCode,
          amount: it.amount,
          procurement: it.procurement,
          sort: n + 1,
        })
        .run(),
    );
  }
  tx.insert(priorYearFigures)
    .values({
      budgetId,
      total: facts.prior.total,
      generalCurrent: facts.prior.generalCurrent,
      ...facts.prior.threePublic,
      runningCosts: facts.prior.runningCosts,
    })
    .run();
  tx.insert(budgetTexts).values({ budgetId, ...facts.text }).run();
  const { vehicles, ...assets } = facts.assets;
  tx.insert(budgetAssets).values({ budgetId, ...assets }).run();
  vehicles.forEach((v, n) => tx.insert(vehicleCounts).values({ budgetId, ...v, sort: n + 1 }).run());

  for (const f of forms) {
    const projectId = projectIdByName.get(f.projectName);
    if (projectId === undefined) throw new Error(`seed: form for unknown project ${f.projectName}`);
    const { fundingTotal: t, fundingAnnual: a, indicators, projectName: _name, ...rest } = f;
    void _name;
    tx.insert(performanceForms)
      .values({
        projectId,
        ...rest,
        // stored as the form's input stores it (the ISO date); the seed keeps the 填报日期 as the reference prints it
        filledAt: parseFilledDate(rest.filledAt) ?? rest.filledAt,
        totalAmount: t.total,
        totalCentral: t.central,
        totalProvincial: t.provincial,
        totalLocal: t.local,
        totalSelfRaised: t.selfRaised,
        totalOther: t.other,
        annualAmount: a.total,
        annualCentral: a.central,
        annualProvincial: a.provincial,
        annualLocal: a.local,
        annualSelfRaised: a.selfRaised,
        annualOther: a.other,
      })
      .run();
    indicators.forEach((ind, n) =>
      tx
        .insert(performanceIndicators)
        .values({ projectId, ...ind, sort: ind.sort || n + 1 })
        .run(),
    );
  }
}
