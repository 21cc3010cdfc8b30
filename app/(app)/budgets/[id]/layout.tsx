import { BudgetNav } from '@/components/BudgetNav';
import { StatusBadge } from '@/components/StatusBadge';
import { budgetFrame } from './budgetPage';

/**
 * The frame of a budget's pages: its tabs, whose budget it is, its status, and — when the actor may not edit it —
 * why not. Each page keeps its own heading. The layout is not re-rendered when moving between the budget's tabs,
 * so what it shows changes only with the budget's status or year: a workflow step revalidates the budget's layout
 * (lib/action.ts revalidates with 'layout'); a change made by someone else shows on the next reload, while the page
 * below always reads afresh (and refuses an edit the frame would no longer allow).
 */
export default async function BudgetLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { budget, readOnlyReason } = await budgetFrame((await params).id);
  return (
    <>
      <BudgetNav budgetId={budget.id} />
      <p className="no-print mb-3 flex flex-wrap items-center gap-2 text-sm text-stone-600" data-testid="budget-frame">
        <span>
          {budget.departmentName}（{budget.departmentCode}）· {budget.year}年部门预算
        </span>
        <StatusBadge status={budget.status} />
      </p>
      {readOnlyReason ? (
        <p role="status" className="no-print mb-3 rounded bg-stone-100 px-3 py-2 text-sm text-stone-700" data-testid="read-only-reason">
          只读：{readOnlyReason}
        </p>
      ) : null}
      {children}
    </>
  );
}
