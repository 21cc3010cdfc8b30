/**
 * The disclosure as an Excel workbook: one worksheet per table (`表一` … `表十三`), laid out like the printed
 * tables, plus, when they are given, the text sheets `概况` (first), `情况说明` and `名词解释` (last): one column
 * as wide as an A4 portrait page, each paragraph a wrapped cell with its height written (LibreOffice prints the
 * stored height), fitted to the page width.
 *
 * Sheet layout (1-based rows):
 *   1  the label (`预算公开表N`)
 *   2  the title, merged across all columns, bold and centred
 *   3  `部门名称：…` on the left (merged across all but the last column), `单位：万元` in the last column
 *   4… the header rows, merged exactly as the header's colSpan/rowSpan say (placed with an occupancy grid,
 *      HTML semantics), then the body rows; `注：本表无数据` right below an empty table.
 *
 * Amounts are numbers in 万元 holding the published figure: the table's 2-decimal 万元 (rounded once, half away
 * from zero, by lib/money), stored as `centiWan / 100` with number format `#,##0.00`. The quotient of two integers
 * is correctly rounded and the shortest decimal that identifies the double (what ends up in the XML) is the
 * 2-decimal figure, so copy-paste and formulas see what the table prints (表二 208 is 4729.7, not its exact
 * 4729.6992), and a sum over cells adds the printed figures (so it can differ from a printed total by the 尾差
 * the tables themselves show). An amount whose display is blank (zero) stays an empty cell, as in the printed
 * table. Text cells go through `neutralizeFormula`.
 *
 * Determinism: creator, lastModifiedBy, created and modified are fixed (created/modified: 1 January of the
 * budget year, UTC), and the zip entries' timestamps, which JSZip (inside exceljs) sets to "now", are rewritten
 * to the same date, so two builds of the same input are byte-identical.
 */
import type { DisclosureDocument } from '../disclosure/document';
import { Workbook, type Alignment, type Borders, type Font, type Worksheet } from 'exceljs';
import { cellText, type DisclosureTable, type HeaderCell, type RowLevel } from '../disclosure/types';
import { chineseNumeral, ordinalLabel } from '../disclosure/functionClasses';
import { fenToCentiWan, fenToYuan } from '../money';
import { neutralizeFormula } from './cellText';
import { formatFilledDate } from '../disclosure/words';
import { PROJECT_ATTRIBUTE_LABEL, type PerformanceForm } from '../performance/form';
import { FUNDING_ROWS, INDICATOR_HEADERS, indicatorGrid, performanceFormTitle, TEXT_ROWS } from '../performance/printedForm';
import { taxonomyForYear } from '../rules/taxonomy';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * Written as the workbook's creator and last editor.
 * @public the workbook's fixed names and layout (this and the constants marked so below) are pinned by xlsx.test.ts
 */
export const WORKBOOK_AUTHOR = '部门预算编报与公开平台';
/** @public */
export const TEXT_SHEET_NAME = '情况说明';
/** @public */
export const AMOUNT_FORMAT = '#,##0.00';

interface TextSection {
  heading: string;
  paragraphs: string[];
}

/** @public */
export const OVERVIEW_SHEET_NAME = '概况';
/** @public */
export const GLOSSARY_SHEET_NAME = '名词解释';

/** @public the input xlsx.test.ts builds */
export interface DisclosureWorkbookInput {
  departmentName: string;
  year: number;
  tables: DisclosureTable[];
  /** 第一部分 概况 (部门职责, 机构设置), the first sheet; no sheet when undefined. */
  overview?: TextSection[];
  /** 第三部分 情况说明; no sheet when undefined. */
  text?: TextSection[];
  /** 第四部分 名词解释, one paragraph per term (`一、基本支出：指…`); no sheet when undefined. */
  glossary?: string[];
  /** The attached 绩效目标表, one sheet each (`绩效目标表1` …, in 表十二's order), after 名词解释. */
  forms?: WorkbookForm[];
}

/** One attached 绩效目标表 with what its sheet prints besides the form itself. */
interface WorkbookForm {
  form: PerformanceForm;
  projectName: string;
  unitName: string;
  departmentCode: string;
  departmentName: string;
  /** The county in the form's title (`泽州县`). */
  regionName: string;
}

/** @public */
export const formSheetName = (i: number): string => `绩效目标表${i + 1}`;

// ---- layout -------------------------------------------------------------------------------------------------

