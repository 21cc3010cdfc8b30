'use client';

/** Publish an approved budget, or publish a correction (with a note) of a published one, from the admin's list. */
import { useState } from 'react';
import type { BudgetStatus } from '@/lib/auth/authorize';
import { refusalMessage } from '@/lib/result';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { useEditAction } from '@/components/ui/useEditAction';
import { correctAction, publishAction } from '@/app/(app)/budgets/[id]/workflow-actions';

export function PublishControls({ budgetId, version, status, name }: { budgetId: number; version: number; status: BudgetStatus; name: string }) {
  const [note, setNote] = useState('');
  const { submit, pending } = useEditAction((kind: 'publish' | 'correct') =>
    kind === 'publish' ? publishAction({ budgetId, version }) : correctAction({ budgetId, version, note }),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function run(kind: 'publish' | 'correct') {
    setMessage(null);
    submit(kind, (r) => {
      setMessage(r.ok ? { ok: true, text: kind === 'publish' ? '已公开' : '已发布更正' } : { ok: false, text: refusalMessage(r) });
      if (r.ok) setNote('');
    });
  }

  return (
    <div className="flex flex-col gap-1">
      {status === 'approved' ? (
        <Button aria-label={`公开${name}`} className="w-fit" disabled={pending} onClick={() => run('publish')}>
          {pending ? '正在生成公开文件…' : '公开'}
        </Button>
      ) : null}
      {status === 'published' ? (
        <div className="flex flex-wrap items-center gap-1">
          <Input
            aria-label={`${name}更正说明`}
            placeholder="更正说明"
            className="min-w-0 flex-1"
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button variant="secondary" disabled={pending} onClick={() => run('correct')}>
            {pending ? '正在生成…' : '发布更正'}
          </Button>
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
