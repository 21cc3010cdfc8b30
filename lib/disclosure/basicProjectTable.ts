/** The 功能 × (合计, 基本支出, 项目支出) tables: 表三 (all money), 表五 (一般公共预算 当年), 表八 (政府性基金 当年). */
import type { BudgetFacts, FundSource } from '../facts';
import { selector, type Aggregates, type MoneyFilter } from './aggregate';
import { functionColumns, functionHierarchyRows, h } from './common';
import type { ColumnSpec, HeaderCell, TableRow } from './types';

export function basicProjectSelectors(filter: { carryover?: boolean; sources?: readonly FundSource[] }) {
  const f: MoneyFilter = filter;
  return [selector(f), selector({ ...f, kind: 'basic' }), selector({ ...f, kind: 'project' })];
}

export function basicProjectParts(
  facts: BudgetFacts,
  agg: Aggregates,
  filter: { carryover?: boolean; sources?: readonly FundSource[] },
  header: HeaderCell[][],
): { header: HeaderCell[][]; columns: ColumnSpec[]; rows: TableRow[] } {
  return {
    header,
    columns: functionColumns(['total', 'basic', 'project']),
    rows: functionHierarchyRows(agg, facts.codes.functional, basicProjectSelectors(filter)),
  };
}

/** 项目 | {year}年预算数 over 科目编码 科目名称 合计 基本支出 项目支出 (表三, 表五). */
export const yearBudgetHeader = (year: number): HeaderCell[][] => [
  [h('项目', 2), h(`${year}年预算数`, 3)],
  [h('科目编码'), h('科目名称'), h('合计'), h('基本支出'), h('项目支出')],
];
