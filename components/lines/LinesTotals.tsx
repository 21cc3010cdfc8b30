/** The grid's footer: totals by 功能 类 and the grand total, over all the budget's lines (not only this page). */
import { formatYuanExact } from '@/lib/money';
import type { LinesGridData } from './types';

/** `firstRowIndex`: the grid's aria-rowindex of the first totals row (after the header and all the lines). */
export function LinesTotals({ totals, readOnly, firstRowIndex }: { totals: LinesGridData['totals']; readOnly: boolean; firstRowIndex: number }) {
  return (
    <tfoot className="bg-stone-50 text-stone-700" data-testid="lines-totals">
      {totals.classes.map((c, i) => (
        <tr key={c.classCode} aria-rowindex={firstRowIndex + i} className="border-t border-stone-200">
          <th scope="row" colSpan={5} className="px-2 py-1 text-left font-normal">
            <span className="font-mono">{c.classCode}</span> {c.name} 小计（{c.lines.toLocaleString('en-US')} 条）
          </th>
          <td className="num px-2 py-1" data-testid={`class-total-${c.classCode}`}>
            {formatYuanExact(c.amount)}
          </td>
          {readOnly ? null : <td />}
        </tr>
      ))}
      <tr aria-rowindex={firstRowIndex + totals.classes.length} className="border-t border-stone-300 font-medium">
        <th scope="row" colSpan={5} className="px-2 py-2 text-left">
          合计（{totals.count.toLocaleString('en-US')} 条）
        </th>
        <td className="num px-2 py-2" data-testid="lines-total">
          {formatYuanExact(totals.total)}
        </td>
        {readOnly ? null : <td />}
      </tr>
    </tfoot>
  );
}