/** @public */
export const LABEL_ROW = 1;
/** @public */
export const TITLE_ROW = 2;
/** @public */
export const META_ROW = 3;
/** @public */
export const HEADER_FIRST_ROW = 4;

const FONT_NAME = '宋体';
const BODY_FONT: Partial<Font> = { name: FONT_NAME, size: 10 };
const BOLD_FONT: Partial<Font> = { name: FONT_NAME, size: 10, bold: true };
const TITLE_FONT: Partial<Font> = { name: FONT_NAME, size: 16, bold: true };
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Above this total column width (in Excel character units) a sheet prints landscape. */
const PORTRAIT_MAX_WIDTH = 100;

/** 表一 … 表十三, the numerals the document's headings use. */
const tableSheetName = (no: number): string => `表${chineseNumeral(no)}`;

/** A header cell at its place in the grid (0-based row and column within the header). */
interface PlacedHeaderCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

/**
 * Places the header cells with an occupancy grid (HTML table semantics: a cell goes to the first column of its
 * row not taken by a rowSpan from above). Throws when a cell would fall outside `width` columns or below the
 * last header row: a malformed header is a bug in the table builder, and a wrong merge would misattribute figures.
 */
export function placeHeader(header: HeaderCell[][], width: number): PlacedHeaderCell[] {
  const taken = header.map(() => new Array<boolean>(width).fill(false));
  const placed: PlacedHeaderCell[] = [];
  header.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < width && taken[r][c]) c++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      if (rowSpan < 1 || colSpan < 1 || c + colSpan > width || r + rowSpan > header.length) {
        throw new Error(`header cell “${cell.text}” (row ${r + 1}) does not fit a ${header.length}×${width} header`);
      }
      for (let i = r; i < r + rowSpan; i++) {
        for (let j = c; j < c + colSpan; j++) {
          if (taken[i][j]) throw new Error(`header cell “${cell.text}” overlaps another at row ${i + 1}, column ${j + 1}`);
          taken[i][j] = true;
        }
      }
      placed.push({ row: r, col: c, rowSpan, colSpan, text: cell.text });
      c += colSpan;
    }
  });
  return placed;
}

/** Approximate display width in Excel character units: CJK and full-width characters count two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The column that carries the hierarchy's indentation: the first text column that is not a code column. */
function labelColumn(table: DisclosureTable): number {
  return table.columns.findIndex((c) => c.kind === 'text' && !/code$/i.test(c.key));
}

/** 类/款/项 (unit/project) indentation: level 0 and 1 flush, each deeper level one more step. */
const indentFor = (level: RowLevel | undefined): number => (level === undefined ? 0 : Math.max(0, level - 1));

function columnWidths(table: DisclosureTable, placed: PlacedHeaderCell[]): number[] {
  const label = labelColumn(table);
  return table.columns.map((spec, j) => {
    const headerW = Math.max(0, ...placed.filter((p) => p.col === j && p.colSpan === 1).map((p) => textWidth(p.text)));
    if (spec.kind === 'amount') {
      const bodyW = Math.max(0, ...table.rows.map((r) => textWidth(cellText(r.cells[j]))));
      // headers wrap, so a long header only widens the column a little
      return clamp(Math.max(bodyW + 3, Math.min(headerW + 2, 18)), 12, 20);
    }
    const bodyW = Math.max(
      0,
      ...table.rows.map((r) => {
        return textWidth(cellText(r.cells[j])) + (j === label ? indentFor(r.level) * 2 : 0);
      }),
    );
    return clamp(Math.max(bodyW, headerW) + 2, 8, 50);
  });
}

/** The published 万元 figure of an amount in 分 (two decimals, as the table prints it), as a number. */
const publishedWan = (fen: number): number => fenToCentiWan(fen) / 100;

/**
 * A4, fitted to one page wide (any number of pages tall), centred. No print area: the used range is exactly the
 * table, and exceljs writes a print area with row-relative references (`$A1:$F38`).
 */
function printSetup(ws: Worksheet, orientation: 'portrait' | 'landscape') {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
}

