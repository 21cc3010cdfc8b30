/**
 * The arithmetic identities of the tables (docs/domain.md §8), as data: "this figure = the sum of those figures".
 * Within a table (类 = Σ款, 合计 = 基本 + 项目, 合计 = Σ sources, 总计 = 本年 + 上年结转) and across tables
 * (表一 收入总计 = 支出总计 = 表三 合计, 表五 基本 = 表六 合计 …). The table and cross-table rules report the
 * identities that fail exactly (in 分); the 尾差 rule reports those that hold exactly but not between the
 * displayed (rounded) figures.
 *
 * One pass over every table row: linear in the size of the tables.
 */
import { FISCAL_SOURCES, FUND_SOURCES, type Fen, type FundSource } from '../facts';
import { FUNCTION_CLASSES } from '../disclosure/functionClasses';
import type { DisclosureTable, TableNo, TableRow } from '../disclosure/types';
import { amountOf, columnLabel, isAmount, tablesOf, type IndexedTable } from './context';
import { tableName } from './format';
import type { RuleInput } from './types';

interface Relation {
  /** The rule that reports the identity when it fails exactly. */
  ruleId: string;
  /** The figure that should equal the sum of the parts. */
  table: TableNo;
  row: string;
  column: number;
  whole: Fen;
  /** The table and row of the figure, for its label (computed only when a finding is made). */
  source: { table: DisclosureTable; row: TableRow };
  parts: Fen[];
  /** `其下各款之和` */
  partsLabel: string;
  /** Distinguishes two identities of one rule at one cell. */
  discriminator?: string;
}

const HIERARCHY_TABLES: readonly TableNo[] = [2, 3, 5, 6, 8, 9, 11, 12, 13];
const CHILDREN_LABEL: Partial<Record<TableNo, readonly string[]>> = {
  6: ['各类', '各款'],
  11: ['各单位'],
  12: ['各单位', '各项目'],
  13: ['各单位', '各项目'],
};
/** Deepest level of each hierarchy table: rows of that level are leaves. */
const MAX_LEVEL: Partial<Record<TableNo, number>> = { 6: 2, 11: 1, 12: 2, 13: 2 };
const maxLevel = (no: TableNo): number => MAX_LEVEL[no] ?? 3;
const childrenLabel = (no: TableNo, parentLevel: number): string =>
  (CHILDREN_LABEL[no] ?? ['各类', '各款', '各项'])[parentLevel] ?? '下级各行';

/** Label of one figure: `表三「208 社会保障和就业支出」合计`. */
export function cellLabel(t: DisclosureTable, row: TableRow, column: number): string {
  let label: string;
  if (t.no === 1 || t.no === 4) {
    // side-by-side rows: the income half's label for the income column, else the expenditure half's
    const c = row.cells[column === 1 ? 0 : 2];
    label = c && c.kind === 'text' ? c.text.trim() : '';
  } else {
    const parts: string[] = [];
    for (const c of row.cells) if (c.kind === 'text' && c.text.trim() !== '') parts.push(c.text.trim());
    label = parts.join(' ');
  }
  return `${tableName(t.no)}「${label || row.key}」${columnLabel(t, column)}`;
}

/** The row of 表一/表四 that carries the income of the i-th source (the income half shares the 类 rows). */
const incomeRowKey = (source: FundSource): string => `f:${FUNCTION_CLASSES[FUND_SOURCES.indexOf(source)].code}`;

/** `表三「208 社会保障和就业支出」合计`: the label of a relation's figure. */
export const wholeLabel = (r: Relation): string => cellLabel(r.source.table, r.source.row, r.column);

const cache = new WeakMap<RuleInput, Relation[]>();

export function relationsOf(input: RuleInput): Relation[] {
  let r = cache.get(input);
  if (!r) {
    r = buildRelations(input);
    cache.set(input, r);
  }
  return r;
}

function buildRelations(input: RuleInput): Relation[] {
  const out: Relation[] = [];
  const tables = tablesOf(input);
  const malformed = rowsOfMalformedCodes(input);
  for (const t of tables.values()) {
    if (HIERARCHY_TABLES.includes(t.table.no)) hierarchy(t, out, t.table.no === 6 || t.table.no > 9 ? undefined : malformed);
    withinRows(input, t, out);
  }
  const t10 = tables.get(10);
  if (t10) table10(t10, out);
  for (const no of [1, 4] as const) {
    const t = tables.get(no);
    if (t) sideBySide(t, out);
  }
  cross(tables, out);
  return out;
}

