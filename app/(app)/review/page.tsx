import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { BUDGET_STATUS_LABEL, canAdminister, canReviewBudget, canSeeReviewDesk, type BudgetStatus } from '@/lib/auth/authorize';
import { currentYear } from '@/lib/budget/access';
import { DESK_SORTS, deskSummary, deskYears, reviewDesk, type DeskFilter } from '@/lib/review/desk';
import { formatWan } from '@/lib/money';
import { actionLabel, formatDateTime } from '@/lib/review/history';
import { ADMIN_PUBLISH_PATH, budgetPath, REVIEW_CHECK_PATH, REVIEW_DESK_PATH } from '@/lib/routes';
import { BUDGET_STATUSES } from '@/db/schema';
import { StatusBadge } from '@/components/StatusBadge';
import { DeskChart } from '@/components/DeskChart';

export const metadata: Metadata = { title: '审核工作台' };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function parseFilter(sp: Search): DeskFilter & { year?: number } {
  const status = one(sp.status);
  const errors = one(sp.errors);
  const sort = one(sp.sort);
  const year = one(sp.year);
  const q = one(sp.q)?.trim().slice(0, 40);
  return {
    status: (BUDGET_STATUSES as readonly string[]).includes(status ?? '') ? (status as BudgetStatus) : undefined,
    hasErrors: errors === '1' ? true : errors === '0' ? false : undefined,
    q: q || undefined,
    sort: (DESK_SORTS as readonly string[]).includes(sort ?? '') ? (sort as DeskFilter['sort']) : undefined,
    desc: one(sp.dir) === 'desc',
    year: year && /^\d{4}$/.test(year) ? Number(year) : undefined,
  };
}

const wan = (fen: number) => formatWan(fen);
const signedWan = (fen: number) => (fen > 0 ? `+${formatWan(fen)}` : formatWan(fen));

