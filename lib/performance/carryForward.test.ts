import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { auditLog, budgets, departments, fiscalYears, projects, units, users } from '../../db/schema';
import type { Actor } from '../auth/authorize';
import { CLASSIC_TAXONOMY, TAXONOMY_2021 } from '../rules/taxonomy';
import { carryForwardForm, findCarryForwardSource, fitToTaxonomy } from './carryForward';
import { createForm } from './edit';
import { loadPerformanceForm } from './store';

interface World {
  db: Db;
  renshe: Actor;
  budget2024: number;
  budget2025: number;
  /** 2025 projects by name */
  p2025: (name: string, carryover?: boolean) => number;
  p2024: (name: string) => number;
}

/** The seeded 2024 budget of 054, plus an open 2025 budget with a few projects. */
function setup(): World {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: (p) => `plain:${p}` });
  const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
  const budget2024 = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!.id;
  const unit = db.select().from(units).where(eq(units.departmentId, dept.id)).get()!;
  db.update(fiscalYears).set({ isCurrent: false }).run();
  db.insert(fiscalYears).values({ year: 2025, status: 'open', isCurrent: true }).run();
  const budget2025 = db
    .insert(budgets)
    .values({ departmentId: dept.id, year: 2025, status: 'draft', version: 1, updatedAt: Date.now() })
    .returning({ id: budgets.id })
    .get().id;
  const add = (name: string, carryover = false) =>
    db
      .insert(projects)
      .values({ budgetId: budget2025, unitId: unit.id, name, source: 'general', category: 'operating', carryover })
      .run();
  add('创业和职业技能服务工作经费'); // 经常性 in 2024
  add('劳动监察工作服'); // 一次性 in 2024
  add('新设项目');
  add('执法办案经费', true); // a carry-over of the same name
  const u = db.select().from(users).where(eq(users.username, 'renshe')).get()!;
  const find = (budgetId: number) => (name: string, carryover = false) =>
    db
      .select()
      .from(projects)
      .where(and(eq(projects.budgetId, budgetId), eq(projects.name, name), eq(projects.carryover, carryover)))
      .get()!.id;
  return {
    db,
    renshe: { userId: u.id, role: u.role, departmentId: u.departmentId, displayName: u.displayName },
    budget2024,
    budget2025,
    p2025: find(budget2025),
    p2024: (name) => find(budget2024)(name),
  };
}

describe('findCarryForwardSource', () => {
  let w: World;
  beforeEach(() => {
    w = setup();
  });

  it("finds last year's form of the same department and name when it is 经常性", () => {
    expect(findCarryForwardSource(w.db, w.p2025('创业和职业技能服务工作经费'))).toEqual({
      budgetId: w.budget2024,
      year: 2024,
      projectId: w.p2024('创业和职业技能服务工作经费'),
    });
  });

  it('finds nothing for a 一次性 project, a new name, a carry-over, or a first year', () => {
    expect(findCarryForwardSource(w.db, w.p2025('劳动监察工作服'))).toBeNull();
    expect(findCarryForwardSource(w.db, w.p2025('新设项目'))).toBeNull();
    expect(findCarryForwardSource(w.db, w.p2025('执法办案经费', true))).toBeNull();
    expect(findCarryForwardSource(w.db, w.p2024('执法办案经费'))).toBeNull();
    expect(findCarryForwardSource(w.db, 999_999)).toBeNull();
  });
});

describe('carryForwardForm', () => {
  it('clears every amount and the 填报日期 and keeps texts, people and indicators', () => {
    const w = setup();
    const source = loadPerformanceForm(w.db, w.p2024('创业和职业技能服务工作经费'))!;
    const draft = carryForwardForm(source, CLASSIC_TAXONOMY);
    expect(draft.fundingTotal).toEqual({ total: 0, central: 0, provincial: 0, local: 0, selfRaised: 0, other: 0 });
    expect(draft.fundingAnnual).toEqual({ total: 0, central: 0, provincial: 0, local: 0, selfRaised: 0, other: 0 });
    expect(draft.filledAt).toBe('');
    expect(draft.attribute).toBe('recurring');
    expect(draft.periodYears).toBe(99);
    expect(draft.overview).toBe(source.overview);
    expect(draft.goalAnnual).toBe(source.goalAnnual);
    expect(draft.indicators.map(({ period, level1, level2, name, value, sort }) => ({ period, level1, level2, name, value, sort }))).toEqual(
      source.indicators,
    );
    expect('projectId' in draft).toBe(false);
  });

  it("moves indicators into the target year's taxonomy (成本指标 as 一级 from 2021)", () => {
    expect(fitToTaxonomy(TAXONOMY_2021, '产出指标', '成本指标')).toEqual({ level1: '成本指标', level2: '经济成本指标' });
    expect(fitToTaxonomy(TAXONOMY_2021, '产出指标', '数量指标')).toEqual({ level1: '产出指标', level2: '数量指标' });
    expect(fitToTaxonomy(CLASSIC_TAXONOMY, '成本指标', '经济成本指标')).toEqual({ level1: '产出指标', level2: '成本指标' });
    expect(fitToTaxonomy(CLASSIC_TAXONOMY, '效益指标', '数量指标')).toEqual({ level1: '产出指标', level2: '数量指标' });
    expect(fitToTaxonomy(CLASSIC_TAXONOMY, '其他', '其他')).toEqual({ level1: '其他', level2: '其他' });
  });
});

describe('createForm from last year', () => {
  it('creates the 2025 form from the 2024 one with amounts cleared, fitted to the 2025 taxonomy, audited', () => {
    const w = setup();
    const projectId = w.p2025('创业和职业技能服务工作经费');
    const r = createForm(w.db, w.renshe, { budgetId: w.budget2025, projectId, from: 'previous' });
    expect(r).toMatchObject({ ok: true, version: 1 });
    const f = loadPerformanceForm(w.db, projectId)!;
    const source = loadPerformanceForm(w.db, w.p2024('创业和职业技能服务工作经费'))!;
    expect(f.fundingAnnual.total).toBe(0);
    expect(f.fundingTotal.local).toBe(0);
    expect(f.basis).toBe(source.basis);
    expect(f.indicators).toHaveLength(source.indicators.length);
    const cost = f.indicators.filter((i) => i.name === '水费标准');
    expect(cost.map((i) => [i.period, i.level1, i.level2, i.value])).toEqual([
      ['total', '成本指标', '经济成本指标', '3.28元/吨'],
      ['annual', '成本指标', '经济成本指标', '3.28元/吨'],
    ]);
    const entry = w.db.select().from(auditLog).where(eq(auditLog.action, 'form.create')).get()!;
    expect(entry.reason).toBe('由2024年度同名项目的绩效目标表结转（金额已清零）');
    expect(entry.budgetId).toBe(w.budget2025);
    // the source is untouched
    expect(loadPerformanceForm(w.db, w.p2024('创业和职业技能服务工作经费'))!.fundingAnnual.total).toBe(7_500_000);
  });

  it('refuses to carry forward a 一次性 project', () => {
    const w = setup();
    const r = createForm(w.db, w.renshe, { budgetId: w.budget2025, projectId: w.p2025('劳动监察工作服'), from: 'previous' });
    expect(r).toMatchObject({ ok: false, reason: 'notFound' });
  });
});
