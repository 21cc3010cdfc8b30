import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { listYears } from '@/lib/admin/years';
import { requireAdmin } from '../_lib/guard';
import { OpenYearForm, YearCommands } from './YearForms';

export const metadata: Metadata = { title: '预算年度' };

export default async function YearsPage() {
  const actor = await requireAdmin();
  const years = listYears(getDb(), actor);
  const suggested = years.length > 0 ? Math.max(...years.map((y) => y.year)) + 1 : new Date().getFullYear();
  return (
    <div className="space-y-8">
      <section>
        <h1 id="years-heading" className="text-xl font-bold">
          预算年度
        </h1>
        <p className="mt-1 text-sm text-stone-600">
          当前年度是各部门财务人员编报的年度。关闭的年度不能再修改预算数据。
        </p>
        <table aria-labelledby="years-heading" className="mt-3 w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th scope="col" className="p-2">年度</th>
              <th scope="col" className="p-2">状态</th>
              <th scope="col" className="p-2">部门预算</th>
              <th scope="col" className="p-2">支出功能分类科目</th>
              <th scope="col" className="p-2">操作</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year} className="border-b border-stone-100">
                <th scope="row" className="p-2 text-left font-medium">
                  {y.year}年
                  {y.isCurrent ? (
                    <span className="ml-2 rounded bg-brand/10 px-1.5 py-0.5 text-xs text-brand">当前年度</span>
                  ) : null}
                </th>
                <td className="p-2">{y.status === 'open' ? '编制中' : '已关闭'}</td>
                <td className="p-2">{y.budgetCount} 份</td>
                <td className="p-2">{y.functionalCodeCount} 条</td>
                <td className="p-2">
                  <YearCommands year={y.year} status={y.status} isCurrent={y.isCurrent} deadline={y.submissionDeadline} />
                </td>
              </tr>
            ))}
            {years.length === 0 ? (
              <tr>
                <td colSpan={5} className="p-4 text-center text-stone-500">
                  尚未开启任何年度
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">开启新年度</h2>
        <p className="mt-1 text-sm text-stone-600">
          为每个启用的部门新建该年度的部门预算（编制中）；上一年度的经常性项目（绩效目标表中项目属性为“经常性”）复制为空项目：
          保留名称、单位、资金来源和项目类别，不含明细金额，不作为上年结转，绩效目标表由部门在上年表的基础上填报；部门职责和机构设置一并带入。
          该年度尚未导入的科目从上一年度复制。
        </p>
        <div className="mt-4">
          <OpenYearForm suggestedYear={suggested} />
        </div>
      </section>
    </div>
  );
}
