/**
 * The rule engine: every check of docs/domain.md §8 over one budget. `checkBudget` builds the 13 tables once and runs
 * all rules; findings come in a deterministic order (severity, rule id, location).
 */
import type { BudgetFacts, Fen } from '../facts';
import { buildTables } from '../disclosure/tables';
import { AMOUNT_RULES } from './amounts';
import { CODES_RULES } from './codes';
import { compareFindings } from './context';
import { CONTROL_RULES } from './control';
import { CROSS_RULES } from './cross';
import { FORM_RULES } from './forms';
import { INCOME_RULES } from './income';
import { PRIOR_RULES } from './prior';
import { PROJECT_RULES } from './projects';
import { REQUIRED_RULES } from './required';
import { ROUNDING_RULES } from './rounding';
import { SUSPICIOUS_RULES } from './suspicious';
import { TABLE_RULES } from './table';
import { TEXT_RULES } from './text';
import type { Taxonomy } from './taxonomy';
import type { Finding, Rule, RuleInput, Severity } from './types';

export type { Finding, FindingLocation, Rule, RuleInput, Severity } from './types';
export { SEVERITY_LABEL } from './types';
export { CLASSIC_TAXONOMY, TAXONOMY_2021, taxonomyForYear, type Taxonomy } from './taxonomy';

/** Every rule, grouped by family (the order of the catalogue). */
export const RULES: Rule[] = [
  ...REQUIRED_RULES,
  ...TABLE_RULES,
  ...CROSS_RULES,
  ...INCOME_RULES,
  ...CONTROL_RULES,
  ...CODES_RULES,
  ...AMOUNT_RULES,
  ...PROJECT_RULES,
  ...FORM_RULES,
  ...TEXT_RULES,
  ...PRIOR_RULES,
  ...SUSPICIOUS_RULES,
  ...ROUNDING_RULES,
];

/** Runs `rules` (default: all) and returns their findings, sorted: severity, then rule id, then location. */
export function runRules(input: RuleInput, rules: readonly Rule[] = RULES): Finding[] {
  const out: Finding[] = [];
  for (const r of rules) for (const f of r.check(input)) out.push(f);
  return out.sort(compareFindings);
}

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const s: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) s[f.severity] += 1;
  return s;
}

/** Builds the tables once and runs every rule. */
export function checkBudget(
  facts: BudgetFacts,
  controlFigure: Fen | null,
  opts: { taxonomy?: Taxonomy } = {},
): Finding[] {
  const input: RuleInput = { facts, tables: buildTables(facts), controlFigure };
  if (opts.taxonomy) input.taxonomy = opts.taxonomy;
  return runRules(input);
}
