/**
 * The performance-target form as its editor holds it (strings as typed), with the labels and limits the browser's
 * editor and the server's validation (edit.ts) share. Plain data: imported by client components, so no zod and no
 * database here (zod's start-up probe for `new Function` is a CSP violation in the browser).
 */
import type { FundingSplit, IndicatorPeriod, ProjectAttribute } from './form';

export const FUNDING_KEYS = ['total', 'central', 'provincial', 'local', 'selfRaised', 'other'] as const satisfies readonly (keyof FundingSplit)[];
export type FundingKey = (typeof FUNDING_KEYS)[number];
export const FUNDING_LABEL: Record<FundingKey, string> = {
  total: '资金总额',
  central: '中央财政资金',
  provincial: '省级财政资金',
  local: '市县(区)财政资金',
  selfRaised: '单位自筹',
  other: '其他资金',
};
export const PERIOD_LABEL: Record<IndicatorPeriod, string> = { total: '实施期', annual: '年度' };

export const TEXT_FIELDS = ['overview', 'basis', 'necessity', 'measures', 'plan', 'goalTotal', 'goalAnnual'] as const;
export type TextKey = (typeof TEXT_FIELDS)[number];
export const TEXT_LABEL: Record<TextKey, string> = {
  overview: '项目概况',
  basis: '立项依据',
  necessity: '项目设立必要性',
  measures: '保证项目实施的制度、措施',
  plan: '项目实施计划',
  goalTotal: '总体目标（实施期）',
  goalAnnual: '总体目标（年度）',
};
export const PEOPLE_FIELDS = ['manager', 'handler', 'phone', 'filledAt'] as const;
export type PeopleKey = (typeof PEOPLE_FIELDS)[number];
export const PEOPLE_LABEL: Record<PeopleKey, string> = { manager: '负责人', handler: '经办人', phone: '联系电话', filledAt: '填报日期' };

export const TEXT_MAX = 2000;
export const PERSON_MAX = 50;
export const INDICATOR_NAME_MAX = 100;
export const INDICATOR_VALUE_MAX = 60;
export const MAX_INDICATORS_PER_PERIOD = 60;
export const PERIOD_YEARS_MAX = 99;

export interface IndicatorValues {
  level1: string;
  level2: string;
  name: string;
  value: string;
}

export interface FormValues {
  attribute: ProjectAttribute;
  periodYears: string;
  fundingTotal: Record<FundingKey, string>;
  fundingAnnual: Record<FundingKey, string>;
  overview: string;
  basis: string;
  necessity: string;
  measures: string;
  plan: string;
  goalTotal: string;
  goalAnnual: string;
  manager: string;
  handler: string;
  phone: string;
  filledAt: string;
  indicators: Record<IndicatorPeriod, IndicatorValues[]>;
}

