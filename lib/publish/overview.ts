/** The administrator's publication list: every budget of a year with its approval, publication and the 20-day rule. */
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { budgets } from '../../db/schema';
import { offeredWorkflowActions, type Actor } from '../auth/authorize';
import type { WorkflowAction } from '../workflow/transitions';
import { listBudgets, type BudgetSummaryRow } from '../budget/access';
import { calendarDaysBetween } from './public';
import { snapshotsOf, type SnapshotMeta } from './snapshots';

interface PublicationRow extends BudgetSummaryRow {
  approvedAt: number | null;
  /** The current (not superseded) published version. */
  current: SnapshotMeta | null;
  /** The first publication. */
  first: SnapshotMeta | null;
  versions: number;
  /** Calendar days from approval to the first publication, or to `now` while unpublished. */
  days: number | null;
  /** What the actor is offered (公开, or 发布更正 for a published or a re-approved revision of a published budget). */
  offered: WorkflowAction[];
}

/** Reviewers' and administrators' view (listBudgets refuses clerks). */
export function publicationOverview(db: Db, actor: Actor, year: number, now = Date.now()): PublicationRow[] {
  return listBudgets(db, actor, year).map((b) => {
    const approvedAt = db.select({ approvedAt: budgets.approvedAt }).from(budgets).where(eq(budgets.id, b.id)).get()?.approvedAt ?? null;
    const published = snapshotsOf(db, b.id, 'published');
    const current = published.filter((s) => s.supersededBy === null).at(-1) ?? null;
    const first = published[0] ?? null;
    const days = approvedAt !== null ? calendarDaysBetween(approvedAt, first?.createdAt ?? now) : null;
    const offered = offeredWorkflowActions(actor, b, published.length > 0);
    return { ...b, approvedAt, current, first, versions: published.length, days, offered };
  });
}
