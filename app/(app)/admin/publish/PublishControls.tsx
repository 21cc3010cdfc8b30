'use client';

/**
 * Publish an approved budget, or publish a correction (with a note) of a published one or of a re-approved revision
 * of one, from the admin's list — what lib/auth/authorize.ts offers; each asks first in a dialog that states what
 * cannot be undone (the same words as the workflow panel's).
 */
import { useState } from 'react';
import type { WorkflowAction } from '@/lib/workflow/transitions';
import { refusalMessage } from '@/lib/result';
import { ConfirmButton } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { correctionConsequence, publishConsequence } from '@/components/WorkflowPanel';
import { useEditAction } from '@/components/ui/useEditAction';
import { correctAction, publishAction } from '@/app/(app)/budgets/[id]/workflow-actions';

export function PublishControls({ budgetId, version, offered, name }: { budgetId: number; version: number; offered: WorkflowAction[]; name: string }) {
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
      {offered.includes('publish') ? (
        <span className="w-fit">
          <ConfirmButton
            danger
            disabled={pending}
            title={`公开${name}`}
            confirmLabel="确认公开"
            consequence={publishConsequence(name)}
            onConfirm={() => run('publish')}
          >
            {/* the accessible name says which budget (a visually hidden span next to the text would add a space to it) */}
            <span className="sr-only">公开{name}</span>
            <span aria-hidden="true">{pending ? '正在生成公开文件…' : '公开'}</span>
          </ConfirmButton>
        </span>
      ) : null}
      {offered.includes('correct') ? (
        <div className="flex flex-wrap items-center gap-1">
          <Input
            aria-label={`${name}更正说明`}
            placeholder="更正说明"
            className="min-w-0 flex-1"
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
          />
          <ConfirmButton
            variant="secondary"
            danger
            disabled={pending}
            title={`发布更正：${name}`}
            confirmLabel="确认发布更正"
            consequence={correctionConsequence(note)}
            onConfirm={() => run('correct')}
          >
            {pending ? '正在生成…' : '发布更正'}
          </ConfirmButton>
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
