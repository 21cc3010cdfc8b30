import type { Metadata } from 'next';
import { openBudgetPage } from '../budgetPage';
import { readBudgetFacts } from '@/lib/budget/access';
import { buildDocument } from '@/lib/disclosure/document';
import { loadRegionTexts } from '@/lib/region/texts';
import { BudgetNav } from '@/components/BudgetNav';
import { DisclosureDocumentView } from '@/components/DisclosureDocumentView';
import { ExportButtons } from '@/components/ExportButtons';

export const metadata: Metadata = { title: '公开预览' };

/** The whole disclosure as it will be published, for every role that may read the budget. */
export default async function DisclosurePreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { db, budgetId: id, data } = await openBudgetPage(params, readBudgetFacts);
  const { budget, facts } = data;
  const doc = buildDocument(facts, loadRegionTexts(db));
  return (
    <div>
      <BudgetNav budgetId={id} current="disclosure" />
      <div className="no-print mb-6 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-stone-600">以下为按现有数据生成的公开文本，所有数字均由预算数据计算得出。</p>
        <div className="flex items-center gap-3">
          <a href={`/print/budgets/${id}`} target="_blank" className="text-sm text-brand underline">
            打印版式
          </a>
          <ExportButtons
            pdfHref={`/budgets/${id}/export/pdf`}
            xlsxHref={`/budgets/${id}/export/xlsx`}
            fileBase={`${budget.departmentName}${budget.year}年部门预算公开`}
          />
        </div>
      </div>
      <div className="rounded-lg border border-stone-200 bg-white p-8">
        <DisclosureDocumentView doc={doc} facts={facts} />
      </div>
    </div>
  );
}
