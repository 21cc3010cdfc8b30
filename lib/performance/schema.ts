/**
 * Validation of a 绩效目标表 as the editor sends it: every field zod-parsed under the year's taxonomy, with Chinese
 * messages per field key (`fundingAnnual.total`, `indicators.annual.3.level2`); an indicator whose 二级 does not
 * belong to its 一级 is refused with its row named. The result is a form draft ready to store.
 */
import { z } from '../zod';
import { textField, yuanField } from '../budget/edit/fields';
import { parseFilledDate } from '../disclosure/words';
import { taxonomyForYear, type Taxonomy } from '../rules/taxonomy';
import type { FormDraft } from './carryForward';
import {
  FILLED_AT_MAX,
  FORM_TEXT_MAX,
  FUNDING_KEYS,
  FUNDING_LABEL,
  INDICATOR_NAME_MAX,
  INDICATOR_VALUE_MAX,
  MAX_INDICATORS_PER_PERIOD,
  PEOPLE_LABEL,
  PERIOD_LABEL,
  PERIOD_YEARS_MAX,
  PERSON_MAX,
  PHONE_MAX,
  TEXT_LABEL,
  type FundingKey,
  type IndicatorValues,
} from './fields';
import type { Indicator, IndicatorPeriod } from './form';

const stringish = (required: string) =>
  z.union([z.string(), z.number()], { error: required }).transform((v) => (typeof v === 'number' ? String(v) : v));

const periodYearsField = stringish('请填写项目期').transform((v, ctx) => {
  const s = v.trim().replace(/年$/, '');
  if (s === '') {
    ctx.addIssue({ code: 'custom', message: '请填写项目期（年）' });
    return z.NEVER;
  }
  const n = /^\d{1,2}$/.test(s) ? Number(s) : NaN;
  if (!(n >= 1 && n <= PERIOD_YEARS_MAX)) {
    ctx.addIssue({ code: 'custom', message: `项目期应为1至${PERIOD_YEARS_MAX}之间的整数年（长期项目填${PERIOD_YEARS_MAX}）` });
    return z.NEVER;
  }
  return n;
});

const personField = (key: 'manager' | 'handler') => textField(PEOPLE_LABEL[key], PERSON_MAX);

/** Loose: digits with the usual separators (`0356-1234567`, `138 0000 0000`, `(0356)1234567转8001`), 7–20 digits. */
const phoneField = textField(PEOPLE_LABEL.phone, PHONE_MAX).refine(
  (s) => {
    if (s === '') return true;
    if (!/^[\d\s+\-()（）—－转,，、;；/]+$/.test(s)) return false;
    const digits = s.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 24;
  },
  { error: '联系电话格式不正确（如 0356-1234567 或 13800000000）' },
);

/**
 * 填报日期: blank, `2024-01-26`, `20240126`, `20240126111709` (as the reference prints it) or `2024年1月26日`,
 * stored as the ISO date (`2024-01-26`; the time of day is dropped) and printed `2024年1月26日`.
 */
const filledAtField = textField(PEOPLE_LABEL.filledAt, FILLED_AT_MAX)
  .refine((s) => s === '' || parseFilledDate(s) !== null, { error: '填报日期格式应为 2024-01-26 或 20240126' })
  .transform((s) => (s === '' ? '' : parseFilledDate(s)!));

const indicatorRow = z.object(
  {
    level1: z.string({ error: '请选择一级指标' }).transform((s) => s.trim()),
    level2: z.string({ error: '请选择二级指标' }).transform((s) => s.trim()),
    name: z.string({ error: '请填写三级指标' }).transform((s) => s.trim()),
    value: z.string({ error: '指标值无效' }).transform((s) => s.trim()),
  },
  { error: '绩效指标行无效' },
);

