/** All 13 disclosure tables of one budget, in order, from one aggregation pass. Pure and deterministic. */
import type { BudgetFacts } from '../facts';
import { aggregate } from './aggregate';
import { buildTable01 } from './table01';
import { buildTable02 } from './table02';
import { buildTable03 } from './table03';
import { buildTable04 } from './table04';
import { buildTable05 } from './table05';
import { buildTable06 } from './table06';
import { buildTable07 } from './table07';
import { buildTable08 } from './table08';
import { buildTable09 } from './table09';
import { buildTable10 } from './table10';
import { buildTable11 } from './table11';
import { buildTable12 } from './table12';
import { buildTable13 } from './table13';
import type { DisclosureTable } from './types';

export function buildTables(facts: BudgetFacts): DisclosureTable[] {
  const agg = aggregate(facts);
  return [
    buildTable01(facts, agg),
    buildTable02(facts, agg),
    buildTable03(facts, agg),
    buildTable04(facts, agg),
    buildTable05(facts, agg),
    buildTable06(facts, agg),
    buildTable07(facts),
    buildTable08(facts, agg),
    buildTable09(facts, agg),
    buildTable10(facts, agg),
    buildTable11(facts, agg),
    buildTable12(facts, agg),
    buildTable13(facts, agg),
  ];
}

export {
  buildTable01,
  buildTable02,
  buildTable03,
  buildTable04,
  buildTable05,
  buildTable06,
  buildTable07,
  buildTable08,
  buildTable09,
  buildTable10,
  buildTable11,
  buildTable12,
  buildTable13,
};
