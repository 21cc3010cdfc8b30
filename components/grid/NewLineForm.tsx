'use client';

/** Adds one 基本支出 line; errors next to their fields, the input kept. */
import { useState, useTransition } from 'react';
import { CodePicker } from '@/components/CodePicker';
import { FieldError } from '@/components/FieldError';
import { FUND_SOURCE_LABEL, FUND_SOURCES, UNIT_TYPE_LABEL } from '@/lib/facts';
import { NETWORK_ERROR, type LinesGridActions, type LinesGridData } from './types';

/** A labelled code picker with its error below. */
function CodeField({
  id,
  heading,
  label,
  options,
  value,
  onChange,
  error,
}: {
  id: string;
  heading: string;
  label: string;
  options: LinesGridData['functionItems'];
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm text-stone-600">
        {heading}
      </label>
      <CodePicker
        id={id}
        label={label}
        options={options}
        value={value}
        onChange={onChange}
        invalid={Boolean(error)}
        describedBy={error ? `${id}-err` : undefined}
        className="mt-1"
      />
      <FieldError id={`${id}-err`} message={error} />
    </div>
  );
}

export function NewLineForm({ data, add }: { data: LinesGridData; add: LinesGridActions['add'] }) {
  const [values, setValues] = useState({
    unitId: String(data.units[0]?.id ?? ''),
    functionCode: '',
    economicCode: '',
    source: 'general',
    amount: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (k: keyof typeof values) => (v: string) => setValues((s) => ({ ...s, [k]: v }));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    startTransition(async () => {
      try {
        const r = await add({ budgetId: data.budgetId, line: values });
        if (r.ok) {
          setErrors({});
          setMessage('已添加一行');
          setValues((s) => ({ ...s, functionCode: '', economicCode: '', amount: '' }));
        } else {
          setErrors({ ...r.fieldErrors, ...(r.formError && Object.keys(r.fieldErrors).length === 0 ? { _form: r.formError } : {}) });
        }
      } catch {
        setErrors({ _form: NETWORK_ERROR });
      }
    });
  }

  const err = (k: string) => errors[k];
  const field = 'mt-1 w-full rounded border px-2 py-1 text-sm focus:outline-none';
  return (
    <form onSubmit={submit} aria-label="新增基本支出" className="mt-6 rounded-lg border border-stone-200 bg-white p-4" noValidate>
      <h2 className="font-medium">新增一行</h2>
      <div className="mt-3 grid gap-3 md:grid-cols-6">
        <div className="md:col-span-2">
          <label htmlFor="new-unit" className="block text-sm text-stone-600">
            单位
          </label>
          <select
            id="new-unit"
            value={values.unitId}
            onChange={(e) => set('unitId')(e.target.value)}
            aria-invalid={err('unitId') ? true : undefined}
            aria-describedby={err('unitId') ? 'new-unit-err' : undefined}
            className={`${field} ${err('unitId') ? 'border-red-500' : 'border-stone-300'}`}
          >
            {data.units.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name}（{UNIT_TYPE_LABEL[u.type]}）
              </option>
            ))}
          </select>
          <FieldError id="new-unit-err" message={err('unitId')} />
        </div>
        <CodeField
          id="new-function"
          heading="功能科目（项）"
          label="功能科目"
          options={data.functionItems}
          value={values.functionCode}
          onChange={set('functionCode')}
          error={err('functionCode')}
        />
        <CodeField
          id="new-economic"
          heading="经济科目（款）"
          label="经济科目"
          options={data.economicItems}
          value={values.economicCode}
          onChange={set('economicCode')}
          error={err('economicCode')}
        />
        <div>
          <label htmlFor="new-source" className="block text-sm text-stone-600">
            资金来源
          </label>
          <select
            id="new-source"
            value={values.source}
            onChange={(e) => set('source')(e.target.value)}
            className={`${field} ${err('source') ? 'border-red-500' : 'border-stone-300'}`}
          >
            {FUND_SOURCES.map((s) => (
              <option key={s} value={s}>
                {FUND_SOURCE_LABEL[s]}
              </option>
            ))}
          </select>
          <FieldError message={err('source')} />
        </div>
        <div>
          <label htmlFor="new-amount" className="block text-sm text-stone-600">
            金额（元）
          </label>
          <input
            id="new-amount"
            inputMode="decimal"
            value={values.amount}
            onChange={(e) => set('amount')(e.target.value)}
            aria-invalid={err('amount') ? true : undefined}
            aria-describedby={err('amount') ? 'new-amount-err' : undefined}
            className={`${field} text-right tabular-nums ${err('amount') ? 'border-red-500 bg-red-50' : 'border-stone-300'}`}
          />
          <FieldError id="new-amount-err" message={err('amount')} />
        </div>
      </div>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60">
          {pending ? '正在添加…' : '添加'}
        </button>
        <FieldError message={err('_form')} className="mt-0" />
        {message ? (
          <span role="status" className="text-sm text-green-700">
            {message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
