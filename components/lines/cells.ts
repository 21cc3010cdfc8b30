/** The grid's columns: which are edited, how a value reads in its editor, and the names they are shown by. */
import { LINE_FIELD_LABEL, type LineField } from '@/lib/budget/edit/lineFields';
import type { LineSort, LineSortColumn } from '@/lib/budget/edit/read';
import { formatYuanExact } from '@/lib/money';
import { budgetPath } from '@/lib/routes';
import type { GridLine } from './types';

export type EditCol = LineField;
export const EDIT_COLS: readonly string[] = ['unitId', 'functionCode', 'economicCode', 'source', 'amount'] satisfies EditCol[];
/** The columns the active cell moves across (the derived 政府经济科目 included), which are also those the server sorts by. */
export const NAV_COLS = ['unitId', 'functionCode', 'economicCode', 'gov', 'source', 'amount'] as const satisfies readonly LineSortColumn[];
export type NavCol = (typeof NAV_COLS)[number];
export const isNavCol = (col: string): col is NavCol => (NAV_COLS as readonly string[]).includes(col);

/** A column's heading and its cell editor's accessible name; amounts are typed in 元. */
export function colLabel(col: string): string {
  if (col === 'amount') return `${LINE_FIELD_LABEL.amount}（元）`;
  if (col === 'gov') return LINE_FIELD_LABEL.govEconomicCode;
  return LINE_FIELD_LABEL[col as LineField] ?? col;
}

export const GOV_TOOLTIP =
  '政府经济科目由单位类型（行政/参公或事业）按部门经济科目与政府经济科目对照表自动确定。数据结构支持个别科目改选，但现行对照表对每个科目只给出一个对应科目，因此这里不提供选择。';

export const keyOf = (lineId: number, col: string) => `${lineId}:${col}`;

/** A stored value as its editor starts with it. */
export function editText(line: GridLine, col: EditCol): string {
  switch (col) {
    case 'unitId':
      return String(line.unitId);
    case 'amount':
      return formatYuanExact(line.amount, { grouping: false });
    default:
      return line[col];
  }
}

/** What the lines page shows besides its page: the unit filter, the search and the order (all in the URL). */
export interface LinesView {
  unitId?: number | null;
  q?: string;
  sort?: LineSort | null;
}

/**
 * The lines page's URL for a page or a line, with a unit filter, a search and an order (the server resolves `line`
 * to its page, dropping a filter or search that would hide it).
 */
export function linesHref(budgetId: number, q: LinesView & { page?: number; line?: number }): string {
  const params = new URLSearchParams();
  if (q.unitId) params.set('unit', String(q.unitId));
  if (q.q) params.set('q', q.q);
  if (q.sort) {
    params.set('sort', q.sort.column);
    if (q.sort.dir === 'desc') params.set('dir', 'desc');
  }
  if (q.line) params.set('line', String(q.line));
  else if (q.page && q.page > 1) params.set('page', String(q.page));
  const search = params.size ? `?${params}` : '';
  return `${budgetPath(budgetId, 'lines')}${search}${q.line ? `#line-${q.line}` : ''}`;
}
