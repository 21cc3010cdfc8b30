/**
 * The append-only audit log. Every write that changes figures or people records who, when, what and (for
 * field edits) old → new, in the same transaction as the change itself.
 */
import 'server-only';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';

/** A drizzle transaction or the database itself (better-sqlite3 transactions are synchronous: never await inside). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/**
 * Every action the log records, in one list: a writer may record only these, and every label map over them (the
 * history's, lib/review/history.ts) is a `Record<AuditAction, string>`, so a new action without a label does not
 * compile. Stored rows keep their string; readers fall back to it for anything older than this list.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the list exists for its type
const AUDIT_ACTIONS = [
  // the clerk's figures and texts
  'line.create',
  'line.update',
  'line.delete',
  'line.duplicate',
  'lines.import',
  'project.create',
  'project.update',
  'project.delete',
  'projectItem.create',
  'projectItem.update',
  'projectItem.delete',
  'income.update',
  'prior.update',
  'text.update',
  'assets.update',
  'form.create',
  'form.update',
  'explanation.save',
  // review
  'comment.add',
  'comment.reply',
  'comment.resolve',
  // the workflow: `budget.` + each WorkflowAction (lib/workflow/transitions.ts)
  'budget.submit',
  'budget.withdraw',
  'budget.return',
  'budget.approve',
  'budget.publish',
  'budget.correct',
  'budget.reopen',
  // administration
  'year.open',
  'year.close',
  'year.reopen',
  'year.set_current',
  'year.deadline',
  'department.create',
  'department.update',
  'department.deactivate',
  'department.reactivate',
  'unit.create',
  'unit.update',
  'unit.deactivate',
  'unit.reactivate',
  'user.create',
  'user.update',
  'user.deactivate',
  'user.reactivate',
  'user.reset_password',
  'user.change_password',
  'codebook.import',
  'codebook.mapping',
  'control_figure.set',
  'region_text.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

interface AuditEntry {
  budgetId?: number | null;
  userId: number | null;
  action: AuditAction;
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
