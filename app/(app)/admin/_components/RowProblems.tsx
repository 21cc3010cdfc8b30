/**
 * A refused upload (code book, control figures): the form error, any error of a form field, and the file's rows that
 * are wrong (the refusal's field errors `rows.<n>`, lib/admin/tableFile.ts) as a table by row number.
 */
import type { Refusal } from '@/lib/result';

const ROW_KEY = /^rows\.(\d+)$/;

export function RowProblems({ refusal }: { refusal: Refusal }) {
  const rows: { row: number; message: string }[] = [];
  const other: string[] = [];
  for (const [k, message] of Object.entries(refusal.fieldErrors)) {
    const m = ROW_KEY.exec(k);
    if (m) rows.push({ row: Number(m[1]), message });
    else other.push(message);
  }
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      {refusal.formError ? <p className="font-medium">{refusal.formError}</p> : null}
      {other.map((m, i) => (
        <p key={i}>{m}</p>
      ))}
      {rows.length > 0 ? (
        <table aria-label="文件中的问题" className="mt-2 w-full border-collapse text-left">
          <thead>
            <tr className="border-b border-red-200">
              <th scope="col" className="w-20 p-1">
                行号
              </th>
              <th scope="col" className="p-1">
                问题
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.row} className="border-b border-red-100">
                <td className="p-1 font-mono">第 {p.row} 行</td>
                <td className="p-1">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
