import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listYears } from '@/lib/admin/years';
import { listMappings } from '@/lib/codebook/mapping';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import { requireAdmin, yearParam } from '../../_lib/guard';
import { MappingGrid } from './MappingGrid';

export const metadata: Metadata = { title: '经济科目对照表' };

/** The year's 部门预算支出经济分类 → 政府预算支出经济分类 对照表, reviewed and edited by the administrator. */
export default async function MappingPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const actor = await requireAdmin();
  const db = getDb();
  const years = listYears(db, actor);
  const current = years.find((y) => y.isCurrent)?.year ?? years[0]?.year ?? new Date().getFullYear();
  const year = yearParam((await searchParams).year, current) ?? current;
  const grid = listMappings(db, actor, year);
  const unmapped = grid.rows.filter((r) => r.admin === null || r.institution === null).length;
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-xl font-bold">部门经济科目与政府经济科目对照表</h1>
        <p className="mt-2 max-w-4xl text-sm text-stone-600">
          基本支出明细的政府经济科目由部门经济科目（款）按本表确定：行政单位和参照公务员法管理的单位取“行政/参公单位”一列，事业单位取“事业单位”一列。新开启的年度沿用上一年度的对照表；财政部调整对照关系时在这里修改，保存后预览、公开表和导出随之改变。
        </p>
        <form method="get" className="mt-3 flex items-end gap-3 text-sm" aria-label="选择年度">
          <div>
            <label htmlFor="mapping-year" className="block font-medium text-stone-700">
              年度
            </label>
            <Select id="mapping-year" name="year" defaultValue={year} className="mt-1 w-auto">
              {years.map((y) => (
                <option key={y.year} value={y.year}>
                  {y.year}年
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary">
            查看
          </Button>
          <Link href={`/admin/codes?year=${year}&kind=deptEconomic`} className="self-center text-brand underline">
            返回科目
          </Link>
        </form>
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <p className="mb-3 text-sm text-stone-700">
          共 {grid.rows.length} 个部门经济科目（款）{unmapped > 0 ? `，其中 ${unmapped} 个尚未完整对照` : '，均已对照'}。
        </p>
        {grid.rows.length === 0 ? (
          <p className="text-sm text-stone-600">{year} 年度还没有部门预算支出经济分类科目，请先在“科目”中导入。</p>
        ) : (
          <MappingGrid year={year} rows={grid.rows} options={grid.govOptions} editable={grid.editable} />
        )}
      </section>
    </div>
  );
}
