import 'server-only';
import { sqliteTable, integer, text, blob, index } from 'drizzle-orm/sqlite-core';
import { budgets } from './budget';
import { users } from './org';

/** Reviewer and clerk comments, anchored to a table cell/row, a line, a project or a form indicator. */
export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    budgetId: integer('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    anchorKind: text('anchor_kind', { enum: ['budget', 'table', 'line', 'project', 'indicator'] }).notNull(),
    anchorKey: text('anchor_key').notNull().default(''),
    parentId: integer('parent_id'),
    body: text('body').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => users.id),
  },
  (t) => [index('comments_budget_idx').on(t.budgetId)],
);

/** Append-only: triggers in the migrations refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    budgetId: integer('budget_id'),
    userId: integer('user_id'),
    action: text('action').notNull(), // e.g. line.update, budget.submit, user.deactivate
    entity: text('entity').notNull(), // e.g. basic_line
    entityId: text('entity_id').notNull().default(''),
    field: text('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    reason: text('reason'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('audit_log_budget_idx').on(t.budgetId, t.id)],
);

/** Frozen versions: the facts and the rendered outputs, each with its SHA-256. */
export const snapshots = sqliteTable(
  'snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    budgetId: integer('budget_id')
      .notNull()
      .references(() => budgets.id),
    kind: text('kind', { enum: ['submitted', 'approved', 'published'] }).notNull(),
    budgetVersion: integer('budget_version').notNull(),
    factsJson: text('facts_json').notNull(),
    factsSha256: text('facts_sha256').notNull(),
    documentJson: text('document_json'),
    documentSha256: text('document_sha256'),
    pdf: blob('pdf', { mode: 'buffer' }),
    pdfSha256: text('pdf_sha256'),
    xlsx: blob('xlsx', { mode: 'buffer' }),
    xlsxSha256: text('xlsx_sha256'),
    note: text('note'),
    supersededBy: integer('superseded_by'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('snapshots_budget_idx').on(t.budgetId, t.kind)],
);

/** Long-running exports (bulk zip): state lives here so a page reload can follow it. */
export const exportJobs = sqliteTable('export_jobs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  year: integer('year').notNull(),
  status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
  progress: integer('progress').notNull().default(0),
  total: integer('total').notNull().default(0),
  result: blob('result', { mode: 'buffer' }),
  error: text('error'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
