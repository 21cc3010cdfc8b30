/**
 * 表十 财政拨款安排“三公”经费支出预算表: 财政拨款 money (基本支出 lines and project items, see
 * THREE_PUBLIC_INCLUDES_CARRYOVER) on 30212 因公出国（境）, 30217 公务接待, 30913/31013 公务用车购置,
 * 30231 公务用车运行维护.
 */
import type { BudgetFacts } from '../facts';
import { aggregate, type Aggregates } from './aggregate';
import { amounts, makeTable, row, text } from './common';
import { addFiscal, fiscalColumns, fiscalHeader, fiscalVector } from './fiscalColumns';
import type { DisclosureTable } from './types';

export function buildTable10(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  const tp = agg.threePublic;
  const vehicle = addFiscal(tp.vehiclePurchase, tp.vehicleOperation);
  const total = addFiscal(addFiscal(tp.abroad, tp.reception), vehicle);
  return makeTable(facts, 10, {
    header: fiscalHeader('项目', facts.year),
    columns: fiscalColumns('item'),
    rows: [
      row('tp:abroad', 1, [text('因公出国（境）费'), ...amounts(fiscalVector(tp.abroad))]),
      row('tp:reception', 1, [text('公务接待费'), ...amounts(fiscalVector(tp.reception))]),
      row('tp:vehicle', 1, [text('公务用车购置及运行费'), ...amounts(fiscalVector(vehicle))]),
      row('tp:vehiclePurchase', 2, [text('①公务用车购置费'), ...amounts(fiscalVector(tp.vehiclePurchase))]),
      row('tp:vehicleOperation', 2, [text('②公务用车运行维护费'), ...amounts(fiscalVector(tp.vehicleOperation))]),
      row('total', 0, [text('合计'), ...amounts(fiscalVector(total))]),
    ],
  });
}
