import type { Metadata } from 'next';
import { budgetFrame } from '../budgetPage';
import { DisclosurePreview } from '@/components/DisclosurePreview';
import { ExportButtons } from '@/components/ExportButtons';

export const metadata: Metadata = { title: '公开预览' };

/**
 * The whole disclosure as it will be published, for every role that may read the budget. The page itself is light
 * (the budget's name for the file names); the document arrives from the `document` route beside it.
 */
export default async function DisclosurePreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { budget } = await budgetFrame((await params).id);
  const id = budget.id;
  return (
    <div>
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
        <DisclosurePreview src={`/budgets/${id}/disclosure/document`} />
      </div>
    </div>
  );
}
