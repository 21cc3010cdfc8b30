import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { BUDGET_STATUS_LABEL, canAdminister, canReviewBudget, canSeeReviewDesk, type BudgetStatus } from '@/lib/auth/authorize';
import { currentYear } from '@/lib/budget/access';
import { reviewDesk, type DeskFilter } from '@/lib/review/desk';
import { actionLabel, formatDateTime } from '@/lib/review/history';
import { ADMIN_PUBLISH_PATH, budgetPath, REVIEW_DESK_PATH } from '@/lib/routes';
import { BUDGET_STATUSES } from '@/db/schema';
import { StatusBadge } from '@/components/StatusBadge';

export const metadata: Metadata = { title: '审核工作台' };

type Search = { status?: string | string[]; errors?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function parseFilter(sp: Search): DeskFilter {
  const status = one(sp.status);
  const errors = one(sp.errors);
  return {
    status: (BUDGET_STATUSES as readonly string[]).includes(status ?? '') ? (status as BudgetStatus) : undefined,
    hasErrors: errors === '1' ? true : errors === '0' ? false : undefined,
  };
}

/**
 * The reviewer's desk: every department of the current year with its status, last step, findings by severity and
 * open comments; filtered by status and by "has errors" (search parameters, so a filtered view can be linked).
 */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  if (!canSeeReviewDesk(actor)) forbidden();
  const db = getDb();
  const year = currentYear(db);
  const filter = parseFilter(await searchParams);
  const rows = year === null ? [] : reviewDesk(db, actor, year, filter);
  const select = 'rounded border border-stone-300 bg-white px-2 py-1';
  return (
    <section>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">{year}年度部门预算</h1>
        {canAdminister(actor) ? (
          <Link href={ADMIN_PUBLISH_PATH} className="ml-auto text-sm text-brand underline">
            公开与批量导出
          </Link>
        ) : null}
      </div>
      <form method="get" className="mt-4 flex flex-wrap items-end gap-3 text-sm" aria-label="筛选">
        <div className="flex flex-col gap-1">
          <label htmlFor="desk-status">状态</label>
          <select id="desk-status" name="status" defaultValue={filter.status ?? ''} className={select}>
            <option value="">全部</option>
            {BUDGET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {BUDGET_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="desk-errors">检查错误</label>
          <select id="desk-errors" name="errors" defaultValue={filter.hasErrors === undefined ? '' : filter.hasErrors ? '1' : '0'} className={select}>
            <option value="">全部</option>
            <option value="1">有错误</option>
            <option value="0">无错误</option>
          </select>
        </div>
        <button type="submit" className="rounded bg-brand px-3 py-1.5 text-white hover:bg-brand-dark">
          筛选
        </button>
        {filter.status || filter.hasErrors !== undefined ? (
          <Link href={REVIEW_DESK_PATH} className="py-1.5 text-brand underline">
            清除筛选
          </Link>
        ) : null}
      </form>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full border-collapse bg-white text-sm" aria-label="部门预算审核队列">
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th scope="col" className="p-2">部门编码</th>
              <th scope="col" className="p-2">部门名称</th>
              <th scope="col" className="p-2">状态</th>
              <th scope="col" className="p-2">版本</th>
              <th scope="col" className="p-2">最后变化</th>
              <th scope="col" className="p-2 text-right">错误</th>
              <th scope="col" className="p-2 text-right">警告</th>
              <th scope="col" className="p-2 text-right">提示</th>
              <th scope="col" className="p-2 text-right">未解决意见</th>
              <th scope="col" className="p-2">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-stone-100" data-testid={`desk-${r.departmentCode}`}>
                <td className="p-2 font-mono">{r.departmentCode}</td>
                <td className="p-2">
                  <Link href={budgetPath(r.id)} className="text-brand underline">
                    {r.departmentName}
                  </Link>
                </td>
                <td className="p-2">
                  <StatusBadge status={r.status} />
                </td>
                <td className="p-2">{r.version}</td>
                <td className="p-2 whitespace-nowrap">
                  {r.lastStep ? (
                    <>
                      {actionLabel(r.lastStep.action)} · {r.lastStep.by ?? ''} · {formatDateTime(r.lastStep.at)}
                    </>
                  ) : (
                    <>修改于 {formatDateTime(r.updatedAt)}</>
                  )}
                </td>
                <td className={`p-2 text-right ${r.counts.error ? 'font-medium text-red-700' : ''}`} data-testid="count-error">
                  {r.counts.error}
                </td>
                <td className={`p-2 text-right ${r.counts.warning ? 'text-amber-800' : ''}`} data-testid="count-warning">
                  {r.counts.warning}
                </td>
                <td className="p-2 text-right" data-testid="count-info">
                  {r.counts.info}
                </td>
                <td className="p-2 text-right">{r.openComments}</td>
                <td className="p-2">
                  <Link href={budgetPath(r.id, 'review')} className="text-brand underline">
                    {canReviewBudget(actor, r) ? '审核' : '查看'}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? (
        <p className="mt-4 text-stone-500">{filter.status || filter.hasErrors !== undefined ? '没有符合筛选条件的部门预算。' : '本年度暂无部门预算。'}</p>
      ) : null}
    </section>
  );
}
