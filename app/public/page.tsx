import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listPublished, publishedYears } from '@/lib/publish/public';

export const metadata: Metadata = { title: '部门预算公开' };
export const dynamic = 'force-dynamic';

const date = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'Asia/Shanghai' });

function Downloads({ snapshotId }: { snapshotId: number }) {
  return (
    <>
      <a href={`/public/${snapshotId}/pdf`} className="text-brand underline">
        PDF
      </a>
      {' · '}
      <a href={`/public/${snapshotId}/xlsx`} className="text-brand underline">
        Excel
      </a>
    </>
  );
}

/** Index of published disclosures by year and department (current and superseded versions). */
export default async function PublicIndex({ searchParams }: { searchParams: Promise<{ year?: string | string[] }> }) {
  const db = getDb();
  const years = publishedYears(db);
  const raw = (await searchParams).year;
  const asked = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : null;
  const year = asked !== null && years.includes(asked) ? asked : (years[0] ?? null);
  // per department the version in force first, then the earlier ones (newest first)
  const entries = (year === null ? [] : listPublished(db, { year })).sort(
    (a, b) =>
      a.departmentCode.localeCompare(b.departmentCode) ||
      Number(a.supersededBy !== null) - Number(b.supersededBy !== null) ||
      b.publishedAt - a.publishedAt,
  );
  return (
    <div>
      <h1 className="text-xl font-bold">部门预算公开</h1>
      {years.length === 0 ? (
        <p className="mt-4 text-stone-600">暂无已公开的部门预算。</p>
      ) : (
        <>
          <nav aria-label="年度" className="mt-4 flex flex-wrap gap-2 text-sm">
            {years.map((y) => (
              <Link
                key={y}
                href={`/public?year=${y}`}
                aria-current={y === year ? 'page' : undefined}
                className={`rounded border px-3 py-1 ${y === year ? 'border-brand bg-brand text-white' : 'border-stone-300 bg-white hover:bg-stone-100'}`}
              >
                {y}年
              </Link>
            ))}
          </nav>
          <h2 className="mt-6 text-lg font-medium">{year}年部门预算</h2>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse bg-white text-sm sm:min-w-[36rem]">
              <caption className="sr-only">{year}年已公开的部门预算</caption>
              <thead>
                <tr className="border-b border-stone-300 text-left">
                  <th scope="col" className="hidden p-2 sm:table-cell">部门编码</th>
                  <th scope="col" className="p-2">部门</th>
                  <th scope="col" className="p-2">公开日期</th>
                  <th scope="col" className="p-2">版本</th>
                  <th scope="col" className="hidden p-2 sm:table-cell">下载</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.snapshotId} className="border-b border-stone-100" data-testid="public-entry">
                    <td className="hidden p-2 font-mono sm:table-cell">{e.departmentCode}</td>
                    <th scope="row" className="p-2 text-left font-normal">
                      <Link href={`/public/${e.snapshotId}`} className="text-brand underline">
                        {e.departmentName}
                      </Link>
                      {/* on a phone the downloads sit under the name, in view */}
                      <span className="mt-1 block sm:hidden" data-testid="phone-downloads">
                        <Downloads snapshotId={e.snapshotId} />
                      </span>
                    </th>
                    <td className="p-2 whitespace-nowrap">{date.format(e.publishedAt)}</td>
                    <td className="p-2">
                      {e.supersededBy ? '更正前版本' : e.isCorrection ? '更正版' : '首次公开'}
                      {e.supersededBy ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">已被更正版本取代</span> : null}
                    </td>
                    <td className="hidden p-2 whitespace-nowrap sm:table-cell">
                      <Downloads snapshotId={e.snapshotId} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
