/**
 * 表十一 财政拨款安排机关运行经费预算表: 部门合计, then each 行政/参公 unit, × (合计 and the 3 财政拨款 sources).
 * 机关运行经费 = 基本支出 公用经费 of 行政 and 参公 units (事业单位 excluded), by 财政拨款 source; for the usual
 * county budget only the 一般公共预算 column is non-zero.
 */
import { isAdministrative, type BudgetFacts } from '../facts';
import { aggregate, zeroFiscal, type Aggregates } from './aggregate';
import { amounts, makeTable, row, sortedUnits, text } from './common';
import { addFiscal, fiscalColumns, fiscalHeader, fiscalVector } from './fiscalColumns';
import type { DisclosureTable } from './types';

export function buildTable11(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  const units = sortedUnits(facts.units).filter((u) => isAdministrative(u.type));
  let total = zeroFiscal();
  const unitRows = units.map((u) => {
    const r = agg.runningCostsByUnit.get(u.id) ?? zeroFiscal();
    total = addFiscal(total, r);
    return row(`unit:${u.id}`, 1, [text(u.name), ...amounts(fiscalVector(r))]);
  });
  return makeTable(facts, 11, {
    header: fiscalHeader('单位名称', facts.year),
    columns: fiscalColumns('unit'),
    rows: [row('dept', 0, [text('部门合计'), ...amounts(fiscalVector(total))]), ...unitRows],
  });
}
