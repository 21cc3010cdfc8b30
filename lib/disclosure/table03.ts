/** 表三 预算支出总表: 功能 类/款/项 × (合计, 基本支出, 项目支出), all sources, 上年结转 included. */
import type { BudgetFacts } from '../facts';
import { aggregate, type Aggregates } from './aggregate';
import { basicProjectParts, yearBudgetHeader } from './basicProjectTable';
import { makeTable } from './common';
import type { DisclosureTable } from './types';

export function buildTable03(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  return makeTable(facts, 3, basicProjectParts(facts, agg, {}, yearBudgetHeader(facts.year)));
}
