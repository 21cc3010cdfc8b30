import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { ROLE_LABEL } from '@/lib/auth/authorize';
import { listDepartments, listUsers } from '@/lib/org/queries';

export const metadata: Metadata = { title: '系统管理' };

export default async function AdminPage() {
  const actor = await requireActor();
  if (actor.role !== 'admin') forbidden();
  const db = getDb();
  const departments = listDepartments(db, actor);
  const users = listUsers(db, actor);
  return (
    <div className="space-y-8">
      <section>
        <h1 id="departments-heading" className="text-xl font-bold">
          部门
        </h1>
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
                <td className="p-2">{d.name}</td>
                <td className="p-2">{d.regionName}</td>
                <td className="p-2">{d.unitCount}</td>
                <td className="p-2">{d.active ? '启用' : '停用'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 id="users-heading" className="text-xl font-bold">
          用户
        </h2>
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
              <tr key={u.id} className="border-b border-stone-100">
                <td className="p-2 font-mono">{u.username}</td>
                <td className="p-2">{u.displayName}</td>
                <td className="p-2">{ROLE_LABEL[u.role]}</td>
                <td className="p-2">{u.departmentName ?? '—'}</td>
                <td className="p-2">{u.active ? '启用' : '停用'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
