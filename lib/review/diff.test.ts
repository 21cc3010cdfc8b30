import { describe, expect, it } from 'vitest';
import { loadBudgetFacts } from '../budget/load';
import type { BudgetFacts } from '../facts';
import { buildTables } from '../disclosure/tables';
import { cellText } from '../disclosure/types';
import { formatYuanExact } from '../money';
import { seededWorld } from '../workflow/testing/world';
import { columnLabels, diffFacts, diffTables, isEmptyDiff, lineLabel } from './diff';

const w = seededWorld();
const base = loadBudgetFacts(w.db, w.budgetId);
const clone = (f: BudgetFacts): BudgetFacts => structuredClone(f);

describe('diff of two facts', () => {
  it('finds nothing between identical facts', () => {
    const d = diffFacts(base, clone(base));
    expect(isEmptyDiff(d)).toBe(true);
  });

  it('lists an added, a removed and a changed line with Chinese field names, old → new', () => {
    const next = clone(base);
    const changed = next.basicLines[0];
    const before = base.basicLines[0];
    changed.amount += 1_000_000; // + 10,000.00 元
    const removed = next.basicLines.splice(1, 1)[0];
    const added = { ...next.basicLines[2], id: 999_001, amount: 123_456 };
    next.basicLines.push(added);

    const d = diffFacts(base, next);
    expect(d.lines).toEqual([
      {
        kind: 'changed',
        id: before.id,
        label: lineLabel(next, changed),
        changes: [{ field: 'amount', label: '金额（元）', old: formatYuanExact(before.amount), new: formatYuanExact(before.amount + 1_000_000) }],
      },
      expect.objectContaining({ kind: 'added', id: 999_001, label: lineLabel(next, added) }),
      expect.objectContaining({ kind: 'removed', id: removed.id, label: lineLabel(base, removed) }),
    ]);
    const addedChange = d.lines[1].changes.find((c) => c.field === 'amount')!;
    expect(addedChange).toEqual({ field: 'amount', label: '金额（元）', old: '', new: '1,234.56' });
    expect(d.lines[2].changes.find((c) => c.field === 'amount')).toEqual({ field: 'amount', label: '金额（元）', old: formatYuanExact(removed.amount), new: '' });
    expect(lineLabel(next, changed)).toContain(base.codes.functional[changed.functionCode]);
  });

  it('a moved line (other 功能 科目) names the field, and the changed cells follow in the tables', () => {
    const next = clone(base);
    const l = next.basicLines.find((x) => x.source === 'general' && x.functionCode !== '2080505')!;
    const oldCode = l.functionCode;
    l.functionCode = '2080505';
    const d = diffFacts(base, next);
    expect(d.lines).toHaveLength(1);
    expect(d.lines[0].changes).toEqual([
      { field: 'functionCode', label: '功能分类科目', old: `${oldCode} ${base.codes.functional[oldCode]}`, new: `2080505 ${base.codes.functional['2080505']}` },
    ]);
    // 表五: the old 项 row loses the amount, 2080505 gains it
    const t5 = d.cells.filter((c) => c.table === 5);
    expect(t5.some((c) => c.row === `f:${oldCode}`)).toBe(true);
    expect(t5.some((c) => c.row === 'f:2080505')).toBe(true);
  });

  it('lists changed cells by (table no, row key, column) with the old and new display, matching the built tables', () => {
    const next = clone(base);
    const line = next.basicLines.find((x) => x.source === 'general' && x.economicCode.startsWith('301'))!;
    line.amount += 2_500_000; // + 2.50 万元
    const a = buildTables(base);
    const b = buildTables(next);
    const cells = diffTables(a, b);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      const ta = a.find((t) => t.no === c.table)!;
      const tb = b.find((t) => t.no === c.table)!;
      expect(c.old).toBe(cellText(ta.rows.find((r) => r.key === c.row)!.cells[c.column]));
      expect(c.new).toBe(cellText(tb.rows.find((r) => r.key === c.row)!.cells[c.column]));
      expect(c.newAmount! - c.oldAmount!).toBe(2_500_000);
      expect(c.columnLabel).toBe(columnLabels(tb)[c.column]);
    }
    // 表六's row of the line's 部门经济 款 changes in 合计 and 人员经费
    const t6 = cells.filter((c) => c.table === 6 && c.row.startsWith(`e:${line.economicCode}`));
    expect(t6.map((c) => c.columnLabel)).toEqual(['2024年预算数·合计', '2024年预算数·人员经费']);
    expect(t6[0].rowLabel).toContain(base.codes.deptEconomic[line.economicCode].name);
    // 表五's total row, 合计 column
    expect(cells).toContainEqual(expect.objectContaining({ table: 5, row: 'total', column: expect.any(Number) }));
    // the same through diffFacts
    expect(diffFacts(base, next).cells).toEqual(cells);
  });

  it('lists project changes: name, items added, changed and removed, and the amount', () => {
    const next = clone(base);
    const p = next.projects.find((x) => !x.carryover && x.items.length >= 1)!;
    const old = base.projects.find((x) => x.id === p.id)!;
    p.name = p.name + '（调整）';
    p.items[0].amount += 100_000; // + 1,000.00 元
    const d = diffFacts(base, next);
    expect(d.projects).toHaveLength(1);
    const fields = d.projects[0].changes.map((c) => c.label);
    expect(fields).toEqual(['项目名称', '金额（元）', '修改明细']);
    expect(d.projects[0].changes[0]).toMatchObject({ old: old.name, new: old.name + '（调整）' });
    expect(d.cells.some((c) => c.table === 12)).toBe(true);
  });

  it('lists income, 上年 and text changes, and a changed form', () => {
    const next = clone(base);
    next.income.find((i) => i.source === 'general')!.current += 100;
    next.prior.runningCosts += 100;
    next.text.reasonGeneralChange = '人员减少。';
    const form = next.forms[0];
    form.indicators = form.indicators.map((i, k) => (k === 0 ? { ...i, value: '≥1次' } : i));
    const d = diffFacts(base, next);
    expect(d.income).toEqual([expect.objectContaining({ field: 'general.current', label: '一般公共预算本年收入（元）' })]);
    expect(d.prior).toEqual([expect.objectContaining({ field: 'runningCosts', label: '上年机关运行经费（元）' })]);
    expect(d.texts).toEqual([{ field: 'reasonGeneralChange', label: '一般公共预算当年拨款变动原因', old: '', new: '人员减少。' }]);
    expect(d.forms).toHaveLength(1);
    expect(d.forms[0].changes.map((c) => c.field)).toEqual([`indicators.${form.indicators[0].period}`]);
  });
});
