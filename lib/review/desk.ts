/**
 * The reviewer's desk: every department's budget of a year with the money (收支总计, 一般公共预算 against its 控制数,
 * the change against last year's 收支总计), its status and days since submission, the findings by severity (the rules
 * run per budget: tens of departments take well under a second) and open review comments; searched by code or name,
 * filtered by status and "has errors", sorted by any column; and the county's totals over the rows shown.
 */
import 'server-only';
import { and, count, desc, eq, inArray, isNull, like } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog, budgets, comments, fiscalYears, users } from '../../db/schema';
import type { Actor, BudgetStatus } from '../auth/authorize';
import { listBudgets, type BudgetSummaryRow } from '../budget/access';
import { priorFiguresFrom } from '../disclosure/priorFigures';
import type { Fen } from '../facts';
import { calendarDaysBetween } from '../publish/public';
import type { Severity } from '../rules';
import { checkStoredBudget } from '../workflow/findings';
import { overdueDays } from '../notices';

interface DeskMoney {
  /** 收支总计 (表一). */
  total: Fen;
  /** 一般公共预算本年支出 (表五 合计). */
  general: Fen;
  /** 预算控制数 of 一般公共预算; null when none is set. */
  control: Fen | null;
  /** general − control; null without a control figure. */
  controlDifference: Fen | null;
  /** 上年收支总计 as typed or carried forward; the change is total − prior. */
  priorTotal: Fen;
  change: Fen;
}

interface DeskRow extends BudgetSummaryRow {
  money: DeskMoney;
  counts: Record<Severity, number>;
  openComments: number;
  /** The last workflow step (报送, 退回 …), if any. */
  lastStep: { action: string; at: number; by: string | null } | null;
  /** Calendar days since it was submitted, while it waits for the reviewer (status 已报送). */
  daysWaiting: number | null;
  /** Calendar days past the year's 报送截止日期 while still being prepared (null: not overdue, or no deadline). */
  overdue: number | null;
}

export const DESK_SORTS = ['code', 'name', 'status', 'total', 'general', 'controlDifference', 'change', 'errors', 'warnings', 'comments', 'days'] as const;
type DeskSort = (typeof DESK_SORTS)[number];

export interface DeskFilter {
  status?: BudgetStatus;
  hasErrors?: boolean;
  /** Part of the department's code or name. */
  q?: string;
  sort?: DeskSort;
  desc?: boolean;
}

interface DeskSummary {
  departments: number;
  total: Fen;
  general: Fen;
  /** Σ control figures of the departments that have one. */
  control: Fen;
  priorTotal: Fen;
  counts: Record<Severity, number>;
  openComments: number;
  /** Departments whose 一般公共预算 differs from their control figure. */
  offControl: number;
  /** Departments past the 报送截止日期 without having submitted. */
  overdue: number;
}

const STATUS_ORDER: Record<BudgetStatus, number> = { submitted: 0, returned: 1, draft: 2, approved: 3, published: 4 };

const KEY: Record<DeskSort, (r: DeskRow) => number | string> = {
  code: (r) => r.departmentCode,
  name: (r) => r.departmentName,
  status: (r) => STATUS_ORDER[r.status],
  total: (r) => r.money.total,
  general: (r) => r.money.general,
  controlDifference: (r) => Math.abs(r.money.controlDifference ?? 0),
  change: (r) => r.money.change,
  errors: (r) => r.counts.error,
  warnings: (r) => r.counts.warning,
  comments: (r) => r.openComments,
  days: (r) => r.daysWaiting ?? -(r.overdue ?? 0) - 1,
};

function sortRows(rows: DeskRow[], sort: DeskSort, descending: boolean): DeskRow[] {
  const key = KEY[sort];
  const dir = descending ? -1 : 1;
  return rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === 'string' ? x.localeCompare(String(y), 'zh-CN') : x - Number(y);
    return c * dir || a.departmentCode.localeCompare(b.departmentCode);
  });
}

/** The queue for a year; throws ForbiddenError for clerks (listBudgets). */
export function reviewDesk(db: Db, actor: Actor, year: number, filter: DeskFilter = {}, now = Date.now()): DeskRow[] {
  const q = filter.q?.trim();
  const all = listBudgets(db, actor, year).filter((b) => !q || b.departmentCode.includes(q) || b.departmentName.includes(q));
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
  const deadline = db.select({ d: fiscalYears.submissionDeadline }).from(fiscalYears).where(eq(fiscalYears.year, year)).get()?.d ?? null;
  const rows: DeskRow[] = [];
  for (const b of all) {
    if (filter.status && b.status !== filter.status) continue;
    const { facts, tables, controlFigure: control, counts } = checkStoredBudget(db, b.id);
    if (filter.hasErrors !== undefined && counts.error > 0 !== filter.hasErrors) continue;
    const figures = priorFiguresFrom(tables);
    const last = db
      .select({ action: auditLog.action, at: auditLog.createdAt, by: users.displayName })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.userId))
      .where(and(eq(auditLog.budgetId, b.id), like(auditLog.action, 'budget.%')))
      .orderBy(desc(auditLog.id))
      .limit(1)
      .get();
    rows.push({
      ...b,
      money: {
        total: figures.total,
        general: figures.generalCurrent,
        control,
        controlDifference: control === null ? null : figures.generalCurrent - control,
        priorTotal: facts.prior.total,
        change: figures.total - facts.prior.total,
      },
      counts,
      openComments: open.get(b.id) ?? 0,
      lastStep: last ?? null,
      daysWaiting: b.status === 'submitted' && last?.action === 'budget.submit' ? calendarDaysBetween(last.at, now) : null,
      overdue: overdueDays(deadline, b.status, now),
    });
  }
  return sortRows(rows, filter.sort ?? 'code', filter.desc ?? false);
}

/** The county's line under the desk: sums over the rows shown. */
export function deskSummary(rows: readonly DeskRow[]): DeskSummary {
  const s: DeskSummary = { departments: rows.length, total: 0, general: 0, control: 0, priorTotal: 0, counts: { error: 0, warning: 0, info: 0 }, openComments: 0, offControl: 0, overdue: 0 };
  for (const r of rows) {
    s.total += r.money.total;
    s.general += r.money.general;
    s.control += r.money.control ?? 0;
    s.priorTotal += r.money.priorTotal;
    s.openComments += r.openComments;
    if (r.money.controlDifference) s.offControl += 1;
    if (r.overdue !== null) s.overdue += 1;
    for (const k of ['error', 'warning', 'info'] as const) s.counts[k] += r.counts[k];
  }
  return s;
}

/** The years the desk can show (every opened year with budgets), newest first. */
export function deskYears(db: Db): number[] {
  return db
    .selectDistinct({ year: fiscalYears.year })
    .from(fiscalYears)
    .innerJoin(budgets, eq(budgets.year, fiscalYears.year))
    .orderBy(desc(fiscalYears.year))
    .all()
    .map((r) => r.year);
}
