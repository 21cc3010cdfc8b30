import { describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import {
  auditLog,
  budgets,
  budgetTexts,
  departments,
  deptEconomicCodes,
  economicMappings,
  fiscalYears,
  functionalCodes,
  govEconomicCodes,
  performanceForms,
  projectItems,
  projects,
  units,
} from '../../db/schema';
import type { Actor } from '../auth/authorize';
import { currentYear, isYearOpen } from '../budget/access';
import { closeYear, listYears, openYear, reopenYear, setCurrentYear } from './years';
import { createDepartment } from './departments';

const admin: Actor = { userId: 4, role: 'admin', departmentId: null, displayName: '管理员' };

function seeded() {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: () => 'x' });
  return db;
}

const n = (db: ReturnType<typeof seeded>, table: typeof functionalCodes | typeof deptEconomicCodes | typeof govEconomicCodes | typeof economicMappings, year: number) =>
  db.select({ n: count() }).from(table).where(eq(table.year, year)).get()!.n;

describe('opening a year', () => {
  it('creates each active department’s budget with its recurring projects as shells, copies the code books and switches the current year', () => {
    const db = seeded();
    const dept054 = db.select().from(departments).where(eq(departments.code, '054')).get()!;
    const budget2024 = db.select().from(budgets).where(and(eq(budgets.departmentId, dept054.id), eq(budgets.year, 2024))).get()!;
    const recurring = db
      .select({ p: projects })
      .from(projects)
      .innerJoin(performanceForms, eq(performanceForms.projectId, projects.id))
      .where(and(eq(projects.budgetId, budget2024.id), eq(projects.carryover, false), eq(performanceForms.attribute, 'recurring')))
      .all()
      .map((r) => r.p);
    expect(recurring.length).toBe(12);

    const r = openYear(db, admin, { year: 2025, makeCurrent: true });
    expect(r).toMatchObject({ year: 2025, fromYear: 2024, budgetsCreated: 2, recurringProjectsCopied: 12, isCurrent: true });
    expect(r.codeBooksCopied.map((b) => b.kind).sort()).toEqual(['deptEconomic', 'functional', 'govEconomic', 'mappings']);

    // budgets: one draft per active department
    const b2025 = db.select().from(budgets).where(eq(budgets.year, 2025)).all();
    expect(b2025).toHaveLength(2);
    expect(b2025.every((b) => b.status === 'draft' && b.version === 1)).toBe(true);

    // recurring projects as shells: same name/unit/source/category, no items, not carried over
    const mine = b2025.find((b) => b.departmentId === dept054.id)!;
    const shells = db.select().from(projects).where(eq(projects.budgetId, mine.id)).all();
    expect(shells.map((p) => [p.name, p.unitId, p.source, p.category, p.carryover])).toEqual(
      recurring.map((p) => [p.name, p.unitId, p.source, p.category, false]),
    );
    for (const s of shells) {
      expect(db.select().from(projectItems).where(eq(projectItems.projectId, s.id)).all()).toHaveLength(0);
      // the form is started by the clerk from last year's (lib/performance/carryForward.ts)
      expect(db.select().from(performanceForms).where(eq(performanceForms.projectId, s.id)).get()).toBeUndefined();
    }
    // one-off and carried-over projects are not copied
    expect(shells.length).toBeLessThan(db.select().from(projects).where(eq(projects.budgetId, budget2024.id)).all().length);
    // 部门职责 and 机构设置 come along
    const texts2024 = db.select().from(budgetTexts).where(eq(budgetTexts.budgetId, budget2024.id)).get()!;
    expect(db.select().from(budgetTexts).where(eq(budgetTexts.budgetId, mine.id)).get()).toMatchObject({
      duties: texts2024.duties,
      organization: texts2024.organization,
      reasonTotalChange: '',
    });

    // code books copied
    expect(n(db, functionalCodes, 2025)).toBe(n(db, functionalCodes, 2024));
    expect(n(db, deptEconomicCodes, 2025)).toBe(n(db, deptEconomicCodes, 2024));
    expect(n(db, govEconomicCodes, 2025)).toBe(n(db, govEconomicCodes, 2024));
    expect(n(db, economicMappings, 2025)).toBe(n(db, economicMappings, 2024));

    // current year switched, exactly one current
    expect(currentYear(db)).toBe(2025);
    expect(db.select().from(fiscalYears).where(eq(fiscalYears.isCurrent, true)).all()).toHaveLength(1);
    expect(isYearOpen(db, 2025)).toBe(true);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'year.open')).all()).toHaveLength(1);
  });

  it('keeps a code book imported before the year was opened, skips inactive departments and units, keeps the current year unless asked', () => {
    const db = seeded();
    db.insert(functionalCodes).values({ year: 2025, code: '208', name: '社会保障和就业支出（新）', level: 1, parent: null }).run();
    const archive = db.select().from(departments).where(eq(departments.code, '061')).get()!;
    db.update(departments).set({ active: false }).where(eq(departments.id, archive.id)).run();
    const someUnit = db
      .select({ unitId: projects.unitId })
      .from(projects)
      .innerJoin(performanceForms, eq(performanceForms.projectId, projects.id))
      .where(eq(performanceForms.attribute, 'recurring'))
      .get()!.unitId;
    db.update(units).set({ active: false }).where(eq(units.id, someUnit)).run();

    const r = openYear(db, admin, { year: 2025 });
    expect(r.isCurrent).toBe(false);
    expect(currentYear(db)).toBe(2024);
    expect(r.budgetsCreated).toBe(1);
    expect(r.recurringProjectsSkipped).toBeGreaterThan(0);
    expect(r.recurringProjectsCopied + r.recurringProjectsSkipped).toBe(12);
    expect(r.codeBooksCopied.map((b) => b.kind)).not.toContain('functional');
    expect(db.select().from(functionalCodes).where(eq(functionalCodes.year, 2025)).all()).toEqual([
      { year: 2025, code: '208', name: '社会保障和就业支出（新）', level: 1, parent: null },
    ]);
  });

  it('refuses a year that exists or is out of range', () => {
    const db = seeded();
    expect(() => openYear(db, admin, { year: 2024 })).toThrow(/已存在/);
    expect(() => openYear(db, admin, { year: 1999 })).toThrow(/2000–2100/);
  });
});

