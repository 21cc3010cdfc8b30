import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { forbidden, notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { readBudgetFacts } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { buildDocument, tableAnchor } from '@/lib/disclosure/document';
import { loadRegionTexts } from '@/lib/region/texts';
import { reviewChanges } from '@/lib/review/changes';
import { formatDateTime } from '@/lib/review/history';
import { PANEL_ERRORS_SHOWN } from '@/lib/review/panel';
import { findingHref } from '@/lib/routes';
import { SNAPSHOT_KIND_LABEL } from '@/lib/publish/snapshots';
import { FindingsPanel } from '@/components/FindingsPanel';
import { DisclosureDocument } from '@/components/DisclosureDocument';
import { WorkflowPanel } from '@/components/WorkflowPanel';
import { CommentThread } from '@/components/CommentThread';
import { DiffView } from '@/components/DiffView';
import { CommentablePreview } from '@/components/CommentablePreview';
import { changedCellsCss, commentedRowsCss } from '@/lib/review/previewMarks';
import { reviewData } from './panel-data';

export const metadata: Metadata = { title: '审核' };

/** Changed lines listed in the diff; the table cells it marks aggregate every line, so they stay complete. */
const DIFF_LINES_SHOWN = 200;

/**
 * The review page: the workflow (return with a reason, approve), the findings and the clerk's explanations of the
 * warnings, what changed since the previous submission (also marked in the preview), the comments anchored to
 * rows, lines, projects and indicators, and the disclosure as it would be published.
 */
export default async function ReviewBudgetPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ anchor?: string | string[] }>;
}) {
  const actor = await requireActor();
  const id = parseId((await params).id);
  if (id === null) notFound();
  const { anchor } = await searchParams;
  const db = getDb();
  let data;
  let changes;
  try {
    data = readBudgetFacts(db, actor, id);
    changes = reviewChanges(db, actor, id);
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  }
  const { budget, facts } = data;
  const wantedAnchor = typeof anchor === 'string' ? anchor : undefined;
  const review = reviewData(db, actor, budget, facts, { anchors: true, wantedAnchor });
  const doc = buildDocument(facts, loadRegionTexts(db));
  const warnings = review.findings.filter((f) => f.severity === 'warning');
  const shownWarnings = warnings.slice(0, PANEL_ERRORS_SHOWN);
  const css = [changes ? changedCellsCss(changes.diff.cells) : '', commentedRowsCss(review.threads.filter((t) => !t.resolved).map((t) => t.anchor))]
    .filter(Boolean)
    .join('\n');
  // a whole-budget import after a submission changes every line: list the first ones (each links to its line)
  const diff = changes ? { ...changes.diff, lines: changes.diff.lines.slice(0, DIFF_LINES_SHOWN) } : null;
  // the page's Content-Security-Policy allows a style element only with its nonce (proxy.ts)
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  // a revision of a published budget is compared with the current public version (lib/review/changes.ts)
  const baseName = changes?.base.kind === 'published' ? '现行公开版本' : '上次报送';
  const changeTitle = changes ? `${changes.target ? '本次报送' : '当前数据'}与${baseName}相比的变化` : null;
  const changeSubtitle = changes
    ? `${baseName}：${formatDateTime(changes.base.createdAt)}（版本 ${changes.base.budgetVersion}）${
        changes.target ? `；本次${SNAPSHOT_KIND_LABEL[changes.target.kind]}：${formatDateTime(changes.target.createdAt)}（版本 ${changes.target.budgetVersion}）` : ''
      }。变化的数字在下方预览中以黄色标出。`
    : undefined;

  return (
    <div>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">
          审核：{budget.departmentName} {budget.year}年部门预算
        </h1>
      </div>

      <WorkflowPanel {...review.panel} links={{ ...review.panel.links, review: undefined }} />

      <div className="mt-6">
        <FindingsPanel budgetId={id} findings={review.findings} />
      </div>

      <section aria-label="警告说明" data-testid="explanations" className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
        <h2 className="text-base font-medium">部门对警告的说明（{warnings.length} 条）</h2>
        {warnings.length === 0 ? <p className="mt-2 text-stone-500">没有需要说明的警告。</p> : null}
        <ol className="mt-2 space-y-2">
          {shownWarnings.map((w) => {
            const text = review.explanations.get(w.key);
            return (
              <li key={w.key} className="rounded bg-stone-50 p-2">
                <p>
                  <a href={findingHref(id, w.location)} className="text-amber-900 underline">
                    {w.message}
                  </a>
                </p>
                {text ? (
                  <p className="mt-1 whitespace-pre-wrap">
                    <span className="font-medium">说明：</span>
                    {text}
                  </p>
                ) : (
                  <p className="mt-1 text-red-700">尚未说明</p>
                )}
              </li>
            );
          })}
        </ol>
        {warnings.length > shownWarnings.length ? (
          <p className="mt-2 text-xs text-stone-500">另有 {warnings.length - shownWarnings.length} 条警告未列出，见上方检查结果</p>
        ) : null}
      </section>

      {changes && diff ? (
        <DiffView
          diff={diff}
          linesTotal={changes.diff.lines.length}
          title={changeTitle!}
          subtitle={changeSubtitle}
          budgetId={id}
          tableHref={(no) => `#${tableAnchor(no)}`}
        />
      ) : (
        <section data-testid="diff" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 text-sm text-stone-500">
          首次报送，没有可比较的上一版本。
        </section>
      )}

      <CommentThread
        budgetId={id}
        threads={review.threads}
        canOpen={review.comments.canOpen}
        canReply={review.comments.canReply}
        anchors={review.comments.anchors}
        initialAnchor={wantedAnchor}
        key={wantedAnchor ?? 'none'}
        actions={review.commentActions}
      />

      <section aria-label="公开文本预览" className="mt-6">
        <h2 className="mb-2 text-base font-medium">公开文本预览</h2>
        {css ? <style nonce={nonce} dangerouslySetInnerHTML={{ __html: css }} /> : null}
        <div className="rounded-lg border border-stone-200 bg-white p-6">
          <CommentablePreview enabled={review.comments.canOpen}>
            <DisclosureDocument doc={doc} forms={facts.forms} regionName={facts.department.regionName} />
          </CommentablePreview>
        </div>
      </section>
    </div>
  );
}
