'use client';

/**
 * Adds one 基本支出 line; errors next to their fields, the input kept. Opened by the “新增一行” button above the grid
 * and shown right there, its first field focused; it stays open for the next line until closed. The line lands at its
 * place in unit and code order and the grid shows it (LinesGrid reveal).
 */
import { useEffect, useRef, useState } from 'react';
import { CodePicker } from '@/components/CodePicker';
import { Button } from '@/components/ui/button';
import { describedBy, Field, FieldError } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { useEditAction } from '@/components/ui/useEditAction';
import { FUND_SOURCE_LABEL, FUND_SOURCES, UNIT_TYPE_LABEL } from '@/lib/facts';
import { formatYuanExact } from '@/lib/money';
import { colLabel } from './cells';
import type { LinesGridActions, LinesGridData } from './types';

export function NewLineForm({ data, add, onClose }: { data: LinesGridData; add: LinesGridActions['add']; onClose: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.scrollIntoView({ block: 'nearest' });
    form.current?.querySelector<HTMLElement>('#new-unit')?.focus();
  }, []);
  const [values, setValues] = useState({
    unitId: String(data.units[0]?.id ?? ''),
    functionCode: '',
    economicCode: '',
    source: 'general',
    amount: '',
  });
  const [message, setMessage] = useState<string | null>(null);
  const edit = useEditAction(add);
  const err = edit.fieldErrors;
  const set = (k: keyof typeof values) => (v: string) => setValues((s) => ({ ...s, [k]: v }));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    edit.submit({ budgetId: data.budgetId, line: values }, (r) => {
      if (!r.ok) return;
      const l = r.line;
      setMessage(
        `已添加一行：${data.units.find((u) => u.id === l.unitId)?.name ?? ''} ${l.functionCode} ${l.economicCode} ${FUND_SOURCE_LABEL[l.source]} ${formatYuanExact(l.amount)} 元（已在表中标出）`,
      );
      setValues((s) => ({ ...s, functionCode: '', economicCode: '', amount: '' }));
    });
  }

  const code = (id: string, k: 'functionCode' | 'economicCode', level: string) => (
    <Field id={id} label={`${colLabel(k)}（${level}）`} error={err[k]}>
      <CodePicker
        id={id}
        label={colLabel(k)}
        options={k === 'functionCode' ? data.functionItems : data.economicItems}
        value={values[k]}
        onChange={set(k)}
        invalid={Boolean(err[k])}
        describedBy={err[k] ? `${id}-error` : undefined}
        className="mt-1"
      />
    </Field>
  );

  return (
    <form ref={form} id="new-line" onSubmit={submit} aria-label="新增基本支出" className="mb-3 rounded-lg border border-stone-200 bg-white p-4" noValidate>
      <h2 className="font-medium">新增一行</h2>
      <p className="mt-1 text-xs text-stone-600">添加后按单位和科目顺序排入表中。</p>
      <div className="mt-3 grid gap-3 md:grid-cols-6">
        <Field id="new-unit" label={colLabel('unitId')} error={err.unitId} className="md:col-span-2">
          <Select id="new-unit" value={values.unitId} onChange={(e) => set('unitId')(e.target.value)} invalid={err.unitId} {...describedBy('new-unit', err.unitId)} className="mt-1 w-full">
            {data.units.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name}（{UNIT_TYPE_LABEL[u.type]}）
              </option>
            ))}
          </Select>
        </Field>
        {code('new-function', 'functionCode', '项')}
        {code('new-economic', 'economicCode', '款')}
        <Field id="new-source" label={colLabel('source')} error={err.source}>
          <Select id="new-source" value={values.source} onChange={(e) => set('source')(e.target.value)} invalid={err.source} {...describedBy('new-source', err.source)} className="mt-1 w-full">
            {FUND_SOURCES.map((s) => (
              <option key={s} value={s}>
                {FUND_SOURCE_LABEL[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="new-amount" label={colLabel('amount')} error={err.amount}>
          <Input
            id="new-amount"
            inputMode="decimal"
            value={values.amount}
            onChange={(e) => set('amount')(e.target.value)}
            invalid={err.amount}
            {...describedBy('new-amount', err.amount)}
            className="mt-1 w-full text-right tabular-nums"
          />
        </Field>
      </div>
      <div className="mt-3 flex items-center gap-3">
        <Button type="submit" disabled={edit.pending}>
          {edit.pending ? '正在添加…' : '添加'}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          关闭
        </Button>
        {/* the form's message only when no field names the problem */}
        <FieldError message={Object.keys(err).length === 0 ? edit.formError : null} className="mt-0" />
        {message ? (
          <span role="status" className="text-sm text-green-700">
            {message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
