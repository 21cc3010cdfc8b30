/**
 * "What changed since the previous submission": for a budget under review (submitted, or later), the latest
 * submission against the one before it; for a budget being revised (draft, returned), the current data against
 * the latest submission. The reviewer sees the first on resubmission, the clerk the second while revising.
 */
import type { Db } from '../../db/client';
import type { Actor } from '../auth/authorize';
import { getBudgetSummary } from '../budget/access';
import { loadBudgetFacts } from '../budget/load';
import { parseSnapshotFacts, snapshotById, snapshotsOf, type SnapshotMeta } from '../publish/snapshots';
import { diffFacts, type FactsDiff } from './diff';

interface ReviewChanges {
  base: SnapshotMeta;
  /** A submitted snapshot, or null for the current (live) data. */
  target: SnapshotMeta | null;
  diff: FactsDiff;
}

/** Null when there is nothing to compare with (first submission, or never submitted). Throws ForbiddenError. */
export function reviewChanges(db: Db, actor: Actor, budgetId: number): ReviewChanges | null {
  const budget = getBudgetSummary(db, actor, budgetId);
  const submissions = snapshotsOf(db, budgetId, 'submitted');
  const revising = budget.status === 'draft' || budget.status === 'returned';
  if (revising) {
    const base = submissions.at(-1);
    if (!base) return null;
    return { base, target: null, diff: diffFacts(parseSnapshotFacts(snapshotById(db, base.id)!), loadBudgetFacts(db, budgetId)) };
  }
  if (submissions.length < 2) return null;
  const [base, target] = submissions.slice(-2);
  return {
    base,
    target,
    diff: diffFacts(parseSnapshotFacts(snapshotById(db, base.id)!), parseSnapshotFacts(snapshotById(db, target.id)!)),
  };
}
