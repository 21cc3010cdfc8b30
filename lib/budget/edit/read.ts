/**
 * What the editing screens read: the facts (through the read authorization), whether the actor may edit and why
 * not, and the row versions every edit must carry.
 */
import 'server-only';
import { storedControlFigure } from '../../admin/controlFigures';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { basicLines, projects } from '../../../db/schema';
import { editRefusal, type Actor } from '../../auth/authorize';
import type { BudgetFacts } from '../../facts';
import { isYearOpen, readBudgetFacts, type BudgetSummaryRow } from '../access';

interface EditView {
  budget: BudgetSummaryRow;
  facts: BudgetFacts;
  /** null when the actor may edit; otherwise the Chinese reason the page shows instead of edit controls. */
  readOnlyReason: string | null;
  /**
   * The row versions of the given lines (the page of lines a grid shows): read on demand, since a budget may hold
   * 20,000 lines and most pages show none.
   */
  lineVersionsOf: (lineIds: readonly number[]) => Record<number, number>;
  projectVersions: Record<number, number>;
  /** 预算控制数 (一般公共预算 this year) handed to the department, if set. */
  controlFigure: number | null;
}

/** Throws ForbiddenError when the actor may not read the budget (pages turn it into 403). */
export function readEditView(db: Db, actor: Actor, budgetId: number): EditView {
  const { budget, facts } = readBudgetFacts(db, actor, budgetId);
  const readOnlyReason = editRefusal(actor, budget, isYearOpen(db, budget.year));
  const lineVersionsOf = (lineIds: readonly number[]) => {
    const out: Record<number, number> = {};
    if (lineIds.length === 0) return out;
    const rows = db
      .select({ id: basicLines.id, v: basicLines.version })
      .from(basicLines)
      .where(and(eq(basicLines.budgetId, budgetId), inArray(basicLines.id, [...lineIds])))
      .all();
    for (const r of rows) out[r.id] = r.v;
    return out;
  };
  const projectVersions: Record<number, number> = {};
  for (const r of db.select({ id: projects.id, v: projects.version }).from(projects).where(eq(projects.budgetId, budgetId)).all())
    projectVersions[r.id] = r.v;
  const controlFigure = storedControlFigure(db, budget.departmentId, budget.year)?.amount ?? null;
  return { budget, facts, readOnlyReason, lineVersionsOf, projectVersions, controlFigure };
}

/**
 * Rows per page of the 基本支出 grid. A page of 200 lines is about 0.3 MB of HTML with its client props, whatever
 * the budget's size (up to MAX_BUDGET_LINES): the page, not the budget, bounds what one open renders and sends.
 * @public for lib/budget/edit/lines.test.ts, which pins the page size
 */
export const LINES_PAGE_SIZE = 200;

/** The lines page's query: `?page=N`, `?unit=ID` (one unit's lines), `?line=ID` (the page that holds that line). */
export interface LinesQuery {
  page?: string | string[];
  unit?: string | string[];
  line?: string | string[];
}

export interface LinesWindow<L> {
  lines: L[];
  /** 1-based. */
  page: number;
  pageCount: number;
  pageSize: number;
  /** Index of the window's first line among the (filtered) lines: row numbers continue across pages. */
  offset: number;
  /** Lines matching the filter (all lines without one). */
  matching: number;
  /** The unit filter in effect (dropped when `line` names a line of another unit, so the line is shown). */
  unitId: number | null;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const positive = (v: string | undefined): number | null => (v !== undefined && /^[1-9]\d{0,8}$/.test(v) ? Number(v) : null);

/**
 * The page of lines to render, in their order. A page number past the end shows the last page; `line` wins over
 * `page` (a link from a finding, a comment or a change lands on the page of its line, leaving a unit filter that would
 * hide it); an unknown line is ignored rather than refused, since the query is only navigation.
 */
export function linesWindow<L extends { id: number; unitId: number }>(
  all: readonly L[],
  query: LinesQuery,
  pageSize = LINES_PAGE_SIZE,
): LinesWindow<L> {
  let unitId = positive(one(query.unit));
  const lineId = positive(one(query.line));
  const target = lineId === null ? undefined : all.find((l) => l.id === lineId);
  if (target && unitId !== null && target.unitId !== unitId) unitId = null;
  const matching = unitId === null ? all : all.filter((l) => l.unitId === unitId);
  const pageCount = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = target
    ? Math.floor(matching.indexOf(target) / pageSize) + 1
    : Math.min(pageCount, positive(one(query.page)) ?? 1);
  const offset = (page - 1) * pageSize;
  return { lines: matching.slice(offset, offset + pageSize), page, pageCount, pageSize, offset, matching: matching.length, unitId };
}