describe('closing a year and choosing the current one', () => {
  it('closes (edits stop), reopens, and switches the current year', () => {
    const db = seeded();
    closeYear(db, admin, { year: 2024 });
    expect(isYearOpen(db, 2024)).toBe(false);
    expect(() => closeYear(db, admin, { year: 2024 })).toThrow(/已经关闭/);
    reopenYear(db, admin, { year: 2024 });
    expect(isYearOpen(db, 2024)).toBe(true);
    openYear(db, admin, { year: 2025 });
    setCurrentYear(db, admin, { year: 2025 });
    expect(currentYear(db)).toBe(2025);
    expect(listYears(db, admin).map((y) => [y.year, y.isCurrent, y.budgetCount])).toEqual([
      [2025, true, 2],
      [2024, false, 2],
    ]);
    expect(() => setCurrentYear(db, admin, { year: 2030 })).toThrow(/不存在/);
  });

  it('gives a new department a budget in the current year', () => {
    const db = seeded();
    const { id, budgetsCreated } = createDepartment(db, admin, { code: '099', name: '泽州县测试局', regionName: '泽州县' });
    expect(budgetsCreated).toBe(1);
    expect(db.select().from(budgets).where(eq(budgets.departmentId, id)).all()).toMatchObject([{ year: 2024, status: 'draft' }]);
  });
});

