'use client';

/**
 * The sections of one budget, as tabs. Rendered once by the budget's layout (app/(app)/budgets/[id]/layout.tsx),
 * which does not know the page below it: the current tab is the layout's selected child segment.
 */
import Link from 'next/link';
import { useSelectedLayoutSegment } from 'next/navigation';
import { budgetPath, type BudgetTab } from '@/lib/routes';

/** The tabs in order; the overview is the budget's own page (no child segment). */
const TABS: readonly { tab: BudgetTab | null; label: string }[] = [
  { tab: null, label: '概览' },
  { tab: 'lines', label: '基本支出' },
  { tab: 'projects', label: '项目支出' },
  { tab: 'facts', label: '收入与说明' },
  { tab: 'disclosure', label: '公开预览' },
  { tab: 'review', label: '审核' },
  { tab: 'history', label: '修改记录' },
];

export function BudgetNav({ budgetId }: { budgetId: number }) {
  const current = useSelectedLayoutSegment();
  return (
    <nav aria-label="预算栏目" className="no-print mb-4 flex gap-1 border-b border-stone-200 text-sm">
      {TABS.map((t) => {
        const here = t.tab === current;
        return (
          <Link
            key={t.label}
            href={budgetPath(budgetId, t.tab ?? undefined)}
            aria-current={here ? 'page' : undefined}
            className={here ? '-mb-px border-b-2 border-brand px-3 py-2 font-medium text-brand' : 'px-3 py-2 text-stone-600 hover:text-brand'}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
