/** The grid's footer: totals by 功能 类 and the grand total, over all the budget's lines (not only this page). */
import { formatYuanExact } from '@/lib/money';
import type { LinesGridData } from './types';

export function LinesTotals({ totals, readOnly }: { totals: LinesGridData['totals']; readOnly: boolean }) {
  return (
    <tfoot className="bg-stone-50 text-stone-700" data-testid="lines-totals">
      {totals.classes.map((c) => (
        <tr key={c.classCode} className="border-t border-stone-200">
          <th scope="row" colSpan={5} className="px-2 py-1 text-left font-normal">
            <span className="font-mono">{c.classCode}</span> {c.name} 小计（{c.lines.toLocaleString('en-US')} 条）
          </th>
          <td className="num px-2 py-1" data-testid={`class-total-${c.classCode}`}>
            {formatYuanExact(c.amount)}
          </td>
          {readOnly ? null : <td />}
        </tr>
      ))}
      <tr className="border-t border-stone-300 font-medium">
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
