/** 上年预算 figures the text compares against (docs/domain.md §4): entered when the system lacks last year's budget. */
import { finding, tablesOf } from './context';
import { wan } from './format';
import type { Finding, Rule } from './types';

const missing: Rule = {
  id: 'prior.missing',
  severity: 'warning',
  title: '上年预算数已填写',
  check(input) {
    const ts = tablesOf(input);
    const p = input.facts.prior;
    const out: Finding[] = [];
    const total = ts.get(1)?.fen('sum:grand', 'total') ?? 0;
    const general = ts.get(5)?.fen('total', 'total') ?? 0;
    if (p.total === 0 && total !== 0) {
      out.push(finding(missing, { kind: 'prior', field: 'total' }, `未填写上年预算收支总计（本年 ${wan(total)}），情况说明无法与上年比较`));
    }
    if (p.generalCurrent === 0 && general !== 0) {
      out.push(
        finding(missing, { kind: 'prior', field: 'generalCurrent' }, `未填写上年一般公共预算当年拨款（本年 ${wan(general)}），情况说明无法与上年比较`),
      );
    }
    return out;
  },
};

export const PRIOR_RULES: Rule[] = [missing];
