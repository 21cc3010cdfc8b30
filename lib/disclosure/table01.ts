/**
 * 表一 预算收支总表. Income (entered, per fund source) beside expenditure by the 30 功能 类 (all sources,
 * × 合计 / 当年预算安排 / 上年结转安排). The two halves share rows; a row's key names its expenditure side.
 */
import { FUND_SOURCES, FUND_SOURCE_LABEL, type BudgetFacts } from '../facts';
import { aggregate, incomeBySource, selector, sumAll, sumByPrefix, sumSources, type Aggregates } from './aggregate';
import { amount, amountCol, amounts, blank, h, makeTable, row, text, textCol } from './common';
import { functionClassRows, ordinalLabel } from './functionClasses';
import type { DisclosureTable, TableRow } from './types';

export function buildTable01(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  const y = facts.year;
  const sels = [selector(), selector({ carryover: false }), selector({ carryover: true })];
  const byClass = sumByPrefix(agg, 3, sels);
  const [total, current, carry] = sumAll(agg, sels);
  const income = incomeBySource(facts);
  const incomeCurrent = sumSources(income.current, FUND_SOURCES);
  const incomeCarry = sumSources(income.carryover, FUND_SOURCES);
  const incomeItems = FUND_SOURCES.map((s, i) => ({ label: ordinalLabel(i, FUND_SOURCE_LABEL[s]), fen: income.current[s] }));

  const rows: TableRow[] = functionClassRows(facts.codes.functional).map((c, i) => {
    const inc = incomeItems[i];
    return row(`f:${c.code}`, undefined, [
      inc ? text(inc.label) : blank(),
      inc ? amount(inc.fen) : blank(),
      text(c.label),
      ...amounts(byClass.get(c.code) ?? [0, 0, 0]),
    ]);
  });
  rows.push(
    row('sum:current', 0, [text('本年收入合计'), amount(incomeCurrent), text('本年支出合计'), ...amounts([total, current, carry])]),
    // 年终结转: no facts for it in a budget; always zero.
    row('sum:carryover', 0, [text('上年结转'), amount(incomeCarry), text('年终结转'), ...amounts([0, 0, 0])]),
    row('sum:grand', 0, [
      text('收入总计'),
      amount(incomeCurrent + incomeCarry),
      text('支出总计'),
      ...amounts([total, current, carry]),
    ]),
  );

  return makeTable(facts, 1, {
    header: [
      [h('收入', 2), h('支出', 4)],
      [h('项目'), h(`${y}年`), h('项目'), h(`${y}年合计`), h('当年预算安排'), h('上年结转安排')],
    ],
    columns: [
      textCol('incomeItem'),
      amountCol('income'),
      textCol('expenditureItem'),
      amountCol('total'),
      amountCol('current'),
      amountCol('carryover'),
    ],
    rows,
  });
}
