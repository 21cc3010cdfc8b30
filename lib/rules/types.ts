/**
 * The rule engine's model (docs/domain.md §8). A rule reads one budget (its facts, its 13 tables built once, and the
 * department's control figure) and returns findings; each finding points at something the UI can link to and has
 * a key stable across runs, so a clerk's explanation of a warning can be stored against it.
 *
 * Severity: `error` blocks submission and approval; `warning` must be explained by the clerk before submitting;
 * `info` is shown only (尾差).
 */
import type { BudgetFacts, Fen, FundSource, PriorYear, TextFacts } from '../facts';
import type { DisclosureTable, TableNo } from '../disclosure/types';
import type { Taxonomy } from './taxonomy';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** Field names of the 上年预算 figures a finding can point at (`threePublic.reception` …). */
type PriorField = Exclude<keyof PriorYear, 'threePublic'> | `threePublic.${keyof PriorYear['threePublic']}`;

/** The 国有资产 figures a finding can point at (the keys of the facts page's asset form, lib/budget/edit/assets.ts). */
type AssetField = 'asOf' | 'officeArea' | 'devicesOver500k' | 'devicesOver1m' | `vehicles.${string}.${'establishment' | 'actual'}`;

/** Where a finding points. Every variant is something the UI can link to. */
export type FindingLocation =
  /** A 基本支出 line. */
  | { kind: 'line'; lineId: number }
  /** A project as a whole. */
  | { kind: 'project'; projectId: number }
  /** One detail row of a project. */
  | { kind: 'projectItem'; projectId: number; itemId: number }
  /**
   * A project's 绩效目标表: the whole form, one field (`fundingAnnual.total`, `overview`, `indicators.annual` …)
   * or one indicator (index into `PerformanceForm.indicators`).
   */
  | { kind: 'form'; projectId: number; field?: string; indicatorIndex?: number }
  /** One figure of a disclosure table (column index into `DisclosureTable.columns`). */
  | { kind: 'cell'; table: TableNo; row: string; column: number }
  /** The income entered for a fund source. */
  | { kind: 'income'; source: FundSource }
  /** A 上年预算 figure. */
  | { kind: 'prior'; field: PriorField }
  /** A typed text of the 情况说明. */
  | { kind: 'text'; field: keyof TextFacts }
  /** A figure of 国有资产占有使用情况 (`vehicles.<类别>.actual|establishment`, `devicesOver1m` …, as the facts page keys them). */
  | { kind: 'asset'; field: AssetField }
  /** The budget as a whole (e.g. its control figure). */
  | { kind: 'budget' };

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Chinese, with the figures: “一般公共预算本年支出 5,095.13 万元与预算控制数 5,000.00 万元不一致，相差 95.13 万元”. */
  message: string;
  location: FindingLocation;
  /** Stable per (rule, location) (plus a discriminator where a rule says two things about one place). */
  key: string;
}

export interface RuleInput {
  facts: BudgetFacts;
  /** The 13 tables built from `facts` (or imported), in order 表一…表十三. */
  tables: DisclosureTable[];
  /** 预算控制数 of 一般公共预算 for this year, in 分; null when none is set. */
  controlFigure: Fen | null;
  /** The 绩效指标 taxonomy to check the forms against; default: `taxonomyForYear(facts.year)`. */
  taxonomy?: Taxonomy;
}

export interface Rule {
  /** `family.name`, e.g. `table.hierarchy-sum`. */
  id: string;
  severity: Severity;
  /** Chinese, shown in the catalogue and beside the findings. */
  title: string;
  check(input: RuleInput): Finding[];
}
