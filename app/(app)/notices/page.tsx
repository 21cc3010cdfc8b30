import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { listNotices } from '@/lib/notices';
import { formatDateTime } from '@/lib/review/history';
import { NoticeList } from '@/components/NoticeList';
import { markNoticesReadAction } from './actions';

export const metadata: Metadata = { title: '通知' };

/** The signed-in person's inbox: returns with their reasons, comments, approvals, publications, deadlines. */
export default async function NoticesPage() {
  const actor = await requireActor();
  const notices = listNotices(getDb(), actor).map((n) => ({
    id: n.id,
    message: n.message,
    href: n.href,
    at: formatDateTime(n.at),
    read: n.read,
    deadline: n.kind === 'deadline',
  }));
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-bold">通知</h1>
      <NoticeList notices={notices} markRead={markNoticesReadAction} />
    </section>
  );
}
