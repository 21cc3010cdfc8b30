/**
 * The typed model of a disclosure read from a file made elsewhere (a published PDF or a department's workbook):
 * what the readers in `lib/checker/read/` produce and what the document checks consume.
 *
 * Two template profiles:
 * - `shanxi-13`: the 山西 13 tables, 单位：万元 — the layout our own exports use. Every table is a real
 *   `DisclosureTable` (no 1..13) with the same row keys, levels and column order as the builder
 *   (`lib/disclosure/table01.ts … table13.ts`), so `lib/rules` runs unchanged on `asDisclosureTables(doc)`.
 *   Amounts printed in 万元 with 2 decimals are read exactly as printed (`1,234.56` 万元 → 12 345 600 分).
 * - `shanghai-9`: the 上海/中央 9 tables, 单位：元 (the 三公 table in 万元). Rows and columns are keyed by meaning:
 *   - rows: `total` the 合计 row; `f:<code>` a 功能科目 row, the 类/款/项 columns (`208 05 01`) joined into one `code`
 *     text column (`f:2080501`), level 1/2/3 by code length 3/5/7; `e:<code>` an 经济科目 row of 表八 (`e:301`,
 *     `e:30101`); in 表一/表四 (side by side) `line:<n>` (n-th printed line with any text) and `sum:grand` for the
 *     收入总计/支出总计 line; in 表九 `line:1`;
 *   - columns: text `code`, `name`; 表一/表四 `inItem`, `inAmount`, `outItem`, `outAmount` (表四 also `outGeneral`,
 *     `outFund`, `outCapital`); amounts `total`, `fiscal` (财政拨款收入), `business` (事业收入), `operating`
 *     (事业单位经营收入), `other`, `basic`, `project`, `general`, `fund`, `capital`, `personnel`, `public`; 表九
 *     `total`, `abroad`, `reception`, `carTotal`, `carPurchase`, `carRun`, `running` (机关运行经费). The words are
 *     mapped in `HEADER_KEYS` (read/shanghai9.ts); an unknown header word is reported in `unread` (column `col<n>`).
 *   Amount cells' `display` is the printed text.
 *
 * Nothing is guessed: a cell, column or table that could not be read goes into `unread` with a Chinese reason.
 */
import type { Fen } from '../facts';
import { EMPTY_TABLE_NOTE, TABLE_UNIT_LINE, type DisclosureTable, type TableNo } from '../disclosure/types';

export type CheckerProfile = 'shanxi-13' | 'shanghai-9';

/** A table as read. For `shanxi-13` the fields are exactly those of the builder's `DisclosureTable`. */
export interface ProfileTable extends Omit<DisclosureTable, 'no' | 'unitLine' | 'emptyNote'> {
  /** Table number within the profile (1..13 or 1..9). */
  no: number;
  /** As printed; amounts are always converted to integer 分. */
  unit: '元' | '万元';
  /** The unit line as printed, e.g. `单位：万元`, `单位：元`. */
  unitLine: string;
  /** Chinese location of the table: `第12页`, `第12–13页`, `工作表“表二”`. */
  where: string;
  /** The page (1-based) the table starts on, for PDFs; null for workbooks. */
  page: number | null;
  /** The note printed under an empty table, as printed (`注：本表无数据`, `注:本部门2025年无…`). */
  emptyNote?: string;
}

/** One numbered section of the explanatory text (`一、部门职责及机构设置情况`, `（一）…`). */
export interface TextSection {
  heading: string;
  text: string;
  where: string;
  page: number | null;
}

/** One indicator line of a 项目支出绩效目标表. */
interface ExtractedIndicator {
  /** 实施期 or 年度 (a one-period form: 年度). */
  period: 'total' | 'annual';
  level1: string;
  level2: string;
  level3: string;
  value: string;
}

/** A 项目支出绩效目标表 as read. Amounts in 分 (the form prints 元 or 万元; `unit` says which). */
export interface ExtractedForm {
  projectName: string;
  /** 年度资金总额 (or 资金总额 where only one figure is printed), null if not printed/read. */
  annualTotal: Fen | null;
  /** 实施期资金总额, null if not printed/read. */
  periodTotal?: Fen | null;
  /** 项目概况 as printed. */
  overview?: string | null;
  /** The 年度 funding parts as printed, label → amount (`中央财政资金`, `省级财政资金`, `市县(区)财政资金`, `单位自筹`, `其他资金`). */
  annualParts: { label: string; amount: Fen | null }[];
  unit: '元' | '万元';
  indicators: ExtractedIndicator[];
  where: string;
  page: number | null;
}

export interface ExtractedDocument {
  fileName: string;
  format: 'pdf' | 'xlsx';
  profile: CheckerProfile;
  /** Chinese: why this profile was chosen (or that it was forced). */
  profileReason: string;
  department: string | null;
  year: number | null;
  /** 部门预算 / 单位预算. */
  kind: 'department' | 'unit' | null;
  /** Every place a department name is printed (cover, table department lines, body). */
  nameMentions: { where: string; text: string }[];
  /** 目录 entries. */
  toc: { title: string; page: number | null }[];
  tables: ProfileTable[];
  /** Explanatory text, one entry per numbered section. */
  sections: TextSection[];
  /** 项目支出绩效目标表 where present. */
  forms: ExtractedForm[];
  /** Pages (1-based) in order with their plain text lines, for quoting and for text rules (PDF only; [] for xlsx). */
  pages: { page: number; lines: string[] }[];
  /** What could not be read, in Chinese — said, never guessed. */
  unread: { where: string; reason: string }[];
}

/**
 * The 13 tables as the builder's `DisclosureTable`s, for `lib/rules` (13-table profile only; else null).
 * Missing tables are simply absent (they are in `doc.unread`); the unit line is the builder's constant.
 */
export function asDisclosureTables(doc: ExtractedDocument): DisclosureTable[] | null {
  if (doc.profile !== 'shanxi-13') return null;
  const out: DisclosureTable[] = [];
  for (const t of doc.tables) {
    if (t.no < 1 || t.no > 13 || t.unit !== '万元') continue;
    const { where: _where, page: _page, unit: _unit, unitLine: _unitLine, emptyNote, no, ...rest } = t;
    out.push({ ...rest, no: no as TableNo, unitLine: TABLE_UNIT_LINE, ...(emptyNote === EMPTY_TABLE_NOTE ? { emptyNote } : {}) });
  }
  return out.sort((a, b) => a.no - b.no);
}
