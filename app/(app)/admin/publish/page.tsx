import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { currentYear } from '@/lib/budget/access';
import { bulkCandidates, listExportJobs } from '@/lib/publish/bulk';
import { PUBLISH_DEADLINE_DAYS } from '@/lib/publish/public';
import { publicationOverview } from '@/lib/publish/overview';
import { formatDateTime } from '@/lib/review/history';
import { budgetPath, publicPath } from '@/lib/routes';
import { StatusBadge } from '@/components/StatusBadge';
import { requireAdmin, yearParam } from '../_lib/guard';
import { BulkExport } from './BulkExport';
import { PublishControls } from './PublishControls';

export const metadata: Metadata = { title: '公开与批量导出' };

/**
 * The administrator publishes approved budgets (and corrections of published ones) and exports all approved and
 * published disclosures of a year as one zip.
 */
export default async function PublishPage({ searchParams }: { searchParams: Promise<{ year?: string | string[] }> }) {
  const actor = await requireAdmin();
  const db = getDb();
  const year = yearParam((await searchParams).year, currentYear(db));
  if (year === null) return <p className="text-stone-600">尚未设置当前年度。</p>;
  const rows = publicationOverview(db, actor, year);
  const candidates = bulkCandidates(db, year).length;
  const latestJob = listExportJobs(db, actor, 10).find((j) => j.year === year) ?? null;
  return (
    <section>
      <h1 className="text-xl font-bold">{year}年度 公开与批量导出</h1>
      <p className="mt-1 text-sm text-stone-600">
        批复后须在 {PUBLISH_DEADLINE_DAYS} 日内公开（《预算法》第十四条）。公开时生成并冻结 PDF、Excel 工作簿和公开文本，附 SHA-256 校验值。
      </p>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full border-collapse bg-white text-sm" aria-label="部门预算公开">
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th scope="col" className="p-2">部门</th>
              <th scope="col" className="p-2">状态</th>
              <th scope="col" className="p-2">批复时间</th>
              <th scope="col" className="p-2">公开</th>
              <th scope="col" className="p-2">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-stone-100 align-top" data-testid={`publish-${r.departmentCode}`}>
                <th scope="row" className="p-2 text-left font-normal">
                  <span className="font-mono">{r.departmentCode}</span>{' '}
                  <Link href={budgetPath(r.id)} className="text-brand underline">
                    {r.departmentName}
                  </Link>
                </th>
                <td className="p-2 whitespace-nowrap">
                  <StatusBadge status={r.status} />
                </td>
                <td className="p-2 whitespace-nowrap">
                  {r.approvedAt ? formatDateTime(r.approvedAt) : '—'}
                  {r.days !== null && r.days > PUBLISH_DEADLINE_DAYS ? (
                    <span className="ml-1 text-red-700">{r.first ? `批复后第${r.days}日才公开` : `已超过${PUBLISH_DEADLINE_DAYS}日未公开`}</span>
                  ) : null}
                </td>
                <td className="p-2">
                  {r.current ? (
                    <div className="space-y-0.5">
                      <Link href={publicPath(r.current.id)} className="text-brand underline">
                        {formatDateTime(r.current.createdAt)} 公开{r.versions > 1 ? `（第 ${r.versions} 版）` : ''}
                      </Link>
                      <p className="font-mono text-xs break-all text-stone-500" data-testid="published-pdf-sha256">
                        PDF {r.current.pdfSha256}
                      </p>
                    </div>
                  ) : (
                    <span className="text-stone-500">未公开</span>
                  )}
                </td>
                <td className="p-2">
                  <PublishControls budgetId={r.id} version={r.version} offered={r.offered} name={r.departmentName} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <BulkExport key={`${year}-${latestJob?.id ?? 0}`} year={year} candidates={candidates} initialJob={latestJob} />
    </section>
  );
}
