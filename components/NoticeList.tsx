'use client';

/**
 * The inbox (lib/notices.ts): newest first, unread ones marked; opening one marks it read; "全部标为已读" marks all.
 * The server action comes from the page (components never import app/).
 */
import Link from 'next/link';
import type { Result } from '@/lib/result';
import { Button } from './ui/button';
import { useEditAction } from './ui/useEditAction';

interface Notice {
  id: number | null;
  message: string;
  href: string;
  at: string;
  read: boolean;
  deadline: boolean;
}

export function NoticeList({ notices, markRead }: { notices: Notice[]; markRead: (input: { ids?: number[] }) => Promise<Result<{ marked: number }>> }) {
  const call = useEditAction<{ ids?: number[] }, Result<{ marked: number }>>((input) => markRead(input));
  const unread = notices.filter((n) => !n.read && n.id !== null).length;
  return (
    <div className="mt-4">
      {unread ? (
        <Button variant="secondary" disabled={call.pending} onClick={() => call.submit({}, () => undefined)}>
          全部标为已读（{unread}）
        </Button>
      ) : null}
      {notices.length === 0 ? <p className="mt-3 text-stone-500">暂无通知。</p> : null}
      <ol className="mt-3 space-y-2" data-testid="notices">
        {notices.map((n, i) => (
          <li
            key={n.id ?? `deadline-${i}`}
            data-testid="notice"
            data-read={n.read ? 'true' : 'false'}
            className={`rounded border p-3 text-sm ${n.deadline ? 'border-red-200 bg-red-50' : n.read ? 'border-stone-200 bg-white' : 'border-brand/40 bg-blue-50'}`}
          >
            <p className="text-xs text-stone-500">
              {n.at}
              {!n.read ? <span className="ml-2 font-medium text-brand">{n.deadline ? '提醒' : '未读'}</span> : null}
            </p>
            <Link href={n.href} className="text-stone-900 underline" onClick={() => (n.id !== null && !n.read ? void markRead({ ids: [n.id] }) : undefined)}>
              {n.message}
            </Link>
          </li>
        ))}
      </ol>
    </div>
  );
}
