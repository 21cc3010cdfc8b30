/**
 * The performance-target form as its editor holds it (strings as typed), with the labels and limits the browser's
 * editor, its findings and the server's validation (schema.ts) share: the one place a form field's Chinese name is
 * written. Plain data: imported by client components, so no zod and no database here (zod's start-up probe for
 * `new Function` is a CSP violation in the browser).
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
type TextKey = (typeof TEXT_FIELDS)[number];
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
type PeopleKey = (typeof PEOPLE_FIELDS)[number];
export const PEOPLE_LABEL: Record<PeopleKey, string> = { manager: '负责人', handler: '经办人', phone: '联系电话', filledAt: '填报日期' };
/** The form's other own fields. */
export const FORM_LABEL = {
  attribute: '项目属性',
  periodYears: '项目期（年）',
  // shown on the form, from the project (findings about it point here)
  projectName: '项目名称',
} as const;
/** `fundingTotal` / `fundingAnnual` → its period. */
export const FUNDING_PERIOD: Record<'fundingTotal' | 'fundingAnnual', IndicatorPeriod> = { fundingTotal: 'total', fundingAnnual: 'annual' };

/**
 * The Chinese name of a field key of the form, as the editor, its findings and its refusals name it:
 * `fundingAnnual.total` → 年度资金总额, `fundingTotal` → 实施期项目资金, `indicators.annual` → 年度绩效指标,
 * `indicators` → 绩效指标, `overview` → 项目概况. null for a key the form does not have.
 */
export function formFieldLabel(key: string): string | null {
  const [head, sub, ...rest] = key.split('.');
  if (rest.length) return null;
  if (head === 'fundingTotal' || head === 'fundingAnnual') {
    const period = PERIOD_LABEL[FUNDING_PERIOD[head]];
    if (sub === undefined) return `${period}项目资金`;
    return (FUNDING_KEYS as readonly string[]).includes(sub) ? `${period}${FUNDING_LABEL[sub as FundingKey]}` : null;
  }
  if (head === 'indicators') {
    if (sub === undefined) return '绩效指标';
    return sub === 'total' || sub === 'annual' ? `${PERIOD_LABEL[sub]}绩效指标` : null;
  }
  if (sub !== undefined) return null;
  if (head in TEXT_LABEL) return TEXT_LABEL[head as TextKey];
  if (head in PEOPLE_LABEL) return PEOPLE_LABEL[head as PeopleKey];
  if (head in FORM_LABEL) return FORM_LABEL[head as keyof typeof FORM_LABEL];
  return null;
}

/**
 * The most characters of one of the form's text boxes (项目概况 … 总体目标): each is printed in a cell of the one-page
 * sheet, so it is shorter than a budget's explanatory texts (LONG_TEXT_MAX, lib/budget/edit/limits.ts).
 */
export const FORM_TEXT_MAX = 2000;
export const PERSON_MAX = 50;
export const PHONE_MAX = 40;
/** `20240126111709`, as the reference prints it, is the longest 填报日期 accepted. */
export const FILLED_AT_MAX = 20;
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

