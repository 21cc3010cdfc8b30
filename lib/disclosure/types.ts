/**
 * The table model shared by every renderer (HTML page, print, PDF, Excel workbook, public page) and by the
 * cross-table rules. A table is a fixed frame (label, title, department line, unit line), a multi-row header,
 * column specs, and body rows of cells. Every body row has exactly `columns.length` cells, so a figure is
 * addressed by (table no, row key, column index) and two builds can be diffed cell by cell.
 *
 * Amount cells carry the exact amount in 分 (exports need numbers; rules need exact values) and the display
 * string produced once by the builder (万元, two decimals, rounded once from the exact value; blank for zero).
 */
import type { Fen } from '../facts';

export type TableNo = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13;

export const TABLE_UNIT_LINE = '单位：万元' as const;
export const EMPTY_TABLE_NOTE = '注：本表无数据' as const;

/** One header cell; spans follow HTML semantics (a rowSpan cell occupies the same column in later header rows). */
export interface HeaderCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

type Align = 'left' | 'center' | 'right';

export interface ColumnSpec {
  /** Stable machine name of the column within its table, e.g. `code`, `name`, `total`, `basic`, `general`. */
  key: string;
  kind: 'text' | 'amount';
  align: Align;
}

export interface TextCell {
  kind: 'text';
  text: string;
}

export interface AmountCell {
  kind: 'amount';
  /** Exact amount in 分. */
  amount: Fen;
  /** `formatWanCell(amount)`: `5,907.89`, or '' for an amount that rounds to zero. */
  display: string;
}

/**
 * A text cell in an amount column means "no figure belongs here" (e.g. the empty income half of a row of 表一),
 * as opposed to an amount cell of 0, which is a figure that happens to be zero. Both display blank.
 */
export type Cell = TextCell | AmountCell;

/**
 * 0: total (合计 / 部门合计 / department row); 1: 类 / unit / top item; 2: 款 / project / sub-item; 3: 项.
 * Undefined for rows without a hierarchy meaning (the side-by-side rows of 表一/表四).
 */
export type RowLevel = 0 | 1 | 2 | 3;

export interface TableRow {
  /**
   * Stable id within the table: `total`, `f:2080101` (功能 类/款/项), `e:301` / `e:30108>50102` (经济 类 / 部门款>政府款),
   * `dept`, `unit:3`, `project:12`, `tp:reception` (三公), `sum:current` … Unique within a table.
   */
  key: string;
  level?: RowLevel;
  /** Exactly one cell per column. */
  cells: Cell[];
}

export interface DisclosureTable {
  no: TableNo;
  /** `预算公开表1` */
  label: string;
  /** `2024年预算收支总表` */
  title: string;
  /** `部门名称：泽州县人力资源和社会保障局` */
  departmentLine: string;
  unitLine: typeof TABLE_UNIT_LINE;
  /** Header rows, top to bottom, with spans. */
  header: HeaderCell[][];
  columns: ColumnSpec[];
  rows: TableRow[];
  /** Set when the table holds no non-zero figure; the table still shows its 合计 row. */
  emptyNote?: typeof EMPTY_TABLE_NOTE;
}

/** The address of one figure, for diffs and for rule findings that point at a cell. */
export interface CellAddress {
  table: TableNo;
  row: string;
  column: number;
}

/** The text shown in a cell (display string for amounts). */
export const cellText = (c: Cell): string => (c.kind === 'text' ? c.text : c.display);
