/**
 * The reviewer's desk: every department's budget of a year with its status, last change, the findings by severity
 * (the rules run per budget: tens of departments take well under a second) and open review comments; filtered by
 * status and by "has errors".
 */
import 'server-only';
import { and, count, desc, eq, inArray, isNull, like } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog, comments, users } from '../../db/schema';
import type { Actor, BudgetStatus } from '../auth/authorize';
import { listBudgets, type BudgetSummaryRow } from '../budget/access';
import type { Severity } from '../rules';
import { checkStoredBudget } from '../workflow/findings';

interface DeskRow extends BudgetSummaryRow {
  counts: Record<Severity, number>;
  openComments: number;
  /** The last workflow step (报送, 退回 …), if any. */
  lastStep: { action: string; at: number; by: string | null } | null;
}

export interface DeskFilter {
  status?: BudgetStatus;
  hasErrors?: boolean;
}

/** The queue for a year; throws ForbiddenError for clerks (listBudgets). */
export function reviewDesk(db: Db, actor: Actor, year: number, filter: DeskFilter = {}): DeskRow[] {
  const all = listBudgets(db, actor, year);
  const ids = all.map((b) => b.id);
  const open = new Map(
    ids.length
      ? db
          .select({ budgetId: comments.budgetId, n: count() })
          .from(comments)
          .where(and(inArray(comments.budgetId, ids), isNull(comments.parentId), isNull(comments.resolvedAt)))
          .groupBy(comments.budgetId)
          .all()
          .map((r) => [r.budgetId, r.n])
      : [],
  );
  const rows: DeskRow[] = [];
  for (const b of all) {
    if (filter.status && b.status !== filter.status) continue;
    const { counts } = checkStoredBudget(db, b.id);
    if (filter.hasErrors !== undefined && counts.error > 0 !== filter.hasErrors) continue;
    const last = db
      .select({ action: auditLog.action, at: auditLog.createdAt, by: users.displayName })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.userId))
      .where(and(eq(auditLog.budgetId, b.id), like(auditLog.action, 'budget.%')))
      .orderBy(desc(auditLog.id))
      .limit(1)
      .get();
    rows.push({ ...b, counts, openComments: open.get(b.id) ?? 0, lastStep: last ?? null });
  }
  return rows;
}
