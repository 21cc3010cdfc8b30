/**
 * 表四 财政拨款收支总表. Income: the 3 财政拨款 sources (entered, this year) and their 上年结转; expenditure: the
 * 30 功能 类 × (小计, 一般公共预算, 政府性基金预算, 国有资本经营预算), 财政拨款 money including 上年结转.
 */
import { FISCAL_SOURCES, FUND_SOURCE_LABEL, type BudgetFacts } from '../facts';
import { aggregate, incomeBySource, selector, sumAll, sumByPrefix, sumSources, type Aggregates } from './aggregate';
import { amount, amountCol, amounts, blank, blanks, h, makeTable, row, text, textCol } from './common';
import { functionClassRows, ordinalLabel } from './functionClasses';
import type { DisclosureTable, TableRow } from './types';

export function buildTable04(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  const sels = [
    selector({ sources: FISCAL_SOURCES }),
    selector({ sources: ['general'] }),
    selector({ sources: ['fund'] }),
    selector({ sources: ['capital'] }),
  ];
  const byClass = sumByPrefix(agg, 3, sels);
  const totals = sumAll(agg, sels);
  const income = incomeBySource(facts);
  const incomeCurrent = sumSources(income.current, FISCAL_SOURCES);
  const incomeCarry = sumSources(income.carryover, FISCAL_SOURCES);
  const label = (i: number) => ordinalLabel(i, FUND_SOURCE_LABEL[FISCAL_SOURCES[i]]);

  const rows: TableRow[] = functionClassRows(facts.codes.functional).map((c, i) => {
    const s = FISCAL_SOURCES[i];
    return row(`f:${c.code}`, undefined, [
      s ? text(label(i)) : blank(),
      s ? amount(income.current[s]) : blank(),
      text(c.label),
      ...amounts(byClass.get(c.code) ?? [0, 0, 0, 0]),
    ]);
  });
  rows.push(
    row('sum:current', 0, [text('本年收入合计'), amount(incomeCurrent), text('本年支出合计'), ...amounts(totals)]),
    row('sum:carryover', 0, [text('上年财政拨款结转'), amount(incomeCarry), text('年终结转'), ...amounts([0, 0, 0, 0])]),
    ...FISCAL_SOURCES.map((s, i) =>
      row(`carry:${s}`, 1, [text(label(i)), amount(income.carryover[s]), ...blanks(5)]),
    ),
    row('sum:grand', 0, [
      text('收入总计'),
      amount(incomeCurrent + incomeCarry),
      text('支出总计'),
      ...amounts(totals),
    ]),
  );

  return makeTable(facts, 4, {
    header: [
      [h('收入', 2), h('支出', 5)],
      [h('项目', 1, 2), h('金额', 1, 2), h('项目', 1, 2), h('金额', 4)],
      [h('小计'), h('一般公共预算'), h('政府性基金预算'), h('国有资本经营预算')],
    ],
    columns: [
      textCol('incomeItem'),
      amountCol('income'),
      textCol('expenditureItem'),
      amountCol('total'),
      amountCol('general'),
      amountCol('fund'),
      amountCol('capital'),
    ],
    rows,
  });
}
