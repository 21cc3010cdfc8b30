'use client';

/**
 * 项目资金 for 实施期 and 年度, each part typed in 元, with live sums of what is typed: the parts against the total,
 * and the year's total against the project's amount in 表十二.
 */
import { FieldError } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { formatYuan, formatYuanExact, parseYuan } from '@/lib/money';
import { FUNDING_KEYS, FUNDING_LABEL, FUNDING_PERIOD, formFieldLabel, PERIOD_LABEL, type FormValues, type FundingKey } from '@/lib/performance/fields';
import type { FormFindingView } from './findings';
import { FindingNotes } from './notes';

type FundingField = 'fundingTotal' | 'fundingAnnual';
const FIELDS: readonly FundingField[] = ['fundingTotal', 'fundingAnnual'];
const PARTS = FUNDING_KEYS.filter((k) => k !== 'total');

/** A typed amount in 分 (blank is 0); null when it cannot be read, which makes a sum unknown. */
function typedFen(v: string): number | null {
  if (v.trim() === '') return 0;
  const r = parseYuan(v);
  return r.ok ? r.fen : null;
}

const fmt = (fen: number) => (fen % 100 === 0 ? formatYuan(fen) : formatYuanExact(fen));

export function FundingTable({
  values,
  fieldErrors,
  findings,
  projectAmount,
  onChange,
}: {
  values: Pick<FormValues, FundingField>;
  fieldErrors: Record<string, string>;
  findings: FormFindingView[];
  /** The project's amount in 表十二 (分). */
  projectAmount: number;
  onChange: (field: FundingField, key: FundingKey, value: string) => void;
}) {
  const sums = Object.fromEntries(
    FIELDS.map((field) => {
      const parts = PARTS.map((k) => typedFen(values[field][k]));
      return [field, { total: typedFen(values[field].total), parts: parts.some((x) => x === null) ? null : parts.reduce<number>((a, b) => a + (b ?? 0), 0) }];
    }),
  ) as Record<FundingField, { total: number | null; parts: number | null }>;

  return (
    <div className="overflow-x-auto">
      <table className="w-full max-w-3xl text-sm">
        <thead>
          <tr className="text-left text-stone-500">
            <th scope="col" className="w-40 py-1 font-normal"></th>
            {FIELDS.map((field) => (
              <th key={field} scope="col" className="py-1 pl-2 font-medium text-stone-800">
                {PERIOD_LABEL[FUNDING_PERIOD[field]]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FUNDING_KEYS.map((k) => (
            <tr key={k}>
              <th scope="row" className={`py-1 text-left font-normal ${k === 'total' ? 'font-medium' : 'pl-4 text-stone-700'}`}>
                {FUNDING_LABEL[k]}
              </th>
              {FIELDS.map((field) => {
                const key = `${field}.${k}`;
                const err = fieldErrors[key];
                return (
                  <td key={field} className="py-1 pl-2 align-top" id={`field-${key}`}>
                    <Input
                      aria-label={formFieldLabel(key)!}
                      inputMode="decimal"
                      value={values[field][k]}
                      onChange={(e) => onChange(field, k, e.target.value)}
                      invalid={err}
                      className={`num w-full ${k === 'total' ? 'font-medium' : ''}`}
                    />
                    <FieldError message={err} />
                    <FindingNotes findings={findings.filter((f) => f.target === key)} compact />
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="text-xs text-stone-600">
            <th scope="row" className="py-1 text-left font-normal">
              分项合计
            </th>
            {FIELDS.map((field) => {
              const s = sums[field];
              const mismatch = s.parts !== null && s.total !== null && s.parts !== s.total;
              return (
                <td key={field} className={`num py-1 pl-2 ${mismatch ? 'text-amber-800' : ''}`} data-testid={`${field}-parts-sum`}>
                  {s.parts === null ? '—' : `${fmt(s.parts)} 元`}
                  {mismatch ? '（与资金总额不一致）' : ''}
                </td>
              );
            })}
          </tr>
          <tr className="text-xs text-stone-600">
            <th scope="row" className="py-1 text-left font-normal">
              表十二项目金额
            </th>
            <td className="py-1 pl-2"></td>
            <td className="num py-1 pl-2" data-testid="project-amount">
              {fmt(projectAmount)} 元
              {sums.fundingAnnual.total !== null && sums.fundingAnnual.total !== projectAmount ? (
                <span className="text-amber-800">（年度资金总额应与之相等）</span>
              ) : null}
            </td>
          </tr>
        </tbody>
      </table>
      {FIELDS.map((field) => (
        <FindingNotes key={field} findings={findings.filter((f) => f.target === field)} />
      ))}
    </div>
  );
}
