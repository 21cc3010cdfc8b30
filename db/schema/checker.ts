import 'server-only';
import { sqliteTable, integer, text, blob, index } from 'drizzle-orm/sqlite-core';
import { users } from './org';

/**
 * The queue of uploaded disclosures to check (lib/checker/jobs.ts): one row per uploaded file. It lives in the
 * database because every server process claims from it (a claim is one statement, so the machine-wide bound on
 * running checks holds across processes). `file` keeps the upload for a re-check with the other profile until the
 * row expires; `result` is the report as JSON (lib/checker/jobs.ts `CheckJobResult`).
 */
export const checkJobs = sqliteTable(
  'check_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    /** The profile asked for (a re-check), or null: chosen by the reader. */
    profile: text('profile', { enum: ['shanxi-13', 'shanghai-9'] }),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    /** The server process checking it (`pid-boot id`). */
    leaseOwner: text('lease_owner'),
    error: text('error'),
    file: blob('file', { mode: 'buffer' }),
    result: text('result'),
  },
  (t) => [index('check_jobs_claim_idx').on(t.status, t.id), index('check_jobs_user_idx').on(t.requestedBy, t.id)],
);
