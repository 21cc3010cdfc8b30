import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { readBudgetFacts } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { readableChange } from '@/lib/review/auditText';
import {
  actionLabel,
  administrationNames,
  budgetAdminChanges,
  budgetHistory,
  budgetSnapshots,
  formatDateTime,
  historyQuery,
  parseHistoryFilter,
} from '@/lib/review/history';
import { budgetPath, historyExportHref, snapshotHref } from '@/lib/routes';
import { SNAPSHOT_KIND_LABEL } from '@/lib/publish/snapshots';
import { AuditTable } from '@/components/AuditTable';
import { HistoryLog } from '@/components/HistoryLog';

export const metadata: Metadata = { title: '修改历史' };

type Search = Record<string, string | string[] | undefined>;

/**
 * Every change to the budget (from the audit log, in the words of the page where it was made; filtered, paged and
 * exported to xlsx), the administrative changes that affect it, and every frozen version.
 */
export default async function HistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const id = parseId((await params).id);
  if (id === null) notFound();
  const filter = parseHistoryFilter(await searchParams);
  const db = getDb();
  let data;
  try {
    data = readBudgetFacts(db, actor, id);
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  }
  const { budget, facts } = data;
  const history = budgetHistory(db, actor, id, filter)!;
  const versions = budgetSnapshots(db, actor, id)!;
  const names = { facts, ...administrationNames(db) };
  const changes = history.rows.map((r) => readableChange(r, names));
  const adminChanges = budgetAdminChanges(db, actor, id)!.map((r) => readableChange(r, names));
  const path = budgetPath(id, 'history');
  return (
    <div>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">
          修改历史：{budget.departmentName} {budget.year}年部门预算
        </h1>
        <Link href={budgetPath(id)} className="text-sm text-brand underline">
          返回概览
        </Link>
      </div>

      <section aria-label="版本" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 text-sm">
        <h2 className="text-base font-medium">报送、批复与公开版本（{versions.length}）</h2>
        {versions.length === 0 ? <p className="mt-2 text-stone-500">尚无版本。报送、批复和公开时各自冻结一个版本。</p> : null}
        <div className="overflow-x-auto">
          <table className="mt-2 w-full border-collapse" data-testid="versions">
            <thead>
              <tr className="border-b border-stone-300 text-left">
                <th scope="col" className="p-2">版本</th>
                <th scope="col" className="p-2">类型</th>
                <th scope="col" className="p-2">时间</th>
                <th scope="col" className="p-2">操作人</th>
                <th scope="col" className="p-2">数据 SHA-256</th>
                <th scope="col" className="p-2">说明</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} className="border-b border-stone-100">
                  <td className="p-2">
                    <Link href={snapshotHref(id, v.id)} className="text-brand underline">
                      第 {v.budgetVersion} 版
                    </Link>
                  </td>
                  <td className="p-2">{SNAPSHOT_KIND_LABEL[v.kind]}</td>
                  <td className="p-2 whitespace-nowrap">{formatDateTime(v.createdAt)}</td>
                  <td className="p-2">{v.createdByName ?? '—'}</td>
                  <td className="p-2 font-mono text-xs break-all">{v.factsSha256}</td>
                  <td className="p-2">
                    {v.note ?? ''}
                    {v.supersededBy ? <span className="ml-1 text-amber-800">已被更正版本取代</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <HistoryLog
        title="修改记录"
        path={path}
        filter={filter}
        total={history.total}
        page={history.page}
        pageCount={history.pageCount}
        actions={[
          { value: 'budget.*', label: '审核流程' },
          { value: 'comment.*', label: '审核意见' },
          ...history.actions.map((a) => ({ value: a, label: actionLabel(a) })),
        ]}
        users={history.users}
        rows={changes}
        pageHref={(page) => `${path}${historyQuery(filter, page)}`}
        exportHref={historyExportHref(path, historyQuery(filter))}
      />

      <section aria-label="影响本预算的管理操作" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="admin-changes">
        <h2 className="text-base font-medium">影响本预算的管理操作（{adminChanges.length}）</h2>
        <p className="mt-1 text-stone-500">本部门的控制数、部门与单位名称、本年度的科目与经济科目对照、年度开启与关闭、地区固定文本（最近 100 条）。</p>
        {adminChanges.length ? <AuditTable rows={adminChanges} label="影响本预算的管理操作" testId="admin-audit" /> : <p className="mt-2 text-stone-500">没有记录。</p>}
      </section>
    </div>
  );
}
