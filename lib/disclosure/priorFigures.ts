/**
 * 上年预算数 for next year, read from this year's tables at the cells next year's text compares with (lib/disclosure/
 * text/overview.ts and spending.ts): 收支总计 (表一 总计), 一般公共预算当年拨款 (表五 合计), each 三公 item (表十) and
 * 机关运行经费 (表十一 部门合计). Opening a year fills the new budgets' 上年预算数 from these, so a clerk types none of them.
 */
import type { PriorYear } from '../facts';
import { TableLookup } from './text/lookup';
import type { DisclosureTable, TableNo } from './types';

const CELLS: Record<'total' | 'generalCurrent' | 'runningCosts' | `threePublic.${keyof PriorYear['threePublic']}`, [TableNo, string, string]> = {
  total: [1, 'sum:grand', 'income'],
  generalCurrent: [5, 'total', 'total'],
  'threePublic.abroad': [10, 'tp:abroad', 'total'],
  'threePublic.reception': [10, 'tp:reception', 'total'],
  'threePublic.vehiclePurchase': [10, 'tp:vehiclePurchase', 'total'],
  'threePublic.vehicleOperation': [10, 'tp:vehicleOperation', 'total'],
  runningCosts: [11, 'dept', 'total'],
};

/** Next year's 上年预算数 from this year's thirteen tables. */
export function priorFiguresFrom(tables: readonly DisclosureTable[]): PriorYear {
  const look = new TableLookup(tables);
  const at = (k: keyof typeof CELLS) => look.cell(...CELLS[k]).fen;
  return {
    total: at('total'),
    generalCurrent: at('generalCurrent'),
    threePublic: {
      abroad: at('threePublic.abroad'),
      reception: at('threePublic.reception'),
      vehiclePurchase: at('threePublic.vehiclePurchase'),
      vehicleOperation: at('threePublic.vehicleOperation'),
    },
    runningCosts: at('runningCosts'),
  };
}
