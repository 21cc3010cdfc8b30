import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { listDepartmentsWithUnits } from '@/lib/admin/departments';
import { listUsers } from '@/lib/admin/users';
import { requireAdmin } from '../_lib/guard';
import { UsersTable } from '../_components/UsersTable';
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
        <UsersTable users={users} selfId={actor.userId} labelledBy="users-heading" />
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
