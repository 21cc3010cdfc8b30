import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { parseId } from '@/lib/budget/params';
import { openBudgetPage } from '../../budgetPage';
import { economicKuanOptions, functionItemOptions } from '@/lib/budget/edit/options';
import { summarizeProjectItems } from '@/lib/budget/edit/projects';
import { readEditView } from '@/lib/budget/edit/read';
import { FUND_SOURCE_LABEL, PROJECT_CATEGORY_LABEL } from '@/lib/facts';
import { formatYuanExact } from '@/lib/money';
import { checkBudget } from '@/lib/rules';
import { FindingsPanel } from '@/components/FindingsPanel';
import { DeleteProjectButton } from '@/components/projects/DeleteProjectButton';
import { ProjectFieldsForm } from '@/components/projects/ProjectFieldsForm';
import { ProjectItemsEditor } from '@/components/projects/ProjectItemsEditor';
import {
  addProjectItemAction,
  deleteProjectAction,
  deleteProjectItemAction,
  updateProjectAction,
  updateProjectItemAction,
} from '../actions';

export const metadata: Metadata = { title: '项目' };

export default async function ProjectPage({ params }: { params: Promise<{ id: string; projectId: string }> }) {
  // the budget first, as the budget frame (layout) does: a reader of another department is refused whatever follows
  const { data: view } = await openBudgetPage(params, readEditView);
  const projectId = parseId((await params).projectId);
  if (projectId === null) notFound();
  const { budget, facts, readOnlyReason, projectVersions, controlFigure } = view;
  const project = facts.projects.find((p) => p.id === projectId);
  if (!project) notFound();
  const readOnly = readOnlyReason !== null;
  const version = projectVersions[project.id] ?? 1;
  const summary = summarizeProjectItems(project.items);
  const hasForm = facts.forms.some((f) => f.projectId === project.id);
  const units = facts.units.map((u) => ({ id: u.id, name: u.name }));
  const codes = facts.codes;
  const projectFindings = checkBudget(facts, controlFigure).filter(
    (f) => (f.location.kind === 'project' || f.location.kind === 'projectItem' || f.location.kind === 'form') && f.location.projectId === project.id,
  );

  return (
    <section>
      <p className="text-sm">
        <Link href={`/budgets/${budget.id}/projects`} className="text-brand hover:underline">
          项目支出
        </Link>{' '}
        › {project.name}
      </p>
      <div className="mt-2 flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">{project.name}</h1>
        <span className="text-sm text-stone-500">
          {project.carryover ? '上年结转' : '本年预算'} · {PROJECT_CATEGORY_LABEL[project.category]} · {FUND_SOURCE_LABEL[project.source]}
        </span>
        <span className="ml-auto flex gap-4 text-sm">
          {project.carryover ? null : (
            <Link href={`/budgets/${budget.id}/projects/${project.id}/form`} className="text-brand hover:underline">
              绩效目标表{hasForm ? '' : '（未填报）'}
            </Link>
          )}
          {readOnly ? null : (
            <DeleteProjectButton
              budgetId={budget.id}
              projectId={project.id}
              version={version}
              name={project.name}
              hasForm={hasForm}
              remove={deleteProjectAction}
              after={`/budgets/${budget.id}/projects`}
            />
          )}
        </span>
      </div>
      <div className="mt-4">
        <FindingsPanel budgetId={budget.id} findings={projectFindings} />
      </div>
      <dl className="mb-6 grid gap-4 text-sm md:grid-cols-3">
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <dt className="text-stone-500">项目金额（元）</dt>
          <dd className="num mt-1 text-left text-xl font-semibold">{formatYuanExact(summary.amount)}</dd>
        </div>
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <dt className="text-stone-500">“三公”经费（来自明细的经济科目）</dt>
          <dd className="mt-1">
            {summary.threePublic.length
              ? summary.threePublic.map((t) => (
                  <div key={t.code}>
                    {t.code} {t.label} {formatYuanExact(t.amount)} 元
                  </div>
                ))
              : '无'}
          </dd>
        </div>
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <dt className="text-stone-500">政府采购（来自明细的采购品目）</dt>
          <dd className="mt-1">
            {summary.procurement.length
              ? summary.procurement.map((t) => (
                  <div key={t.kind}>
                    {t.label} {formatYuanExact(t.amount)} 元
                  </div>
                ))
              : '无'}
          </dd>
        </div>
      </dl>
      {readOnly ? (
        <dl className="grid gap-2 rounded-lg border border-stone-200 bg-white p-4 text-sm md:grid-cols-2">
          <div>
            <dt className="inline text-stone-500">单位：</dt>
            <dd className="inline">{units.find((u) => u.id === project.unitId)?.name}</dd>
          </div>
          <div>
            <dt className="inline text-stone-500">资金来源：</dt>
            <dd className="inline">{FUND_SOURCE_LABEL[project.source]}</dd>
          </div>
        </dl>
      ) : (
        <ProjectFieldsForm budgetId={budget.id} project={{ ...project, version }} units={units} update={updateProjectAction} />
      )}
      <ProjectItemsEditor
        budgetId={budget.id}
        projectId={project.id}
        version={version}
        items={project.items}
        names={{
          functional: codes.functional,
          economic: Object.fromEntries(Object.entries(codes.deptEconomic).map(([c, e]) => [c, e.name])),
        }}
        functionItems={functionItemOptions(codes)}
        economicItems={economicKuanOptions(codes)}
        actions={{ addItem: addProjectItemAction, updateItem: updateProjectItemAction, removeItem: deleteProjectItemAction }}
        readOnly={readOnly}
      />
    </section>
  );
}
