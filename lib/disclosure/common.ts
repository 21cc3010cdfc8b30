/** Small builders shared by the table modules: the frame, cells, headers, and the 功能 类/款/项 hierarchy. */
import type { BudgetFacts, Fen, Project, Unit } from '../facts';
import { formatWanCell } from '../money';
import { pick, type Aggregates, type Selector } from './aggregate';
import {
  EMPTY_TABLE_NOTE,
  TABLE_UNIT_LINE,
  type AmountCell,
  type Cell,
  type ColumnSpec,
  type DisclosureTable,
  type HeaderCell,
  type RowLevel,
  type TableNo,
  type TableRow,
  type TextCell,
} from './types';

/** Titles as in the reference's 目录, without the leading year. */
const TABLE_TITLES: Record<TableNo, string> = {
  1: '预算收支总表',
  2: '预算收入总表',
  3: '预算支出总表',
  4: '财政拨款收支总表',
  5: '一般公共预算支出预算表（不含上年结转）',
  6: '一般公共预算安排基本支出分经济科目表（不含上年结转）',
  7: '政府性基金预算收入表（不含上年结转）',
  8: '政府性基金预算支出表（不含上年结转）',
  9: '国有资本经营预算收支预算表（不含上年结转）',
  10: '财政拨款安排“三公”经费支出预算表',
  11: '财政拨款安排机关运行经费预算表',
  12: '项目支出预算表（本年预算）',
  13: '项目支出预算表（上年结转）',
};

export const text = (t: string): TextCell => ({ kind: 'text', text: t });
export const amount = (fen: Fen): AmountCell => ({ kind: 'amount', amount: fen, display: formatWanCell(fen) });
export const amounts = (fens: readonly Fen[]): AmountCell[] => fens.map(amount);
/** No figure belongs here (e.g. the empty half of a side-by-side row). */
export const blank = (): TextCell => text('');
export const blanks = (n: number): TextCell[] => Array.from({ length: n }, blank);

export const h = (t: string, colSpan?: number, rowSpan?: number): HeaderCell => {
  const c: HeaderCell = { text: t };
  if (colSpan && colSpan > 1) c.colSpan = colSpan;
  if (rowSpan && rowSpan > 1) c.rowSpan = rowSpan;
  return c;
};

export const textCol = (key: string, align: 'left' | 'center' = 'left'): ColumnSpec => ({ key, kind: 'text', align });
export const amountCol = (key: string): ColumnSpec => ({ key, kind: 'amount', align: 'right' });

export function row(key: string, level: RowLevel | undefined, cells: Cell[]): TableRow {
  return level === undefined ? { key, cells } : { key, level, cells };
}

/** Assemble a table: the frame from the facts, and the empty note when no cell holds a non-zero amount. */
export function makeTable(
  facts: BudgetFacts,
  no: TableNo,
  parts: { header: HeaderCell[][]; columns: ColumnSpec[]; rows: TableRow[] },
): DisclosureTable {
  for (const r of parts.rows) {
    if (r.cells.length !== parts.columns.length) {
      throw new Error(`表${no} row ${r.key}: ${r.cells.length} cells for ${parts.columns.length} columns`);
    }
  }
  const table: DisclosureTable = {
    no,
    label: `预算公开表${no}`,
    title: `${facts.year}年${TABLE_TITLES[no]}`,
    departmentLine: `部门名称：${facts.department.name}`,
    unitLine: TABLE_UNIT_LINE,
    header: parts.header,
    columns: parts.columns,
    rows: parts.rows,
  };
  const hasData = parts.rows.some((r) => r.cells.some((c) => c.kind === 'amount' && c.amount !== 0));
  if (!hasData) table.emptyNote = EMPTY_TABLE_NOTE;
  return table;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * 功能 类/款/项 hierarchy rows (表二/三/五/八/九): a 合计 row, then each 类 → its 款 → its 项, sorted by code,
 * listing only codes with non-zero money in some column. Sums are exact (分) at every level; each figure is rounded
 * once when displayed. Cells: [科目编码, 科目名称, …one amount per selector].
 * A function code that is not a 7-digit 项 still counts in the 合计 and its 类/款 but gets no 项 row of its own
 * (the rules flag such lines).
 */
export function functionHierarchyRows(
  agg: Aggregates,
  functionalNames: Record<string, string>,
  sels: readonly Selector[],
): TableRow[] {
  const n = sels.length;
  const items = new Map<string, Fen[]>();
  for (const [code, v] of agg.byFunction) items.set(code, sels.map((s) => pick(v, s)));

  const total = new Array<Fen>(n).fill(0);
  const classes = new Map<string, Fen[]>();
  const sections = new Map<string, Fen[]>();
  const add = (m: Map<string, Fen[]>, k: string, v: Fen[]) => {
    let acc = m.get(k);
    if (!acc) m.set(k, (acc = new Array<Fen>(n).fill(0)));
    for (let i = 0; i < n; i++) acc[i] += v[i];
  };
  for (const [code, v] of items) {
    for (let i = 0; i < n; i++) total[i] += v[i];
    add(classes, code.slice(0, 3), v);
    if (code.length >= 5) add(sections, code.slice(0, 5), v);
  }

  const nonZero = (v: Fen[] | undefined) => !!v && v.some((x) => x !== 0);
  const line = (code: string, level: RowLevel, v: Fen[]): TableRow =>
    row(`f:${code}`, level, [text(code), text(functionalNames[code] ?? ''), ...amounts(v)]);

  const rows: TableRow[] = [row('total', 0, [text('合计'), blank(), ...amounts(total)])];
  // group 项 under 款 under 类 with one sort of each level
  const sectionsOf = new Map<string, string[]>();
  for (const k of sections.keys()) {
    const c = k.slice(0, 3);
    const list = sectionsOf.get(c);
    if (list) list.push(k);
    else sectionsOf.set(c, [k]);
  }
  const itemsOf = new Map<string, string[]>();
  for (const k of items.keys()) {
    if (k.length !== 7) continue;
    const s = k.slice(0, 5);
    const list = itemsOf.get(s);
    if (list) list.push(k);
    else itemsOf.set(s, [k]);
  }
  for (const c of [...classes.keys()].sort(byCode)) {
    if (!nonZero(classes.get(c))) continue;
    rows.push(line(c, 1, classes.get(c)!));
    for (const s of (sectionsOf.get(c) ?? []).sort(byCode)) {
      if (!nonZero(sections.get(s))) continue;
      rows.push(line(s, 2, sections.get(s)!));
      for (const i of (itemsOf.get(s) ?? []).sort(byCode)) {
        if (nonZero(items.get(i))) rows.push(line(i, 3, items.get(i)!));
      }
    }
  }
  return rows;
}

/** Header and columns of a 功能 hierarchy table: 科目编码, 科目名称, then the amount columns. */
export const functionColumns = (amountKeys: readonly string[]): ColumnSpec[] => [
  textCol('code'),
  textCol('name'),
  ...amountKeys.map(amountCol),
];

/** Units in display order (sort, then id). */
export const sortedUnits = (units: readonly Unit[]): Unit[] =>
  [...units].sort((a, b) => a.sort - b.sort || a.id - b.id);

/** Projects in display order (sort, then id). */
export const sortedProjects = (projects: readonly Project[]): Project[] =>
  [...projects].sort((a, b) => a.sort - b.sort || a.id - b.id);
