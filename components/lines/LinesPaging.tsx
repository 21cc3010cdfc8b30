/** Moving through the lines of a large budget: the pager, going to a page by number, one unit's lines. */
import Link from 'next/link';
import { Button, buttonClass } from '@/components/ui/button';
import { Select, Input } from '@/components/ui/input';
import { budgetPath } from '@/lib/routes';
import { linesHref } from './cells';
import type { GridPage, LinesGridData } from './types';

const LINK = buttonClass('secondary', 'sm');
const OFF = `${buttonClass('secondary', 'sm')} pointer-events-none opacity-50`;

function PagerLink({ href, rel, on, children }: { href: string; rel?: string; on: boolean; children: string }) {
  return on ? (
    <Link href={href} rel={rel} className={LINK}>
      {children}
    </Link>
  ) : (
    <span aria-disabled="true" className={OFF}>
      {children}
    </span>
  );
}

export function Pager({ budgetId, win, label }: { budgetId: number; win: GridPage; label: string }) {
  const { page, pageCount, unitId } = win;
  const to = (p: number) => linesHref(budgetId, { page: p, unitId });
  return (
    <nav aria-label={label} className="my-2 flex flex-wrap items-center gap-2 text-sm">
      <PagerLink href={to(1)} on={page > 1}>
        首页
      </PagerLink>
      <PagerLink href={to(page - 1)} rel="prev" on={page > 1}>
        上一页
      </PagerLink>
      <span aria-current="page" data-testid="lines-page">
        第 {page} / {pageCount} 页
      </span>
      <PagerLink href={to(page + 1)} rel="next" on={page < pageCount}>
        下一页
      </PagerLink>
      <PagerLink href={to(pageCount)} on={page < pageCount}>
        末页
      </PagerLink>
      <span className="text-stone-600" data-testid="lines-matching">
        共 {win.matching.toLocaleString('en-US')} 行，每页 {win.pageSize} 行
      </span>
    </nav>
  );
}

/** Go to a page by number, and show one unit's lines: plain GET forms, the server does the paging. */
export function LinesFilter({ data }: { data: LinesGridData }) {
  const { window: win, budgetId } = data;
  const action = budgetPath(budgetId, 'lines');
  if (data.units.length < 2 && win.pageCount < 2) return null;
  return (
    <div className="mb-2 flex flex-wrap items-end gap-4 text-sm">
      {data.units.length > 1 ? (
        <form method="get" action={action} className="flex items-end gap-2" aria-label="按单位筛选">
          <label className="flex flex-col text-stone-600">
            按单位显示
            <Select name="unit" defaultValue={win.unitId ? String(win.unitId) : ''} className="w-auto">
              <option value="">全部单位</option>
              {data.units.map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.name}
                </option>
              ))}
            </Select>
          </label>
          <Button type="submit" variant="secondary">
            筛选
          </Button>
        </form>
      ) : null}
      {win.pageCount > 1 ? (
        <form method="get" action={action} className="flex items-end gap-2" aria-label="转到页">
          {win.unitId ? <input type="hidden" name="unit" value={String(win.unitId)} /> : null}
          <label className="flex flex-col text-stone-600">
            转到第几页（1–{win.pageCount}）
            <Input name="page" type="number" min={1} max={win.pageCount} defaultValue={win.page} className="w-24" />
          </label>
          <Button type="submit" variant="secondary">
            转到
          </Button>
        </form>
      ) : null}
    </div>
  );
}
