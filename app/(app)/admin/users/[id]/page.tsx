import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { ROLE_LABEL } from '@/lib/auth/authorize';
import { listDepartmentsWithUnits } from '@/lib/admin/departments';
import { getUser } from '@/lib/admin/users';
import { requireAdmin } from '../../_lib/guard';
import { EditUserForm, ResetPasswordForm, UserActiveForm } from '../UserForms';

export const metadata: Metadata = { title: '用户' };

export default async function UserPage({
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
  const db = getDb();
  const user = getUser(db, actor, Number(id));
  if (!user) notFound();
  const departments = listDepartmentsWithUnits(db, actor)
    .filter((d) => d.active || d.id === user.departmentId)
    .map((d) => ({ id: d.id, code: d.code, name: d.name }));
  const self = user.id === actor.userId;
  return (
    <div className="space-y-8">
      <div>
        <Link href="/admin/users" className="text-sm text-brand hover:underline">
          ← 用户
        </Link>
        <h1 className="mt-2 text-xl font-bold">
          {user.displayName}（<span className="font-mono">{user.username}</span>）
          {user.active ? null : <span className="ml-2 rounded bg-stone-200 px-1.5 py-0.5 text-xs text-stone-600">已停用</span>}
        </h1>
        <p className="mt-1 text-sm text-stone-600">
          {ROLE_LABEL[user.role]}
          {user.departmentName ? ` · ${user.departmentCode} ${user.departmentName}` : ''}
          {user.mustChangePassword ? ' · 下次登录须修改密码' : ''}
        </p>
        {created ? (
          <p role="status" className="mt-2 rounded bg-green-50 px-3 py-2 text-sm text-green-800">
            已新增用户 {user.username}。
          </p>
        ) : null}
      </div>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">角色与部门</h2>
        <div className="mt-3">
          <EditUserForm user={user} departments={departments} />
        </div>
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">重置密码</h2>
        {self ? (
          <p className="mt-1 text-sm text-stone-600">
            修改自己的密码请使用
            <Link href="/account/password" className="text-brand underline">
              修改密码
            </Link>
            。
          </p>
        ) : (
          <>
            <p className="mt-1 text-sm text-stone-600">设置一个临时密码；该用户已登录的会话立即失效，下次登录时须修改密码。</p>
            <div className="mt-3">
              <ResetPasswordForm userId={user.id} />
            </div>
          </>
        )}
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">{user.active ? '停用用户' : '启用用户'}</h2>
        <p className="mt-1 text-sm text-stone-600">
          {user.active ? '停用立即生效：该用户已登录的会话失效，且不能再登录。' : '启用后该用户可以重新登录。'}
        </p>
        {self ? (
          <p className="mt-3 text-sm text-stone-500">不能停用自己的账号。</p>
        ) : (
          <div className="mt-3">
            <UserActiveForm userId={user.id} active={user.active} username={user.username} />
          </div>
        )}
      </section>
    </div>
  );
}
