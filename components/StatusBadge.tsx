import { BUDGET_STATUS_LABEL, type BudgetStatus } from '@/lib/auth/authorize';

const tone: Record<BudgetStatus, string> = {
  draft: 'bg-stone-100 text-stone-700',
  submitted: 'bg-blue-50 text-blue-700',
  returned: 'bg-amber-50 text-amber-800',
  approved: 'bg-green-50 text-green-700',
  published: 'bg-emerald-100 text-emerald-800',
};

export function StatusBadge({ status }: { status: BudgetStatus }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${tone[status]}`}>{BUDGET_STATUS_LABEL[status]}</span>;
}
