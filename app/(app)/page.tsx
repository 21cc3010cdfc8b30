import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { currentYear, ownBudget } from '@/lib/budget/access';

export default async function Home() {
  const actor = await requireActor();
  if (actor.role === 'reviewer') redirect('/review');
  if (actor.role === 'admin') redirect('/admin');
  const db = getDb();
  const year = currentYear(db);
  const budget = year === null ? null : ownBudget(db, actor, year);
  if (budget) redirect(`/budgets/${budget.id}`);
  return (
    <section>
      <h1 className="text-xl font-bold">本部门预算</h1>
      <p className="mt-4 text-stone-600">当前年度（{year ?? '未设置'}）尚未为本部门建立预算，请联系系统管理员。</p>
    </section>
  );
}
