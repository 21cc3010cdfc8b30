'use client';

/** Publish an approved budget, or publish a correction (with a note) of a published one, from the admin's list. */
import { useState, useTransition } from 'react';
import type { BudgetStatus } from '@/lib/auth/authorize';
import { correctAction, publishAction } from '@/app/(app)/budgets/[id]/workflow-actions';

export function PublishControls({ budgetId, version, status, name }: { budgetId: number; version: number; status: BudgetStatus; name: string }) {
  const [pending, startTransition] = useTransition();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function run(kind: 'publish' | 'correct') {
    setMessage(null);
    startTransition(async () => {
      try {
        const r = kind === 'publish' ? await publishAction({ budgetId, version }) : await correctAction({ budgetId, version, note });
        setMessage(r.ok ? { ok: true, text: kind === 'publish' ? '已公开' : '已发布更正' } : { ok: false, text: r.message });
        if (r.ok) setNote('');
      } catch {
        setMessage({ ok: false, text: '网络错误，操作未完成，请重试' });
      }
    });
  }

  return (
    <div className="flex flex-col gap-1">
      {status === 'approved' ? (
        <button
          type="button"
          aria-label={`公开${name}`}
          className="w-fit rounded bg-brand px-3 py-1 text-white hover:bg-brand-dark disabled:opacity-50"
          disabled={pending}
          onClick={() => run('publish')}
        >
          {pending ? '正在生成公开文件…' : '公开'}
        </button>
      ) : null}
      {status === 'published' ? (
        <div className="flex flex-wrap items-center gap-1">
          <input
            aria-label={`${name}更正说明`}
            placeholder="更正说明"
            className="min-w-0 rounded border border-stone-300 px-2 py-1"
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
          />
          <button
            type="button"
            className="rounded border border-stone-300 px-3 py-1 hover:bg-stone-100 disabled:opacity-50"
            disabled={pending}
            onClick={() => run('correct')}
          >
            {pending ? '正在生成…' : '发布更正'}
          </button>
        </div>
      ) : null}
      {message ? (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'text-green-700' : 'text-red-700'} data-testid="publish-message">
          {message.text}
        </span>
      ) : null}
    </div>
  );
}