/**
 * The reviewer's desk: every department of a year (the current one unless chosen) with the money — 收支总计,
 * 一般公共预算 against its 控制数 (a difference highlighted), the change against last year —, its status and the days
 * it has waited since submission, findings by severity and open comments; searched, filtered and sorted by any
 * column (all in the query string, so a view can be linked), with the county's totals and a chart of the totals.
 */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  if (!canSeeReviewDesk(actor)) forbidden();
  const db = getDb();
  const years = deskYears(db);
  const filter = parseFilter(await searchParams);
  const year = filter.year !== undefined && years.includes(filter.year) ? filter.year : currentYear(db);
  const rows = year === null ? [] : reviewDesk(db, actor, year, filter);
  const sum = deskSummary(rows);
  const filtered = Boolean(filter.status || filter.hasErrors !== undefined || filter.q);
  const select = 'rounded border border-stone-300 bg-white px-2 py-1';
  /** A column header that sorts by it (ascending first; again: descending). */
  const sortHeader = (key: NonNullable<DeskFilter['sort']>, label: string, right = false) => {
    const active = (filter.sort ?? 'code') === key;
    const q = new URLSearchParams();
    if (year !== null) q.set('year', String(year));
    if (filter.status) q.set('status', filter.status);
    if (filter.hasErrors !== undefined) q.set('errors', filter.hasErrors ? '1' : '0');
    if (filter.q) q.set('q', filter.q);
    q.set('sort', key);
    if (active && !filter.desc) q.set('dir', 'desc');
    return (
      <th scope="col" className={`p-2 ${right ? 'text-right' : ''}`} aria-sort={active ? (filter.desc ? 'descending' : 'ascending') : undefined}>
        <Link href={`${REVIEW_DESK_PATH}?${q.toString()}`} className="hover:underline">
          {label}
          {active ? (filter.desc ? ' ▼' : ' ▲') : ''}
        </Link>
      </th>
    );
  };
  return (
    <section>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">{year}年度部门预算</h1>
        <Link href={REVIEW_CHECK_PATH} className="ml-auto text-sm text-brand underline">
          核查公开文件
        </Link>
        {canAdminister(actor) ? (
          <Link href={ADMIN_PUBLISH_PATH} className="text-sm text-brand underline">
            公开与批量导出
          </Link>
        ) : null}
      </div>
      <form method="get" className="mt-4 flex flex-wrap items-end gap-3 text-sm" aria-label="筛选">
        <div className="flex flex-col gap-1">
          <label htmlFor="desk-year">年度</label>
          <select id="desk-year" name="year" defaultValue={year ?? ''} className={select}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}年
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="desk-q">部门</label>
          <input id="desk-q" name="q" type="search" maxLength={40} defaultValue={filter.q ?? ''} placeholder="编码或名称" className={select} />
        </div>
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
        {filter.sort ? <input type="hidden" name="sort" value={filter.sort} /> : null}
        {filter.desc ? <input type="hidden" name="dir" value="desc" /> : null}
        <button type="submit" className="rounded bg-brand px-3 py-1.5 text-white hover:bg-brand-dark">
          筛选
        </button>
        {filtered ? (
          <Link href={year !== null ? `${REVIEW_DESK_PATH}?year=${year}` : REVIEW_DESK_PATH} className="py-1.5 text-brand underline">
            清除筛选
          </Link>
        ) : null}
      </form>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full border-collapse bg-white text-sm" aria-label="部门预算审核队列">
          <thead>
            <tr className="border-b border-stone-300 text-left">
              {sortHeader('code', '部门编码')}
              {sortHeader('name', '部门名称')}
              {sortHeader('status', '状态')}
              {sortHeader('total', '收支总计（万元）', true)}
              {sortHeader('general', '一般公共预算（万元）', true)}
              <th scope="col" className="p-2 text-right">控制数（万元）</th>
              {sortHeader('controlDifference', '与控制数差额', true)}
              {sortHeader('change', '比上年增减', true)}
              {sortHeader('errors', '错误', true)}
              {sortHeader('warnings', '警告', true)}
              <th scope="col" className="p-2 text-right">提示</th>
              {sortHeader('comments', '未解决意见', true)}
              {sortHeader('days', '报送后天数', true)}
              <th scope="col" className="p-2">最后变化</th>
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
                <td className="num p-2 text-right" data-testid="desk-total">
                  {wan(r.money.total)}
                </td>
                <td className="num p-2 text-right">{wan(r.money.general)}</td>
                <td className="num p-2 text-right">{r.money.control === null ? <span className="text-stone-400">未设置</span> : wan(r.money.control)}</td>
                <td
                  className={`num p-2 text-right ${r.money.controlDifference ? 'bg-red-50 font-medium text-red-800' : ''}`}
                  data-testid="desk-control-difference"
                >
                  {r.money.controlDifference === null ? '—' : r.money.controlDifference === 0 ? '相符' : signedWan(r.money.controlDifference)}
                </td>
                <td className="num p-2 text-right">{r.money.priorTotal ? signedWan(r.money.change) : '—'}</td>
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
                <td className="p-2 text-right" data-testid="desk-days">
                  {r.daysWaiting !== null ? (
                    `${r.daysWaiting} 天`
                  ) : r.overdue !== null ? (
                    <span className="rounded bg-red-100 px-1.5 font-medium text-red-800">逾期 {r.overdue} 天未报送</span>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="p-2 whitespace-nowrap">
                  {r.lastStep ? (
                    <>
                      {actionLabel(r.lastStep.action)} · {r.lastStep.by ?? ''} · {formatDateTime(r.lastStep.at)}
                    </>
                  ) : (
                    <>修改于 {formatDateTime(r.updatedAt)}</>
                  )}
                </td>
                <td className="p-2">
                  <Link href={budgetPath(r.id, 'review')} className="text-brand underline">
                    {canReviewBudget(actor, r) ? '审核' : '查看'}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
          {rows.length ? (
            <tfoot>
              <tr className="border-t-2 border-stone-300 font-medium" data-testid="desk-summary">
                <th scope="row" colSpan={3} className="p-2 text-left">
                  {filtered ? '以上合计' : '全县合计'}（{sum.departments} 个部门）
                </th>
                <td className="num p-2 text-right">{wan(sum.total)}</td>
                <td className="num p-2 text-right">{wan(sum.general)}</td>
                <td className="num p-2 text-right">{wan(sum.control)}</td>
                <td className={`p-2 text-right ${sum.offControl ? 'text-red-800' : ''}`}>{sum.offControl ? `${sum.offControl} 个不符` : '全部相符'}</td>
                <td className="num p-2 text-right">{sum.priorTotal ? signedWan(sum.total - sum.priorTotal) : '—'}</td>
                <td className="p-2 text-right">{sum.counts.error}</td>
                <td className="p-2 text-right">{sum.counts.warning}</td>
                <td className="p-2 text-right">{sum.counts.info}</td>
                <td className="p-2 text-right">{sum.openComments}</td>
                <td className={`p-2 text-right ${sum.overdue ? 'text-red-800' : ''}`}>{sum.overdue ? `${sum.overdue} 个逾期` : ''}</td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {rows.length === 0 ? <p className="mt-4 text-stone-500">{filtered ? '没有符合筛选条件的部门预算。' : '本年度暂无部门预算。'}</p> : null}
      <DeskChart title={`${year}年各部门收支总计（万元）`} bars={rows.map((r) => ({ label: r.departmentName, fen: r.money.total }))} />
    </section>
  );
}
