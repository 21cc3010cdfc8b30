import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { parseId } from '@/lib/budget/params';
import { getPublished, PUBLISH_DEADLINE_DAYS } from '@/lib/publish/public';
import { DisclosureDocument } from '@/components/DisclosureDocument';
import { CorrectionChanges } from '@/components/DiffView';

export const dynamic = 'force-dynamic';

const date = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'Asia/Shanghai' });

export async function generateMetadata({ params }: { params: Promise<{ snapshotId: string }> }): Promise<Metadata> {
  const id = parseId((await params).snapshotId);
  const d = id === null ? null : getPublished(getDb(), id);
  return { title: d ? `${d.departmentName}${d.year}年部门预算公开` : '部门预算公开' };
}

/**
 * One published disclosure exactly as frozen (its stored document), with the publication date, the downloads of
 * the frozen PDF and workbook with their SHA-256, the correction history, and a notice when the first publication
 * came later than 20 days after approval. Only published snapshots: anything else is not found.
 */
export default async function PublicDisclosurePage({ params }: { params: Promise<{ snapshotId: string }> }) {
  const id = parseId((await params).snapshotId);
  if (id === null) notFound();
  const d = getPublished(getDb(), id);
  if (!d) notFound();
  const current = d.versions.find((v) => v.supersededBy === null);
  return (
    <div>
      <div className="no-print rounded-lg border border-stone-200 bg-white p-3 text-sm sm:p-4" data-testid="publication">
        <h1 className="text-lg font-bold sm:text-xl">
          {d.departmentName}
          {d.year}年部门预算
        </h1>
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="text-stone-500">公开日期</dt>
          <dd data-testid="published-at">
            {date.format(d.publishedAt)}
            {d.isCorrection ? '（更正版）' : ''}
          </dd>
          {d.approvedAt !== null ? (
            <>
              <dt className="text-stone-500">批复日期</dt>
              <dd>{date.format(d.approvedAt)}</dd>
            </>
          ) : null}
          {d.note ? (
            <>
              <dt className="text-stone-500">更正说明</dt>
              <dd>{d.note}</dd>
            </>
          ) : null}
        </dl>
        {d.changes ? (
          <CorrectionChanges
            note={d.note}
            replacedAt={date.format(d.changes.replaced.publishedAt)}
            cells={d.changes.cells}
            texts={d.changes.texts}
            forms={d.changes.forms}
          />
        ) : null}
        {d.late ? (
          <p role="note" data-testid="late-warning" className="mt-3 rounded bg-amber-50 px-3 py-2 text-amber-900">
            注意：本预算于{date.format(d.approvedAt!)}批复，{date.format(d.firstPublishedAt)}公开，晚于批复后{PUBLISH_DEADLINE_DAYS}日内公开的要求（批复后第
            {d.daysAfterApproval}日）。
          </p>
        ) : null}
        {d.supersededBy ? (
          <p role="note" data-testid="superseded" className="mt-3 rounded bg-amber-50 px-3 py-2 text-amber-900">
            本版本已被更正版本取代。
            {current ? (
              <Link href={`/public/${current.snapshotId}`} className="ml-1 underline">
                查看现行版本
              </Link>
            ) : null}
          </p>
        ) : null}
        <div className="mt-3 flex flex-wrap gap-3">
          <a href={`/public/${d.snapshotId}/pdf`} className="rounded bg-brand px-3 py-1.5 text-white hover:bg-brand-dark" data-testid="download-pdf">
            下载 PDF
          </a>
          <a href={`/public/${d.snapshotId}/xlsx`} className="rounded border border-stone-300 px-3 py-1.5 hover:bg-stone-100" data-testid="download-xlsx">
            下载 Excel
          </a>
        </div>
        <details className="mt-3">
          <summary className="cursor-pointer text-stone-600">文件校验值（SHA-256）</summary>
          <dl className="mt-1 grid gap-x-3 text-xs sm:grid-cols-[auto_1fr]">
            <dt>PDF</dt>
            <dd className="font-mono break-all" data-testid="pdf-sha256">
              {d.pdfSha256}
            </dd>
            <dt>Excel</dt>
            <dd className="font-mono break-all" data-testid="xlsx-sha256">
              {d.xlsxSha256}
            </dd>
          </dl>
        </details>
        {d.versions.length > 1 ? (
          <div className="mt-3">
            <h2 className="font-medium">全部版本</h2>
            <ol className="mt-1 space-y-0.5">
              {d.versions.map((v) => (
                <li key={v.snapshotId}>
                  {v.snapshotId === d.snapshotId ? (
                    <span className="font-medium">{date.format(v.publishedAt)}（本页）</span>
                  ) : (
                    <Link href={`/public/${v.snapshotId}`} className="text-brand underline">
                      {date.format(v.publishedAt)}
                    </Link>
                  )}{' '}
                  {v.isCorrection ? '更正版' : '首次公开'}
                  {v.note ? `：${v.note}` : ''}
                  {v.supersededBy ? <span className="ml-1 text-amber-800">已被更正版本取代</span> : null}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>
      {/* tables keep their width and scroll inside their own container on narrow screens */}
      <div
        id="document"
        className="public-document mt-4 overflow-hidden rounded-lg border border-stone-200 bg-white p-3 sm:p-6 [&_.disclosure-table_table]:min-w-[40rem]"
      >
        <DisclosureDocument doc={d.document} forms={d.facts.forms} regionName={d.facts.department.regionName} />
      </div>
      <p className="no-print mt-4 text-right text-sm">
        <a href="#content" className="text-brand underline">
          返回顶部
        </a>
      </p>
    </div>
  );
}
