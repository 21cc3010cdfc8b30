import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listPublished, publishedYears } from '@/lib/publish/public';

export const metadata: Metadata = { title: '部门预算公开' };
export const dynamic = 'force-dynamic';

const date = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'Asia/Shanghai' });

/** Index of published disclosures by year and department (current and superseded versions). */
export default async function PublicIndex({ searchParams }: { searchParams: Promise<{ year?: string | string[] }> }) {
  const db = getDb();
  const years = publishedYears(db);
  const raw = (await searchParams).year;
  const asked = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : null;
  const year = asked !== null && years.includes(asked) ? asked : (years[0] ?? null);
  const entries = year === null ? [] : listPublished(db, { year });
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
            <table className="w-full min-w-[36rem] border-collapse bg-white text-sm">
              <caption className="sr-only">{year}年已公开的部门预算</caption>
              <thead>
                <tr className="border-b border-stone-300 text-left">
                  <th scope="col" className="p-2">部门编码</th>
                  <th scope="col" className="p-2">部门</th>
                  <th scope="col" className="p-2">公开日期</th>
                  <th scope="col" className="p-2">版本</th>
                  <th scope="col" className="p-2">下载</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.snapshotId} className="border-b border-stone-100" data-testid="public-entry">
                    <td className="p-2 font-mono">{e.departmentCode}</td>
                    <th scope="row" className="p-2 text-left font-normal">
                      <Link href={`/public/${e.snapshotId}`} className="text-brand underline">
                        {e.departmentName}
                      </Link>
                    </th>
                    <td className="p-2 whitespace-nowrap">{date.format(e.publishedAt)}</td>
                    <td className="p-2">
                      {e.isCorrection ? '更正版' : '首次公开'}
                      {e.supersededBy ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">已被更正版本取代</span> : null}
                    </td>
                    <td className="p-2 whitespace-nowrap">
                      <a href={`/public/${e.snapshotId}/pdf`} className="text-brand underline">
                        PDF
                      </a>
                      {' · '}
                      <a href={`/public/${e.snapshotId}/xlsx`} className="text-brand underline">
                        Excel
                      </a>
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
