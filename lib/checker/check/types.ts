/**
 * What the checker of disclosures made elsewhere answers: findings of `lib/rules`' own type, each with the place in
 * the document a reviewer looks at (page, table, row, column, text section, the quoted text), and the checks that
 * could not run with the reason (未能核查：…) — never silently skipped, never reported as a fault.
 */
import type { Finding } from '../../rules/types';
import type { CheckerProfile } from '../model';

export const PROFILE_LABEL: Record<CheckerProfile, string> = {
  'shanxi-13': '山西13张表（万元）',
  'shanghai-9': '上海/中央9张表（元）',
};

/** Where in the document a finding is (every part optional: a text finding has no table, a table finding no quote). */
export interface Place {
  /** 1-based page of a PDF; null for workbooks and when unknown. */
  page: number | null;
  /** `表三`, `绩效目标表「…」`. */
  table: string | null;
  /** Row label: code and name (`208 社会保障和就业支出`), a project's name. */
  row: string | null;
  /** Column label (`合计`, `基本支出`). */
  column: string | null;
  /** Text section heading (`五、一般公共预算支出情况说明`). */
  section: string | null;
  /** The text quoted (`比上年减少170.87万元，下降3.24%`). */
  quote: string | null;
}

export interface DocFinding extends Finding {
  place: Place;
}

export interface NotChecked {
  /** The rule (or `read`) that could not run. */
  rule: string;
  /** Chinese, starting with 未能核查 or 未能读取. */
  reason: string;
}

export interface CheckReport {
  findings: DocFinding[];
  notChecked: NotChecked[];
}
