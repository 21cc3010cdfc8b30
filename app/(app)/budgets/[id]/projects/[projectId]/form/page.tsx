import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { projectAmount } from '@/lib/facts';
import { openBudgetPage } from '../../../budgetPage';
import { readEditView } from '@/lib/budget/edit/read';
import { parseId } from '@/lib/budget/params';
import { findCarryForwardSource } from '@/lib/performance/carryForward';
import { loadPerformanceForm } from '@/lib/performance/store';
import { formToValues } from '@/lib/performance/values';
import { checkBudget } from '@/lib/rules';
import { taxonomyForYear } from '@/lib/rules/taxonomy';
import { buttonClass } from '@/components/ui/button';
import { PerformanceFormSheet } from '@/components/PerformanceFormSheet';
import { CreateFormPanel } from './CreateFormPanel';
import { formFindingViews } from './findings';
import { FormEditor } from './FormEditor';
import { FindingsPanel } from './notes';

export const metadata: Metadata = { title: '项目支出绩效目标表' };

export default async function PerformanceFormPage({ params }: { params: Promise<{ id: string; projectId: string }> }) {
  // the budget first, as the budget frame (layout) does: a reader of another department is refused whatever follows
  const { db, budgetId, data } = await openBudgetPage(params, readEditView);
  const projectId = parseId((await params).projectId);
  if (projectId === null) notFound();
  const { budget, facts, readOnlyReason: refusal, controlFigure } = data;
  // the project must belong to this budget (a project id of another budget is not found here)
  const project = facts.projects.find((p) => p.id === projectId);
  if (!project) notFound();
  const unit = facts.units.find((u) => u.id === project.unitId);
  const amount = projectAmount(project);
  const stored = loadPerformanceForm(db, projectId);
  const findings = stored
    ? formFindingViews(
        checkBudget(facts, controlFigure),
        projectId,
        facts.forms.find((f) => f.projectId === projectId) ?? null,
      )
    : [];
  const departmentLabel = `${facts.department.code}-${facts.department.name}`;
  const carry = !stored && refusal === null && !project.carryover ? findCarryForwardSource(db, projectId) : null;

  return (
    <section>
      <nav aria-label="位置" className="mb-2 text-sm text-stone-500">
        <Link href={`/budgets/${budgetId}`} className="hover:text-brand">
          {budget.departmentName} {budget.year}年部门预算
        </Link>
        {' › '}
        <Link href={`/budgets/${budgetId}/projects`} className="hover:text-brand">
          项目支出
        </Link>
        {' › '}
        <Link href={`/budgets/${budgetId}/projects/${projectId}`} className="hover:text-brand">
          {project.name}
        </Link>
        {' › '}绩效目标表
      </nav>
      <div className="mb-4 flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">项目支出绩效目标表</h1>
        <span className="text-stone-600">{project.name}</span>
        {stored ? (
          <Link
            href={`/print/budgets/${budgetId}/forms/${projectId}`}
            target="_blank"
            className={`ml-auto ${buttonClass('secondary')}`}
          >
            打印预览
          </Link>
        ) : null}
      </div>

      {project.carryover ? (
        <p className="rounded border border-stone-200 bg-white p-4 text-sm text-stone-600">
          这是上年结转项目，不填报项目支出绩效目标表。
        </p>
      ) : !stored ? (
        refusal === null ? (
          <CreateFormPanel budgetId={budgetId} projectId={projectId} carryForwardYear={carry?.year ?? null} />
        ) : (
          <p className="rounded border border-stone-200 bg-white p-4 text-sm text-stone-600">该项目尚未填报绩效目标表。</p>
        )
      ) : (
        <>
          <FindingsPanel findings={findings} available />
          {refusal === null ? (
            <FormEditor
              budgetId={budgetId}
              projectId={projectId}
              version={stored.version}
              initial={formToValues(stored)}
              taxonomy={taxonomyForYear(budget.year)}
              projectName={project.name}
              unitName={unit?.name ?? ''}
              departmentLabel={departmentLabel}
              projectAmount={amount}
              findings={findings}
            />
          ) : (
            // read-only: the budget's frame says why (data-testid read-only-reason)
            <>
              <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white p-6">
                <PerformanceFormSheet
                  form={stored}
                  projectName={project.name}
                  unitName={unit?.name ?? ''}
                  departmentCode={facts.department.code}
                  departmentName={facts.department.name}
                  regionName={facts.department.regionName}
                  year={budget.year}
                />
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
