'use client';

/**
 * One section of the 收入与说明 page (income, prior-year figures, texts, assets) as a form. It sends the values as
 * typed together with the values and budget version it was loaded with; the server writes only what changed and
 * refuses a field someone else changed meanwhile (showing the current value). Typed input is never reset.
 */
import { useState } from 'react';
import type { ActionOf } from '@/components/lines/types';
import { Button } from '@/components/ui/button';
import { describedBy, Field } from '@/components/ui/field';
import { Input, Textarea } from '@/components/ui/input';
import { LengthCounter, withCounter } from '@/components/ui/lengthCounter';
import { useEditAction } from '@/components/ui/useEditAction';
import { useLeaveWarning } from '@/components/ui/useLeaveWarning';
import type { updateSection, SectionValues } from '@/lib/budget/edit/section';
import { formatArea } from '@/lib/disclosure/words';
import { formatYuanExact } from '@/lib/money';

type SectionFieldKind = 'yuan' | 'text' | 'longText' | 'count' | 'area' | 'date';

export interface SectionField {
  key: string;
  label: string;
  kind: SectionFieldKind;
  /** Element id findings link to (e.g. `income-general`). */
  anchor?: string;
  /** The field's limit (its constant in lib/budget/edit/limits.ts): counted under the input, never cut off. */
  maxLength?: number;
  /** Grid column span (of `columns`). */
  span?: number;
  hint?: string;
}

/** A section's save (updateIncome, updatePrior, updateTexts, updateAssets: each an updateSection). */
type SectionAction = ActionOf<(db: never, actor: never, input: Parameters<typeof updateSection>[2]) => ReturnType<typeof updateSection>>;

/** How a stored value shows in its input. */
function inputText(kind: SectionFieldKind, v: string | number | undefined): string {
  if (v === undefined) return '';
  switch (kind) {
    case 'yuan':
      return formatYuanExact(Number(v));
    case 'area':
      return formatArea(Number(v));
    default:
      return String(v);
  }
}

const NUMERIC: readonly SectionFieldKind[] = ['yuan', 'area', 'count'];

export function SectionForm({
  title,
  budgetId,
  baseVersion: initialVersion,
  base: initialBase,
  fields,
  action,
  readOnly,
  columns = 2,
  id,
  description,
}: {
  title: string;
  budgetId: number;
  baseVersion: number;
  base: SectionValues;
  fields: SectionField[];
  action: SectionAction;
  readOnly: boolean;
  columns?: 1 | 2 | 3 | 4;
  id: string;
  description?: string;
}) {
  const [base, setBase] = useState(initialBase);
  const [baseVersion, setBaseVersion] = useState(initialVersion);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.key, inputText(f.kind, initialBase[f.key])])),
  );
  const [status, setStatus] = useState<string | null>(null);
  const edit = useEditAction(action);
  const dirty = fields.some((f) => values[f.key] !== inputText(f.kind, base[f.key]));
  useLeaveWarning(dirty && !readOnly);
  const grid = { 1: 'md:grid-cols-1', 2: 'md:grid-cols-2', 3: 'md:grid-cols-3', 4: 'md:grid-cols-4' }[columns];

  if (readOnly) {
    return (
      <section id={id} aria-label={title} className="mb-6 rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="font-medium">{title}</h2>
        <dl className={`mt-3 grid gap-3 text-sm ${grid}`}>
          {fields.map((f) => (
            <div key={f.key} id={f.anchor} className={f.kind === 'longText' ? 'md:col-span-full' : ''}>
              <dt className="text-stone-500">{f.label}</dt>
              <dd className={f.kind === 'longText' || f.kind === 'text' ? 'mt-1 whitespace-pre-wrap' : 'num mt-1 text-left'}>
                {inputText(f.kind, base[f.key]) || <span className="text-stone-400">（未填写）</span>}
              </dd>
            </div>
          ))}
        </dl>
      </section>
    );
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setStatus(null);
    const changed = Object.fromEntries(fields.filter((f) => values[f.key] !== inputText(f.kind, base[f.key])).map((f) => [f.key, values[f.key]]));
    if (Object.keys(changed).length === 0) return;
    edit.submit({ budgetId, baseVersion, base, values: changed }, (r) => {
      if (r.ok) {
        setBase(r.values);
        setBaseVersion(r.version);
        // show the saved figures as the server stored them
        setValues((v) => ({ ...v, ...Object.fromEntries(fields.filter((f) => f.key in changed).map((f) => [f.key, inputText(f.kind, r.values[f.key])])) }));
        setStatus(r.changed.length ? `已保存 ${r.changed.length} 项` : '没有需要保存的修改');
      } else if (r.reason === 'stale' && r.current) {
        // the user has now seen what is there: saving again writes their figures over it, knowingly
        const current = r.current as SectionValues;
        setBase((b) => ({ ...b, ...current }));
      }
    });
  }

  return (
    <form id={id} aria-label={title} noValidate onSubmit={submit} className="mb-6 rounded-lg border border-stone-200 bg-white p-4">
      <h2 className="font-medium">{title}</h2>
      {description ? <p className="mt-1 text-sm text-stone-500">{description}</p> : null}
      {edit.formError ? (
        <p role="alert" className="mt-2 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {edit.formError}
        </p>
      ) : null}
      <div className={`mt-3 grid gap-3 ${grid}`}>
        {fields.map((f) => {
          const inputId = `${id}-${f.key}`;
          const err = edit.fieldErrors[f.key];
          const value = values[f.key] ?? '';
          const counterId = `${inputId}-count`;
          const described = describedBy(inputId, err, f.hint);
          const common = {
            id: inputId,
            name: f.key,
            value,
            invalid: err,
            ...described,
            'aria-describedby': f.maxLength ? withCounter(described['aria-describedby'], counterId) : described['aria-describedby'],
            onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
              const v = e.target.value;
              setValues((s) => ({ ...s, [f.key]: v }));
              setStatus(null);
            },
          };
          return (
            <div key={f.key} id={f.anchor} className={`target:rounded target:bg-amber-50 ${f.kind === 'longText' ? 'md:col-span-full' : ''}`}>
              <Field id={inputId} label={f.label} error={err} hint={f.hint}>
                {f.kind === 'longText' ? (
                  <Textarea {...common} rows={5} className="mt-1 w-full" />
                ) : (
                  <Input
                    {...common}
                    type={f.kind === 'date' ? 'date' : 'text'}
                    inputMode={f.kind === 'yuan' || f.kind === 'area' ? 'decimal' : f.kind === 'count' ? 'numeric' : undefined}
                    className={`mt-1 w-full ${NUMERIC.includes(f.kind) ? 'text-right tabular-nums' : ''}`}
                  />
                )}
              </Field>
              {f.maxLength ? <LengthCounter id={counterId} value={value} max={f.maxLength} /> : null}
            </div>
          );
        })}
      </div>
      <div className="mt-3 flex items-center gap-3">
        <Button type="submit" disabled={edit.pending || !dirty}>
          {edit.pending ? '正在保存…' : `保存${title}`}
        </Button>
        {status ? (
          <span role="status" className="text-sm text-green-700">
            {status}
          </span>
        ) : null}
        {dirty && !edit.pending ? <span className="text-xs text-amber-700">有未保存的修改</span> : null}
      </div>
    </form>
  );
}