/**
 * Rows `f:类` / `f:款` over money entered on a 功能 code that is not a 7-digit 项: such money has no 项 row, so the
 * 类/款 cannot equal the sum of the rows below it. codes.function-not-item-level reports the line itself (an
 * error already); the hierarchy of those rows is not checked again until it is fixed.
 */
function rowsOfMalformedCodes(input: RuleInput): Set<string> {
  const out = new Set<string>();
  const add = (code: string) => {
    if (code.length === 7) return;
    out.add(`f:${code.slice(0, 3)}`);
    if (code.length >= 5) out.add(`f:${code.slice(0, 5)}`);
  };
  for (const l of input.facts.basicLines) add(l.functionCode);
  for (const p of input.facts.projects) for (const i of p.items) add(i.functionCode);
  return out;
}

/** Every row of level L = Σ the rows of level L+1 that follow it until a row of level ≤ L. */
function hierarchy(it: IndexedTable, out: Relation[], skip?: ReadonlySet<string>): void {
  const t = it.table;
  const cols: number[] = [];
  t.columns.forEach((c, i) => {
    if (c.kind !== 'amount') return;
    if (t.no === 9 && c.key === 'income') return; // 表九's income half has no hierarchy
    cols.push(i);
  });
  interface Open {
    row: TableRow;
    level: number;
    children: TableRow[];
  }
  const leaf = maxLevel(t.no);
  const close = (o: Open) => {
    if (o.level >= leaf || skip?.has(o.row.key)) return;
    for (const c of cols) {
      const cell = o.row.cells[c];
      if (!isAmount(cell)) continue;
      out.push({
        ruleId: 'table.hierarchy-sum',
        table: t.no,
        row: o.row.key,
        column: c,
        whole: amountOf(cell),
        source: { table: t, row: o.row },
        parts: o.children.map((ch) => amountOf(ch.cells[c])),
        partsLabel: `其下${childrenLabel(t.no, o.level)}之和`,
      });
    }
  };
  const stack: Open[] = [];
  for (const row of t.rows) {
    if (row.level === undefined) continue;
    while (stack.length && stack[stack.length - 1].level >= row.level) close(stack.pop()!);
    const parent = stack[stack.length - 1];
    // a row that skips a level (项 directly under 类) is nobody's child: its ancestor's sum then fails
    if (parent && parent.level === row.level - 1) parent.children.push(row);
    stack.push({ row, level: row.level, children: [] });
  }
  while (stack.length) close(stack.pop()!);
}

/** Identities between the columns of one row. */
function withinRows(input: RuleInput, it: IndexedTable, out: Relation[]): void {
  const t = it.table;
  const no = t.no;
  const rel = (ruleId: string, row: TableRow, whole: string, parts: readonly string[], partsLabel: string, extra: Fen = 0) => {
    const wc = it.col(whole);
    const pcs = parts.map((p) => it.col(p));
    if (wc < 0 || pcs.some((c) => c < 0)) return;
    if (!isAmount(row.cells[wc]) || pcs.some((c) => !isAmount(row.cells[c]))) return;
    const ps = pcs.map((c) => amountOf(row.cells[c]));
    if (extra !== 0) ps.push(extra);
    out.push({
      ruleId,
      table: no,
      row: row.key,
      column: wc,
      whole: amountOf(row.cells[wc]),
      source: { table: t, row },
      parts: ps,
      partsLabel,
    });
  };
  const SOURCES5 = ['general', 'fund', 'capital', 'special', 'unit'];
  const FISCAL3 = ['general', 'fund', 'capital'];
  if (no === 3 || no === 5 || no === 8 || no === 9) {
    for (const row of t.rows) rel('table.total-equals-basic-plus-project', row, 'total', ['basic', 'project'], '基本支出、项目支出之和');
  } else if (no === 6) {
    for (const row of t.rows) rel('table.total-equals-personnel-plus-public', row, 'total', ['personnel', 'public'], '人员经费、公用经费之和');
  } else if (no === 2) {
    for (const row of t.rows) rel('table.total-equals-sources', row, 'total', [...SOURCES5, 'carryover'], '本年收入各来源、上年结转之和');
  } else if (no === 4) {
    for (const row of t.rows) rel('table.total-equals-sources', row, 'total', FISCAL3, '一般公共预算、政府性基金预算、国有资本经营预算之和');
  } else if (no === 10 || no === 11) {
    for (const row of t.rows) rel('table.total-equals-sources', row, 'total', FISCAL3, '一般公共预算、政府性基金预算、国有资本经营预算之和');
  } else if (no === 12) {
    for (const row of t.rows) rel('table.total-equals-sources', row, 'total', SOURCES5, '各资金来源之和');
  } else if (no === 13) {
    // 表十三 has columns for 财政拨款 only; a 财政专户/单位资金 上年结转 project counts in 合计 with no source column.
    // That gap is reported once, on the project, by projects.carryover-non-fiscal; here it is part of the sum.
    const gap = nonFiscalCarryover(input);
    for (const row of t.rows) rel('table.total-equals-sources', row, 'total', FISCAL3, '一般公共预算、政府性基金预算、国有资本经营预算之和', gap.get(row.key) ?? 0);
  } else if (no === 1) {
    for (const row of t.rows) rel('table.grand-total', row, 'total', ['current', 'carryover'], '当年预算安排、上年结转安排之和');
  }
}

