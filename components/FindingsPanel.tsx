/**
 * The rule engine's findings for a budget: counts by severity and each finding with a link to what it is about.
 * A server component: the entry pages re-render it after every save (revalidatePath), so it is always current.
 */
import Link from 'next/link';
import { findingHref } from '@/lib/routes';
import { SEVERITY_LABEL, summarize, type Finding, type FindingLocation, type Severity } from '@/lib/rules';

const SHOWN_PER_SEVERITY = 100;

const tone: Record<Severity, { badge: string; text: string }> = {
  error: { badge: 'bg-red-100 text-red-800', text: 'text-red-800' },
  warning: { badge: 'bg-amber-100 text-amber-900', text: 'text-amber-900' },
  info: { badge: 'bg-stone-100 text-stone-700', text: 'text-stone-700' },
};

const LOCATION_LABEL: Record<FindingLocation['kind'], string> = {
  line: '基本支出',
  project: '项目',
  projectItem: '项目明细',
  form: '绩效目标表',
  cell: '公开表',
  income: '收入',
  prior: '上年预算数',
  text: '说明文字',
  asset: '国有资产',
  budget: '预算',
};

/**
 * `relevant`: the location kinds this page edits. Their findings are listed first, and the panel opens by itself
 * only when one of them is an error.
 */
export function FindingsPanel({
  budgetId,
  findings,
  relevant,
}: {
  budgetId: number;
  findings: readonly Finding[];
  relevant?: readonly FindingLocation['kind'][];
}) {
  const counts = summarize(findings);
  const severities: Severity[] = ['error', 'warning', 'info'];
  const isRelevant = (f: Finding) => !relevant || relevant.includes(f.location.kind);
  const open = findings.some((f) => f.severity === 'error' && isRelevant(f));
  return (
    <section aria-label="检查结果" data-testid="findings-panel" className="mb-6 rounded-lg border border-stone-200 bg-white">
      <details open={open}>
        <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-4 py-3 text-sm">
          <span className="font-medium">检查结果</span>
          {severities.map((s) => (
            <span key={s} className={`rounded px-2 py-0.5 text-xs font-medium ${tone[s].badge}`} data-testid={`findings-${s}`}>
              {SEVERITY_LABEL[s]} {counts[s]}
            </span>
          ))}
          {findings.length === 0 ? <span className="text-green-700">未发现问题</span> : <span className="text-stone-500">（点击展开）</span>}
        </summary>
        {findings.length ? (
          <div className="max-h-80 overflow-y-auto border-t border-stone-100 px-4 py-3 text-sm">
            {severities
              .filter((s) => counts[s] > 0)
              .map((s) => {
                const list = findings
                  .filter((f) => f.severity === s)
                  .map((f, i) => ({ f, i }))
                  .sort((a, b) => Number(isRelevant(b.f)) - Number(isRelevant(a.f)) || a.i - b.i)
                  .map(({ f }) => f);
                return (
                  <div key={s} className="mb-3 last:mb-0">
                    <h3 className={`font-medium ${tone[s].text}`}>
                      {SEVERITY_LABEL[s]}（{list.length}）
                      {s === 'error' ? <span className="ml-2 text-xs font-normal text-stone-500">须更正后才能报送</span> : null}
                      {s === 'warning' ? <span className="ml-2 text-xs font-normal text-stone-500">报送前须说明</span> : null}
                    </h3>
                    <ul className="mt-1 space-y-1">
                      {list.slice(0, SHOWN_PER_SEVERITY).map((f) => (
                        <li key={f.key} className="flex gap-2">
                          <Link href={findingHref(budgetId, f.location)} className="shrink-0 text-brand hover:underline">
                            {LOCATION_LABEL[f.location.kind]}
                          </Link>
                          <span>{f.message}</span>
                        </li>
                      ))}
                    </ul>
                    {list.length > SHOWN_PER_SEVERITY ? (
                      <p className="mt-1 text-xs text-stone-500">另有 {list.length - SHOWN_PER_SEVERITY} 条未列出</p>
                    ) : null}
                  </div>
                );
              })}
          </div>
        ) : null}
      </details>
    </section>
  );
}