function addTableSheet(wb: Workbook, table: DisclosureTable) {
  const width = table.columns.length;
  const placed = placeHeader(table.header, width);
  const widths = columnWidths(table, placed);
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const orientation = totalWidth > PORTRAIT_MAX_WIDTH ? 'landscape' : 'portrait';
  const headerRows = table.header.length;
  const bodyFirst = HEADER_FIRST_ROW + headerRows;

  const ws = wb.addWorksheet(tableSheetName(table.no), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: bodyFirst - 1, topLeftCell: `A${bodyFirst}`, activeCell: 'A1', showGridLines: false }],
  });
  ws.columns = widths.map((w) => ({ width: w }));

  // frame
  const label = ws.getCell(LABEL_ROW, 1);
  label.value = neutralizeFormula(table.label);
  label.font = BODY_FONT;
  label.alignment = { horizontal: 'left', vertical: 'middle' };

  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, width);
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = neutralizeFormula(table.title);
  title.font = TITLE_FONT;
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(TITLE_ROW).height = 30;

  if (width > 1) {
    if (width > 2) ws.mergeCells(META_ROW, 1, META_ROW, width - 1);
    const unit = ws.getCell(META_ROW, width);
    unit.value = neutralizeFormula(table.unitLine);
    unit.font = BODY_FONT;
    unit.alignment = { horizontal: 'right', vertical: 'middle' };
  }
  const dept = ws.getCell(META_ROW, 1);
  dept.value = neutralizeFormula(width > 1 ? table.departmentLine : `${table.departmentLine}　${table.unitLine}`);
  dept.font = BODY_FONT;
  dept.alignment = { horizontal: 'left', vertical: 'middle' };

  // header: borders on every grid cell first (merged cells keep the master's style, but Excel draws the
  // border of a merged range from its edge cells)
  for (let r = 0; r < headerRows; r++) {
    for (let c = 0; c < width; c++) {
      const cell = ws.getCell(HEADER_FIRST_ROW + r, c + 1);
      cell.border = BORDER;
      cell.font = BOLD_FONT;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  }
  for (const p of placed) {
    const top = HEADER_FIRST_ROW + p.row;
    const left = p.col + 1;
    if (p.rowSpan > 1 || p.colSpan > 1) ws.mergeCells(top, left, top + p.rowSpan - 1, left + p.colSpan - 1);
    ws.getCell(top, left).value = neutralizeFormula(p.text);
  }

  // body
  const labelCol = labelColumn(table);
  table.rows.forEach((row, i) => {
    const r = bodyFirst + i;
    const font = row.level === 0 ? BOLD_FONT : BODY_FONT;
    row.cells.forEach((c, j) => {
      const spec = table.columns[j];
      const cell = ws.getCell(r, j + 1);
      cell.border = BORDER;
      cell.font = font;
      if (c.kind === 'amount') {
        // blank when the figure shows blank (zero), like the printed table
        if (c.display !== '') cell.value = publishedWan(c.amount);
        cell.numFmt = AMOUNT_FORMAT;
        cell.alignment = { horizontal: 'right', vertical: 'middle' };
        return;
      }
      if (c.text !== '') cell.value = neutralizeFormula(c.text);
      const alignment: Partial<Alignment> = {
        horizontal: spec.kind === 'amount' ? 'right' : spec.align,
        vertical: 'middle',
        wrapText: spec.kind === 'text',
      };
      const indent = j === labelCol ? indentFor(row.level) : 0;
      if (indent > 0) alignment.indent = indent;
      cell.alignment = alignment;
    });
  });

  if (table.emptyNote) {
    const noteRow = bodyFirst + table.rows.length;
    if (width > 1) ws.mergeCells(noteRow, 1, noteRow, width);
    const note = ws.getCell(noteRow, 1);
    note.value = neutralizeFormula(table.emptyNote);
    note.font = BODY_FONT;
    note.alignment = { horizontal: 'left', vertical: 'middle' };
  }

  printSetup(ws, orientation);
  if (headerRows > 0) ws.pageSetup.printTitlesRow = `${HEADER_FIRST_ROW}:${bodyFirst - 1}`;
}

/** Width of a text sheet's one column (Excel character units): fits A4 portrait between 0.5″ margins. */
const TEXT_COLUMN_WIDTH = 90;
/** Points per printed line of 11 pt 宋体, and the text units (textWidth) one line holds, with a margin for wrapping. */
const TEXT_LINE_HEIGHT = 15;
const TEXT_UNITS_PER_LINE = TEXT_COLUMN_WIDTH - 6;

/**
 * The height a wrapped paragraph needs. Excel grows a wrapped row when it opens the file, LibreOffice prints the
 * stored height (one line, the rest cut off), so the height is written: lines × line height.
 */
