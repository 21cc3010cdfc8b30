import 'server-only';
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { budgets } from './budget';
import { users } from './org';

/**
 * The in-app inbox (lib/notices.ts): one row per recipient of an event — a budget returned or reopened with its
 * reason, a comment, an approval, a publication, a submission waiting for review. `readAt` is set when the recipient
 * reads it. Deadline reminders are not stored: they are derived from the year's 报送截止日期 when the inbox is read.
 */
export const notices = sqliteTable(
  'notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    budgetId: integer('budget_id').references(() => budgets.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['submitted', 'returned', 'reopened', 'approved', 'published', 'commented', 'replied'] }).notNull(),
    message: text('message').notNull(),
    href: text('href').notNull(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [index('notices_user_idx').on(t.userId, t.readAt, t.id)],
);
