/**
 * Carrying a 绩效目标表 forward: a recurring project (经常性项目) that had a form in the department's budget of the
 * previous year, under the same name, starts this year's form from last year's, with every amount cleared
 * (the money is decided anew each year) and the 填报日期 blank. Texts, 项目属性/项目期, the people and the
 * indicators are kept; indicators are moved to this year's taxonomy where it differs (成本指标 as 一级 or 二级).
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { budgets, performanceForms, projects } from '../../db/schema';
import type { Tx } from '../audit';
import type { Taxonomy } from '../rules/taxonomy';
import type { FundingSplit, Indicator, PerformanceForm } from './form';

/** A form without its project: what a new form is created from. */
export type FormDraft = Omit<PerformanceForm, 'projectId'>;

interface CarryForwardSource {
  budgetId: number;
  year: number;
  projectId: number;
}

const ZERO: FundingSplit = { total: 0, central: 0, provincial: 0, local: 0, selfRaised: 0, other: 0 };

/**
 * The previous year's form this project's form can start from: same department, budget year − 1, a this-year
 * project (not 上年结转) of the same name whose form is 经常性. null when there is none, or when the project is
 * itself a carry-over.
 */
export function findCarryForwardSource(db: Db | Tx, projectId: number): CarryForwardSource | null {
  const target = db
    .select({ name: projects.name, carryover: projects.carryover, departmentId: budgets.departmentId, year: budgets.year })
    .from(projects)
    .innerJoin(budgets, eq(budgets.id, projects.budgetId))
    .where(eq(projects.id, projectId))
    .get();
  if (!target || target.carryover) return null;
  const candidates = db
    .select({ budgetId: budgets.id, year: budgets.year, projectId: projects.id, attribute: performanceForms.attribute })
    .from(projects)
    .innerJoin(budgets, eq(budgets.id, projects.budgetId))
    .innerJoin(performanceForms, eq(performanceForms.projectId, projects.id))
    .where(
      and(
        eq(budgets.departmentId, target.departmentId),
        eq(budgets.year, target.year - 1),
        eq(projects.name, target.name),
        eq(projects.carryover, false),
      ),
    )
    .all()
    .filter((c) => c.attribute === 'recurring')
    .sort((a, b) => a.projectId - b.projectId);
  const c = candidates[0];
  return c ? { budgetId: c.budgetId, year: c.year, projectId: c.projectId } : null;
}

/**
 * Moves an indicator's 一级/二级 into `t` when they don't fit it as they are: a 二级 that belongs to another 一级
 * moves there; a 二级 that is one of `t`'s 一级 (成本指标 → 2021) becomes that 一级 with its first 二级; an 一级
 * that is one of `t`'s 二级 (2021 成本指标 → classic) becomes that 二级 under its 一级. Otherwise unchanged (the
 * editor then shows the mismatch).
 * @public for lib/performance/carryForward.test.ts, which pins each move between the two taxonomies
 */
export function fitToTaxonomy(t: Taxonomy, level1: string, level2: string): { level1: string; level2: string } {
  const l1 = t.level1.find((l) => l.name === level1);
  if (l1 && l1.level2.includes(level2)) return { level1, level2 };
  const owner = t.level1.find((l) => l.level2.includes(level2));
  if (owner) return { level1: owner.name, level2 };
  const asLevel1 = t.level1.find((l) => l.name === level2);
  if (asLevel1 && asLevel1.level2.length > 0) return { level1: asLevel1.name, level2: asLevel1.level2[0] };
  const level1AsLevel2Owner = t.level1.find((l) => l.level2.includes(level1));
  if (level1AsLevel2Owner) return { level1: level1AsLevel2Owner.name, level2: level1 };
  return { level1, level2 };
}

/** Last year's form as the start of this year's: amounts cleared, 填报日期 blank, indicators fitted to `t`. */
export function carryForwardForm(source: PerformanceForm, t: Taxonomy): FormDraft {
  const { projectId: _projectId, ...rest } = source;
  void _projectId;
  const indicators: Indicator[] = [];
  for (const period of ['total', 'annual'] as const) {
    source.indicators
      .filter((i) => i.period === period)
      .sort((a, b) => a.sort - b.sort)
      .forEach((i, n) => indicators.push({ ...i, ...fitToTaxonomy(t, i.level1, i.level2), sort: n + 1 }));
  }
  return {
    ...rest,
    fundingTotal: { ...ZERO },
    fundingAnnual: { ...ZERO },
    filledAt: '',
    indicators,
  };
}

/** A new, empty form. */
export function emptyForm(): FormDraft {
  return {
    attribute: 'oneOff',
    periodYears: 1,
    fundingTotal: { ...ZERO },
    fundingAnnual: { ...ZERO },
    overview: '',
    basis: '',
    necessity: '',
    measures: '',
    plan: '',
    goalTotal: '',
    goalAnnual: '',
    indicators: [],
    manager: '',
    handler: '',
    phone: '',
    filledAt: '',
  };
}
