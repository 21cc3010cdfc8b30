/** 表五 一般公共预算支出预算表（不含上年结转）: 功能 类/款/项 × (合计, 基本支出, 项目支出). */
import type { BudgetFacts } from '../facts';
import { aggregate, type Aggregates } from './aggregate';
import { basicProjectParts, yearBudgetHeader } from './basicProjectTable';
import { makeTable } from './common';
import type { DisclosureTable } from './types';

export function buildTable05(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  return makeTable(
    facts,
    5,
    basicProjectParts(facts, agg, { carryover: false, sources: ['general'] }, yearBudgetHeader(facts.year)),
  );
}
