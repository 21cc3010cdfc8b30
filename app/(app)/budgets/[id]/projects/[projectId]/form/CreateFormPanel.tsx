'use client';

/** A this-year project without a form: start one, empty or carried forward from last year's (amounts cleared). */
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { createFormAction } from './actions';

export function CreateFormPanel({
  budgetId,
  projectId,
  carryForwardYear,
}: {
  budgetId: number;
  projectId: number;
  /** The year of last year's form of the same recurring project, when there is one. */
  carryForwardYear: number | null;
}) {
  const [state, submit, pending] = useActionState(createFormAction, null);
  const carry = carryForwardYear !== null;
  return (
    <section aria-labelledby="create-title" className="rounded-lg border border-stone-200 bg-white p-5" data-testid="create-form">
      <h2 id="create-title" className="font-medium">
        该项目尚未填报绩效目标表
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        {carry
          ? `上年度（${carryForwardYear}年）有同名经常性项目的绩效目标表，可以在其基础上填报（各项金额将清零，需重新填写）。`
          : '新建一张空白的绩效目标表。'}
      </p>
      <form action={submit} className="mt-4 flex flex-wrap gap-3">
        <input type="hidden" name="budgetId" value={budgetId} />
        <input type="hidden" name="projectId" value={projectId} />
        {carry ? (
          <Button type="submit" name="from" value="previous" disabled={pending}>
            从{carryForwardYear}年度结转（金额清零）
          </Button>
        ) : null}
        <Button type="submit" name="from" value="empty" disabled={pending} variant={carry ? 'secondary' : 'primary'}>
          新建空白绩效目标表
        </Button>
      </form>
      {state && !state.ok && state.formError ? (
        <p role="alert" className="mt-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.formError}
        </p>
      ) : null}
    </section>
  );
}
