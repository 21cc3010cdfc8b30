/**
 * 表九 国有资本经营预算收支预算表（不含上年结转）: income (left, 合计 only: the facts hold 国有资本经营 income as one
 * entered figure, not by 收入科目) beside expenditure by 功能 类/款/项 × (合计, 基本支出, 项目支出).
 */
import type { BudgetFacts } from '../facts';
import { aggregate, incomeBySource, type Aggregates } from './aggregate';
import { basicProjectSelectors } from './basicProjectTable';
import { amount, amountCol, blank, blanks, functionHierarchyRows, h, makeTable, row, textCol } from './common';
import type { DisclosureTable } from './types';

export function buildTable09(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  const income = incomeBySource(facts);
  const expenditure = functionHierarchyRows(
    agg,
    facts.codes.functional,
    basicProjectSelectors({ carryover: false, sources: ['capital'] }),
  );
  const rows = expenditure.map((r) => {
    if (r.key !== 'total') return row(r.key, r.level, [...blanks(3), ...r.cells]);
    // 合计 row: 合计 | | income | | | expenditure totals
    const [label, , ...totals] = r.cells;
    return row('total', 0, [label, blank(), amount(income.current.capital), ...blanks(2), ...totals]);
  });
  return makeTable(facts, 9, {
    header: [
      [h('国有资本经营预算收入', 3), h('国有资本经营预算支出', 5)],
      [
        h('项目', 2),
        h('国有资本经营收入预算', 1, 2),
        h('科目编码', 1, 2),
        h('科目名称', 1, 2),
        h('合计', 1, 2),
        h('基本支出', 1, 2),
        h('项目支出', 1, 2),
      ],
      [h('收入科目编码'), h('科目名称')],
    ],
    columns: [
      textCol('incomeCode'),
      textCol('incomeName'),
      amountCol('income'),
      textCol('code'),
      textCol('name'),
      amountCol('total'),
      amountCol('basic'),
      amountCol('project'),
    ],
    rows,
  });
}
