import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { defaultRegionName, listDepartmentsWithUnits } from '@/lib/admin/departments';
import { UNIT_TYPE_LABEL } from '@/lib/facts';
import { requireAdmin } from '../_lib/guard';
import { CreateDepartmentForm } from './DepartmentForms';

export const metadata: Metadata = { title: '部门与单位' };

export default async function DepartmentsPage() {
  const actor = await requireAdmin();
  const db = getDb();
  const departments = listDepartmentsWithUnits(db, actor);
  return (
    <div className="space-y-8">
      <section>
        <h1 id="dept-heading" className="text-xl font-bold">
          部门与单位
        </h1>
        <table aria-labelledby="dept-heading" className="mt-3 w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th scope="col" className="p-2">编码</th>
              <th scope="col" className="p-2">部门名称</th>
              <th scope="col" className="p-2">所属地区</th>
              <th scope="col" className="p-2">预算单位</th>
              <th scope="col" className="p-2">启用的用户</th>
              <th scope="col" className="p-2">状态</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.id} className={`border-b border-stone-100 align-top ${d.active ? '' : 'text-stone-400'}`}>
                <td className="p-2 font-mono">{d.code}</td>
                <td className="p-2">
                  <Link href={`/admin/departments/${d.id}`} className="text-brand hover:underline">
                    {d.name}
                  </Link>
                </td>
                <td className="p-2">{d.regionName}</td>
                <td className="p-2">
                  {d.units.length === 0 ? (
                    <span className="text-amber-700">尚无单位</span>
                  ) : (
                    <ul>
                      {d.units.map((u) => (
                        <li key={u.id} className={u.active ? '' : 'text-stone-400 line-through'}>
                          {u.name}（{UNIT_TYPE_LABEL[u.type]}）
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="p-2">{d.activeUserCount}</td>
                <td className="p-2">{d.active ? '启用' : '停用'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">新增部门</h2>
        <p className="mt-1 text-sm text-stone-600">新部门会在当前年度（及以后已开启的年度）建立一份编制中的部门预算。</p>
        <div className="mt-4">
          <CreateDepartmentForm defaultRegion={defaultRegionName(db, actor)} />
        </div>
      </section>
    </div>
  );
}
