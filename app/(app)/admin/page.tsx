import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listDepartmentsWithUnits } from '@/lib/admin/departments';
import { listUsers } from '@/lib/admin/users';
import { listYears } from '@/lib/admin/years';
import { requireAdmin } from './_lib/guard';
import { UsersTable } from './_components/UsersTable';

export const metadata: Metadata = { title: '系统管理' };

export default async function AdminPage() {
  const actor = await requireAdmin();
  const db = getDb();
  const years = listYears(db, actor);
  const departments = listDepartmentsWithUnits(db, actor);
  const users = listUsers(db, actor);
  const current = years.find((y) => y.isCurrent);
  const cards = [
    {
      label: '当前年度',
      value: current ? `${current.year}年` : '未设置',
      note: current ? (current.status === 'open' ? '编制中' : '已关闭') : '请在“年度”中设置',
      href: '/admin/years',
    },
    {
      label: '启用的部门',
      value: String(departments.filter((d) => d.active).length),
      note: `共 ${departments.length} 个部门`,
      href: '/admin/departments',
    },
    {
      label: '启用的用户',
      value: String(users.filter((u) => u.active).length),
      note: `共 ${users.length} 个用户`,
      href: '/admin/users',
    },
    {
      label: '支出功能分类',
      value: current ? `${current.functionalCodeCount} 条` : '—',
      note: current ? `${current.year}年科目` : '',
      href: '/admin/codes',
    },
  ];
  return (
    <div className="space-y-8">
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {cards.map((c) => (
          <Link key={c.label} href={c.href} className="rounded-lg border border-stone-200 bg-white p-4 hover:border-brand">
            <dt className="text-sm text-stone-500">{c.label}</dt>
            <dd className="mt-1 text-2xl font-semibold">{c.value}</dd>
            <dd className="mt-1 text-xs text-stone-500">{c.note}</dd>
          </Link>
        ))}
      </dl>
      <section>
        <div className="flex items-baseline justify-between">
          <h1 id="departments-heading" className="text-xl font-bold">
            部门
          </h1>
          <Link href="/admin/departments" className="text-sm text-brand underline">
            管理部门与单位
          </Link>
        </div>
        <table aria-labelledby="departments-heading" className="mt-3 w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th scope="col" className="p-2">编码</th>
              <th scope="col" className="p-2">名称</th>
              <th scope="col" className="p-2">所属地区</th>
              <th scope="col" className="p-2">预算单位数</th>
              <th scope="col" className="p-2">状态</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.id} className="border-b border-stone-100">
                <td className="p-2 font-mono">{d.code}</td>
                <td className="p-2">
                  <Link href={`/admin/departments/${d.id}`} className="hover:text-brand hover:underline">
                    {d.name}
                  </Link>
                </td>
                <td className="p-2">{d.regionName}</td>
                <td className="p-2">{d.units.length}</td>
                <td className="p-2">{d.active ? '启用' : '停用'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <div className="flex items-baseline justify-between">
          <h2 id="users-heading" className="text-xl font-bold">
            用户
          </h2>
          <Link href="/admin/users" className="text-sm text-brand underline">
            管理用户
          </Link>
        </div>
        <UsersTable users={users} selfId={actor.userId} labelledBy="users-heading" />
      </section>
    </div>
  );
}
