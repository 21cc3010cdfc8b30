import Link from 'next/link';
import { ROLE_LABEL } from '@/lib/auth/authorize';
import type { UserRow } from '@/lib/admin/users';

/** The people, each linked to their page: the administration home and the users page show the same table. */
export function UsersTable({ users, selfId, labelledBy }: { users: readonly UserRow[]; selfId: number; labelledBy: string }) {
  return (
    <table aria-labelledby={labelledBy} className="mt-3 w-full border-collapse bg-white text-sm">
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
              {u.id === selfId ? <span className="ml-1 text-xs text-stone-500">（本人）</span> : null}
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
  );
}
