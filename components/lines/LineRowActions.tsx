'use client';

/**
 * A line's own actions: copy it right below itself, or delete it after a confirmation in the row. (The row asks in
 * place rather than in a dialog: a page holds 200 rows, and the question names the row it is on.) A refusal shows in
 * the row; a stale one also shows the line as it is now.
 *
 * The buttons are out of the Tab order (the grid is one Tab stop): from the row's active cell, Delete asks to delete
 * the line and Ctrl+D copies it (the grid calls `handle`). The question takes the focus; Esc or 取消 gives it back to
 * the grid (`onDone`), and so does 确认删除.
 */
import { useImperativeHandle, useState, type Ref } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import { useEditAction } from '@/components/ui/useEditAction';
import type { LineView } from '@/lib/budget/edit/lines';
import type { Refusal } from '@/lib/result';
import type { GridLine, LinesGridActions } from './types';

type Kind = 'duplicate' | 'delete';

/** What the grid asks of a row from the keyboard. */
export interface RowActionsHandle {
  askDelete: () => void;
  duplicate: () => void;
}

export function LineRowActions({
  budgetId,
  line,
  rowNumber,
  actions,
  onCopied,
  onCurrent,
  onDone,
  handle,
}: {
  budgetId: number;
  line: GridLine;
  /** The row's number among all the (filtered) lines, from 1: rows are numbered across pages. */
  rowNumber: number;
  actions: Pick<LinesGridActions, 'duplicate' | 'remove'>;
  onCopied: (copy: LineView) => void;
  /** A stale refusal: the line as it is now. */
  onCurrent: (current: LineView) => void;
  /** The question was answered (`deleting`: with 确认删除): the grid takes the focus back. */
  onDone: (deleting: boolean) => void;
  handle: Ref<RowActionsHandle>;
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
  useImperativeHandle(handle, () => ({ askDelete: () => setConfirming(true), duplicate: () => run('duplicate') }));
  const answer = (deleting: boolean) => {
    if (deleting) run('delete');
    else setConfirming(false);
    onDone(deleting);
  };
  return (
    <>
      {confirming ? (
        // keyed: a new element, so that its button's autoFocus applies (the same <span><button> would be reused)
        <span
          key="confirm"
          className="inline-flex gap-2"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              answer(false);
            }
          }}
        >
          {/* the question takes the focus: it was asked from the keyboard (Delete) or by the button it replaces */}
          <Button size="sm" variant="danger" disabled={pending} autoFocus onClick={() => answer(true)} aria-label={`确认删除第${rowNumber}行`}>
            确认删除
          </Button>
          <Button size="sm" variant="secondary" onClick={() => answer(false)}>
            取消
          </Button>
        </span>
      ) : (
        <span key="actions" className="inline-flex gap-2">
          <Button size="sm" variant="secondary" tabIndex={-1} disabled={pending} onClick={() => run('duplicate')} aria-label={`复制第${rowNumber}行`} aria-keyshortcuts="Control+D">
            复制
          </Button>
          <Button size="sm" variant="secondary" tabIndex={-1} onClick={() => setConfirming(true)} aria-label={`删除第${rowNumber}行`} aria-keyshortcuts="Delete">
            删除
          </Button>
        </span>
      )}
      <FieldError message={copy.formError ?? remove.formError} className="max-w-56" />
    </>
  );
}