/** 表十三 row key → money of 财政专户/单位资金 上年结转 projects under it. */
function nonFiscalCarryover(input: RuleInput): Map<string, Fen> {
  const m = new Map<string, Fen>();
  const add = (k: string, v: Fen) => m.set(k, (m.get(k) ?? 0) + v);
  for (const p of input.facts.projects) {
    if (!p.carryover || (FISCAL_SOURCES as readonly string[]).includes(p.source)) continue;
    const v = p.items.reduce((s, i) => s + i.amount, 0);
    add(`project:${p.id}`, v);
    add(`unit:${p.unitId}`, v);
    add('dept', v);
  }
  return m;
}

/** 表十: 公务用车购置及运行费 = ①购置费 + ②运行维护费; 合计 = 因公出国 + 公务接待 + 公务用车. */
function table10(it: IndexedTable, out: Relation[]): void {
  const t = it.table;
  const sums: ReadonlyArray<readonly [string, readonly string[], string]> = [
    ['tp:vehicle', ['tp:vehiclePurchase', 'tp:vehicleOperation'], '购置费、运行维护费之和'],
    ['total', ['tp:abroad', 'tp:reception', 'tp:vehicle'], '因公出国（境）费、公务接待费、公务用车购置及运行费之和'],
  ];
  for (const [whole, parts, label] of sums) {
    const row = it.row(whole);
    if (!row) continue;
    t.columns.forEach((c, i) => {
      if (c.kind !== 'amount' || !isAmount(row.cells[i])) return;
      out.push({
        ruleId: 'table.hierarchy-sum',
        table: 10,
        row: whole,
        column: i,
        whole: amountOf(row.cells[i]),
        source: { table: t, row },
        parts: parts.map((p) => amountOf(it.row(p)?.cells[i])),
        partsLabel: label,
      });
    });
  }
}

/** 表一/表四: 本年收入合计 = Σ income rows; 收入总计 = 本年 + 上年结转; 本年支出合计 = Σ 类; 支出总计 = 本年 + 年终结转. */
function sideBySide(it: IndexedTable, out: Relation[]): void {
  const t = it.table;
  const classRows = t.rows.filter((r) => r.key.startsWith('f:'));
  const incomeCol = it.col('income');
  const expCols = t.columns.map((c, i) => (c.kind === 'amount' && c.key !== 'income' ? i : -1)).filter((i) => i >= 0);
  const push = (rowKey: string, column: number, parts: Fen[], partsLabel: string, discriminator?: string) => {
    const row = it.row(rowKey);
    if (!row || !isAmount(row.cells[column])) return;
    out.push({
      ruleId: 'table.grand-total',
      table: t.no,
      row: rowKey,
      column,
      whole: amountOf(row.cells[column]),
      source: { table: t, row },
      parts,
      partsLabel,
      discriminator,
    });
  };
  const cellFen = (rowKey: string, column: number) => amountOf(it.row(rowKey)?.cells[column]);
  // income half
  const incomeRows = classRows.filter((r) => isAmount(r.cells[incomeCol]));
  push('sum:current', incomeCol, incomeRows.map((r) => amountOf(r.cells[incomeCol])), '各项收入之和');
  if (t.no === 4) {
    const carryRows = t.rows.filter((r) => r.key.startsWith('carry:'));
    push('sum:carryover', incomeCol, carryRows.map((r) => amountOf(r.cells[incomeCol])), '各项上年结转之和');
  }
  push('sum:grand', incomeCol, [cellFen('sum:current', incomeCol), cellFen('sum:carryover', incomeCol)], '本年收入合计、上年结转之和');
  // expenditure half
  for (const c of expCols) {
    push('sum:current', c, classRows.map((r) => amountOf(r.cells[c])), '各类支出之和');
    push('sum:grand', c, [cellFen('sum:current', c), cellFen('sum:carryover', c)], '本年支出合计、年终结转之和');
  }
}

