/**
 * The in-app inbox: who is told what. Workflow steps and comments write a notice for each person concerned inside
 * their own transaction (`notify…`), so a notice exists exactly when its event does:
 * - the department's clerks: returned (with the reason), reopened (with the reason), approved, published, a new
 *   review comment;
 * - the reviewers: a submission waiting for them, a clerk's reply to a comment.
 * Reading is per person (`listNotices`, `unreadNotices`, `markNoticesRead`: one's own notices only). Deadline
 * reminders are derived, not stored: a clerk whose budget is still being prepared sees the year's 报送截止日期 when it
 * is at most DEADLINE_SOON_DAYS away or past.
 */
import 'server-only';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { budgets, departments, fiscalYears, notices, users } from '../db/schema';
import type { Tx } from './audit';
import { isOwnDepartment, type Actor, type BudgetStatus } from './auth/authorize';
import { formatFilledDate } from './disclosure/words';
import { calendarDaysBetween } from './publish/public';
import { ok, type Result } from './result';
import { budgetPath } from './routes';

type NoticeKind = (typeof notices.$inferInsert)['kind'];

/** Notices shown at most (newest first). */
const NOTICES_SHOWN = 100;
/** A deadline this many calendar days away (or fewer) is reminded of. */
const DEADLINE_SOON_DAYS = 3;

interface NoticeView {
  id: number | null;
  kind: NoticeKind | 'deadline';
  message: string;
  href: string;
  at: number;
  read: boolean;
}

function budgetOf(tx: Db | Tx, budgetId: number) {
  return tx
    .select({ id: budgets.id, departmentId: budgets.departmentId, year: budgets.year, name: departments.name })
    .from(budgets)
    .innerJoin(departments, eq(departments.id, budgets.departmentId))
    .where(eq(budgets.id, budgetId))
    .get();
}

function write(tx: Db | Tx, userIds: readonly number[], n: { budgetId: number; kind: NoticeKind; message: string; href: string }, now: number) {
  for (const userId of new Set(userIds)) tx.insert(notices).values({ userId, ...n, createdAt: now }).run();
}

const clerksOf = (tx: Db | Tx, departmentId: number) =>
  tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'clerk'), eq(users.departmentId, departmentId), eq(users.active, true)))
    .all()
    .map((u) => u.id);

const reviewers = (tx: Db | Tx) =>
  tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'reviewer'), eq(users.active, true)))
    .all()
    .map((u) => u.id);

/** A workflow step was written: tell those concerned (inside the step's transaction). */
export function notifyWorkflow(
  tx: Tx,
  step: { action: 'submit' | 'withdraw' | 'return' | 'approve' | 'publish' | 'correct' | 'reopen'; budgetId: number; reason?: string | null },
  now: number,
): void {
  const b = budgetOf(tx, step.budgetId);
  if (!b) return;
  const home = budgetPath(b.id);
  const year = `${b.year}年部门预算`;
  switch (step.action) {
    case 'submit':
      write(tx, reviewers(tx), { budgetId: b.id, kind: 'submitted', message: `${b.name}已报送${year}，等待审核`, href: budgetPath(b.id, 'review') }, now);
      return;
    case 'return':
      write(tx, clerksOf(tx, b.departmentId), { budgetId: b.id, kind: 'returned', message: `${year}已被退回修改：${step.reason ?? ''}`, href: home }, now);
      return;
    case 'reopen':
      write(tx, clerksOf(tx, b.departmentId), { budgetId: b.id, kind: 'reopened', message: `${year}已重新打开修订：${step.reason ?? ''}`, href: home }, now);
      return;
    case 'approve':
      write(tx, clerksOf(tx, b.departmentId), { budgetId: b.id, kind: 'approved', message: `${year}已批复`, href: home }, now);
      return;
    case 'publish':
    case 'correct':
      write(
        tx,
        clerksOf(tx, b.departmentId),
        { budgetId: b.id, kind: 'published', message: `${year}${step.action === 'correct' ? '已发布更正' : '已公开'}`, href: home },
        now,
      );
      return;
    case 'withdraw':
      return;
  }
}

