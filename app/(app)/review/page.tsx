import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { currentYear, listBudgets } from '@/lib/budget/access';
import { StatusBadge } from '@/components/StatusBadge';

export const metadata: Metadata = { title: '审核工作台' };

const dateTime = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' });

export default async function ReviewPage() {
  const actor = await requireActor();
  if (actor.role === 'clerk') forbidden();
  const db = getDb();
  const year = currentYear(db);
  const rows = year === null ? [] : listBudgets(db, actor, year);
  return (
    <section>
      <h1 className="text-xl font-bold">{year}年度部门预算</h1>
      <table className="mt-4 w-full border-collapse bg-white text-sm">
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th scope="col" className="p-2">部门编码</th>
            <th scope="col" className="p-2">部门名称</th>
            <th scope="col" className="p-2">状态</th>
            <th scope="col" className="p-2">版本</th>
            <th scope="col" className="p-2">最后修改</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-stone-100">
              <td className="p-2 font-mono">{r.departmentCode}</td>
              <td className="p-2">
                <Link href={`/budgets/${r.id}`} className="text-brand underline">
                  {r.departmentName}
                </Link>
              </td>
              <td className="p-2">
                <StatusBadge status={r.status} />
              </td>
              <td className="p-2">{r.version}</td>
              <td className="p-2">{dateTime.format(r.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="mt-4 text-stone-500">本年度暂无部门预算。</p> : null}
    </section>
  );
}
