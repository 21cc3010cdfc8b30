/** 表十二 项目支出预算表（本年预算）: this year's projects × (合计, 财政拨款 by 3 sources, 财政专户管理资金, 单位资金). */
import type { BudgetFacts } from '../facts';
import { aggregate, type Aggregates } from './aggregate';
import { amountCol, h, makeTable, textCol } from './common';
import { projectRows } from './projectTable';
import type { DisclosureTable } from './types';

export function buildTable12(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  return makeTable(facts, 12, {
    header: [
      [h('项目名称', 1, 2), h('合计', 1, 2), h(`${facts.year}年财政拨款`, 3), h('财政专户管理资金', 1, 2), h('单位资金', 1, 2)],
      [h('一般公共预算'), h('政府性基金预算'), h('国有资本经营预算')],
      ['1', '2', '3', '4', '5', '6', '7'].map((t) => h(t)),
    ],
    columns: [
      textCol('name'),
      amountCol('total'),
      amountCol('general'),
      amountCol('fund'),
      amountCol('capital'),
      amountCol('special'),
      amountCol('unit'),
    ],
    rows: projectRows(facts, agg, false, ['general', 'fund', 'capital', 'special', 'unit']),
  });
}
