/**
 * One checked file: the profile chosen and why (with a re-check under the other profile), department, year, kind,
 * the findings grouped by severity with their place in the document, the tables as read (the cells findings point
 * at marked), and what could not be read or checked. Pure: the page passes the re-check as a form action.
 */
import type { CheckerProfile } from '@/lib/checker/model';
import { PROFILE_LABEL } from '@/lib/checker/check';
import type { CheckJobResult } from '@/lib/checker/jobs';
import type { Place } from '@/lib/checker/check';
import { SEVERITY_LABEL, type Severity } from '@/lib/rules';
import { buttonClass } from '@/components/ui/button';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const SEVERITY_CLASS: Record<Severity, string> = { error: 'text-red-700', warning: 'text-amber-800', info: 'text-stone-600' };

function placeText(p: Place): string {
  const parts = [
    p.page !== null ? `第${p.page}页` : '',
    p.table ?? '',
    p.row ? `「${p.row}」` : '',
    p.column ?? '',
    p.section && !p.table ? p.section : '',
  ].filter(Boolean);
  return parts.join(' ');
}

export function CheckReportView({
  result,
  recheck,
}: {
  result: CheckJobResult;
  recheck: (formData: FormData) => void | Promise<void>;
}) {
  const { document: d, report } = result;
  const other: CheckerProfile = d.profile === 'shanxi-13' ? 'shanghai-9' : 'shanxi-13';
  return (
    <div className="mt-4 space-y-4 text-sm">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 rounded border border-stone-200 bg-white p-3">
        <dt className="text-stone-500">格式</dt>
        <dd data-testid="check-profile">
          {PROFILE_LABEL[d.profile]}
          <span className="ml-2 text-stone-500">{d.profileReason}</span>
        </dd>
        <dt className="text-stone-500">部门</dt>
        <dd data-testid="check-department">{d.department ?? '未能读取'}</dd>
        <dt className="text-stone-500">年度</dt>
        <dd>{d.year ?? '未能读取'}</dd>
        <dt className="text-stone-500">类型</dt>
        <dd>{d.kind === 'department' ? '部门预算' : d.kind === 'unit' ? '单位预算' : '未能读取'}</dd>
        <dt className="text-stone-500">读取到的表</dt>
        <dd>{d.tables.map((t) => `${t.no} ${t.title}`).join('；') || '无'}</dd>
      </dl>
      <form action={recheck} className="flex items-center gap-2">
        <input type="hidden" name="profile" value={other} />
        <button type="submit" className={buttonClass('secondary', 'sm')}>
          改按“{PROFILE_LABEL[other]}”重新核查
        </button>
      </form>
      {SEVERITIES.map((s) => {
        const list = report.findings.filter((f) => f.severity === s);
        return (
          <section key={s} aria-label={SEVERITY_LABEL[s]}>
            <h2 className={`font-bold ${SEVERITY_CLASS[s]}`}>
              {SEVERITY_LABEL[s]}（{list.length}）
            </h2>
            {list.length === 0 ? <p className="text-stone-500">无</p> : null}
            <ul className="mt-1 space-y-1" data-testid={`findings-${s}`}>
              {list.map((f) => (
                <li key={f.key} className="rounded border border-stone-100 bg-white p-2">
                  <div>{f.message}</div>
                  <div className="mt-0.5 text-xs text-stone-500">
                    {placeText(f.place)}
                    {f.place.quote ? <q className="ml-2">{f.place.quote}</q> : null}
                    <span className="ml-2 font-mono">{f.ruleId}</span>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <section aria-label="读取到的表格">
        <h2 className="font-bold">读取到的表格</h2>
        <p className="text-xs text-stone-500">有问题的单元格以红底标出。</p>
        {d.tables.map((t) => {
          const marked = new Set(
            report.findings.flatMap((f) =>
              f.location.kind === 'cell' && f.location.table === t.no && f.severity !== 'info' ? [`${f.location.row}:${f.location.column}`] : [],
            ),
          );
          return (
            <details key={t.no} className="mt-1 rounded border border-stone-200 bg-white p-2" open={marked.size > 0}>
              <summary>
                表{t.no} {t.title}
                <span className="ml-2 text-xs text-stone-500">
                  {t.where}，单位：{t.unit}
                  {marked.size > 0 ? `，${marked.size} 处有问题` : ''}
                </span>
              </summary>
              <div className="overflow-x-auto">
                <table className="mt-1 w-full border-collapse text-xs" aria-label={`表${t.no}`}>
                  <tbody>
                    {t.rows.map((r) => (
                      <tr key={r.key} className="border-b border-stone-100">
                        {r.cells.map((c, i) => (
                          <td
                            key={i}
                            className={`p-1 ${c.kind === 'amount' ? 'num text-right' : ''} ${marked.has(`${r.key}:${i}`) ? 'bg-red-100 font-medium text-red-800' : ''}`}
                          >
                            {c.kind === 'text' ? c.text : c.display}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          );
        })}
      </section>
      <section aria-label="未能读取或核查">
        <h2 className="font-bold">未能读取或核查（{report.notChecked.length}）</h2>
        {report.notChecked.length === 0 ? <p className="text-stone-500">无：所有核查均已进行</p> : null}
        <ul className="mt-1 list-disc pl-5" data-testid="not-checked">
          {report.notChecked.map((n, i) => (
            <li key={i}>{n.reason}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
