/**
 * Stylesheets that mark places in the rendered disclosure preview (DisclosureTableView's `#table-N` and `data-row`
 * attributes): the cells that changed since the compared version, and the rows with an open review comment. The
 * page inlines them in a style element with its CSP nonce.
 */
import type { CellChange } from './diff';

const esc = (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, (ch) => `\\${ch.codePointAt(0)!.toString(16)} `);

export function changedCellsCss(cells: readonly CellChange[]): string {
  return cells
    .map((c) => `#table-${c.table} tr[data-row="${esc(c.row)}"] > :nth-child(${c.column + 1})`)
    .join(',\n')
    .concat(cells.length ? ' { background: #fef3c7; box-shadow: inset 0 0 0 2px #f59e0b; }' : '');
}

/** `anchors`: the open threads' anchors (`table:5:f:2080105`); anchors of other kinds are not in the tables. */
export function commentedRowsCss(anchors: readonly string[]): string {
  const rows = anchors
    .map((a) => /^table:(\d{1,2}):(.+)$/.exec(a))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `#table-${m[1]} tr[data-row="${esc(m[2])}"] > :first-child`);
  return rows.length ? `${rows.join(',\n')} { box-shadow: inset 4px 0 0 #dc2626; }` : '';
}
