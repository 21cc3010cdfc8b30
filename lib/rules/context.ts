/**
 * Shared by the rule modules: indexed access to the tables (built once per input and cached), finding
 * construction with stable keys, and the deterministic order of findings.
 */
import type { Fen } from '../facts';
import type { Cell, DisclosureTable, TableNo, TableRow } from '../disclosure/types';
import type { Finding, FindingLocation, RuleInput, Severity } from './types';

// ── tables ───────────────────────────────────────────────────────────────────────────────────────────────

export interface IndexedTable {
  table: DisclosureTable;
  row(key: string): TableRow | undefined;
  /** Column index of a column key, or -1. */
  col(key: string): number;
  /** Exact amount of a cell; 0 for a missing row or column or a text cell. */
  fen(rowKey: string, colKey: string): Fen;
}

function indexTable(table: DisclosureTable): IndexedTable {
  const rows = new Map<string, TableRow>();
  for (const r of table.rows) rows.set(r.key, r);
  const cols = new Map<string, number>();
  table.columns.forEach((c, i) => cols.set(c.key, i));
  return {
    table,
    row: (k) => rows.get(k),
    col: (k) => cols.get(k) ?? -1,
    fen(rowKey, colKey) {
      const r = rows.get(rowKey);
      const i = cols.get(colKey);
      if (!r || i === undefined) return 0;
      return amountOf(r.cells[i]);
    },
  };
}

export const amountOf = (c: Cell | undefined): Fen => (c && c.kind === 'amount' ? c.amount : 0);
export const isAmount = (c: Cell | undefined): boolean => !!c && c.kind === 'amount';

const cache = new WeakMap<DisclosureTable[], Map<TableNo, IndexedTable>>();

/** The tables of an input by number (indexed once per tables array). */
export function tablesOf(input: RuleInput): Map<TableNo, IndexedTable> {
  let m = cache.get(input.tables);
  if (!m) {
    m = new Map();
    for (const t of input.tables) m.set(t.no, indexTable(t));
    cache.set(input.tables, m);
  }
  return m;
}

/** Label of a row for messages: its non-empty text cells (`208 社会保障和就业支出`, `合计`, a project's name). */
export function rowLabel(row: TableRow): string {
  const parts: string[] = [];
  for (const c of row.cells) if (c.kind === 'text' && c.text.trim() !== '') parts.push(c.text.trim());
  return parts.join(' ') || row.key;
}

/** Chinese label of a column key. */
const COLUMN_LABEL: Record<string, string> = {
  total: '合计',
  basic: '基本支出',
  project: '项目支出',
  general: '一般公共预算',
  fund: '政府性基金预算',
  capital: '国有资本经营预算',
  special: '财政专户管理资金',
  unit: '单位资金',
  carryover: '上年结转',
  current: '当年预算安排',
  income: '收入',
  personnel: '人员经费',
  public: '公用经费',
};
export const columnLabel = (t: DisclosureTable, column: number): string => {
  const key = t.columns[column]?.key ?? '';
  if (t.no === 1 && key === 'carryover') return '上年结转安排';
  return COLUMN_LABEL[key] ?? key;
};

// ── findings ─────────────────────────────────────────────────────────────────────────────────────────────

function locationKey(l: FindingLocation): string {
  switch (l.kind) {
    case 'line':
      return `line:${l.lineId}`;
    case 'project':
      return `project:${l.projectId}`;
    case 'projectItem':
      return `projectItem:${l.projectId}:${l.itemId}`;
    case 'form':
      return `form:${l.projectId}` + (l.field !== undefined ? `:${l.field}` : '') + (l.indicatorIndex !== undefined ? `:#${l.indicatorIndex}` : '');
    case 'cell':
      return `cell:${l.table}:${l.row}:${l.column}`;
    case 'income':
      return `income:${l.source}`;
    case 'prior':
      return `prior:${l.field}`;
    case 'text':
      return `text:${l.field}`;
    case 'asset':
      return `asset:${l.field}`;
    case 'budget':
      return 'budget';
  }
}

/** A finding; `discriminator` distinguishes two findings of one rule at one location (kept in the key). */
export function finding(
  rule: { id: string; severity: Severity },
  location: FindingLocation,
  message: string,
  discriminator?: string,
): Finding {
  const key = `${rule.id}@${locationKey(location)}` + (discriminator ? `#${discriminator}` : '');
  return { ruleId: rule.id, severity: rule.severity, message, location, key };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const KIND_RANK: Record<FindingLocation['kind'], number> = {
  budget: 0,
  income: 1,
  prior: 2,
  cell: 3,
  line: 4,
  project: 5,
  projectItem: 6,
  form: 7,
  text: 8,
  asset: 9,
};
const collator = new Intl.Collator('en', { numeric: true });
const plain = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What a location is ordered by, after its kind. */
function sortTuple(l: FindingLocation): (number | string)[] {
  switch (l.kind) {
    case 'line':
      return [l.lineId];
    case 'project':
      return [l.projectId];
    case 'projectItem':
      return [l.projectId, l.itemId];
    case 'form':
      // the whole form, then its fields, then its indicators in order
      return [l.projectId, l.indicatorIndex !== undefined ? 2 : l.field !== undefined ? 1 : 0, l.field ?? '', l.indicatorIndex ?? -1];
    case 'cell':
      return [l.table, l.row, l.column];
    case 'income':
      return [['general', 'fund', 'capital', 'special', 'unit'].indexOf(l.source)];
    case 'prior':
      return [l.field];
    case 'text':
    case 'asset':
      return [l.field];
    case 'budget':
      return [];
  }
}

function compareLocations(a: FindingLocation, b: FindingLocation): number {
  const k = KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (k) return k;
  const x = sortTuple(a);
  const y = sortTuple(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    const c = typeof p === 'number' && typeof q === 'number' ? p - q : collator.compare(String(p), String(q));
    if (c) return c;
  }
  return x.length - y.length;
}

/** Severity, then rule id, then location (kind, then its ids in natural order), then key. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    plain(a.ruleId, b.ruleId) ||
    compareLocations(a.location, b.location) ||
    plain(a.key, b.key)
  );
}
