/** Headline totals of a budget (收入总计, 基本支出, 项目支出, 上年结转), computed from the facts. */
import { projectsAmount, type BudgetFacts, type Fen } from '../facts';

interface Headline {
  incomeCurrent: Fen; // 本年收入合计
  incomeCarryover: Fen; // 上年结转
  incomeTotal: Fen; // 收入总计
  basic: Fen; // 基本支出
  project: Fen; // 项目支出 (this year's and carried over)
  expenditureTotal: Fen; // 支出总计
}

export function headline(facts: Pick<BudgetFacts, 'income' | 'basicLines' | 'projects'>): Headline {
  const incomeCurrent = facts.income.reduce((s, i) => s + i.current, 0);
  const incomeCarryover = facts.income.reduce((s, i) => s + i.carryover, 0);
  const basic = facts.basicLines.reduce((s, l) => s + l.amount, 0);
  const project = projectsAmount(facts.projects);
  return {
    incomeCurrent,
    incomeCarryover,
    incomeTotal: incomeCurrent + incomeCarryover,
    basic,
    project,
    expenditureTotal: basic + project,
  };
}
