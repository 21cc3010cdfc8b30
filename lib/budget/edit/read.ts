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
import { FUND_SOURCE_LABEL, FUND_SOURCES, type BasicLine, type BudgetFacts } from '../../facts';
import { formatYuanExact } from '../../money';
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

/** The columns the grid sorts by (its column ids; `gov` is the derived 政府经济科目). */
const LINE_SORT_COLUMNS = ['unitId', 'functionCode', 'economicCode', 'gov', 'source', 'amount'] as const;
export type LineSortColumn = (typeof LINE_SORT_COLUMNS)[number];
export interface LineSort {
  column: LineSortColumn;
  dir: 'asc' | 'desc';
}

/**
 * The lines page's query: `?page=N`, `?unit=ID` (one unit's lines), `?line=ID` (the page that holds that line),
 * `?q=…` (search), `?sort=COLUMN&dir=asc|desc`. All of it is navigation: nonsense is ignored, never refused.
 */
export interface LinesQuery {
  page?: string | string[];
  unit?: string | string[];
  line?: string | string[];
  q?: string | string[];
  sort?: string | string[];
  dir?: string | string[];
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
  /** The search in effect, trimmed ('' for none; dropped like the unit filter when it would hide `line`). */
  q: string;
  /** The order in effect (null: the budget's own order, the order lines are entered and printed in). */
  sort: LineSort | null;
}

/** What the search and the sort read of a line besides its codes: the names of its unit and codes. */
export interface LineNames {
  units: readonly { id: number; name: string }[];
  functional: Record<string, string>;
  economic: Record<string, string>;
  gov: Record<string, string>;
}

/** The names of a budget's lines as its facts give them. */
export function lineNamesOf(facts: Pick<BudgetFacts, 'units' | 'codes'>): LineNames {
  const economic = Object.fromEntries(Object.entries(facts.codes.deptEconomic).map(([c, e]) => [c, e.name]));
  return { units: facts.units, functional: facts.codes.functional, economic, gov: facts.codes.govEconomic };
}

type SearchableLine = Pick<BasicLine, 'id' | 'unitId' | 'functionCode' | 'economicCode' | 'govEconomicCode' | 'source' | 'amount'>;

const MAX_QUERY = 100;
const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const positive = (v: string | undefined): number | null => (v !== undefined && /^[1-9]\d{0,8}$/.test(v) ? Number(v) : null);

function sortOf(query: LinesQuery): LineSort | null {
  const column = one(query.sort);
  if (!column || !(LINE_SORT_COLUMNS as readonly string[]).includes(column)) return null;
  return { column: column as LineSortColumn, dir: one(query.dir) === 'desc' ? 'desc' : 'asc' };
}

/**
 * Whether a line matches every word of the search: a word of digits is the start of one of its codes (功能, 部门经济,
 * 政府经济: `208` finds 2080101, not 2030801) or of its amount in 元 (`1234` finds 1,234.56); any other word is part of
 * its unit's name, a code's name, its fund source or its amount as written (`1234.56`), case aside.
 */
function matcher(words: string[], names: LineNames): (l: SearchableLine) => boolean {
  const unitName = new Map(names.units.map((u) => [u.id, u.name.toLowerCase()]));
  return (l) => {
    const amount = formatYuanExact(l.amount, { grouping: false });
    const codes = [l.functionCode, l.economicCode, l.govEconomicCode];
    let text: string | null = null;
    return words.every((w) => {
      if (/^\d+$/.test(w)) return codes.some((c) => c.startsWith(w)) || amount.startsWith(w);
      text ??= [
        unitName.get(l.unitId) ?? '',
        names.functional[l.functionCode] ?? '',
        names.economic[l.economicCode] ?? '',
        names.gov[l.govEconomicCode] ?? '',
        FUND_SOURCE_LABEL[l.source],
        amount,
        ...codes,
      ]
        .join('\n')
        .toLowerCase();
      return text.includes(w);
    });
  };
}

function comparator(sort: LineSort, names: LineNames): (a: SearchableLine, b: SearchableLine) => number {
  const unitRank = new Map(names.units.map((u, i) => [u.id, i]));
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const by: Record<LineSortColumn, (a: SearchableLine, b: SearchableLine) => number> = {
    unitId: (a, b) => (unitRank.get(a.unitId) ?? 1e9) - (unitRank.get(b.unitId) ?? 1e9),
    functionCode: (a, b) => text(a.functionCode, b.functionCode),
    economicCode: (a, b) => text(a.economicCode, b.economicCode),
    gov: (a, b) => text(a.govEconomicCode, b.govEconomicCode),
    source: (a, b) => FUND_SOURCES.indexOf(a.source) - FUND_SOURCES.indexOf(b.source),
    amount: (a, b) => a.amount - b.amount,
  };
  const sign = sort.dir === 'desc' ? -1 : 1;
  return (a, b) => sign * by[sort.column](a, b);
}

/**
 * The page of lines to render: the unit filter, the search and the order apply to all the budget's lines (the
 * server holds them; a page only shows its part), lines of equal sort key keep the budget's order. A page number
 * past the end shows the last page; `line` wins over `page` (a link from a finding, a comment or a change lands on
 * the page of its line, leaving a unit filter or a search that would hide it); an unknown line is ignored rather
 * than refused, since the query is only navigation.
 */
export function linesWindow<L extends SearchableLine>(
  all: readonly L[],
  query: LinesQuery,
  names: LineNames,
  pageSize = LINES_PAGE_SIZE,
): LinesWindow<L> {
  let unitId = positive(one(query.unit));
  let q = (one(query.q) ?? '').trim().slice(0, MAX_QUERY);
  const sort = sortOf(query);
  const lineId = positive(one(query.line));
  const target = lineId === null ? undefined : all.find((l) => l.id === lineId);
  if (target && unitId !== null && target.unitId !== unitId) unitId = null;
  const words = () => q.toLowerCase().split(/\s+/).filter(Boolean);
  if (target && q && !matcher(words(), names)(target)) q = '';
  let matching: readonly L[] = unitId === null ? all : all.filter((l) => l.unitId === unitId);
  if (q) matching = matching.filter(matcher(words(), names));
  if (sort) {
    const cmp = comparator(sort, names);
    const index = new Map(matching.map((l, i) => [l, i]));
    matching = [...matching].sort((a, b) => cmp(a, b) || index.get(a)! - index.get(b)!);
  }
  const pageCount = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = target
    ? Math.floor(matching.indexOf(target) / pageSize) + 1
    : Math.min(pageCount, positive(one(query.page)) ?? 1);
  const offset = (page - 1) * pageSize;
  return { lines: matching.slice(offset, offset + pageSize), page, pageCount, pageSize, offset, matching: matching.length, unitId, q, sort };
}
