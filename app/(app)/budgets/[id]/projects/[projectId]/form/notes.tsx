/** The findings on the form page: beside the field or row they point at, and all of them at the top. */
import type { Severity } from '@/lib/rules/types';
import type { FormFindingView } from './findings';

const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const SEVERITY_CLASS: Record<Severity, string> = {
  error: 'border-red-300 bg-red-50 text-red-800',
  warning: 'border-amber-300 bg-amber-50 text-amber-900',
  info: 'border-stone-300 bg-stone-50 text-stone-700',
};

function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`mr-1.5 inline-block rounded border px-1 text-[11px] font-medium ${SEVERITY_CLASS[severity]}`}>
      {SEVERITY_LABEL[severity]}
    </span>
  );
}

/** The findings at one place of the form (beside a field or an indicator row). */
export function FindingNotes({ findings, compact }: { findings: FormFindingView[]; compact?: boolean }) {
  if (findings.length === 0) return null;
  return (
    <ul className={compact ? 'space-y-0.5' : 'my-2 space-y-1'} data-testid="inline-findings">
      {findings.map((f) => (
        <li key={f.key} className="text-xs" data-rule={f.ruleId}>
          <SeverityBadge severity={f.severity} />
          <span className={f.severity === 'error' ? 'text-red-800' : f.severity === 'warning' ? 'text-amber-900' : 'text-stone-700'}>
            {f.message}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** All findings of the form, at the top of the page; each links to the place it points at. */
export function FindingsPanel({ findings, available }: { findings: FormFindingView[]; available: boolean }) {
  if (!available) return null;
  if (findings.length === 0) {
    return (
      <p className="mb-4 rounded border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="form-findings-none">
        审核规则未发现本表的问题。
      </p>
    );
  }
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${SEVERITY_LABEL[s]} ${n} 项`)
    .join('，');
  return (
    <section aria-labelledby="form-findings-title" className="mb-4 rounded-lg border border-amber-200 bg-white p-3" data-testid="form-findings">
      <h2 id="form-findings-title" className="text-sm font-medium">
        审核发现（{counts}）
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {findings.map((f) => (
          <li key={f.key} data-rule={f.ruleId}>
            <SeverityBadge severity={f.severity} />
            {f.message}
            {f.target && f.targetLabel ? (
              <a href={`#field-${f.target}`} className="ml-2 text-brand underline">
                定位到{f.targetLabel}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
