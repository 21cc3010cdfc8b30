import type { Metadata } from 'next';
import Link from 'next/link';
import { openBudgetPage } from '../../budgetPage';
import { readEditView } from '@/lib/budget/edit/read';
import { MAX_BUDGET_LINES } from '@/lib/budget/edit/lines';
import { LINES_COLUMNS } from '@/lib/budget/linesWorkbook';
import { ImportForm } from './ImportForm';

export const metadata: Metadata = { title: '导入基本支出' };

export default async function ImportLinesPage({ params }: { params: Promise<{ id: string }> }) {
  const { data: view } = await openBudgetPage(params, readEditView);
  const { budget, readOnlyReason } = view;
  return (
    <section>
      <h1 className="text-xl font-bold">从 Excel 导入基本支出</h1>
      <p className="mt-2 max-w-3xl text-sm text-stone-600">
        先<a href={`/budgets/${budget.id}/lines/template`} className="text-brand hover:underline">下载模板</a>
        （已填入当前的基本支出明细，并附单位、功能科目、经济科目和资金来源的参考表），在“基本支出”表中修改后上传。表头须为：
        {LINES_COLUMNS.join('、')}。上传后先预览并逐行检查，确认后才会<strong>替换全部</strong>基本支出明细；有任何错误则不导入。文件不超过 5 MB、不超过 {MAX_BUDGET_LINES.toLocaleString('en-US')} 行。
      </p>
      {/* read-only: the budget's frame says why */}
      {readOnlyReason ? null : <ImportForm budgetId={budget.id} />}
      <p className="mt-6 text-sm">
        <Link href={`/budgets/${budget.id}/lines`} className="text-brand hover:underline">
          返回基本支出
        </Link>
      </p>
    </section>
  );
}
