import 'server-only';
import { sqliteTable, integer, text, blob, index } from 'drizzle-orm/sqlite-core';
import { budgets } from './budget';
import { users } from './org';

/**
 * The machine-wide PDF render queue (lib/pdf/renderJobs.ts). It lives in the database because every server process
 * (cluster workers on one SQLite file) claims from it: a claim is one immediate transaction, so the limits hold
 * across processes. `result` holds the PDF until it is downloaded or expires; `digest` is what a publication's
 * print page must render (lib/pdf/printDigest.ts).
 */
export const renderJobs = sqliteTable(
  'render_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['export', 'publication', 'bulk'] }).notNull(),
    /** Lower is claimed first: publication 0, bulk 1, export 2 (lib/pdf/queue.ts). */
    priority: integer('priority').notNull(),
    budgetId: integer('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    digest: text('digest'),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    /** The server process rendering it (`pid-boot id`) and until when its claim holds unless renewed. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: integer('lease_expires_at'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    result: blob('result', { mode: 'buffer' }),
  },
  (t) => [index('render_jobs_claim_idx').on(t.status, t.priority, t.id), index('render_jobs_user_idx').on(t.requestedBy, t.kind, t.status)],
);

/**
 * The Chromium browsers open machine-wide, one row per server process that holds one (renewed while it renders,
 * removed when it closes the idle browser, ignored once expired): a process without a browser claims a job only
 * while fewer than two other processes hold one.
 */
export const renderBrowsers = sqliteTable('render_browsers', {
  owner: text('owner').primaryKey(),
  expiresAt: integer('expires_at').notNull(),
});
