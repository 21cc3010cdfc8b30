import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { canAdminister, canSeeReviewDesk } from '@/lib/auth/authorize';
import { requireActor } from '@/lib/auth/session';
import { currentYear, ownBudget } from '@/lib/budget/access';
import { budgetPath, REVIEW_DESK_PATH } from '@/lib/routes';

export default async function Home() {
  const actor = await requireActor();
  // administrators start at administration, reviewers at their desk, a department's clerk at its budget
  if (canAdminister(actor)) redirect('/admin');
  if (canSeeReviewDesk(actor)) redirect(REVIEW_DESK_PATH);
  const db = getDb();
  const year = currentYear(db);
  const budget = year === null ? null : ownBudget(db, actor, year);
  if (budget) redirect(budgetPath(budget.id));
  return (
    <section>
      <h1 className="text-xl font-bold">本部门预算</h1>
      <p className="mt-4 text-stone-600">当前年度（{year ?? '未设置'}）尚未为本部门建立预算，请联系系统管理员。</p>
    </section>
  );
}
