/** 表八 政府性基金预算支出表（不含上年结转）: 功能 类/款/项 × (合计, 基本支出, 项目支出). */
import type { BudgetFacts } from '../facts';
import { aggregate, type Aggregates } from './aggregate';
import { basicProjectParts } from './basicProjectTable';
import { h, makeTable } from './common';
import type { DisclosureTable } from './types';

export function buildTable08(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  const header = [[h('科目编码'), h('科目名称'), h('合计'), h('基本支出'), h('项目支出')]];
  return makeTable(facts, 8, basicProjectParts(facts, agg, { carryover: false, sources: ['fund'] }, header));
}
