import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { ROLE_LABEL } from '@/lib/auth/authorize';
import { listDepartmentsWithUnits } from '@/lib/admin/departments';
import { listUsers } from '@/lib/admin/users';
import { requireAdmin } from '../_lib/guard';
import { CreateUserForm } from './UserForms';

export const metadata: Metadata = { title: '用户' };

export default async function UsersPage() {
  const actor = await requireAdmin();
  const db = getDb();
  const users = listUsers(db, actor);
  const departments = listDepartmentsWithUnits(db, actor)
    .filter((d) => d.active)
    .map((d) => ({ id: d.id, code: d.code, name: d.name }));
  return (
    <div className="space-y-8">
      <section>
        <h1 id="users-heading" className="text-xl font-bold">
          用户
        </h1>
        <table aria-labelledby="users-heading" className="mt-3 w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th scope="col" className="p-2">用户名</th>
              <th scope="col" className="p-2">姓名</th>
              <th scope="col" className="p-2">角色</th>
              <th scope="col" className="p-2">所属部门</th>
              <th scope="col" className="p-2">状态</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className={`border-b border-stone-100 ${u.active ? '' : 'text-stone-400'}`}>
                <td className="p-2 font-mono">
                  <Link href={`/admin/users/${u.id}`} className="text-brand hover:underline">
                    {u.username}
                  </Link>
                  {u.id === actor.userId ? <span className="ml-1 text-xs text-stone-500">（本人）</span> : null}
                </td>
                <td className="p-2">{u.displayName}</td>
                <td className="p-2">{ROLE_LABEL[u.role]}</td>
                <td className="p-2">{u.departmentName ?? '—'}</td>
                <td className="p-2">
                  {u.active ? '启用' : '停用'}
                  {u.active && u.mustChangePassword ? <span className="ml-1 text-xs text-amber-700">（待修改密码）</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">新增用户</h2>
        <div className="mt-4">
          <CreateUserForm departments={departments} />
        </div>
      </section>
    </div>
  );
}
