import type { DisclosureTable, TableRow } from '@/lib/disclosure/types';

const levelIndent = ['', 'pl-2', 'pl-5', 'pl-8'];

function rowClass(r: TableRow): string {
  return r.level === 0 ? 'font-semibold bg-stone-50' : r.level === 1 ? 'font-medium' : '';
}

/**
 * One disclosure table as the official layout shows it: label, title, department and unit lines, the merged
 * multi-row header (repeated on every printed page), right-aligned figures. Shared by the preview, the print
 * page (and so the PDF) and the public page.
 */
/** Tables this wide print on a landscape page (表一, 表二, 表四, 表九, 表十二): their headers fit without breaking a word. */
const WIDE_COLUMNS = 6;

export function DisclosureTableView({ table, id, emptyNote }: { table: DisclosureTable; id?: string; emptyNote?: string }) {
  // the row's name heads it (indented by level); tables without a 'name' column use their first column
  const nameColumn = Math.max(0, table.columns.findIndex((c) => c.key === 'name'));
  return (
    <section
      id={id}
      className={`disclosure-table mb-10${table.columns.length >= WIDE_COLUMNS ? ' dt-wide' : ''}`}
      data-table-title={`${table.label} ${table.title}`}
      aria-labelledby={`${id ?? `t${table.no}`}-title`}>
      <p className="text-sm text-stone-600">{table.label}</p>
      <h3 id={`${id ?? `t${table.no}`}-title`} className="my-2 text-center text-lg font-bold">
        {table.title}
      </h3>
      <div className="mb-1 flex justify-between text-sm">
        <span>{table.departmentLine}</span>
        <span>{table.unitLine}</span>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{table.title}</caption>
          <thead>
            {table.header.map((hr, i) => (
              <tr key={i}>
                {hr.map((h, j) => (
                  <th
                    key={j}
                    scope={h.colSpan && h.colSpan > 1 ? 'colgroup' : 'col'}
                    colSpan={h.colSpan}
                    rowSpan={h.rowSpan}
                    className="dt-head"
                  >
                    {h.text}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.key} data-row={r.key} className={rowClass(r) || undefined}>
                {r.cells.map((c, j) => {
                  const col = table.columns[j];
                  const isAmount = col.kind === 'amount';
                  const isRowHeader = j === nameColumn && !isAmount;
                  const cls = [
                    'dt-cell',
                    isAmount ? 'num' : col.align === 'center' ? 'text-center' : '',
                    isRowHeader ? 'dt-rowhead' : '',
                    isRowHeader && r.level ? levelIndent[r.level] : '',
                  ]
                    .filter(Boolean)
                    .join(' ');
                  const content = c.kind === 'amount' ? c.display : c.text;
                  return isRowHeader ? (
                    <th key={j} scope="row" className={cls}>
                      {content}
                    </th>
                  ) : (
                    <td key={j} className={cls} data-col={col.key}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {table.emptyNote ? <p className="mt-1 text-sm">{emptyNote ?? table.emptyNote}</p> : null}
    </section>
  );
}