const wrappedHeight = (s: string): number => Math.max(1, Math.ceil(textWidth(s) / TEXT_UNITS_PER_LINE)) * TEXT_LINE_HEIGHT + 4;

/** A sheet of text (概况, 情况说明, 名词解释): the title, then each section's heading and paragraphs, wrapped. */
function addTextSheet(wb: Workbook, name: string, title: string, sections: readonly TextSection[]) {
  const ws = wb.addWorksheet(name, { views: [{ showGridLines: false }] });
  ws.columns = [{ width: TEXT_COLUMN_WIDTH }];
  const heading = ws.getCell(1, 1);
  heading.value = neutralizeFormula(title);
  heading.font = { ...TITLE_FONT, size: 14 };
  heading.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 26;
  let r = 2;
  for (const s of sections) {
    if (s.heading !== '') {
      const h = ws.getCell(r, 1);
      h.value = neutralizeFormula(s.heading);
      h.font = { ...BOLD_FONT, size: 11 };
      h.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
      ws.getRow(r++).height = wrappedHeight(s.heading);
    }
    for (const p of s.paragraphs) {
      const cell = ws.getCell(r, 1);
      cell.value = neutralizeFormula(p);
      cell.font = { ...BODY_FONT, size: 11 };
      cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
      ws.getRow(r++).height = wrappedHeight(p);
    }
  }
  printSetup(ws, 'portrait');
}

/** The form's 8 columns (Excel character units): label, 一级, then 二级/三级/指标值 for 实施期 and 年度 (A4 portrait). */
const FORM_COLUMNS = [11, 10, 11, 18, 13, 10, 18, 13];
const FORM_WIDTH = FORM_COLUMNS.length;
/** Text units one merged cell of `cols` columns holds per line (see wrappedHeight). */
const unitsOf = (from: number, to: number) => FORM_COLUMNS.slice(from - 1, to).reduce((a, b) => a + b, 0) - 2;
const heightFor = (s: string, units: number): number =>
  Math.max(1, Math.ceil(textWidth(s) / Math.max(1, units))) * TEXT_LINE_HEIGHT + 4;

/**
 * One 绩效目标表 laid out as the printed form (components/PerformanceFormSheet.tsx): the title, (年度), then the
 * bordered grid — 项目名称; 主管部门及代码 and 实施单位; 项目属性 and 项目期; 项目资金(元) over its six rows (实施期
 * and 年度, the amounts as whole-元 numbers); the text rows; 总体目标; 绩效指标 with every 二级 of the year's
 * taxonomy; 负责人 …. Wrapped cells carry their heights; printed A4 portrait, one page wide, 项目名称 repeated.
 */
