/**
 * 表十三 项目支出预算表（上年结转）: carried-over projects × (合计, 财政拨款 by 3 sources). The printed layout has
 * no column for a 财政专户/单位资金 上年结转 project; such a project still counts in 合计 (so 表三 项目 = 表十二 +
 * 表十三 holds), with no source column.
 */
import type { BudgetFacts } from '../facts';
import { aggregate, type Aggregates } from './aggregate';
import { amountCol, h, makeTable, textCol } from './common';
import { projectRows } from './projectTable';
import type { DisclosureTable } from './types';

export function buildTable13(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  return makeTable(facts, 13, {
    header: [
      [h('项目名称', 1, 2), h('合计', 1, 2), h(`${facts.year}年财政拨款`, 3)],
      [h('一般公共预算'), h('政府性基金预算'), h('国有资本经营预算')],
      ['1', '2', '3', '4', '5'].map((t) => h(t)),
    ],
    columns: [textCol('name'), amountCol('total'), amountCol('general'), amountCol('fund'), amountCol('capital')],
    rows: projectRows(facts, agg, true, ['general', 'fund', 'capital']),
  });
}
