/**
 * The rule engine's findings about one project's 绩效目标表, as the form page shows them: at the top, and next to
 * the field or indicator row they point at (location.field / location.indicatorIndex).
 */
import type { Finding, Severity } from '@/lib/rules/types';
import type { PerformanceForm } from '@/lib/performance/form';
import { formFieldLabel, PERIOD_LABEL } from '@/lib/performance/fields';

export interface FormFindingView {
  key: string;
  ruleId: string;
  severity: Severity;
  message: string;
  /**
   * What the finding points at in the editor: a field key (`fundingAnnual.total`, `overview`), a group
   * (`fundingAnnual`, `indicators.annual`, `indicators`) or a row (`indicators.annual.3`); null for the form as a
   * whole.
   */
  target: string | null;
  /** Chinese name of the target (年度资金总额, 年度第4行指标 …). */
  targetLabel: string | null;
}

/** The editor's key of indicator `index` of the stored form: its period and its place among that period's rows. */
function indicatorTarget(form: PerformanceForm, index: number): { key: string; label: string } | null {
  const ind = form.indicators[index];
  if (!ind) return null;
  const same = form.indicators
    .map((i, n) => ({ i, n }))
    .filter(({ i }) => i.period === ind.period)
    .sort((a, b) => a.i.sort - b.i.sort || a.n - b.n);
  const pos = same.findIndex(({ n }) => n === index);
  return { key: `indicators.${ind.period}.${pos}`, label: `${PERIOD_LABEL[ind.period]}第${pos + 1}行指标（${ind.name}）` };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The findings about `projectId`'s form, most severe first, each with the editor target it points at. */
export function formFindingViews(findings: readonly Finding[], projectId: number, form: PerformanceForm | null): FormFindingView[] {
  const out: FormFindingView[] = [];
  for (const f of findings) {
    if (f.location.kind !== 'form' || f.location.projectId !== projectId) continue;
    let target: string | null = null;
    let targetLabel: string | null = null;
    const { field, indicatorIndex } = f.location;
    if (indicatorIndex !== undefined && form) {
      const t = indicatorTarget(form, indicatorIndex);
      if (t) ({ key: target, label: targetLabel } = t);
    }
    if (target === null && field) {
      targetLabel = formFieldLabel(field);
      target = targetLabel ? field : null;
    }
    out.push({ key: f.key, ruleId: f.ruleId, severity: f.severity, message: f.message, target, targetLabel });
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