function addFormSheet(wb: Workbook, name: string, year: number, f: WorkbookForm) {
  const { form } = f;
  const ws = wb.addWorksheet(name, { views: [{ showGridLines: false }] });
  ws.columns = FORM_COLUMNS.map((width) => ({ width }));
  // one bordered cell, merged over rows r..r2 and columns c1..c2; returns the text units a line of it holds
  const put = (r: number, c1: number, c2: number, value: string | number, kind: 'label' | 'text' | 'center' | 'amount', r2 = r) => {
    for (let i = r; i <= r2; i++) for (let j = c1; j <= c2; j++) ws.getCell(i, j).border = BORDER;
    if (r2 > r || c2 > c1) ws.mergeCells(r, c1, r2, c2);
    const cell = ws.getCell(r, c1);
    cell.value = typeof value === 'number' ? value : neutralizeFormula(value);
    cell.font = kind === 'label' ? BOLD_FONT : BODY_FONT;
    cell.alignment = {
      horizontal: kind === 'amount' ? 'right' : kind === 'text' ? 'left' : 'center',
      vertical: 'middle',
      wrapText: kind !== 'amount',
    };
    if (kind === 'amount') cell.numFmt = '#,##0';
    return unitsOf(c1, c2);
  };
  // a row as tall as its longest wrapped cell
  const fit = (r: number, cells: [text: string, units: number][]) => {
    ws.getRow(r).height = Math.max(TEXT_LINE_HEIGHT + 4, ...cells.map(([t, units]) => heightFor(t, units)));
  };

  ws.mergeCells(1, 1, 1, FORM_WIDTH);
  const title = ws.getCell(1, 1);
  title.value = neutralizeFormula(performanceFormTitle(f.regionName));
  title.font = { ...TITLE_FONT, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 26;
  ws.mergeCells(2, 1, 2, FORM_WIDTH);
  const sub = ws.getCell(2, 1);
  sub.value = `(${year}年度)`;
  sub.font = BODY_FONT;
  sub.alignment = { horizontal: 'center', vertical: 'middle' };

  let r = 3;
  put(r, 1, 1, '项目名称', 'label');
  fit(r, [[f.projectName, put(r, 2, 8, f.projectName, 'text')]]);
  r++;
  const dept = `${f.departmentCode}-${f.departmentName}`;
  put(r, 1, 1, '主管部门及代码', 'label');
  put(r, 5, 5, '实施单位', 'label');
  fit(r, [[dept, put(r, 2, 4, dept, 'text')], [f.unitName, put(r, 6, 8, f.unitName, 'text')], ['主管部门及代码', unitsOf(1, 1)]]);
  r++;
  put(r, 1, 1, '项目属性', 'label');
  put(r, 2, 4, PROJECT_ATTRIBUTE_LABEL[form.attribute], 'text');
  put(r, 5, 5, '项目期', 'label');
  put(r, 6, 8, `${form.periodYears}年`, 'text');
  r++;
  put(r, 1, 1, '项目资金\n(元)', 'label', r + FUNDING_ROWS.length - 1);
  for (const [key, totalLabel, annualLabel] of FUNDING_ROWS) {
    put(r, 2, 3, totalLabel, 'text');
    put(r, 4, 4, fenToYuan(form.fundingTotal[key]), 'amount');
    put(r, 5, 6, annualLabel, 'text');
    put(r, 7, 8, fenToYuan(form.fundingAnnual[key]), 'amount');
    r++;
  }
  for (const [key, label] of TEXT_ROWS) {
    const text = form[key] as string;
    put(r, 1, 1, label, 'label');
    fit(r, [[text, put(r, 2, 8, text, 'text')], [label, unitsOf(1, 1)]]);
    r++;
  }
  put(r, 1, 1, '总体目标', 'label', r + 1);
  put(r, 2, 5, '实施期目标', 'label');
  put(r, 6, 8, '年度目标', 'label');
  r++;
  fit(r, [[form.goalTotal, put(r, 2, 5, form.goalTotal, 'text')], [form.goalAnnual, put(r, 6, 8, form.goalAnnual, 'text')]]);
  r++;
  const blocks = indicatorGrid(form.indicators, taxonomyForYear(year));
  const indicatorRows = Math.max(1, blocks.reduce((n, b) => n + b.rows, 0));
  put(r, 1, 1, '绩效指标', 'label', r + indicatorRows);
  INDICATOR_HEADERS.forEach((h, i) => put(r, i + 2, i + 2, h, 'label'));
  r++;
  if (blocks.length === 0) for (let c = 2; c <= FORM_WIDTH; c++) put(r, c, c, '', 'center');
  for (const b of blocks) {
    put(r, 2, 2, b.level1, 'center', r + b.rows - 1);
    for (const g of b.groups) {
      put(r, 3, 3, g.total.length > 0 || g.annual.length === 0 ? g.level2 : '', 'center', r + g.rows - 1);
      put(r, 6, 6, g.annual.length > 0 || g.total.length === 0 ? g.level2 : '', 'center', r + g.rows - 1);
      for (let i = 0; i < g.rows; i++) {
        const t = g.total[i];
        const a = g.annual[i];
        fit(r + i, [
          [t?.name ?? '', put(r + i, 4, 4, t?.name ?? '', 'text')],
          [a?.name ?? '', put(r + i, 7, 7, a?.name ?? '', 'text')],
          [t?.value ?? '', put(r + i, 5, 5, t?.value ?? '', 'center')],
          [a?.value ?? '', put(r + i, 8, 8, a?.value ?? '', 'center')],
        ]);
      }
      r += g.rows;
    }
  }
  if (blocks.length === 0) r++;
  put(r, 1, 2, `负责人: ${form.manager}`, 'text');
  put(r, 3, 4, `经办人: ${form.handler}`, 'text');
  put(r, 5, 6, `联系电话: ${form.phone}`, 'text');
  put(r, 7, 8, `填报日期: ${formatFilledDate(form.filledAt)}`, 'text');

  printSetup(ws, 'portrait');
  ws.pageSetup.printTitlesRow = '3:3';
}

/** 1 January of the budget year, UTC: the fixed date the workbook and its zip entries carry. */
const workbookDate = (year: number): Date => new Date(Date.UTC(year, 0, 1));

export async function buildDisclosureWorkbook(input: DisclosureWorkbookInput): Promise<Buffer> {
  const wb = new Workbook();
  const date = workbookDate(input.year);
  wb.creator = WORKBOOK_AUTHOR;
  wb.lastModifiedBy = WORKBOOK_AUTHOR;
  wb.created = date;
  wb.modified = date;
  wb.title = `${input.departmentName}${input.year}年部门预算公开表`;
  wb.subject = `${input.year}年部门预算公开`;

  if (input.overview) addTextSheet(wb, OVERVIEW_SHEET_NAME, '第一部分 概况', input.overview);
  for (const t of input.tables) addTableSheet(wb, t);
  if (input.text) addTextSheet(wb, TEXT_SHEET_NAME, `${input.year}年度部门预算情况说明`, input.text);
  if (input.glossary) addTextSheet(wb, GLOSSARY_SHEET_NAME, '第四部分 名词解释', [{ heading: '', paragraphs: input.glossary }]);
  input.forms?.forEach((f, i) => addFormSheet(wb, formSheetName(i), input.year, f));

  const out = Buffer.from(await wb.xlsx.writeBuffer());
  return normalizeZipTimestamps(out, date);
}

// ---- zip timestamps -----------------------------------------------------------------------------------------

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

/** MS-DOS date and time of a date (UTC, as JSZip writes them), clamped to the format's 1980–2107. */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = clamp(date.getUTCFullYear(), 1980, 2107);
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

/**
 * Sets every entry's "last modified" time in a zip (local headers and central directory) to `date`, in place.
 * JSZip stamps each entry with the time of writing, the only thing that differs between two builds of the same
 * workbook. Anything unexpected in the structure leaves the buffer as it was (still a valid workbook, merely not
 * reproducible).
 * @public for xlsx.test.ts, which checks it on a workbook built twice
 */
export function normalizeZipTimestamps(buf: Buffer, date: Date): Buffer {
  const { time, day } = dosDateTime(date);
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === SIG_EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return buf;
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  const patches: number[] = [];
  let p = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) return buf;
    const local = buf.readUInt32LE(p + 42);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== SIG_LOCAL) return buf;
    patches.push(p + 12, local + 10);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  for (const at of patches) {
    buf.writeUInt16LE(time, at);
    buf.writeUInt16LE(day, at + 2);
  }
  return buf;
}

