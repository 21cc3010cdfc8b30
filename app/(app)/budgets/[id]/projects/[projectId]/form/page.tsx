import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { projectAmount } from '@/lib/facts';
import { editRefusal } from '@/lib/auth/authorize';
import { openBudgetPage } from '../../../budgetPage';
import { isYearOpen, readBudgetFacts } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { controlFigureFor } from '@/lib/admin/controlFigures';
import { findCarryForwardSource } from '@/lib/performance/carryForward';
import { formToValues, loadPerformanceForm } from '@/lib/performance/edit';
import { checkBudget } from '@/lib/rules';
import { taxonomyForYear } from '@/lib/rules/taxonomy';
import { BudgetNav } from '@/components/BudgetNav';
import { PerformanceFormSheet } from '@/components/PerformanceFormSheet';
import { StatusBadge } from '@/components/StatusBadge';
import { CreateFormPanel } from './CreateFormPanel';
import { formFindingViews } from './findings';
import { FormEditor } from './FormEditor';
import { FindingsPanel } from './notes';

export const metadata: Metadata = { title: '项目支出绩效目标表' };

export default async function PerformanceFormPage({ params }: { params: Promise<{ id: string; projectId: string }> }) {
  const projectId = parseId((await params).projectId);
  if (projectId === null) notFound();
  const { actor, db, budgetId, data } = await openBudgetPage(params, readBudgetFacts);
  const { budget, facts } = data;
  // the project must belong to this budget (a project id of another budget is not found here)
  const project = facts.projects.find((p) => p.id === projectId);
  if (!project) notFound();
  const unit = facts.units.find((u) => u.id === project.unitId);
  const amount = projectAmount(project);
  const stored = loadPerformanceForm(db, projectId);
  const refusal = editRefusal(actor, budget, isYearOpen(db, budget.year));
  const control = controlFigureFor(db, actor, budget.departmentId, budget.year);
  const findings = stored
    ? formFindingViews(
        checkBudget(facts, control?.amount ?? null),
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
      <BudgetNav budgetId={budgetId} current="projects" />
      <div className="mb-4 flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">项目支出绩效目标表</h1>
        <span className="text-stone-600">{project.name}</span>
        <StatusBadge status={budget.status} />
        {stored ? (
          <Link
            href={`/print/budgets/${budgetId}/forms/${projectId}`}
            target="_blank"
            className="ml-auto rounded border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100"
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
            <>
              <p className="mb-4 rounded border border-stone-200 bg-stone-100 px-3 py-2 text-sm text-stone-700" data-testid="read-only-reason">
                只读：{refusal}
              </p>
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
