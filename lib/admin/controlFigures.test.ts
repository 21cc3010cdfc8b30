import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { auditLog, departments, fiscalYears } from '../../db/schema';
import { ForbiddenError, type Actor } from '../auth/authorize';
import { ValidationError } from '../result';
import { controlFigureFor, importControlFigures, listControlFigures, saveControlFigures } from './controlFigures';

const admin: Actor = { userId: 4, role: 'admin', departmentId: null, displayName: '管理员' };

function seeded() {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: () => 'x' });
  const dept = (code: string) => db.select().from(departments).where(eq(departments.code, code)).get()!;
  return { db, d054: dept('054'), d061: dept('061') };
}

async function xlsx(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('控制数');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('control figures', () => {
  it('lists the seeded figures next to the budgets’ 一般公共预算 income', () => {
    const { db, d054 } = seeded();
    const row = listControlFigures(db, admin, 2024).find((r) => r.departmentId === d054.id)!;
    expect(row.amount).toBe(row.budgetGeneral);
    expect(row.amount).toBeGreaterThan(0);
  });

  it('saves the grid in 万元 exactly to the 分, audits each change, clears with an empty cell', () => {
    const { db, d054, d061 } = seeded();
    const before = controlFigureFor(db, admin, d054.id, 2024)!.amount;
    const r = saveControlFigures(db, admin, { year: '2024', amounts: { [d054.id]: '1,234.567891', [d061.id]: '' } });
    expect(r.changed).toBe(2);
    expect(controlFigureFor(db, admin, d054.id, 2024)!.amount).toBe(1_234_567_891);
    expect(controlFigureFor(db, admin, d061.id, 2024)).toBeNull();
    const audit = db.select().from(auditLog).where(eq(auditLog.action, 'control_figure.set')).all();
    expect(audit.find((a) => a.entityId === `${d054.id}:2024`)).toMatchObject({ oldValue: String(before), newValue: '1234567891' });
    // unchanged figures are not written again
    expect(saveControlFigures(db, admin, { year: 2024, amounts: { [d054.id]: '1234.567891' } }).changed).toBe(0);
  });

  it('reports malformed amounts per cell and refuses a closed year', () => {
    const { db, d054, d061 } = seeded();
    try {
      saveControlFigures(db, admin, { year: 2024, amounts: { [d054.id]: '12.3456789', [d061.id]: 'abc' } });
      throw new Error('expected a ValidationError');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fieldErrors).toEqual({
        [`amount_${d054.id}`]: '金额最多保留6位小数',
        [`amount_${d061.id}`]: '“abc”不是有效的金额',
      });
    }
    db.update(fiscalYears).set({ status: 'closed' }).run();
    expect(() => saveControlFigures(db, admin, { year: 2024, amounts: { [d054.id]: '1' } })).toThrow(/已关闭/);
  });

  it('imports an xlsx of 部门编码 and 控制数(万元); refuses the whole file when a row is wrong', async () => {
    const { db, d054, d061 } = seeded();
    const good = await xlsx([
      ['2024年部门预算控制数'],
      ['部门编码', '部门名称', '控制数（万元）'],
      ['054', '泽州县人力资源和社会保障局', 5000.5],
      [61, '泽州县档案馆', '88.12'],
      ['合计', null, 5088.62],
    ]);
    expect(await importControlFigures(db, admin, { year: 2024, data: good, fileName: 'cf.xlsx' })).toEqual({ ok: true, changed: 2, rows: 2 });
    expect(controlFigureFor(db, admin, d054.id, 2024)!.amount).toBe(5_000_500_000);
    expect(controlFigureFor(db, admin, d061.id, 2024)!.amount).toBe(88_120_000);

    const bad = await xlsx([['部门编码', '控制数(万元)'], ['054', 1], ['999', 2], ['054', 3], ['061', 'x']]);
    const r = await importControlFigures(db, admin, { year: 2024, data: bad, fileName: 'bad.xlsx' });
    expect(r).toEqual({
      ok: false,
      formError: null,
      problems: [
        { row: 3, message: '部门编码“999”不存在' },
        { row: 4, message: '部门 054 与第 2 行重复' },
        { row: 5, message: '“x”不是有效的金额' },
      ],
    });
    expect(controlFigureFor(db, admin, d054.id, 2024)!.amount).toBe(5_000_500_000);
  });

  it('lets a clerk read only their own department’s figure', () => {
    const { db, d054, d061 } = seeded();
    const clerk: Actor = { userId: 1, role: 'clerk', departmentId: d054.id, displayName: '财务' };
    expect(controlFigureFor(db, clerk, d054.id, 2024)).not.toBeNull();
    expect(() => controlFigureFor(db, clerk, d061.id, 2024)).toThrow(ForbiddenError);
    const reviewer: Actor = { userId: 3, role: 'reviewer', departmentId: null, displayName: '审核' };
    expect(controlFigureFor(db, reviewer, d061.id, 2024)).not.toBeNull();
  });
});
