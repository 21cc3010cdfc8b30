/** Moving through the lines of a large budget: the pager, going to a page by number, the search and one unit's lines. */
import Link from 'next/link';
import { Button, buttonClass } from '@/components/ui/button';
import { Select, Input } from '@/components/ui/input';
import { budgetPath } from '@/lib/routes';
import { linesHref, type LinesView } from './cells';
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

/** The view of a page (unit, search, order) that paging and the forms carry along. */
const viewOf = (win: GridPage): LinesView => ({ unitId: win.unitId, q: win.q, sort: win.sort });

export function Pager({ budgetId, win, label }: { budgetId: number; win: GridPage; label: string }) {
  const { page, pageCount } = win;
  const to = (p: number) => linesHref(budgetId, { ...viewOf(win), page: p });
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

/** The view's fields a form does not show itself, as hidden inputs (so a search keeps the order and so on). */
function Keep({ win, form }: { win: GridPage; form: 'search' | 'page' }) {
  return (
    <>
      {form === 'page' && win.unitId ? <input type="hidden" name="unit" value={String(win.unitId)} /> : null}
      {form === 'page' && win.q ? <input type="hidden" name="q" value={win.q} /> : null}
      {win.sort ? <input type="hidden" name="sort" value={win.sort.column} /> : null}
      {win.sort?.dir === 'desc' ? <input type="hidden" name="dir" value="desc" /> : null}
    </>
  );
}

/**
 * Search (code, name, unit, source or amount) and one unit's lines, and going to a page by number: plain GET forms,
 * the server searches, sorts and pages all the budget's lines, and the address keeps what is shown.
 */
export function LinesFilter({ data }: { data: LinesGridData }) {
  const { window: win, budgetId } = data;
  const action = budgetPath(budgetId, 'lines');
  const filtered = win.q !== '' || win.unitId !== null;
  return (
    <div className="mb-2 flex flex-wrap items-end gap-4 text-sm">
      <form method="get" action={action} role="search" aria-label="查找基本支出" className="flex flex-wrap items-end gap-2">
        <Keep win={win} form="search" />
        <label className="flex flex-col text-stone-600">
          查找（科目编码或名称、单位、资金来源、金额）
          <Input name="q" type="search" defaultValue={win.q} className="w-72" />
        </label>
        {data.units.length > 1 ? (
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
        ) : null}
        <Button type="submit" variant="secondary">
          筛选
        </Button>
        {filtered ? (
          <Link href={linesHref(budgetId, { sort: win.sort })} className={LINK}>
            显示全部
          </Link>
        ) : null}
      </form>
      {win.pageCount > 1 ? (
        <form method="get" action={action} className="flex items-end gap-2" aria-label="转到页">
          <Keep win={win} form="page" />
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
