import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { currentYear } from '@/lib/budget/access';
import { customizedKeys, loadRegionTexts, REGION_TEXT_LABEL } from '@/lib/region/texts';
import { requireAdmin } from '../_lib/guard';
import { CatalogEditor, GlossaryEditor, TablesEditor } from './TextEditors';

export const metadata: Metadata = { title: '地区文本' };

export default async function RegionTextsPage() {
  await requireAdmin();
  const db = getDb();
  const texts = loadRegionTexts(db);
  const customized = customizedKeys(texts);
  const year = currentYear(db) ?? new Date().getFullYear();
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-xl font-bold">地区文本</h1>
        <p className="mt-1 text-sm text-stone-600">
          本地区各部门公开文件中统一使用的固定文本。
          {customized.length > 0 ? `已修改：${customized.map((k) => REGION_TEXT_LABEL[k]).join('、')}；其余为默认内容。` : '目前均为默认内容。'}
        </p>
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">名词解释</h2>
        <div className="mt-3">
          <GlossaryEditor initial={texts.glossary} />
        </div>
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">表格标题与空表说明</h2>
        <div className="mt-3">
          <TablesEditor
            titles={texts.tableTitles}
            emptyNote={texts.emptyTableNote}
            year={year}
          />
        </div>
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">政府购买服务指导性目录（附件）</h2>
        <div className="mt-3">
          <CatalogEditor initial={texts.purchaseCatalog} />
        </div>
      </section>
    </div>
  );
}
