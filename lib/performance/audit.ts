/** What a save changed, as audit entries: one per field that differs (amounts in 分), a period's indicators as one. */
import type { FormDraft } from './carryForward';
import { FUNDING_KEYS, PEOPLE_FIELDS, TEXT_FIELDS } from './fields';
import type { Indicator, IndicatorPeriod } from './form';

/** A period's indicators as one audit value: `产出指标›数量指标›全年用水量：≤17000吨`, one per line. */
function indicatorsText(indicators: readonly Indicator[], period: IndicatorPeriod): string {
  return indicators
    .filter((i) => i.period === period)
    .sort((a, b) => a.sort - b.sort)
    .map((i) => `${i.level1}›${i.level2}›${i.name}：${i.value}`)
    .join('\n');
}

/** Field → [old, new] for every field that differs (amounts in 分). */
export function formChanges(before: FormDraft, after: FormDraft): { field: string; oldValue: string | number; newValue: string | number }[] {
  const out: { field: string; oldValue: string | number; newValue: string | number }[] = [];
  const cmp = (field: string, a: string | number, b: string | number) => {
    if (a !== b) out.push({ field, oldValue: a, newValue: b });
  };
  cmp('attribute', before.attribute, after.attribute);
  cmp('periodYears', before.periodYears, after.periodYears);
  for (const k of FUNDING_KEYS) cmp(`fundingTotal.${k}`, before.fundingTotal[k], after.fundingTotal[k]);
  for (const k of FUNDING_KEYS) cmp(`fundingAnnual.${k}`, before.fundingAnnual[k], after.fundingAnnual[k]);
  for (const k of TEXT_FIELDS) cmp(k, before[k], after[k]);
  for (const k of PEOPLE_FIELDS) cmp(k, before[k], after[k]);
  for (const p of ['total', 'annual'] as const) cmp(`indicators.${p}`, indicatorsText(before.indicators, p), indicatorsText(after.indicators, p));
  return out;
}
