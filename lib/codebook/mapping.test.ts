import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { auditLog, budgets, departments, economicMappings, fiscalYears, units } from '../../db/schema';
import { ForbiddenError, type Actor } from '../auth/authorize';
import { ValidationError } from '../result';
import { loadBudgetFacts } from '../budget/load';
import { isAdministrative } from '../facts';
import { listMappings, mappingToken, saveMappings } from './mapping';

const admin: Actor = { userId: 4, role: 'admin', departmentId: null, displayName: '管理员' };
const reviewer: Actor = { userId: 3, role: 'reviewer', departmentId: null, displayName: '审核' };

function seeded() {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: () => 'x' });
  const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
  const budgetId = db.select().from(budgets).where(and(eq(budgets.departmentId, dept.id), eq(budgets.year, 2024))).get()!.id;
  return { db, budgetId };
}

const errorsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return { fieldErrors: e.fieldErrors, formError: e.formError };
    throw e;
  }
  throw new Error('expected a ValidationError');
};

describe('the 部门→政府 economic mapping', () => {
  it('lists every 部门经济 款 of the year with its two targets and the lines that follow it', () => {
    const { db } = seeded();
    const grid = listMappings(db, admin, 2024);
    expect(grid.editable).toBe(true);
    const basicPay = grid.rows.find((r) => r.deptCode === '30101')!;
    expect(basicPay).toMatchObject({ deptName: '基本工资', admin: '50101', institution: '50501' });
    expect(basicPay.lines).toBeGreaterThan(0);
    expect(grid.rows.every((r) => r.deptCode.length === 5)).toBe(true);
    expect(grid.govOptions.every((g) => g.code.length === 5 && g.code.startsWith('5'))).toBe(true);
  });

  it('saves a changed row, audits it, and the lines of 行政 units follow it', () => {
    const { db, budgetId } = seeded();
    const row = listMappings(db, admin, 2024).rows.find((r) => r.deptCode === '30101')!;
    const r = saveMappings(db, admin, {
      year: 2024,
      rows: { '30101': { admin: '50199', institution: row.institution!, was: mappingToken(row) }, '30102': { ...tokenRow(db, '30102') } },
    });
    expect(r).toEqual({ changed: 1, lines: row.lines });
    const stored = db.select().from(economicMappings).where(and(eq(economicMappings.year, 2024), eq(economicMappings.deptCode, '30101'))).get();
    expect(stored).toMatchObject({ govCodeAdmin: '50199', govCodeInstitution: row.institution });
    const audit = db.select().from(auditLog).where(eq(auditLog.action, 'codebook.mapping')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ field: '30101', oldValue: mappingToken(row), newValue: `50199|${row.institution}` });
    // saving the grid again unchanged writes nothing
    expect(saveMappings(db, admin, { year: 2024, rows: { '30101': tokenRow(db, '30101') } })).toEqual({ changed: 0, lines: 0 });
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'codebook.mapping')).all()).toHaveLength(1);
    // the facts: 30101 lines of 行政/参公 units now carry 50199
    const facts = loadBudgetFacts(db, budgetId);
    const typeOf = new Map(db.select().from(units).all().map((u) => [u.id, u.type]));
    const lines = facts.basicLines.filter((l) => l.economicCode === '30101' && isAdministrative(typeOf.get(l.unitId)!));
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines.map((l) => l.govEconomicCode))).toEqual(new Set(['50199']));
  });

  it('refuses a row changed by someone else since it was loaded, an empty or unknown target — and writes nothing', () => {
    const { db } = seeded();
    const row = listMappings(db, admin, 2024).rows.find((r) => r.deptCode === '30101')!;
    const before = db.select().from(economicMappings).all();
    const e = errorsOf(() =>
      saveMappings(db, admin, {
        year: 2024,
        rows: {
          '30101': { admin: '50199', institution: row.institution!, was: '50101|50599' },
          '30102': { ...tokenRow(db, '30102'), admin: '' },
          '30103': { ...tokenRow(db, '30103'), institution: '58888' },
          '30106': { ...tokenRow(db, '30106'), admin: '50199' },
        },
      }),
    );
    expect(e.formError).toBe('有对照关系不能保存，请检查标红的行');
    expect(e.fieldErrors).toEqual({
      admin_30101: `该行已被他人修改（现为 ${row.admin} / ${row.institution}），请刷新页面后重试`,
      admin_30102: '请选择政府经济科目',
      institution_30103: '政府经济科目“58888”不在2024年的科目表中（应为款级）',
    });
    // 30106 was valid, but nothing is written when any row is refused
    expect(db.select().from(economicMappings).all()).toEqual(before);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'codebook.mapping')).all()).toHaveLength(0);
  });

  it('refuses an unknown 部门经济 款, a closed year, and anyone but an administrator', () => {
    const { db } = seeded();
    expect(errorsOf(() => saveMappings(db, admin, { year: 2024, rows: { '38888': { admin: '50101', institution: '50501', was: '|' } } })).formError).toBe(
      '部门经济科目“38888”不在2024年的科目表中，请刷新页面后重试',
    );
    expect(() => listMappings(db, reviewer, 2024)).toThrow(ForbiddenError);
    expect(() => saveMappings(db, reviewer, { year: 2024, rows: {} })).toThrow(ForbiddenError);
    db.update(fiscalYears).set({ status: 'closed' }).where(eq(fiscalYears.year, 2024)).run();
    expect(listMappings(db, admin, 2024).editable).toBe(false);
    expect(errorsOf(() => saveMappings(db, admin, { year: 2024, rows: {} })).formError).toBe('2024 年度已关闭，不能修改对照表');
  });
});

/** A row as the grid posts it when nothing was changed. */
function tokenRow(db: ReturnType<typeof openDatabase>, deptCode: string) {
  const row = listMappings(db, admin, 2024).rows.find((r) => r.deptCode === deptCode)!;
  return { admin: row.admin ?? '', institution: row.institution ?? '', was: mappingToken(row) };
}
