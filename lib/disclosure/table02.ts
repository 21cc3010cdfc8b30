/**
 * 表二 预算收入总表: income by 功能 类/款/项 (as spent), × 合计, 本年收入 by the 5 sources, 上年结转.
 *
 * 合计 = Σ the five 本年收入 columns + 上年结转 (domain §8 "合计 = Σ sources"; 表一 收入总计 = 表三 合计). The
 * reference prints 合计 = 本年收入 only (5095.13, excluding 上年结转 812.76), which makes 表二's 合计 disagree with
 * 表一's 收入总计 and 表三's 合计 (5907.89); we follow the domain's reading.
 */
import type { BudgetFacts } from '../facts';
import { aggregate, selector, type Aggregates } from './aggregate';
import { functionColumns, functionHierarchyRows, h, makeTable } from './common';
import type { DisclosureTable } from './types';

export function buildTable02(facts: BudgetFacts, agg: Aggregates = aggregate(facts)): DisclosureTable {
  const sels = [
    selector(),
    selector({ carryover: false, sources: ['general'] }),
    selector({ carryover: false, sources: ['fund'] }),
    selector({ carryover: false, sources: ['capital'] }),
    selector({ carryover: false, sources: ['special'] }),
    selector({ carryover: false, sources: ['unit'] }),
    selector({ carryover: true }),
  ];
  return makeTable(facts, 2, {
    header: [
      [h('科目编码', 1, 2), h('科目名称', 1, 2), h('合计', 1, 2), h('本年收入', 5), h('上年结转', 1, 2)],
      [h('一般公共预算'), h('政府性基金'), h('国有资本经营预算'), h('财政专户管理资金'), h('单位资金')],
    ],
    columns: functionColumns(['total', 'general', 'fund', 'capital', 'special', 'unit', 'carryover']),
    rows: functionHierarchyRows(agg, facts.codes.functional, sels),
  });
}