/**
 * The workbook of a whole disclosure document, in the document's order: 概况 (第一部分), its thirteen tables (with
 * the region's titles), the explanatory text (第三部分) on the 情况说明 sheet, 名词解释 (第四部分) and, when the
 * budget's forms are given, one sheet per attached 绩效目标表.
 */
export function buildDocumentWorkbook(doc: DisclosureDocument, attached?: { forms: readonly PerformanceForm[]; regionName: string }): Promise<Buffer> {
  const text: { heading: string; paragraphs: string[] }[] = [];
  for (const s of doc.part3) {
    text.push({ heading: s.heading, paragraphs: s.paragraphs.map((p) => p.text) });
    for (const sub of s.subsections ?? []) text.push({ heading: sub.heading, paragraphs: sub.paragraphs.map((p) => p.text) });
  }
  const overview: TextSection[] = [
    { heading: '一、本部门职责', paragraphs: doc.part1.duties === '' ? [] : [doc.part1.duties] },
    { heading: '二、机构设置情况', paragraphs: doc.part1.organization === '' ? [] : [doc.part1.organization] },
  ];
  const glossary = doc.part4.map((g, i) => `${ordinalLabel(i, g.term)}：${g.definition}`);
  const byProject = new Map(attached?.forms.map((f) => [f.projectId, f]));
  const forms: WorkbookForm[] = attached
    ? doc.forms.flatMap((e) => {
        const form = byProject.get(e.projectId);
        return form
          ? [{ form, projectName: e.projectName, unitName: e.unitName, departmentCode: doc.department.code, departmentName: doc.department.name, regionName: attached.regionName }]
          : [];
      })
    : [];
  return buildDisclosureWorkbook({
    departmentName: doc.department.name,
    year: doc.year,
    tables: doc.tables,
    overview,
    text,
    glossary,
    ...(attached ? { forms } : {}),
  });
}
