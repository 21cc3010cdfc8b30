import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { listControlFigures } from '@/lib/admin/controlFigures';
import { listYears } from '@/lib/admin/years';
import { formatWan, formatWanExact, totalFen } from '@/lib/money';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import { requireAdmin, yearParam } from '../_lib/guard';
import { ControlFigureGrid, ControlFigureImport } from './ControlFigureForms';

export const metadata: Metadata = { title: '预算控制数' };

export default async function ControlFiguresPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const actor = await requireAdmin();
  const db = getDb();
  const years = listYears(db, actor);
  const current = years.find((y) => y.isCurrent)?.year ?? years[0]?.year ?? null;
  const year = yearParam((await searchParams).year, current);
  const yearRow = years.find((y) => y.year === year);
  if (year === null || !yearRow) {
    return (
      <section>
        <h1 className="text-xl font-bold">预算控制数</h1>
        <p className="mt-3 text-stone-600">请先在“年度”中开启预算年度。</p>
      </section>
    );
  }
  const rows = listControlFigures(db, actor, year);
  const editable = yearRow.status === 'open';
  const total = totalFen(rows.map((r) => r.amount));
  return (
    <div className="space-y-8">
      <section>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-xl font-bold">预算控制数</h1>
            <p className="mt-1 text-sm text-stone-600">
              财政局下达给各部门的一般公共预算（本年）控制数，以万元填写（最多六位小数，精确到分）。部门的一般公共预算本年收入应等于控制数。
            </p>
          </div>
          <form method="get" className="flex items-end gap-2 text-sm" aria-label="选择年度">
            <div>
              <label htmlFor="cf-year" className="block font-medium text-stone-700">
                年度
              </label>
              <Select id="cf-year" name="year" defaultValue={year} className="mt-1 w-auto">
                {years.map((y) => (
                  <option key={y.year} value={y.year}>
                    {y.year}年{y.status === 'closed' ? '（已关闭）' : ''}
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" variant="secondary">
              查看
            </Button>
          </form>
        </div>
        {editable ? null : <p className="mt-3 text-sm text-amber-700">{year} 年度已关闭，控制数不能再修改。</p>}
        <div className="mt-4">
          <ControlFigureGrid
            year={year}
            editable={editable}
            rows={rows.map((r) => ({
              departmentId: r.departmentId,
              departmentCode: r.departmentCode,
              departmentName: r.departmentName,
              active: r.active,
              wan: r.amount === null ? '' : formatWanExact(r.amount),
              budgetGeneral: r.budgetGeneral,
            }))}
          />
        </div>
        <p className="mt-2 text-sm text-stone-600">合计：{formatWan(total)} 万元</p>
      </section>
      {editable ? (
        <section className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="text-lg font-bold">从 xlsx 导入</h2>
          <p className="mt-1 text-sm text-stone-600">
            表头须有“部门编码”和“控制数(万元)”两列；任一行有误（部门编码不存在、金额格式不正确、部门重复）时整个文件不导入。文件中未列出的部门保持不变。
          </p>
          <div className="mt-3">
            <ControlFigureImport year={year} />
          </div>
        </section>
      ) : null}
    </div>
  );
}
