/** Amounts that cannot be right whatever the rest: negative money. */
import { FUND_SOURCE_LABEL } from '../facts';
import { finding } from './context';
import { describeItem, describeLine } from './describe';
import { diff } from './format';
import type { Finding, Rule } from './types';

const negative: Rule = {
  id: 'amounts.negative',
  severity: 'error',
  title: '金额不能为负数',
  check({ facts }) {
    const out: Finding[] = [];
    for (const l of facts.basicLines) {
      if (l.amount < 0) out.push(finding(negative, { kind: 'line', lineId: l.id }, `${describeLine(facts, l)}的金额为负数`));
    }
    for (const p of facts.projects) {
      for (const i of p.items) {
        if (i.amount < 0) {
          out.push(
            finding(negative, { kind: 'projectItem', projectId: p.id, itemId: i.id }, `${describeItem(facts, p, i)}的金额为负数`),
          );
        }
      }
    }
    for (const e of facts.income) {
      for (const [what, v] of [['本年收入', e.current], ['上年结转', e.carryover]] as const) {
        if (v < 0) {
          out.push(
            finding(
              negative,
              { kind: 'income', source: e.source },
              `${FUND_SOURCE_LABEL[e.source]}${what}为负数（-${diff(v)}）`,
              what === '本年收入' ? 'current' : 'carryover',
            ),
          );
        }
      }
    }
    return out;
  },
};

export const AMOUNT_RULES: Rule[] = [negative];
