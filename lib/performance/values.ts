/**
 * A stored 绩效目标表 as the editor's values (strings as typed, amounts in 元). Client-safe: no zod, no database.
 */
import { formatYuanExact } from '../money';
import type { FormDraft } from './carryForward';
import { FUNDING_KEYS, type FormValues, type FundingKey } from './fields';
import type { FundingSplit, IndicatorPeriod } from './form';

/** 分 as typed in 元: `220000`, `39312.5` → `39312.50`. */
function fenToYuanInput(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : formatYuanExact(fen, { grouping: false });
}

const fundingValues = (s: FundingSplit): Record<FundingKey, string> =>
  Object.fromEntries(FUNDING_KEYS.map((k) => [k, fenToYuanInput(s[k])])) as Record<FundingKey, string>;

/** A stored form as the editor's values; indicators of each period in their order. */
export function formToValues(form: FormDraft): FormValues {
  const rows = (period: IndicatorPeriod) =>
    form.indicators
      .filter((i) => i.period === period)
      .sort((a, b) => a.sort - b.sort)
      .map(({ level1, level2, name, value }) => ({ level1, level2, name, value }));
  return {
    attribute: form.attribute,
    periodYears: String(form.periodYears),
    fundingTotal: fundingValues(form.fundingTotal),
    fundingAnnual: fundingValues(form.fundingAnnual),
    overview: form.overview,
    basis: form.basis,
    necessity: form.necessity,
    measures: form.measures,
    plan: form.plan,
    goalTotal: form.goalTotal,
    goalAnnual: form.goalAnnual,
    manager: form.manager,
    handler: form.handler,
    phone: form.phone,
    filledAt: form.filledAt,
    indicators: { total: rows('total'), annual: rows('annual') },
  };
}
