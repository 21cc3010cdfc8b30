/**
 * Server-side data for the workflow panel and the comment threads (shared by the overview and the review page):
 * findings, explanations, status history and comments, with dates formatted once on the server.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { budgets } from '@/db/schema';
import { ROLE_LABEL, type Actor } from '@/lib/auth/authorize';
import type { BudgetSummaryRow } from '@/lib/budget/access';
import type { BudgetFacts } from '@/lib/facts';
import { findingHref } from '@/components/FindingsPanel';
import type { WorkflowPanelProps } from '@/components/WorkflowPanel';
import type { AnchorChoices, ThreadItem } from '@/components/CommentThread';
import { anchorOptions, ANCHOR_KIND_LABEL, listComments } from '@/lib/review/comments';
import { actionLabel, statusHistory } from '@/lib/review/history';
import { snapshotsOf } from '@/lib/publish/snapshots';
import { checkBudget, type Finding } from '@/lib/rules';
import { availableActions } from '@/lib/workflow/transitions';
import { controlFigureOf, loadExplanations } from '@/lib/workflow/findings';

const dateTime = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
export const formatDateTime = (t: number): string => dateTime.format(t);

/**
 * How many findings and comment places the panels list. A budget may hold 20,000 lines (MAX_BUDGET_LINES) and a code
 * book change can put an error on every one: the panels (client components, their lists are props) show the first
 * ones and the true counts (`counts`), the findings panel and the lines grid show the rest.
 */
export const PANEL_ERRORS_SHOWN = 200;
/** Lines offered as comment places: the one asked for (`?anchor=line:ID`), lines with findings, then in order. */
export const LINE_ANCHORS_SHOWN = 500;

export interface ReviewData {
  panel: WorkflowPanelProps;
  findings: Finding[];
  explanations: Map<string, string>;
  threads: ThreadItem[];
  comments: { canOpen: boolean; canReply: boolean; canResolve: boolean; anchors?: AnchorChoices };
}

/** The comment places, with at most LINE_ANCHORS_SHOWN lines (the select lists every one it is given). */
function boundedAnchors(facts: BudgetFacts, findings: readonly Finding[], wanted?: string): AnchorChoices {
  const all = anchorOptions(facts);
  if (all.line.length <= LINE_ANCHORS_SHOWN) return all;
  const picked = new Set<number>();
  const wantedLine = /^line:(\d{1,12})$/.exec(wanted ?? '')?.[1];
  if (wantedLine) picked.add(Number(wantedLine));
  for (const f of findings) if (picked.size < LINE_ANCHORS_SHOWN && f.location.kind === 'line') picked.add(f.location.lineId);
  for (const l of facts.basicLines) {
    if (picked.size >= LINE_ANCHORS_SHOWN) break;
    picked.add(l.id);
  }
  return { ...all, line: all.line.filter((o) => picked.has(Number(o.value.slice('line:'.length)))) };
}

export function reviewData(
  db: Db,
  actor: Actor,
  budget: BudgetSummaryRow,
  facts: BudgetFacts,
  opts: { anchors?: boolean; wantedAnchor?: string } = {},
): ReviewData {
  const row = db.select({ approvedAt: budgets.approvedAt }).from(budgets).where(eq(budgets.id, budget.id)).get();
  const findings = checkBudget(facts, controlFigureOf(db, budget.departmentId, budget.year));
  const explained = loadExplanations(db, budget.id);
  const explanations = new Map([...explained].map(([k, e]) => [k, e.text]));
  const own = actor.role === 'clerk' && actor.departmentId === budget.departmentId;
  const available = actor.role === 'clerk' && !own ? [] : availableActions(budget.status, actor.role);
  const steps = statusHistory(db, actor, budget.id) ?? [];
  const lastReturn = [...steps].reverse().find((s) => s.action === 'budget.return');
  const published = snapshotsOf(db, budget.id, 'published').filter((s) => s.supersededBy === null).at(-1);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;

  const panel: WorkflowPanelProps = {
    budgetId: budget.id,
    version: budget.version,
    status: budget.status,
    role: actor.role,
    available,
    counts,
    errors: findings
      .filter((f) => f.severity === 'error')
      .slice(0, PANEL_ERRORS_SHOWN)
      .map((f) => ({ key: f.key, message: f.message, href: findingHref(budget.id, f.location) })),
    warnings: findings
      .filter((f) => f.severity === 'warning')
      .map((f) => ({ key: f.key, message: f.message, href: findingHref(budget.id, f.location), explanation: explanations.get(f.key) ?? '' })),
    history: steps.map((s) => ({ id: s.id, label: actionLabel(s.action), by: s.userName, at: formatDateTime(s.createdAt), reason: s.reason })),
    returnReason: budget.status === 'returned' ? (lastReturn?.reason ?? null) : null,
    links: {
      review: actor.role === 'clerk' && !own ? undefined : `/budgets/${budget.id}/review`,
      history: `/budgets/${budget.id}/history`,
      publicPage: published ? `/public/${published.id}` : null,
      adminPublish: actor.role === 'admin' ? '/admin/publish' : undefined,
    },
    approvedAt: row?.approvedAt ? formatDateTime(row.approvedAt) : null,
  };

  const threads: ThreadItem[] = (listComments(db, actor, budget.id, facts) ?? []).map((t) => ({
    id: t.id,
    body: t.body,
    authorName: t.authorName,
    authorRoleLabel: ROLE_LABEL[t.authorRole],
    at: formatDateTime(t.createdAt),
    anchorKind: t.anchor.kind,
    anchorKindLabel: ANCHOR_KIND_LABEL[t.anchor.kind],
    anchorLabel: t.anchorLabel,
    href: t.href,
    resolved: t.resolvedAt === null ? null : { by: t.resolvedByName, at: formatDateTime(t.resolvedAt) },
    replies: t.replies.map((r) => ({
      id: r.id,
      body: r.body,
      authorName: r.authorName,
      authorRoleLabel: ROLE_LABEL[r.authorRole],
      at: formatDateTime(r.createdAt),
    })),
  }));
  const canOpen = actor.role === 'reviewer';
  return {
    panel,
    findings,
    explanations,
    threads,
    comments: {
      canOpen,
      canReply: actor.role === 'reviewer' || own,
      canResolve: actor.role === 'reviewer' || own,
      // only the review page offers places to comment on (computing them builds the tables)
      anchors: canOpen && opts.anchors ? boundedAnchors(facts, findings, opts.wantedAnchor) : undefined,
    },
  };
}
