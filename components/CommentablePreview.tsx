'use client';

/**
 * The disclosure preview on the review page, where the reviewer comments by clicking: a click on a row of one of the
 * thirteen tables opens the comment form on that row (`?anchor=table:N:rowKey`, which the page preselects) and moves
 * there; rows with an open comment are marked by the page's stylesheet (commentedRowsCss). Keyboard users choose the
 * same places in the form's own 位置 list.
 */
import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';

export function CommentablePreview({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const router = useRouter();
  if (!enabled) return <>{children}</>;
  return (
    // a pointer shortcut; the comment form's 位置 list is the keyboard way to the same places
    <div
      className="commentable"
      data-testid="commentable-preview"
      onClick={(e) => {
        const row = (e.target as HTMLElement).closest('tr[data-row]');
        const table = row?.closest('[id^="table-"]');
        if (!row || !table || row.closest('thead')) return;
        const no = table.id.slice('table-'.length);
        const anchor = `table:${no}:${row.getAttribute('data-row')}`;
        router.push(`?anchor=${encodeURIComponent(anchor)}#comments`, { scroll: false });
        document.getElementById('comments')?.scrollIntoView({ block: 'start' });
      }}
    >
      <p className="no-print mb-2 text-xs text-stone-500">点击表格中的一行，即可针对该行提出审核意见；已有未解决意见的行以红色竖线标出。</p>
      {children}
    </div>
  );
}
