/** Income and expenditure balance per fund source, this year's and carried over (docs/domain.md §4). */
import { FUND_SOURCES, FUND_SOURCE_LABEL, type BudgetFacts, type Fen, type FundSource } from '../facts';
import { incomeBySource } from '../disclosure/aggregate';
import { finding } from './context';
import { mismatch } from './format';
import type { Finding, Rule } from './types';

interface SpendingBySource {
  current: Record<FundSource, Fen>;
  carryover: Record<FundSource, Fen>;
}

/** Spending per source: 基本支出 lines and this year's projects (本年), 上年结转 projects (上年结转). */
export function spendingBySource(facts: BudgetFacts): SpendingBySource {
  const zero = () => Object.fromEntries(FUND_SOURCES.map((s) => [s, 0])) as Record<FundSource, Fen>;
  const current = zero();
  const carryover = zero();
  for (const l of facts.basicLines) current[l.source] += l.amount;
  for (const p of facts.projects) {
    const acc = p.carryover ? carryover : current;
    for (const i of p.items) acc[p.source] += i.amount;
  }
  return { current, carryover };
}

const balancePerSource: Rule = {
  id: 'income.balance-per-source',
  severity: 'error',
  title: '各资金来源收支平衡（本年收入 = 本年支出，上年结转收入 = 上年结转支出）',
  check({ facts }) {
    const income = incomeBySource(facts);
    const spending = spendingBySource(facts);
    const out: Finding[] = [];
    for (const s of FUND_SOURCES) {
      const label = FUND_SOURCE_LABEL[s];
      if (income.current[s] !== spending.current[s]) {
        out.push(
          finding(
            balancePerSource,
            { kind: 'income', source: s },
            mismatch(`${label}本年收入`, income.current[s], '本年支出', spending.current[s]),
            'current',
          ),
        );
      }
      if (income.carryover[s] !== spending.carryover[s]) {
        out.push(
          finding(
            balancePerSource,
            { kind: 'income', source: s },
            mismatch(`${label}上年结转收入`, income.carryover[s], '上年结转支出', spending.carryover[s]),
            'carryover',
          ),
        );
      }
    }
    return out;
  },
};

export const INCOME_RULES: Rule[] = [balancePerSource];