describe('carrying last year forward', () => {
  it('copies the 基本支出 lines and 国有资产, and fills 上年预算数 from last year’s decided budget, not a later draft', async () => {
    const { seededWorld, cleanArchive, addOrganizationWarning, ORGANIZATION_WARNING, stubRenderer, versionOf } = await import('../workflow/testing/world');
    const { submitBudget, approveBudget, publishBudget, reopenBudget } = await import('../workflow/actions');
    const { updateLine } = await import('../budget/edit/lines');
    const { loadBudgetFacts } = await import('../budget/load');
    const { buildTables } = await import('../disclosure/tables');
    const { priorFiguresFrom } = await import('../disclosure/priorFigures');
    const { basicLines, budgetAssets, priorYearFigures, vehicleCounts } = await import('../../db/schema');
    const w = seededWorld();
    cleanArchive(w);
    addOrganizationWarning(w);
    const id = w.archiveBudgetId;
    const ref = () => ({ budgetId: id, version: versionOf(w, id) });
    submitBudget(w.db, w.actors.dangan, { ...ref(), explanations: { [ORGANIZATION_WARNING]: '说明' } });
    approveBudget(w.db, w.actors.shenhe, ref());
    expect((await publishBudget(w.db, w.actors.admin, ref(), { renderPdf: stubRenderer() })).ok).toBe(true);
    const published = priorFiguresFrom(buildTables(loadBudgetFacts(w.db, id)));
    // reopened and raised by 1,000.00 元 in a draft that was never approved again
    reopenBudget(w.db, w.actors.shenhe, { ...ref(), reason: '预算调整' });
    const line = w.db.select().from(basicLines).where(eq(basicLines.budgetId, id)).all().find((l) => l.source === 'general')!;
    expect(updateLine(w.db, w.actors.dangan, { budgetId: id, lineId: line.id, version: line.version, changes: { amount: ((line.amount + 100_000) / 100).toFixed(2) } }).ok).toBe(true);
    expect(priorFiguresFrom(buildTables(loadBudgetFacts(w.db, id))).generalCurrent).toBe(published.generalCurrent + 100_000);

    const r = openYear(w.db, w.actors.admin, { year: 2025, makeCurrent: false });
    const next = w.db.select().from(budgets).where(and(eq(budgets.year, 2025), eq(budgets.departmentId, w.actors.dangan.departmentId!))).get()!;
    const prior = w.db.select().from(priorYearFigures).where(eq(priorYearFigures.budgetId, next.id)).get()!;
    expect(prior).toEqual({
      budgetId: next.id,
      total: published.total,
      generalCurrent: published.generalCurrent,
      runningCosts: published.runningCosts,
      ...published.threePublic,
    });
    // the lines as they stand (the starting point the clerk edits), assets and vehicles as last year's
    const lines2024 = w.db.select().from(basicLines).where(eq(basicLines.budgetId, id)).all();
    const lines2025 = w.db.select().from(basicLines).where(eq(basicLines.budgetId, next.id)).all();
    expect(lines2025.map((l) => [l.unitId, l.functionCode, l.economicCode, l.source, l.amount])).toEqual(
      lines2024.map((l) => [l.unitId, l.functionCode, l.economicCode, l.source, l.amount]),
    );
    expect(r.basicLinesCopied).toBeGreaterThanOrEqual(lines2025.length);
    const { budgetId: _a, ...assets2024 } = w.db.select().from(budgetAssets).where(eq(budgetAssets.budgetId, id)).get() ?? { budgetId: 0 };
    const { budgetId: _b, ...assets2025 } = w.db.select().from(budgetAssets).where(eq(budgetAssets.budgetId, next.id)).get() ?? { budgetId: 0 };
    expect(assets2025).toEqual(assets2024);
    expect(w.db.select().from(vehicleCounts).where(eq(vehicleCounts.budgetId, next.id)).all().length).toBe(
      w.db.select().from(vehicleCounts).where(eq(vehicleCounts.budgetId, id)).all().length,
    );
    // and the new budget's text compares against them without anything typed
    expect(loadBudgetFacts(w.db, next.id).prior.total).toBe(published.total);
  });
});
