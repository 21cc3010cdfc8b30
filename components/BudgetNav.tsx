import Link from 'next/link';

/** The sections of one budget, as tabs. */
export function BudgetNav({ budgetId, current }: { budgetId: number; current: string }) {
  const tabs = [
    { key: 'overview', href: `/budgets/${budgetId}`, label: '概览' },
    { key: 'lines', href: `/budgets/${budgetId}/lines`, label: '基本支出' },
    { key: 'projects', href: `/budgets/${budgetId}/projects`, label: '项目支出' },
    { key: 'facts', href: `/budgets/${budgetId}/facts`, label: '收入与说明' },
    { key: 'disclosure', href: `/budgets/${budgetId}/disclosure`, label: '公开预览' },
    { key: 'review', href: `/budgets/${budgetId}/review`, label: '审核' },
    { key: 'history', href: `/budgets/${budgetId}/history`, label: '修改记录' },
  ];
  return (
    <nav aria-label="预算栏目" className="no-print mb-6 flex gap-1 border-b border-stone-200 text-sm">
      {tabs.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={t.key === current ? 'page' : undefined}
          className={
            t.key === current
              ? '-mb-px border-b-2 border-brand px-3 py-2 font-medium text-brand'
              : 'px-3 py-2 text-stone-600 hover:text-brand'
          }
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
