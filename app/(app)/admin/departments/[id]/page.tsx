import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getDepartment } from '@/lib/admin/departments';
import { requireAdmin } from '../../_lib/guard';
import { CreateUnitForm, DepartmentActiveForm, EditDepartmentForm, UnitRow } from '../DepartmentForms';

export const metadata: Metadata = { title: '部门' };

export default async function DepartmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const actor = await requireAdmin();
  const { id } = await params;
  const { created } = await searchParams;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const dept = getDepartment(getDb(), actor, Number(id));
  if (!dept) notFound();
  return (
    <div className="space-y-8">
      <div>
        <Link href="/admin/departments" className="text-sm text-brand hover:underline">
          ← 部门与单位
        </Link>
        <h1 className="mt-2 text-xl font-bold">
          {dept.code} {dept.name}
          {dept.active ? null : <span className="ml-2 rounded bg-stone-200 px-1.5 py-0.5 text-xs text-stone-600">已停用</span>}
        </h1>
        {created ? (
          <p role="status" className="mt-2 rounded bg-green-50 px-3 py-2 text-sm text-green-800">
            已新增部门“{dept.name}”，请为其添加预算单位。
          </p>
        ) : null}
      </div>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">部门信息</h2>
        <div className="mt-3">
          <EditDepartmentForm department={dept} />
        </div>
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="units-heading" className="text-lg font-bold">
          预算单位
        </h2>
        <p className="mt-1 text-sm text-stone-600">单位类型决定经济分类的对应关系和机关运行经费的口径（行政、参公单位计入机关运行经费）。</p>
        <table aria-labelledby="units-heading" className="mt-3 w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th scope="col" className="p-2">单位名称与类型</th>
              <th scope="col" className="w-20 p-2">状态</th>
              <th scope="col" className="w-28 p-2">操作</th>
            </tr>
          </thead>
          <tbody>
            {dept.units.map((u) => (
              <UnitRow key={u.id} unit={u} />
            ))}
            {dept.units.length === 0 ? (
              <tr>
                <td colSpan={3} className="p-3 text-stone-500">
                  尚无预算单位
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {dept.active ? (
          <div className="mt-4 border-t border-stone-200 pt-4">
            <h3 className="font-medium">新增单位</h3>
            <div className="mt-2">
              <CreateUnitForm departmentId={dept.id} />
            </div>
          </div>
        ) : null}
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">{dept.active ? '停用部门' : '启用部门'}</h2>
        <p className="mt-1 text-sm text-stone-600">
          {dept.active
            ? `停用后，新开启的年度不再为该部门建立预算，也不能为其新建用户；已有数据保留。该部门现有 ${dept.activeUserCount} 名启用的用户，须先停用或调整。`
            : '重新启用后，会为当前及以后已开启的年度补建该部门的预算。'}
        </p>
        <div className="mt-3">
          <DepartmentActiveForm id={dept.id} active={dept.active} name={dept.name} />
        </div>
      </section>
    </div>
  );
}
