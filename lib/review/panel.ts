/**
 * What the workflow panel and the comment threads show of one budget (the overview and the review page): the
 * findings and the clerk's explanations, the status history, the comments, and what the actor is offered — each
 * offer asked of lib/auth/authorize.ts, the same predicates the domain's writes ask, so the panel never offers what
 * the write would refuse. Dates are formatted here, once, on the server; the lists are bounded (see below).
 */
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { budgets } from '../../db/schema';
import {
  assertCanReadBudget,
  canAdminister,
  canComment,
  canReplyToComment,
  offeredWorkflowActions,
  ROLE_LABEL,
  type Actor,
  type BudgetStatus,
} from '../auth/authorize';
import type { BudgetSummaryRow } from '../budget/access';
import type { BudgetFacts } from '../facts';
import { snapshotsOf } from '../publish/snapshots';
import { ADMIN_PUBLISH_PATH, budgetPath, findingHref, publicPath } from '../routes';
import { checkBudget, type Finding } from '../rules';
import { controlFigureOf, loadExplanations } from '../workflow/findings';
import type { WorkflowAction } from '../workflow/transitions';
import { anchorOptions, ANCHOR_KIND_LABEL, listComments, type AnchorKind } from './comments';
import { actionLabel, formatDateTime, statusHistory } from './history';

/**
 * How many findings and comment places the panels list. A budget may hold 20,000 lines (MAX_BUDGET_LINES) and a code
 * book change can put an error on every one: the panels (client components, their lists are props) show the first
 * ones and the true counts (`counts`), the findings panel and the lines grid show the rest.
 */
export const PANEL_ERRORS_SHOWN = 200;
/** Lines offered as comment places: the one asked for (`?anchor=line:ID`), lines with findings, then in order. */
const LINE_ANCHORS_SHOWN = 500;

interface PanelFinding {
  key: string;
  message: string;
  href: string;
}

interface PanelWarning extends PanelFinding {
  explanation: string;
}

interface PanelStep {
  id: number;
  label: string;
  by: string | null;
  at: string;
  reason: string | null;
}

/** What the workflow panel shows (components/WorkflowPanel.tsx adds the server actions its buttons call). */
export interface WorkflowPanelData {
  budgetId: number;
  version: number;
  status: BudgetStatus;
  /** The actions the actor is offered in this state (lib/auth/authorize.ts offeredWorkflowActions). */
  available: WorkflowAction[];
  /** Findings by severity, over the whole budget (the lists below are capped). */
  counts: { error: number; warning: number; info: number };
  /** The first PANEL_ERRORS_SHOWN errors. */
  errors: PanelFinding[];
  warnings: PanelWarning[];
  history: PanelStep[];
  /** The reviewer's reason when the budget is returned (or reopened after approval). */
  returnReason: string | null;
  /** The budget has a public version: a re-approved revision is published as a correction. */
  everPublished: boolean;
  links: { review?: string; history: string; publicPage?: string | null; adminPublish?: string };
  /** Approved at (formatted), for the 20-day rule. */
  approvedAt?: string | null;
}

interface CommentItem {
  id: number;
  body: string;
  authorName: string;
  authorRoleLabel: string;
  at: string;
}

export interface ThreadItem extends CommentItem {
  anchorKind: AnchorKind;
  /** The anchor as stored (`table:5:f:2080105`, `line:12` …): what the preview marks. */
  anchor: string;
  anchorKindLabel: string;
  anchorLabel: string | null;
  href: string;
  resolved: { by: string | null; at: string } | null;
  /** The actor may mark it resolved: its reviewer or an administrator (lib/auth/authorize.ts canResolveComment). */
  canResolve: boolean;
  replies: CommentItem[];
}

/** The places a new comment can be anchored to, by kind. */
export type AnchorChoices = Partial<Record<Exclude<AnchorKind, 'budget'>, { value: string; label: string }[]>>;

export interface ReviewPanel {
  workflow: WorkflowPanelData;
  findings: Finding[];
  /** Finding key → the clerk's explanation. */
  explanations: Map<string, string>;
  threads: ThreadItem[];
  comments: { canOpen: boolean; canReply: boolean; anchors?: AnchorChoices };
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

/**
 * The panels of a budget the actor may read (a ForbiddenError otherwise), from the facts the page already loaded.
 * `anchors`: also the places to comment on (only the review page offers them; computing them builds the tables).
 */
export function reviewPanel(
  db: Db,
  actor: Actor,
  budget: BudgetSummaryRow,
  facts: BudgetFacts,
  opts: { anchors?: boolean; wantedAnchor?: string } = {},
): ReviewPanel {
  assertCanReadBudget(actor, budget);
  const row = db.select({ approvedAt: budgets.approvedAt }).from(budgets).where(eq(budgets.id, budget.id)).get();
  const findings = checkBudget(facts, controlFigureOf(db, budget.departmentId, budget.year));
  const explained = loadExplanations(db, budget.id);
  const explanations = new Map([...explained].map(([k, e]) => [k, e.text]));
  const steps = statusHistory(db, actor, budget.id) ?? [];
  // a budget is returned by the reviewer's 退回 or by reopening an approved/published budget: the latest reason counts
  const lastReturn = [...steps].reverse().find((s) => s.action === 'budget.return' || s.action === 'budget.reopen');
  const publications = snapshotsOf(db, budget.id, 'published');
  const published = publications.filter((s) => s.supersededBy === null).at(-1);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;

  const workflow: WorkflowPanelData = {
    budgetId: budget.id,
    version: budget.version,
    status: budget.status,
    available: offeredWorkflowActions(actor, budget, publications.length > 0),
    everPublished: publications.length > 0,
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
      // everyone who reads the budget may open its review page (asserted above)
      review: budgetPath(budget.id, 'review'),
      history: budgetPath(budget.id, 'history'),
      publicPage: published ? publicPath(published.id) : null,
      adminPublish: canAdminister(actor) ? ADMIN_PUBLISH_PATH : undefined,
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
    anchor: t.anchor.kind === 'budget' ? 'budget' : `${t.anchor.kind}:${t.anchor.key}`,
    anchorKindLabel: ANCHOR_KIND_LABEL[t.anchor.kind],
    anchorLabel: t.anchorLabel,
    href: t.href,
    resolved: t.resolvedAt === null ? null : { by: t.resolvedByName, at: formatDateTime(t.resolvedAt) },
    canResolve: t.canResolve,
    replies: t.replies.map((r) => ({
      id: r.id,
      body: r.body,
      authorName: r.authorName,
      authorRoleLabel: ROLE_LABEL[r.authorRole],
      at: formatDateTime(r.createdAt),
    })),
  }));
  const canOpen = canComment(actor);
  return {
    workflow,
    findings,
    explanations,
    threads,
    comments: {
      canOpen,
      canReply: canReplyToComment(actor, budget),
      anchors: canOpen && opts.anchors ? boundedAnchors(facts, findings, opts.wantedAnchor) : undefined,
    },
  };
}
