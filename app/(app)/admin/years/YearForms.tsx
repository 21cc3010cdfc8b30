'use client';

import { useActionState } from 'react';
import { describedBy, Field } from '@/components/ui/field';
import { errorsOf, FormMessage, SubmitButton, valuesOf } from '@/components/ui/form';
import { Input } from '@/components/ui/input';
import { openYearAction, yearCommandAction } from './actions';

export function OpenYearForm({ suggestedYear }: { suggestedYear: number }) {
  const [state, action] = useActionState(openYearAction, null);
  const errors = errorsOf(state);
  const values = valuesOf(state);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="开启新年度">
      <div className="flex flex-wrap items-end gap-4">
        <Field id="open-year" label="年度" error={errors.year} className="w-32">
          <Input
            id="open-year"
            name="year"
            inputMode="numeric"
            defaultValue={values.year ?? String(suggestedYear)}
            className="mt-1 w-full"
            invalid={errors.year}
            {...describedBy('open-year', errors.year)}
          />
        </Field>
        <label className="flex items-center gap-2 pb-2 text-sm">
          {/* not pre-checked: moving every clerk to the new year is a decision of its own (kept when a refusal echoes it) */}
          <input type="checkbox" name="makeCurrent" defaultChecked={values.makeCurrent !== undefined} />
          设为当前年度
        </label>
        <div className="pb-1">
          <SubmitButton pendingText="正在开启…">开启年度</SubmitButton>
        </div>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** 设为当前 / 关闭 / 重新开启 for one year. */
export function YearCommands({ year, status, isCurrent, deadline }: { year: number; status: 'open' | 'closed'; isCurrent: boolean; deadline: string | null }) {
  const [state, action] = useActionState(yearCommandAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="year" value={year} />
      {status === 'open' ? (
        <span className="flex items-center gap-1">
          <label htmlFor={`deadline-${year}`} className="text-xs text-stone-600">
            报送截止日期
          </label>
          <input id={`deadline-${year}`} type="date" name="deadline" defaultValue={deadline ?? ''} className="rounded border border-stone-300 px-1 py-0.5 text-xs" />
          <SubmitButton variant="secondary" name="command" value="deadline">
            保存日期
          </SubmitButton>
        </span>
      ) : null}
      {!isCurrent ? (
        <SubmitButton variant="secondary" name="command" value="current">
          设为当前年度
        </SubmitButton>
      ) : null}
      {status === 'open' ? (
        <SubmitButton
          variant="danger"
          name="command"
          value="close"
          confirm={{ title: `关闭 ${year} 年度`, consequence: `关闭后，各部门将不能再修改 ${year} 年度的预算，直到重新开启。`, confirmLabel: '确定关闭' }}
        >
          关闭年度
        </SubmitButton>
      ) : (
        <SubmitButton
          variant="secondary"
          name="command"
          value="reopen"
          confirm={{ title: `重新开启 ${year} 年度`, consequence: `重新开启后，各部门又可以修改 ${year} 年度编制中或已退回的预算。`, confirmLabel: '确定重新开启' }}
        >
          重新开启
        </SubmitButton>
      )}
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.formError}
        </span>
      ) : state?.ok && state.message ? (
        <span role="status" className="text-xs text-green-800">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
