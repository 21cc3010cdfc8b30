/**
 * "What changed": for a budget under review (submitted, or later), the latest submission against the one before it;
 * for a budget being revised (draft, returned), the current data against the latest submission. The reviewer sees
 * the first on resubmission, the clerk the second while revising.
 *
 * A budget reopened after publication is compared with what the public sees instead: its current public version
 * against the current data (while revised) or against the revision's latest submission (under review, approved, up
 * to the correction's publication) — the changes a correction will publish.
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
  const publication = snapshotsOf(db, budgetId, 'published').filter((s) => s.supersededBy === null).at(-1);
  if (publication && (revising || (submissions.at(-1)?.id ?? 0) > publication.id)) {
    const target = revising ? null : submissions.at(-1)!;
    const base = parseSnapshotFacts(snapshotById(db, publication.id)!);
    return { base: publication, target, diff: diffFacts(base, target ? parseSnapshotFacts(snapshotById(db, target.id)!) : loadBudgetFacts(db, budgetId)) };
  }
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
