import type { Metadata } from 'next';
import Link from 'next/link';
import { openBudgetPage } from '../budgetPage';
import { summarizeProjectItems } from '@/lib/budget/edit/projects';
import { readEditView } from '@/lib/budget/edit/read';
import { FUND_SOURCE_LABEL, PROJECT_CATEGORY_LABEL, projectsAmount, type Project } from '@/lib/facts';
import { formatYuanExact } from '@/lib/money';
import { checkBudget, type FindingLocation } from '@/lib/rules';
import { FindingsPanel } from '@/components/FindingsPanel';
import { DeleteProjectButton } from '@/components/projects/DeleteProjectButton';
import { NewProjectForm } from '@/components/projects/NewProjectForm';
import { createProjectAction, deleteProjectAction } from './actions';

const RELEVANT: FindingLocation['kind'][] = ['project', 'projectItem', 'form'];

export const metadata: Metadata = { title: '项目支出' };

export default async function ProjectsPage({ params }: { params: Promise<{ id: string }> }) {
  const { data: view } = await openBudgetPage(params, readEditView);
  const { budget, facts, readOnlyReason, projectVersions, controlFigure } = view;
  const readOnly = readOnlyReason !== null;
  const unitName = new Map(facts.units.map((u) => [u.id, u.name]));
  const formFor = new Set(facts.forms.map((f) => f.projectId));
  const findings = checkBudget(facts, controlFigure);

  const group = (carryover: boolean, title: string, testId: string) => {
    const list = facts.projects.filter((p) => p.carryover === carryover);
    const total = projectsAmount(list);
    return (
      <section aria-label={title} className="mt-6" data-testid={testId}>
        <h2 className="mb-2 font-medium">
          {title}（{list.length} 个，合计 {formatYuanExact(total)} 元）
        </h2>
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-stone-100 text-left">
              <tr>
                <th className="px-2 py-2">项目名称</th>
                <th className="px-2 py-2">单位</th>
                <th className="px-2 py-2">资金来源</th>
                <th className="px-2 py-2">类别</th>
                <th className="px-2 py-2 text-right">明细</th>
                <th className="px-2 py-2 text-right">金额（元）</th>
                <th className="px-2 py-2">“三公”经费</th>
                <th className="px-2 py-2">政府采购</th>
                {carryover ? null : <th className="px-2 py-2">绩效目标表</th>}
                {readOnly ? null : <th className="px-2 py-2">操作</th>}
              </tr>
            </thead>
            <tbody>
              {list.length === 0 ? (
                <tr>
                  <td colSpan={10} className="px-3 py-4 text-center text-stone-500">
                    无
                  </td>
                </tr>
              ) : null}
              {list.map((p: Project) => {
                const s = summarizeProjectItems(p.items);
                return (
                  <tr key={p.id} id={`project-${p.id}`} className="border-b border-stone-100 target:bg-amber-50">
                    <td className="px-2 py-1">
                      <Link href={`/budgets/${budget.id}/projects/${p.id}`} className="text-brand hover:underline">
                        {p.name}
                      </Link>
                    </td>
                    <td className="px-2 py-1">{unitName.get(p.unitId)}</td>
                    <td className="px-2 py-1">{FUND_SOURCE_LABEL[p.source]}</td>
                    <td className="px-2 py-1">{PROJECT_CATEGORY_LABEL[p.category]}</td>
                    <td className="num px-2 py-1">{p.items.length}</td>
                    <td className="num px-2 py-1">{formatYuanExact(s.amount)}</td>
                    <td className="px-2 py-1 text-xs">
                      {s.threePublic.map((t) => `${t.label} ${formatYuanExact(t.amount)}`).join('；') || '—'}
                    </td>
                    <td className="px-2 py-1 text-xs">
                      {s.procurement.map((t) => `${t.label} ${formatYuanExact(t.amount)}`).join('；') || '—'}
                    </td>
                    {carryover ? null : (
                      <td className="px-2 py-1">
                        <Link href={`/budgets/${budget.id}/projects/${p.id}/form`} className="text-brand hover:underline">
                          {formFor.has(p.id) ? '查看' : '未填报'}
                        </Link>
                      </td>
                    )}
                    {readOnly ? null : (
                      <td className="px-2 py-1">
                        <DeleteProjectButton
                          budgetId={budget.id}
                          projectId={p.id}
                          version={projectVersions[p.id] ?? 1}
                          name={p.name}
                          hasForm={formFor.has(p.id)}
                          remove={deleteProjectAction}
                        />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    );
  };

  return (
    <section>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">项目支出</h1>
        <span className="text-sm text-stone-500">单位：元</span>
      </div>
      <div className="mt-4">
        <FindingsPanel budgetId={budget.id} findings={findings} relevant={RELEVANT} />
      </div>
      {group(false, '本年预算项目', 'projects-current')}
      {group(true, '上年结转项目', 'projects-carryover')}
      {readOnly ? null : (
        <NewProjectForm budgetId={budget.id} units={facts.units.map((u) => ({ id: u.id, name: u.name }))} create={createProjectAction} />
      )}
    </section>
  );
}
