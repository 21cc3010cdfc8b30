/**
 * The rules that read only the tables, for a disclosure made elsewhere (docs/domain.md §9): the table, cross-table
 * and 尾差 rules run unchanged on tables read from a PDF or a workbook, with no facts behind them. Left out: every
 * rule that reads the facts (lines, projects, income, forms, units' types), among them
 * `cross.t11-equals-admin-public` (it recomputes 表十一 from the basic lines) and `rounding.form-vs-table12`.
 */
import type { DisclosureTable } from '../disclosure/types';
import { emptyFacts } from '../facts';
import { CROSS_RULES } from './cross';
import { ROUNDING_RULES } from './rounding';
import { TABLE_RULES } from './table';
import type { Rule, RuleInput } from './types';

const NEEDS_FACTS = new Set(['cross.t11-equals-admin-public', 'rounding.form-vs-table12']);

/** The table, cross-table and 尾差 rules that need nothing but the tables. */
export const TABLE_ONLY_RULES: Rule[] = [...TABLE_RULES, ...CROSS_RULES, ...ROUNDING_RULES].filter((r) => !NEEDS_FACTS.has(r.id));

/** A rule input of tables only: the facts are empty (no line, project, unit or form), the year is the tables'. */
export function tablesOnlyInput(tables: DisclosureTable[], year: number): RuleInput {
  return {
    tables,
    controlFigure: null,
    facts: emptyFacts(year, { functional: {}, deptEconomic: {}, govEconomic: {} }),
  };
}