/** Identities across tables. */
function cross(tables: Map<TableNo, IndexedTable>, out: Relation[]): void {
  const get = (no: TableNo) => tables.get(no);
  const rel = (
    ruleId: string,
    no: TableNo,
    rowKey: string,
    colKey: string,
    parts: ReadonlyArray<readonly [TableNo, string, string]>,
    partsLabel: string,
    discriminator?: string,
  ) => {
    const it = get(no);
    const row = it?.row(rowKey);
    if (!it || !row) return;
    const column = it.col(colKey);
    if (column < 0 || !isAmount(row.cells[column])) return;
    const ps: Fen[] = [];
    for (const [pno, prow, pcol] of parts) {
      const pt = get(pno);
      if (!pt) return;
      ps.push(pt.fen(prow, pcol));
    }
    out.push({
      ruleId,
      table: no,
      row: rowKey,
      column,
      whole: amountOf(row.cells[column]),
      source: { table: it.table, row },
      parts: ps,
      partsLabel,
      discriminator,
    });
  };
  rel('cross.t1-income-equals-expenditure', 1, 'sum:grand', 'income', [[1, 'sum:grand', 'total']], '表一支出总计');
  rel('cross.t4-income-equals-expenditure', 4, 'sum:grand', 'income', [[4, 'sum:grand', 'total']], '表四支出总计');
  rel('cross.t1-expenditure-equals-t3', 1, 'sum:grand', 'total', [[3, 'total', 'total']], '表三合计');

  // 表二 合计 = 表三 合计, row by row (both: all money by 功能 类/款/项)
  const t2 = get(2);
  const t3 = get(3);
  if (t2 && t3) {
    for (const row of t2.table.rows) {
      rel('cross.t2-equals-t3', 2, row.key, 'total', [[3, row.key, 'total']], '表三合计');
    }
    for (const row of t3.table.rows) {
      if (!t2.row(row.key)) rel('cross.t2-equals-t3', 3, row.key, 'total', [[2, row.key, 'total']], '表二合计');
    }
  }

  // 一般公共预算 in 表一, 表二, 表四, 表五
  for (const s of FISCAL_SOURCES) {
    const k = incomeRowKey(s);
    rel('cross.general-agrees', 4, k, 'income', [[1, k, 'income']], '表一同一来源收入', `income-${s}`);
  }
  rel('cross.general-agrees', 5, 'total', 'total', [[2, 'total', 'general']], '表二一般公共预算合计', 't2');
  rel('cross.general-agrees', 4, 'sum:current', 'general', [[5, 'total', 'total'], [13, 'dept', 'general']], '表五合计、表十三一般公共预算之和', 't5-t13');

  rel('cross.t5-basic-equals-t6', 5, 'total', 'basic', [[6, 'total', 'total']], '表六合计');
  rel('cross.t5-project-equals-t12', 5, 'total', 'project', [[12, 'dept', 'general']], '表十二一般公共预算合计');
  rel('cross.t3-project-equals-t12-t13', 3, 'total', 'project', [[12, 'dept', 'total'], [13, 'dept', 'total']], '表十二合计、表十三合计之和');

  // 表七–九 against the 政府性基金/国有资本经营 figures of 表一 and 表二
  rel('cross.fund-tables-agree', 7, 'total', 'income', [[1, incomeRowKey('fund'), 'income']], '表一政府性基金预算收入');
  rel('cross.fund-tables-agree', 8, 'total', 'total', [[2, 'total', 'fund']], '表二政府性基金合计');
  rel('cross.fund-tables-agree', 9, 'total', 'income', [[1, incomeRowKey('capital'), 'income']], '表一国有资本经营预算收入');
  rel('cross.fund-tables-agree', 9, 'total', 'total', [[2, 'total', 'capital']], '表二国有资本经营预算合计');
}

const byRuleCache = new WeakMap<RuleInput, Map<string, Relation[]>>();

/** The relations of one rule. */
export function relationsFor(input: RuleInput, ruleId: string): Relation[] {
  let m = byRuleCache.get(input);
  if (!m) {
    m = new Map();
    for (const r of relationsOf(input)) {
      const list = m.get(r.ruleId);
      if (list) list.push(r);
      else m.set(r.ruleId, [r]);
    }
    byRuleCache.set(input, m);
  }
  return m.get(ruleId) ?? [];
}

export const sumOf = (xs: readonly Fen[]): Fen => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};
