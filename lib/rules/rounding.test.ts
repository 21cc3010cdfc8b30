import { describe, expect, it } from 'vitest';
import { balanceIncome, findingsOf, goodFacts, inputOf, YUAN } from './testing/fixtures';
import { runRules } from './index';

describe('rounding.tail-difference (尾差)', () => {
  it('reports, as information, totals whose displayed parts add up to another displayed figure', () => {
    // two lines of 208 each 40 元 more: 20801 and 20805 still show x.00, 208 shows 0.01 more than their sum
    const f = goodFacts();
    f.basicLines[0].amount += 40 * YUAN; // 2080101 30101 (行政)
    f.basicLines[3].amount += 40 * YUAN; // 2080501 30302
    balanceIncome(f);
    const all = runRules(inputOf(f, { controlFigure: null }));
    expect(all.filter((x) => x.severity !== 'info')).toEqual([]);
    const fs = all.filter((x) => x.ruleId === 'rounding.tail-difference');
    expect(fs.map((x) => [x.location, x.message])).toEqual([
      [{ kind: 'cell', table: 2, row: 'f:208', column: 2 }, '表二「208 社会保障和就业支出」合计显示 257.51，其下各款之和按显示数计为 257.50，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）'],
      [{ kind: 'cell', table: 2, row: 'f:208', column: 3 }, '表二「208 社会保障和就业支出」一般公共预算显示 249.51，其下各款之和按显示数计为 249.50，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）'],
      [{ kind: 'cell', table: 3, row: 'f:208', column: 2 }, '表三「208 社会保障和就业支出」合计显示 257.51，其下各款之和按显示数计为 257.50，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）'],
      [{ kind: 'cell', table: 3, row: 'f:208', column: 3 }, '表三「208 社会保障和就业支出」基本支出显示 214.51，其下各款之和按显示数计为 214.50，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）'],
      [{ kind: 'cell', table: 5, row: 'f:208', column: 2 }, '表五「208 社会保障和就业支出」合计显示 249.51，其下各款之和按显示数计为 249.50，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）'],
      [{ kind: 'cell', table: 5, row: 'f:208', column: 3 }, '表五「208 社会保障和就业支出」基本支出显示 214.51，其下各款之和按显示数计为 214.50，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）'],
      [{ kind: 'cell', table: 6, row: 'total', column: 2 }, '表六「合计」合计显示 220.51，其下各类之和按显示数计为 220.50，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）'],
      [{ kind: 'cell', table: 6, row: 'total', column: 3 }, '表六「合计」人员经费显示 206.01，其下各类之和按显示数计为 206.00，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）'],
    ]);
    expect(fs.every((x) => x.severity === 'info')).toBe(true);
  });

  it('is silent where an identity fails exactly (that is the identity’s own error)', () => {
    const f = goodFacts();
    f.basicLines[0].amount += 40 * YUAN;
    f.basicLines[3].amount += 40 * YUAN;
    balanceIncome(f);
    const input = inputOf(f);
    const t3 = input.tables[2];
    const row = t3.rows.find((r) => r.key === 'f:208')!;
    if (row.cells[2].kind === 'amount') row.cells[2].amount += 1;
    const fs = findingsOf('rounding.tail-difference', input);
    expect(fs.some((x) => x.location.kind === 'cell' && x.location.table === 3 && x.location.row === 'f:208' && x.location.column === 2)).toBe(false);
  });
});

describe('rounding.form-vs-table12', () => {
  it('a form’s 元 figure that 表十二 shows rounded to 0.01 万元', () => {
    const f = goodFacts();
    f.projects[1].items[0].amount += 12 * YUAN;
    const fm = f.forms.find((x) => x.projectId === 12)!;
    fm.fundingAnnual.local += 12 * YUAN;
    fm.fundingAnnual.total += 12 * YUAN;
    balanceIncome(f);
    const all = runRules(inputOf(f));
    expect(all.map((x) => [x.severity, x.ruleId, x.location, x.message])).toEqual([
      [
        'info',
        'rounding.form-vs-table12',
        { kind: 'form', projectId: 12, field: 'fundingAnnual.total' },
        '项目“人才培训经费”绩效目标表年度资金总额 120,012 元，表十二显示 12.00 万元（即 120,000 元），相差 12 元，系表十二按万元保留两位小数所致（精确值一致）',
      ],
    ]);
  });
});
