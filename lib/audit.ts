/**
 * The append-only audit log. Every write that changes figures or people records who, when, what and (for
 * field edits) old → new, in the same transaction as the change itself.
 */
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';

/** A drizzle transaction or the database itself (better-sqlite3 transactions are synchronous: never await inside). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface AuditEntry {
  budgetId?: number | null;
  userId: number | null;
  action: string; // e.g. line.update, project.delete, budget.submit, user.deactivate
  entity: string; // e.g. basic_line, project, budget, user
  entityId?: string | number;
  field?: string;
  oldValue?: string | number | null;
  newValue?: string | number | null;
  reason?: string;
}

export function writeAudit(tx: Tx, e: AuditEntry, now = Date.now()): void {
  tx.insert(auditLog)
    .values({
      budgetId: e.budgetId ?? null,
      userId: e.userId,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId === undefined ? '' : String(e.entityId),
      field: e.field ?? null,
      oldValue: e.oldValue === undefined || e.oldValue === null ? null : String(e.oldValue),
      newValue: e.newValue === undefined || e.newValue === null ? null : String(e.newValue),
      reason: e.reason ?? null,
      createdAt: now,
    })
    .run();
}
