'use client';

/**
 * The clerk's editor of one 项目支出绩效目标表: every field of the reference form. 项目名称, 实施单位 and 主管部门及代码
 * come from the project and the department and are shown, not edited. Saving sends everything with the form's
 * version; the server parses, authorizes and refuses a stale save (the current values are then loaded).
 * After a save the page is refreshed, so the rule engine's findings are recomputed.
 */
import { useEffect, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import type { IndicatorPeriod } from '@/lib/performance/form';
import { PROJECT_ATTRIBUTE_LABEL, type ProjectAttribute } from '@/lib/performance/form';
import { formatYuan, formatYuanExact, parseYuan } from '@/lib/money';
import type { Taxonomy } from '@/lib/rules/taxonomy';
import {
  FUNDING_KEYS,
  FUNDING_LABEL,
  PERIOD_LABEL,
  PERIOD_YEARS_MAX,
  PERSON_MAX,
  TEXT_LABEL,
  TEXT_MAX,
  type FormValues,
  type FundingKey,
} from '@/lib/performance/fields';
import { saveFormAction } from './actions';
import type { FormFindingView } from './findings';
import { IndicatorEditor, newRowId, type IndicatorRows } from './IndicatorEditor';
import { FieldError, FindingNotes } from './notes';

type Scalars = Omit<FormValues, 'indicators'>;

function split(values: FormValues): { scalars: Scalars; rows: IndicatorRows } {
  const { indicators, ...scalars } = values;
  return {
    scalars,
    rows: {
      total: indicators.total.map((r) => ({ ...r, id: newRowId() })),
      annual: indicators.annual.map((r) => ({ ...r, id: newRowId() })),
    },
  };
}

const strip = (rows: IndicatorRows[IndicatorPeriod]) => rows.map(({ level1, level2, name, value }) => ({ level1, level2, name, value }));

const inputCls = 'w-full rounded border px-2 py-1.5 text-sm focus:border-brand focus:outline-none';
const okBorder = 'border-stone-300';
const errBorder = 'border-red-500 bg-red-50';
const cardCls = 'rounded-lg border border-stone-200 bg-white p-4';

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export interface FormEditorProps {
  budgetId: number;
  projectId: number;
  version: number;
  initial: FormValues;
  taxonomy: Taxonomy;
  projectName: string;
  unitName: string;
  departmentLabel: string;
  /** The project's amount in 表十二 (分): what the year's total must equal. */
  projectAmount: number;
  findings: FormFindingView[];
}

export function FormEditor(props: FormEditorProps) {
  const { budgetId, projectId, taxonomy, findings } = props;
  const router = useRouter();
  const [state, setState] = useState(() => split(props.initial));
  const [version, setVersion] = useState(props.version);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [dirty, setDirty] = useState(false);
  const [pending, startTransition] = useTransition();
  const { scalars, rows } = state;

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const set = <K extends keyof Scalars>(key: K, value: Scalars[K]) => {
    setState((s) => ({ ...s, scalars: { ...s.scalars, [key]: value } }));
    setDirty(true);
    setStatus(undefined);
  };
  const setFunding = (period: 'fundingTotal' | 'fundingAnnual', key: FundingKey, value: string) => {
    setState((s) => ({ ...s, scalars: { ...s.scalars, [period]: { ...s.scalars[period], [key]: value } } }));
    setDirty(true);
    setStatus(undefined);
  };
  const setRows = (next: IndicatorRows) => {
    setState((s) => ({ ...s, rows: next }));
    setDirty(true);
    setStatus(undefined);
  };

  const save = () => {
    setStatus(undefined);
    startTransition(async () => {
      const r = await saveFormAction({
        budgetId,
        projectId,
        version,
        ...scalars,
        indicators: { total: strip(rows.total), annual: strip(rows.annual) },
      });
      if (r.ok) {
        setVersion(r.version);
        setFieldErrors({});
        setFormError(undefined);
        setDirty(false);
        setStatus(`已保存（版本 ${r.version}）`);
        router.refresh();
        return;
      }
      setFieldErrors(r.fieldErrors);
      setFormError(r.formError);
      if (r.reason === 'stale') {
        setState(split(r.values));
        if (r.version) setVersion(r.version);
        setDirty(false);
        router.refresh();
      }
    });
  };

  const at = (target: string) => findings.filter((f) => f.target === target);
  const errorList = Object.entries(fieldErrors);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      className="space-y-5"
      aria-busy={pending}
    >
      {/* 项目 */}
      <section aria-labelledby="sec-project" className={cardCls}>
        <h2 id="sec-project" className="mb-3 font-medium">
          项目信息
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[7rem_1fr_7rem_1fr]">
          <dt className="text-stone-500">项目名称</dt>
          <dd className="md:col-span-3" data-testid="form-project-name">
            {props.projectName}
          </dd>
          <dt className="text-stone-500">主管部门及代码</dt>
          <dd>{props.departmentLabel}</dd>
          <dt className="text-stone-500">实施单位</dt>
          <dd>{props.unitName}</dd>
        </dl>
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <fieldset id="field-attribute">
            <legend className="mb-1 text-sm font-medium">项目属性</legend>
            <div className="flex gap-4 text-sm">
              {(Object.keys(PROJECT_ATTRIBUTE_LABEL) as ProjectAttribute[]).map((a) => (
                <label key={a} className="flex items-center gap-1.5">
                  <input
                    type="radio"
                    name="attribute"
                    value={a}
                    checked={scalars.attribute === a}
                    onChange={() => set('attribute', a)}
                  />
                  {PROJECT_ATTRIBUTE_LABEL[a]}
                </label>
              ))}
            </div>
            <FieldError message={fieldErrors.attribute} />
            <FindingNotes findings={at('attribute')} />
          </fieldset>
          <div id="field-periodYears">
            <label htmlFor="periodYears" className="mb-1 block text-sm font-medium">
              项目期（年）
            </label>
            <div className="flex items-center gap-2">
              <input
                id="periodYears"
                inputMode="numeric"
                value={scalars.periodYears}
                onChange={(e) => set('periodYears', e.target.value)}
                aria-invalid={!!fieldErrors.periodYears || undefined}
                className={`${inputCls.replace('w-full', 'w-24')} ${fieldErrors.periodYears ? errBorder : okBorder}`}
              />
              <span className="text-sm text-stone-500">年（长期项目填 {PERIOD_YEARS_MAX}）</span>
            </div>
            <FieldError message={fieldErrors.periodYears} />
            <FindingNotes findings={at('periodYears')} />
          </div>
        </div>
      </section>

      {/* 项目资金 */}
      <section aria-labelledby="sec-funding" className={cardCls}>
        <h2 id="sec-funding" className="mb-3 font-medium">
          项目资金（元）
        </h2>
        <FundingTable
          scalars={scalars}
          fieldErrors={fieldErrors}
          findings={findings}
          projectAmount={props.projectAmount}
          onChange={setFunding}
        />
      </section>

      {/* 文字 */}
      <section aria-labelledby="sec-texts" className={cardCls}>
        <h2 id="sec-texts" className="mb-3 font-medium">
          项目情况
        </h2>
        <div className="space-y-4">
          {(['overview', 'basis', 'necessity', 'measures', 'plan'] as const).map((k) => (
            <TextArea
              key={k}
              name={k}
              label={TEXT_LABEL[k]}
              value={scalars[k]}
              error={fieldErrors[k]}
              findings={at(k)}
              onChange={(v) => set(k, v)}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="sec-goals" className={cardCls}>
        <h2 id="sec-goals" className="mb-3 font-medium">
          总体目标
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <TextArea name="goalTotal" label="实施期目标" value={scalars.goalTotal} error={fieldErrors.goalTotal} findings={at('goalTotal')} onChange={(v) => set('goalTotal', v)} />
          <TextArea name="goalAnnual" label="年度目标" value={scalars.goalAnnual} error={fieldErrors.goalAnnual} findings={at('goalAnnual')} onChange={(v) => set('goalAnnual', v)} />
        </div>
      </section>

      {/* 绩效指标 */}
      <section aria-labelledby="sec-indicators" className={cardCls} id="field-indicators">
        <h2 id="sec-indicators" className="mb-3 font-medium">
          绩效指标
        </h2>
        <IndicatorEditor rows={rows} onChange={setRows} taxonomy={taxonomy} fieldErrors={fieldErrors} findings={findings} disabled={pending} />
      </section>

      {/* 填报人 */}
      <section aria-labelledby="sec-people" className={cardCls}>
        <h2 id="sec-people" className="mb-3 font-medium">
          填报信息
        </h2>
        <div className="grid gap-4 md:grid-cols-4">
          <Line name="manager" label="负责人" value={scalars.manager} max={PERSON_MAX} error={fieldErrors.manager} onChange={(v) => set('manager', v)} />
          <Line name="handler" label="经办人" value={scalars.handler} max={PERSON_MAX} error={fieldErrors.handler} onChange={(v) => set('handler', v)} />
          <Line name="phone" label="联系电话" value={scalars.phone} max={40} error={fieldErrors.phone} type="tel" onChange={(v) => set('phone', v)} />
          <div id="field-filledAt">
            <label htmlFor="filledAt" className="mb-1 block text-sm font-medium">
              填报日期
            </label>
            <div className="flex gap-2">
              <input
                id="filledAt"
                value={scalars.filledAt}
                maxLength={20}
                placeholder="如 2024-01-26"
                onChange={(e) => set('filledAt', e.target.value)}
                aria-invalid={!!fieldErrors.filledAt || undefined}
                className={`${inputCls} ${fieldErrors.filledAt ? errBorder : okBorder}`}
              />
              <button type="button" onClick={() => set('filledAt', today())} className="shrink-0 rounded border border-stone-300 px-2 text-sm hover:bg-stone-100">
                今天
              </button>
            </div>
            <FieldError message={fieldErrors.filledAt} />
          </div>
        </div>
      </section>

      {/* 保存 */}
      <div className="sticky bottom-0 z-10 -mx-2 border-t border-stone-200 bg-stone-50/95 px-2 py-3 backdrop-blur">
        {formError ? (
          <div role="alert" className="mb-2 rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
            <p>{formError}</p>
            {errorList.length > 0 ? (
              <ul className="mt-1 list-disc pl-5">
                {errorList.slice(0, 12).map(([k, m]) => (
                  <li key={k}>
                    <a href={`#field-${fieldAnchor(k)}`} className="underline">
                      {m}
                    </a>
                  </li>
                ))}
                {errorList.length > 12 ? <li>另有 {errorList.length - 12} 处错误</li> : null}
              </ul>
            ) : null}
          </div>
        ) : null}
        <div className="flex items-center gap-3">
          <button type="submit" disabled={pending} className="rounded bg-brand px-5 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60">
            {pending ? '正在保存…' : '保存'}
          </button>
          <span role="status" className="text-sm text-stone-600" data-testid="save-status">
            {status ?? (dirty ? '有未保存的修改' : '')}
          </span>
          <span className="ml-auto text-xs text-stone-400">表版本 {version}</span>
        </div>
      </div>
    </form>
  );
}

/** The anchor of a field error key: indicator field errors point at their row. */
function fieldAnchor(key: string): string {
  const m = /^(indicators\.(?:total|annual)\.\d+)\./.exec(key);
  if (m) return m[1];
  return key;
}

function FundingTable({
  scalars,
  fieldErrors,
  findings,
  projectAmount,
  onChange,
}: {
  scalars: Scalars;
  fieldErrors: Record<string, string>;
  findings: FormFindingView[];
  projectAmount: number;
  onChange: (period: 'fundingTotal' | 'fundingAnnual', key: FundingKey, value: string) => void;
}) {
  const periods = [
    ['fundingTotal', 'total'],
    ['fundingAnnual', 'annual'],
  ] as const;
  // live sums of what is typed (an unreadable part makes the sum unknown)
  const read = (v: string): number | null => {
    if (v.trim() === '') return 0;
    const r = parseYuan(v);
    return r.ok ? r.fen : null;
  };
  const sums: Record<(typeof periods)[number][0], { total: number | null; parts: number | null }> = {
    fundingTotal: { total: null, parts: null },
    fundingAnnual: { total: null, parts: null },
  };
  for (const [field] of periods) {
    const f = scalars[field];
    const parts = (['central', 'provincial', 'local', 'selfRaised', 'other'] as const).map((k) => read(f[k]));
    sums[field] = {
      total: read(f.total),
      parts: parts.some((x) => x === null) ? null : parts.reduce<number>((a, b) => a + (b ?? 0), 0),
    };
  }
  const fmt = (fen: number) => (fen % 100 === 0 ? formatYuan(fen) : formatYuanExact(fen));

  return (
    <div className="overflow-x-auto">
      <table className="w-full max-w-3xl text-sm">
        <thead>
          <tr className="text-left text-stone-500">
            <th scope="col" className="w-40 py-1 font-normal"></th>
            {periods.map(([field, p]) => (
              <th key={field} scope="col" className="py-1 pl-2 font-medium text-stone-800">
                {PERIOD_LABEL[p]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FUNDING_KEYS.map((k) => (
            <tr key={k}>
              <th scope="row" className={`py-1 text-left font-normal ${k === 'total' ? 'font-medium' : 'pl-4 text-stone-700'}`}>
                {k === 'total' ? '资金总额' : FUNDING_LABEL[k]}
              </th>
              {periods.map(([field, p]) => {
                const key = `${field}.${k}`;
                const err = fieldErrors[key];
                return (
                  <td key={field} className="py-1 pl-2 align-top" id={`field-${key}`}>
                    <input
                      aria-label={`${PERIOD_LABEL[p]}${FUNDING_LABEL[k]}`}
                      inputMode="decimal"
                      value={scalars[field][k]}
                      onChange={(e) => onChange(field, k, e.target.value)}
                      aria-invalid={!!err || undefined}
                      className={`${inputCls} num ${err ? errBorder : okBorder} ${k === 'total' ? 'font-medium' : ''}`}
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
            {periods.map(([field]) => {
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
      {periods.map(([field]) => (
        <FindingNotes key={field} findings={findings.filter((f) => f.target === field)} />
      ))}
    </div>
  );
}

function TextArea({
  name,
  label,
  value,
  error,
  findings,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  error?: string;
  findings: FormFindingView[];
  onChange: (v: string) => void;
}) {
  const over = value.length > TEXT_MAX;
  return (
    <div id={`field-${name}`}>
      <div className="mb-1 flex items-baseline justify-between">
        <label htmlFor={name} className="text-sm font-medium">
          {label}
        </label>
        <span className={`text-xs ${over ? 'text-red-700' : 'text-stone-400'}`}>
          {value.length}/{TEXT_MAX}
        </span>
      </div>
      <textarea
        id={name}
        value={value}
        rows={3}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!error || undefined}
        className={`${inputCls} ${error ? errBorder : okBorder}`}
      />
      <FieldError message={error} />
      <FindingNotes findings={findings} compact />
    </div>
  );
}

function Line({
  name,
  label,
  value,
  max,
  error,
  type = 'text',
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  max: number;
  error?: string;
  type?: string;
  onChange: (v: string) => void;
}) {
  return (
    <div id={`field-${name}`}>
      <label htmlFor={name} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <input
        id={name}
        type={type}
        value={value}
        maxLength={max + 20}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!error || undefined}
        className={`${inputCls} ${error ? errBorder : okBorder}`}
      />
      <FieldError message={error} />
    </div>
  );
}
