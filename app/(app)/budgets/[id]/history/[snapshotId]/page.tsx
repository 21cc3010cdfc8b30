import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { getBudgetSummary } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { buildDocument } from '@/lib/disclosure/document';
import { loadRegionTexts } from '@/lib/region/texts';
import { formatDateTime, readSnapshot } from '@/lib/review/history';
import { budgetPath, publicPath, snapshotHref } from '@/lib/routes';
import { parseSnapshotDocument, parseSnapshotFacts, SNAPSHOT_KIND_LABEL, verifySnapshot } from '@/lib/publish/snapshots';
import { DisclosureDocument } from '@/components/DisclosureDocument';

export const metadata: Metadata = { title: '历史版本' };

const PART_LABEL = { facts: '数据', document: '公开文本', pdf: 'PDF', xlsx: 'Excel 工作簿' } as const;

/** One frozen version, rendered as it was: a published one from its frozen document, others from their facts. */
export default async function SnapshotPage({ params }: { params: Promise<{ id: string; snapshotId: string }> }) {
  const actor = await requireActor();
  const p = await params;
  const id = parseId(p.id);
  if (id === null) notFound();
  const db = getDb();
  let budget;
  try {
    // the budget first, as the budget frame (layout) does: a reader of another department is refused whatever follows
    budget = getBudgetSummary(db, actor, id);
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  }
  const snapshotId = parseId(p.snapshotId);
  if (snapshotId === null) notFound();
  const s = readSnapshot(db, actor, id, snapshotId);
  if (!s) notFound();
  const facts = parseSnapshotFacts(s);
  const doc = parseSnapshotDocument(s) ?? buildDocument(facts, loadRegionTexts(db));
  const checks = verifySnapshot(s);
  return (
    <div>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">
          {budget.departmentName} {budget.year}年部门预算 · 第 {s.budgetVersion} 版（{SNAPSHOT_KIND_LABEL[s.kind]}）
        </h1>
        <Link href={budgetPath(id, 'history')} className="text-sm text-brand underline">
          返回修改历史
        </Link>
      </div>
      <div className="mt-3 rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="snapshot-meta">
        <p>
          冻结时间：{formatDateTime(s.createdAt)}
          {s.note ? `；更正说明：${s.note}` : ''}
          {s.supersededBy ? (
            <>
              {'；'}
              <Link href={snapshotHref(id, s.supersededBy)} className="text-amber-800 underline">
                已被更正版本取代
              </Link>
            </>
          ) : null}
        </p>
        <ul className="mt-2 space-y-0.5">
          {checks.map((c) => (
            <li key={c.part} className="break-all">
              {PART_LABEL[c.part]} SHA-256：<span className="font-mono text-xs">{c.stored}</span>{' '}
              {c.ok ? <span className="text-green-700">校验一致</span> : <span className="text-red-700">校验不一致</span>}
            </li>
          ))}
        </ul>
        {s.kind === 'published' ? (
          <p className="mt-2">
            <Link href={publicPath(s.id)} className="text-brand underline">
              查看公开页面
            </Link>
          </p>
        ) : null}
      </div>
      <div className="mt-6 rounded-lg border border-stone-200 bg-white p-6">
        <DisclosureDocument doc={doc} forms={facts.forms} regionName={facts.department.regionName} />
      </div>
    </div>
  );
}
