/**
 * A change log with its filters (action or group of actions, person, dates: a GET form, so the state is in the URL),
 * the readable rows (components/AuditTable.tsx), paging and the xlsx export of the same filter. Used by a budget's
 * history and by the administration's log.
 */
import Link from 'next/link';
import type { ReadableChange } from '@/lib/review/auditText';
import type { HistoryFilter } from '@/lib/review/history';
import { AuditTable } from './AuditTable';

interface Option {
  value: string;
  label: string;
}

interface HistoryLogProps {
  title: string;
  /** The page's own path (filters and pages are its query string). */
  path: string;
  filter: HistoryFilter;
  total: number;
  page: number;
  pageCount: number;
  /** Groups first (`budget.*`), then each action that occurs. */
  actions: Option[];
  users: { id: number; name: string }[];
  rows: ReadableChange[];
  /** The href of a page of the same filter. */
  pageHref: (page: number) => string;
  exportHref: string;
}

const input = 'rounded border border-stone-300 px-2 py-1';

export function HistoryLog(p: HistoryLogProps) {
  return (
    <section aria-label={p.title} className="mt-6 rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <h2 className="text-base font-medium">
        {p.title}（共 {p.total} 条）
      </h2>
      <form method="get" action={p.path} className="mt-3 flex flex-wrap items-end gap-3" aria-label="筛选">
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-action">操作</label>
          <select id="filter-action" name="action" defaultValue={p.filter.action ?? ''} className={input}>
            <option value="">全部</option>
            {p.actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-user">操作人</label>
          <select id="filter-user" name="user" defaultValue={p.filter.userId ? String(p.filter.userId) : ''} className={input}>
            <option value="">全部</option>
            {p.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-from">起始日期</label>
          <input id="filter-from" type="date" name="from" defaultValue={p.filter.from ?? ''} className={input} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-to">截止日期</label>
          <input id="filter-to" type="date" name="to" defaultValue={p.filter.to ?? ''} className={input} />
        </div>
        <button type="submit" className="rounded bg-brand px-3 py-1.5 text-white hover:bg-brand-dark">
          筛选
        </button>
        <Link href={p.path} className="py-1.5 text-brand underline">
          清除
        </Link>
        <a href={p.exportHref} className="py-1.5 text-brand underline" data-testid="history-export">
          导出 Excel（按当前筛选）
        </a>
      </form>
      <AuditTable rows={p.rows} label={p.title} testId="audit" />
      {p.rows.length === 0 ? <p className="mt-2 text-stone-500">没有符合条件的记录。</p> : null}
      <nav aria-label="分页" className="mt-3 flex items-center gap-3">
        {p.page > 1 ? (
          <Link href={p.pageHref(p.page - 1)} className="text-brand underline">
            上一页
          </Link>
        ) : null}
        <span>
          第 {p.page} / {p.pageCount} 页
        </span>
        {p.page < p.pageCount ? (
          <Link href={p.pageHref(p.page + 1)} className="text-brand underline">
            下一页
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
