import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { getBudgetSummary } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { actionLabel, budgetHistory, budgetSnapshots, entityLabel, fieldLabel, formatDateTime, valueLabel, type HistoryFilter } from '@/lib/review/history';
import { budgetPath, snapshotHref } from '@/lib/routes';
import { SNAPSHOT_KIND_LABEL } from '@/lib/publish/snapshots';

export const metadata: Metadata = { title: '修改历史' };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function parseFilter(sp: Search): HistoryFilter {
  const action = one(sp.action);
  const user = one(sp.user);
  const from = one(sp.from);
  const to = one(sp.to);
  const page = one(sp.page);
  return {
    action: action && /^[a-zA-Z_.*]{1,60}$/.test(action) ? action : undefined,
    userId: user && /^\d{1,9}$/.test(user) ? Number(user) : undefined,
    from: from && /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : undefined,
    to: to && /^\d{4}-\d{2}-\d{2}$/.test(to) ? to : undefined,
    page: page && /^\d{1,6}$/.test(page) ? Number(page) : 1,
  };
}

function pageHref(id: number, f: HistoryFilter, page: number): string {
  const q = new URLSearchParams();
  if (f.action) q.set('action', f.action);
  if (f.userId) q.set('user', String(f.userId));
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return `${budgetPath(id, 'history')}${s ? `?${s}` : ''}`;
}

const short = (s: string | null, n = 120) => (s === null ? '' : s.length > n ? `${s.slice(0, n)}…` : s);

/** Every change to the budget (from the audit log) and every frozen version. */
export default async function HistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const id = parseId((await params).id);
  if (id === null) notFound();
  const filter = parseFilter(await searchParams);
  const db = getDb();
  let budget;
  try {
    budget = getBudgetSummary(db, actor, id);
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  }
  const history = budgetHistory(db, actor, id, filter)!;
  const versions = budgetSnapshots(db, actor, id)!;
  const input = 'rounded border border-stone-300 px-2 py-1';
  return (
    <div>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">
          修改历史：{budget.departmentName} {budget.year}年部门预算
        </h1>
        <Link href={budgetPath(id)} className="text-sm text-brand underline">
          返回概览
        </Link>
      </div>

      <section aria-label="版本" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 text-sm">
        <h2 className="text-base font-medium">报送、批复与公开版本（{versions.length}）</h2>
        {versions.length === 0 ? <p className="mt-2 text-stone-500">尚无版本。报送、批复和公开时各自冻结一个版本。</p> : null}
        <div className="overflow-x-auto">
          <table className="mt-2 w-full border-collapse" data-testid="versions">
            <thead>
              <tr className="border-b border-stone-300 text-left">
                <th scope="col" className="p-2">版本</th>
                <th scope="col" className="p-2">类型</th>
                <th scope="col" className="p-2">时间</th>
                <th scope="col" className="p-2">操作人</th>
                <th scope="col" className="p-2">数据 SHA-256</th>
                <th scope="col" className="p-2">说明</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} className="border-b border-stone-100">
                  <td className="p-2">
                    <Link href={snapshotHref(id, v.id)} className="text-brand underline">
                      第 {v.budgetVersion} 版
                    </Link>
                  </td>
                  <td className="p-2">{SNAPSHOT_KIND_LABEL[v.kind]}</td>
                  <td className="p-2 whitespace-nowrap">{formatDateTime(v.createdAt)}</td>
                  <td className="p-2">{v.createdByName ?? '—'}</td>
                  <td className="p-2 font-mono text-xs break-all">{v.factsSha256}</td>
                  <td className="p-2">
                    {v.note ?? ''}
                    {v.supersededBy ? <span className="ml-1 text-amber-800">已被更正版本取代</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-label="修改记录" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 text-sm">
        <h2 className="text-base font-medium">修改记录（共 {history.total} 条）</h2>
        <form method="get" className="mt-3 flex flex-wrap items-end gap-3" aria-label="筛选">
          <div className="flex flex-col gap-1">
            <label htmlFor="filter-action">操作</label>
            <select id="filter-action" name="action" defaultValue={filter.action ?? ''} className={input}>
              <option value="">全部</option>
              <option value="budget.*">审核流程</option>
              <option value="comment.*">审核意见</option>
              {history.actions.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a)}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="filter-user">操作人</label>
            <select id="filter-user" name="user" defaultValue={filter.userId ? String(filter.userId) : ''} className={input}>
              <option value="">全部</option>
              {history.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="filter-from">起始日期</label>
            <input id="filter-from" type="date" name="from" defaultValue={filter.from ?? ''} className={input} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="filter-to">截止日期</label>
            <input id="filter-to" type="date" name="to" defaultValue={filter.to ?? ''} className={input} />
          </div>
          <button type="submit" className="rounded bg-brand px-3 py-1.5 text-white hover:bg-brand-dark">
            筛选
          </button>
          <Link href={budgetPath(id, 'history')} className="py-1.5 text-brand underline">
            清除
          </Link>
        </form>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full border-collapse" data-testid="audit">
            <thead>
              <tr className="border-b border-stone-300 text-left">
                <th scope="col" className="p-2">时间</th>
                <th scope="col" className="p-2">操作人</th>
                <th scope="col" className="p-2">操作</th>
                <th scope="col" className="p-2">对象</th>
                <th scope="col" className="p-2">字段</th>
                <th scope="col" className="p-2">原值</th>
                <th scope="col" className="p-2">新值</th>
                <th scope="col" className="p-2">原因/说明</th>
              </tr>
            </thead>
            <tbody>
              {history.rows.map((r) => (
                <tr key={r.id} className="border-b border-stone-100 align-top">
                  <td className="p-2 whitespace-nowrap">{formatDateTime(r.createdAt)}</td>
                  <td className="p-2 whitespace-nowrap">{r.userName ?? '—'}</td>
                  <td className="p-2 whitespace-nowrap">{actionLabel(r.action)}</td>
                  <td className="max-w-48 p-2 break-all">
                    {entityLabel(r.entity)}
                    {r.entityId ? <span className="font-mono text-xs"> #{short(r.entityId, 60)}</span> : null}
                  </td>
                  <td className="max-w-40 p-2 break-all">{fieldLabel(r.field)}</td>
                  <td className="p-2 break-all">{short(valueLabel(r.field, r.oldValue))}</td>
                  <td className="p-2 break-all">{short(valueLabel(r.field, r.newValue))}</td>
                  <td className="min-w-24 p-2">{short(r.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {history.rows.length === 0 ? <p className="mt-2 text-stone-500">没有符合条件的记录。</p> : null}
        <nav aria-label="分页" className="mt-3 flex items-center gap-3">
          {history.page > 1 ? (
            <Link href={pageHref(id, filter, history.page - 1)} className="text-brand underline">
              上一页
            </Link>
          ) : null}
          <span>
            第 {history.page} / {history.pageCount} 页
          </span>
          {history.page < history.pageCount ? (
            <Link href={pageHref(id, filter, history.page + 1)} className="text-brand underline">
              下一页
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