/** A review comment or a reply was written: the department's clerks hear of a comment, its reviewer of a reply. */
export function notifyComment(tx: Tx, c: { budgetId: number; authorId: number; reviewerId: number | null; body: string; reply: boolean }, now: number): void {
  const b = budgetOf(tx, c.budgetId);
  if (!b) return;
  const excerpt = c.body.length > 60 ? `${c.body.slice(0, 60)}…` : c.body;
  const href = budgetPath(b.id, 'review');
  if (!c.reply) {
    write(tx, clerksOf(tx, b.departmentId), { budgetId: b.id, kind: 'commented', message: `财政局对${b.year}年部门预算提出审核意见：${excerpt}`, href }, now);
  } else if (c.reviewerId !== null && c.reviewerId !== c.authorId) {
    write(tx, [c.reviewerId], { budgetId: b.id, kind: 'replied', message: `${b.name}答复了审核意见：${excerpt}`, href }, now);
  }
}

/** The actor's 报送截止日期 reminder: their department's budget of the current year still being prepared, near or past. */
function deadlineNotice(db: Db, actor: Actor, now: number): NoticeView | null {
  if (actor.role !== 'clerk' || actor.departmentId === null) return null;
  const row = db
    .select({ id: budgets.id, year: budgets.year, status: budgets.status, departmentId: budgets.departmentId, deadline: fiscalYears.submissionDeadline })
    .from(budgets)
    .innerJoin(fiscalYears, eq(fiscalYears.year, budgets.year))
    .where(and(eq(budgets.departmentId, actor.departmentId), eq(fiscalYears.isCurrent, true)))
    .get();
  if (!row?.deadline || !isOwnDepartment(actor, row.departmentId) || !PREPARING.includes(row.status)) return null;
  const days = daysUntil(row.deadline, now);
  if (days === null || days > DEADLINE_SOON_DAYS) return null;
  const when = formatFilledDate(row.deadline);
  const message = days < 0 ? `${row.year}年部门预算报送截止日期（${when}）已过 ${-days} 天，请尽快报送` : days === 0 ? `今天（${when}）是${row.year}年部门预算报送截止日期` : `${row.year}年部门预算须在${when}前报送（还有 ${days} 天）`;
  return { id: null, kind: 'deadline', message, href: budgetPath(row.id), at: now, read: false };
}

const PREPARING: readonly BudgetStatus[] = ['draft', 'returned'];

/** Calendar days (China time) from `now` to an ISO date; negative once it is past; null when malformed. */
function daysUntil(isoDate: string, now: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return null;
  const midnightCst = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - 8 * 3600_000;
  return calendarDaysBetween(now, midnightCst);
}

/** The actor's notices, newest first, the deadline reminder (if any) on top. */
export function listNotices(db: Db, actor: Actor, now = Date.now()): NoticeView[] {
  const rows = db
    .select()
    .from(notices)
    .where(eq(notices.userId, actor.userId))
    .orderBy(desc(notices.id))
    .limit(NOTICES_SHOWN)
    .all()
    .map((n): NoticeView => ({ id: n.id, kind: n.kind, message: n.message, href: n.href, at: n.createdAt, read: n.readAt !== null }));
  const deadline = deadlineNotice(db, actor, now);
  return deadline ? [deadline, ...rows] : rows;
}

/** The badge: the actor's unread notices, plus an active deadline reminder. */
export function unreadNotices(db: Db, actor: Actor, now = Date.now()): number {
  const n = db
    .select({ n: count() })
    .from(notices)
    .where(and(eq(notices.userId, actor.userId), isNull(notices.readAt)))
    .get()!.n;
  return n + (deadlineNotice(db, actor, now) ? 1 : 0);
}

/** Marks the actor's own notices read (`ids`, or all of them); another person's ids are ignored. */
export function markNoticesRead(db: Db, actor: Actor, input: { ids?: number[] } | Record<string, unknown>, now = Date.now()): Result<{ marked: number }> {
  const raw = (input as { ids?: unknown }).ids;
  const ids = Array.isArray(raw) ? raw.filter((x): x is number => Number.isSafeInteger(x) && x > 0).slice(0, 1000) : null;
  const where = and(eq(notices.userId, actor.userId), isNull(notices.readAt), ids ? inArray(notices.id, ids.length ? ids : [0]) : undefined);
  const r = db.update(notices).set({ readAt: now }).where(where).run();
  return ok({ marked: r.changes });
}

/** For the desk: days a budget still being prepared is past its year's 报送截止日期 (null: not overdue or no deadline). */
export function overdueDays(deadline: string | null, status: BudgetStatus, now: number): number | null {
  if (!deadline || !PREPARING.includes(status)) return null;
  const d = daysUntil(deadline, now);
  return d !== null && d < 0 ? -d : null;
}
