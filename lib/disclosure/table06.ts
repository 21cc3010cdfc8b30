/**
 * 表六 一般公共预算安排基本支出分经济科目表（不含上年结转）: 部门经济 类, then each of its 款 once per distinct
 * 政府经济 款 (机关事业单位基本养老保险缴费 | 社会保障缴费 for 行政/参公 units and again | 工资福利支出 for 事业单位),
 * × (合计, 人员经费, 公用经费) by the code book's bucket of the 部门经济 款.
 */
import type { BudgetFacts, Fen } from '../facts';
import { aggregate, bucketOf, type Aggregates } from './aggregate';
import { amountCol, amounts, blank, h, makeTable, row, text, textCol } from './common';
import type { DisclosureTable, TableRow } from './types';

export function buildTable06(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  const codes = facts.codes;
  const lines = [...agg.generalBasicByEconomic]
    .map(([key, fen]) => {
      const [dept, gov] = key.split('>');
      return { key, dept, gov, fen };
    })
    .filter((l) => l.fen !== 0)
    .sort((a, b) => (a.dept !== b.dept ? (a.dept < b.dept ? -1 : 1) : a.gov < b.gov ? -1 : a.gov > b.gov ? 1 : 0));

  const vector = (dept: string, fen: Fen): Fen[] =>
    bucketOf(codes, dept) === 'personnel' ? [fen, fen, 0] : [fen, 0, fen];
  const add = (acc: Fen[], v: Fen[]) => v.forEach((x, i) => (acc[i] += x));

  const total = [0, 0, 0];
  const classTotals = new Map<string, Fen[]>();
  for (const l of lines) {
    const v = vector(l.dept, l.fen);
    add(total, v);
    const c = l.dept.slice(0, 3);
    if (!classTotals.has(c)) classTotals.set(c, [0, 0, 0]);
    add(classTotals.get(c)!, v);
  }

  const rows: TableRow[] = [row('total', 0, [text('合计'), blank(), ...amounts(total)])];
  let currentClass = '';
  for (const l of lines) {
    const c = l.dept.slice(0, 3);
    if (c !== currentClass) {
      currentClass = c;
      rows.push(row(`e:${c}`, 1, [text(codes.deptEconomic[c]?.name ?? ''), blank(), ...amounts(classTotals.get(c)!)]));
    }
    rows.push(
      row(`e:${l.key}`, 2, [
        text(codes.deptEconomic[l.dept]?.name ?? ''),
        text(codes.govEconomic[l.gov] ?? ''),
        ...amounts(vector(l.dept, l.fen)),
      ]),
    );
  }

  return makeTable(facts, 6, {
    header: [
      [h('部门预算支出经济科目名称', 1, 2), h('政府预算支出经济科目名称', 1, 2), h(`${facts.year}年预算数`, 3)],
      [h('合计'), h('人员经费'), h('公用经费')],
    ],
    columns: [textCol('deptEconomic'), textCol('govEconomic'), amountCol('total'), amountCol('personnel'), amountCol('public')],
    rows,
  });
}
