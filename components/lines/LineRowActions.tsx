'use client';

/**
 * A line's own actions: copy it right below itself, or delete it after a confirmation in the row. (The row asks in
 * place rather than in a dialog: a page holds 200 rows, and the question names the row it is on.) A refusal shows in
 * the row; a stale one also shows the line as it is now.
 */
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import { useEditAction } from '@/components/ui/useEditAction';
import type { LineView } from '@/lib/budget/edit/lines';
import type { Refusal } from '@/lib/result';
import type { GridLine, LinesGridActions } from './types';

type Kind = 'duplicate' | 'delete';

export function LineRowActions({
  budgetId,
  line,
  rowNumber,
  actions,
  onCopied,
  onCurrent,
}: {
  budgetId: number;
  line: GridLine;
  /** The row's number among all the (filtered) lines, from 1: rows are numbered across pages. */
  rowNumber: number;
  actions: Pick<LinesGridActions, 'duplicate' | 'remove'>;
  onCopied: (copy: LineView) => void;
  /** A stale refusal: the line as it is now. */
  onCurrent: (current: LineView) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const copy = useEditAction(actions.duplicate);
  const remove = useEditAction(actions.remove);
  const pending = copy.pending || remove.pending;
  const refused = (r: Refusal) => {
    if (r.reason === 'stale' && r.current) onCurrent(r.current as LineView);
  };
  const run = (kind: Kind) => {
    setConfirming(false);
    if (kind === 'duplicate') {
      remove.clear();
      copy.submit({ budgetId, lineId: line.id }, (r) => (r.ok ? onCopied(r.line) : refused(r)));
    } else {
      copy.clear();
      remove.submit({ budgetId, lineId: line.id, version: line.version }, (r) => (r.ok ? undefined : refused(r)));
    }
  };
  return (
    <>
      {confirming ? (
        <span className="inline-flex gap-2">
          <Button size="sm" variant="danger" disabled={pending} onClick={() => run('delete')}>
            确认删除
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setConfirming(false)}>
            取消
          </Button>
        </span>
      ) : (
        <span className="inline-flex gap-2">
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => run('duplicate')} aria-label={`复制第${rowNumber}行`}>
            复制
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setConfirming(true)} aria-label={`删除第${rowNumber}行`}>
            删除
          </Button>
        </span>
      )}
      <FieldError message={copy.formError ?? remove.formError} className="max-w-56" />
    </>
  );
}
