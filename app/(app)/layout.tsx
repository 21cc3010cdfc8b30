import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentActorForPasswordChange } from '@/lib/auth/session';
import { canAdminister, canSeeReviewDesk, ROLE_LABEL, type Actor } from '@/lib/auth/authorize';
import { getDb } from '@/db/client';
import { unreadNotices } from '@/lib/notices';
import { NOTICES_PATH } from '@/lib/routes';
import { signOutAction } from './actions';

/** 通知, with the count of unread notices (and an active deadline reminder). */
function NoticeBadge({ unread }: { unread: number }) {
  return (
    <Link href={NOTICES_PATH} className="text-stone-600 hover:text-brand" data-testid="notice-badge" aria-label={unread ? `通知，${unread} 条未读` : '通知'}>
      通知
      {unread ? <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs text-white">{unread}</span> : null}
    </Link>
  );
}

/** What the header offers, asked of the same predicates that guard the pages. */
function navItems(actor: Actor): { href: string; label: string }[] {
  if (actor.mustChangePassword) return [];
  if (canAdminister(actor)) return [{ href: '/admin', label: '系统管理' }, { href: '/review', label: '各部门预算' }];
  if (canSeeReviewDesk(actor)) return [{ href: '/review', label: '审核工作台' }];
  return [{ href: '/', label: '本部门预算' }];
}

/**
 * The frame of every signed-in page. It also frames the change-password page, so it accepts a user who must change
 * their password, showing them the header without navigation; the pages themselves (requireActor) send such a user
 * to the change-password page, and the domain refuses them everything else.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActorForPasswordChange();
  if (!actor) redirect('/login');
  return (
    <div className="min-h-screen">
      <header className="no-print border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
          <Link href="/" className="font-bold text-brand">
            部门预算编报与公开
          </Link>
          <nav aria-label="主导航" className="flex gap-4 text-sm">
            {navItems(actor).map((n) => (
              <Link key={n.href} href={n.href} className="text-stone-700 hover:text-brand">
                {n.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            {actor.mustChangePassword ? null : <NoticeBadge unread={unreadNotices(getDb(), actor)} />}
            <Link href="/account/password" className="text-stone-600 hover:text-brand">
              修改密码
            </Link>
            <span data-testid="current-user">
              {actor.displayName} · {ROLE_LABEL[actor.role]}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded border border-stone-300 px-2 py-1 hover:bg-stone-100">
                退出
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-6 py-6">
        {children}
      </main>
    </div>
  );
}