function indicatorList(period: IndicatorPeriod, t: Taxonomy, year: number) {
  const label = PERIOD_LABEL[period];
  return z
    .array(indicatorRow, { error: `${label}绩效指标无效` })
    .max(MAX_INDICATORS_PER_PERIOD, { error: `${label}绩效指标最多${MAX_INDICATORS_PER_PERIOD}条` })
    .superRefine((rows, ctx) => {
      rows.forEach((r, i) => {
        const row = `${label}第${i + 1}行`;
        const issue = (field: keyof IndicatorValues, message: string) =>
          ctx.addIssue({ code: 'custom', path: [i, field], message: `${row}：${message}` });
        const l1 = t.level1.find((l) => l.name === r.level1);
        if (r.level1 === '') issue('level1', '请选择一级指标');
        else if (!l1) issue('level1', `一级指标“${r.level1}”不在${year}年度的绩效指标体系中（可选：${t.level1.map((l) => l.name).join('、')}）`);
        if (r.level2 === '') issue('level2', '请选择二级指标');
        else if (l1 && !l1.level2.includes(r.level2)) {
          issue('level2', `二级指标“${r.level2}”不属于一级指标“${r.level1}”（${r.level1}下可选：${l1.level2.join('、')}）`);
        }
        if (r.name === '') issue('name', '请填写三级指标名称（或删除该行）');
        else if (r.name.length > INDICATOR_NAME_MAX) issue('name', `三级指标名称不能超过${INDICATOR_NAME_MAX}个字`);
        if (r.value.length > INDICATOR_VALUE_MAX) issue('value', `指标值不能超过${INDICATOR_VALUE_MAX}个字`);
      });
    });
}

function fundingSchema(period: IndicatorPeriod) {
  const label = PERIOD_LABEL[period];
  return z.object(
    Object.fromEntries(
      FUNDING_KEYS.map((k) => [k, yuanField(`${label}${FUNDING_LABEL[k]}`, { blankAsZero: true })]),
    ) as Record<FundingKey, ReturnType<typeof yuanField>>,
    { error: `${label}项目资金无效` },
  );
}

/** The form's fields under the year's taxonomy. */
export function formSchema(year: number, t: Taxonomy = taxonomyForYear(year)) {
  return z.object({
    attribute: z.enum(['recurring', 'oneOff'], { error: '请选择项目属性（经常性或一次性）' }),
    periodYears: periodYearsField,
    fundingTotal: fundingSchema('total'),
    fundingAnnual: fundingSchema('annual'),
    overview: textField(TEXT_LABEL.overview, FORM_TEXT_MAX),
    basis: textField(TEXT_LABEL.basis, FORM_TEXT_MAX),
    necessity: textField(TEXT_LABEL.necessity, FORM_TEXT_MAX),
    measures: textField(TEXT_LABEL.measures, FORM_TEXT_MAX),
    plan: textField(TEXT_LABEL.plan, FORM_TEXT_MAX),
    goalTotal: textField(TEXT_LABEL.goalTotal, FORM_TEXT_MAX),
    goalAnnual: textField(TEXT_LABEL.goalAnnual, FORM_TEXT_MAX),
    manager: personField('manager'),
    handler: personField('handler'),
    phone: phoneField,
    filledAt: filledAtField,
    indicators: z.object(
      { total: indicatorList('total', t, year), annual: indicatorList('annual', t, year) },
      { error: '绩效指标无效' },
    ),
  });
}

/** Parsed values as a form (without its project). */
export function draftOf(v: z.output<ReturnType<typeof formSchema>>): FormDraft {
  const indicators: Indicator[] = [];
  for (const period of ['total', 'annual'] as const) {
    v.indicators[period].forEach((r, i) => indicators.push({ period, ...r, sort: i + 1 }));
  }
  return {
    attribute: v.attribute,
    periodYears: v.periodYears,
    fundingTotal: v.fundingTotal,
    fundingAnnual: v.fundingAnnual,
    overview: v.overview,
    basis: v.basis,
    necessity: v.necessity,
    measures: v.measures,
    plan: v.plan,
    goalTotal: v.goalTotal,
    goalAnnual: v.goalAnnual,
    indicators,
    manager: v.manager,
    handler: v.handler,
    phone: v.phone,
    filledAt: v.filledAt,
  };
}
