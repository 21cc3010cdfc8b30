/**
 * 表七 政府性基金预算收入表（不含上年结转）. The facts hold 政府性基金 income as one entered figure per budget
 * (IncomeEntry), not by 收入科目, so the table shows its 合计 row only; with no fund income it is the empty state.
 */
import type { BudgetFacts } from '../facts';
import { incomeBySource } from './aggregate';
import { amount, amountCol, blank, h, makeTable, row, text, textCol } from './common';
import type { DisclosureTable } from './types';

export function buildTable07(facts: BudgetFacts): DisclosureTable {
  const income = incomeBySource(facts);
  return makeTable(facts, 7, {
    header: [
      [h('项目', 2), h('政府性基金收入预算', 1, 2)],
      [h('收入科目编码'), h('科目名称')],
    ],
    columns: [textCol('incomeCode'), textCol('incomeName'), amountCol('income')],
    rows: [row('total', 0, [text('合计'), blank(), amount(income.current.fund)])],
  });
}
