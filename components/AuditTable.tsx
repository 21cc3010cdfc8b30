/**
 * Changes from the audit log as people read them (lib/review/auditText.ts): the object and field in the words of the
 * page where the change was made, old → new in full, the changed part of a long text marked.
 */
import type { ReadableChange } from '@/lib/review/auditText';

function Value({ text, marked }: { text: string; marked?: [string, string, string] }) {
  if (!text) return <span className="text-stone-400">（空）</span>;
  if (!marked) return <span className="whitespace-pre-wrap">{text}</span>;
  return (
    <span className="whitespace-pre-wrap">
      {marked[0]}
      <mark className="bg-amber-200">{marked[1]}</mark>
      {marked[2]}
    </span>
  );
}

export function AuditTable({ rows, label, testId }: { rows: readonly ReadableChange[]; label: string; testId: string }) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="audit-table w-full border-collapse" data-testid={testId} aria-label={label}>
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th scope="col" className="p-2 whitespace-nowrap">时间</th>
            <th scope="col" className="p-2 whitespace-nowrap">操作人</th>
            <th scope="col" className="p-2 whitespace-nowrap">操作</th>
            <th scope="col" className="p-2">对象</th>
            <th scope="col" className="p-2">字段</th>
            <th scope="col" className="p-2">原值</th>
            <th scope="col" className="p-2">新值</th>
            <th scope="col" className="p-2">原因/说明</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-stone-100 align-top">
              <td className="p-2 whitespace-nowrap">{r.at}</td>
              <td className="p-2 whitespace-nowrap">{r.by}</td>
              <td className="p-2 whitespace-nowrap">{r.action}</td>
              <td className="min-w-48 p-2">{r.object}</td>
              <td className="min-w-24 p-2">{r.field}</td>
              <td className="min-w-40 p-2 text-red-800">
                <Value text={r.old} marked={r.marked?.old} />
              </td>
              <td className="min-w-40 p-2 text-green-900">
                <Value text={r.new} marked={r.marked?.new} />
              </td>
              <td className="min-w-32 p-2 whitespace-pre-wrap">{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
