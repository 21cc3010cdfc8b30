import type { Metadata } from 'next';
import { readBudgetFacts } from '@/lib/budget/access';
import { headline } from '@/lib/budget/headline';
import { formatWan } from '@/lib/money';
import { WorkflowPanel } from '@/components/WorkflowPanel';
import { CommentThread } from '@/components/CommentThread';
import { reviewData } from './review/panel-data';
import { controlFigureFor } from '@/lib/admin/controlFigures';
import { openBudgetPage } from './budgetPage';

export const metadata: Metadata = { title: '部门预算' };

export default async function BudgetPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db, budgetId: id, data } = await openBudgetPage(params, readBudgetFacts);
  const { budget, facts } = data;
  const h = headline(facts);
  const review = reviewData(db, actor, budget, facts);
  const control = controlFigureFor(db, actor, budget.departmentId, budget.year);
  const generalCurrent = facts.income.find((i) => i.source === 'general')?.current ?? 0;
  const cards = [
    { label: '收入总计', value: h.incomeTotal, testId: 'income-total' },
    { label: '本年收入', value: h.incomeCurrent, testId: 'income-current' },
    { label: '上年结转', value: h.incomeCarryover, testId: 'income-carryover' },
    { label: '基本支出', value: h.basic, testId: 'basic-total' },
    { label: '项目支出', value: h.project, testId: 'project-total' },
  ];
  const thisYearProjects = facts.projects.filter((p) => !p.carryover).length;
  return (
    <section>
      <h1 className="text-xl font-bold">
        {budget.departmentName} {budget.year}年部门预算
      </h1>
      <p className="mt-1 text-sm text-stone-500">版本 {budget.version} · 单位：万元</p>
      <dl className="mt-6 grid grid-cols-2 gap-4 md:grid-cols-5">
        {cards.map((c) => (
          <div key={c.label} className="rounded-lg border border-stone-200 bg-white p-4">
            <dt className="text-sm text-stone-500">{c.label}</dt>
            <dd className="num mt-1 text-left text-2xl font-semibold" data-testid={c.testId}>
              {formatWan(c.value)}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-sm" data-testid="control-figure">
        预算控制数（一般公共预算当年拨款）：
        {control ? (
          <>
            <span className="num font-medium">{formatWan(control.amount)}</span> 万元
            {control.amount === generalCurrent ? (
              <span className="ml-2 text-green-700">与本年一般公共预算收入一致</span>
            ) : (
              <span className="ml-2 text-red-700">与本年一般公共预算收入 {formatWan(generalCurrent)} 万元不一致</span>
            )}
          </>
        ) : (
          <span className="text-stone-500">财政局尚未下达</span>
        )}
      </p>
      <div className="mt-6 grid gap-4 md:grid-cols-3 text-sm">
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="font-medium">预算单位</h2>
          <ul className="mt-2 space-y-1">
            {facts.units.map((u) => (
              <li key={u.id}>{u.name}</li>
            ))}
          </ul>
        </div>
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="font-medium">基本支出明细</h2>
          <p className="mt-2">{facts.basicLines.length} 条</p>
        </div>
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="font-medium">项目</h2>
          <p className="mt-2">
            本年项目 {thisYearProjects} 个，上年结转项目 {facts.projects.length - thisYearProjects} 个，绩效目标表{' '}
            {facts.forms.length} 张
          </p>
        </div>
      </div>
      <WorkflowPanel {...review.panel} />
      {review.threads.length > 0 || review.comments.canOpen ? (
        <CommentThread
          budgetId={id}
          threads={review.threads}
          canOpen={false}
          canReply={review.comments.canReply}
          actions={review.commentActions}
        />
      ) : null}
    </section>
  );
}
