/**
 * The 基本支出 workbook round trip: a template pre-filled with the current lines (plus reference sheets listing the
 * units, the year's 功能 项 and 部门经济 款 codes and the fund sources), and the parser that reads it back,
 * naming every problem by row and column before anything is written.
 */
import { neutralizeFormula } from '../export/cellText';
import { unsafeXlsxReason } from '../export/xlsxGuard';
import { cellText, DEFAULT_SHEET_LIMITS, isBlank, XlsxFormatError, XlsxLimitError, XlsxWorkbook, type SheetLimits, type XlsxCell } from '../export/xlsxReader';
import ExcelJS from 'exceljs';
import { FUND_SOURCE_LABEL, FUND_SOURCES, type BudgetFacts, type CodeBook, type Fen, type FundSource } from '../facts';
import { formatYuanExact, parseYuan } from '../money';
import { economicKuanProblem, functionItemProblem, resolveSource, resolveUnitRef } from './edit/fields';
import { MAX_BUDGET_LINES } from './edit/lines';

/** @public for lib/security/hostile-input.test.ts, which builds hostile workbooks under the template's sheet name */
export const LINES_SHEET = '基本支出';
export const LINES_COLUMNS = ['单位', '功能科目编码', '经济科目编码', '资金来源', '金额（元）'] as const;
type LinesColumn = (typeof LINES_COLUMNS)[number];
export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;
/** A workbook replaces all of a budget's lines, so it holds at most as many as a budget may. */
const MAX_WORKBOOK_ROWS = MAX_BUDGET_LINES;

const REF_UNITS = '单位';
const REF_FUNCTIONAL = '功能科目';
const REF_ECONOMIC = '经济科目';
const REF_SOURCES = '资金来源';

/** Builds the template (xlsx bytes): the 基本支出 sheet with the current lines and the reference sheets. */
export async function buildLinesTemplate(
  facts: Pick<BudgetFacts, 'year' | 'department' | 'units' | 'basicLines'>,
  codes: CodeBook,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '部门预算编报与公开';
  // fixed dates keep the file the same for the same budget
  wb.created = new Date(Date.UTC(facts.year, 0, 1));
  wb.modified = wb.created;

  const ws = wb.addWorksheet(LINES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: LINES_COLUMNS[0], key: 'unit', width: 38 },
    { header: LINES_COLUMNS[1], key: 'functionCode', width: 14 },
    { header: LINES_COLUMNS[2], key: 'economicCode', width: 14 },
    { header: LINES_COLUMNS[3], key: 'source', width: 18 },
    { header: LINES_COLUMNS[4], key: 'amount', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getColumn('functionCode').numFmt = '@';
  ws.getColumn('economicCode').numFmt = '@';
  ws.getColumn('amount').numFmt = '#,##0.00';
  const unitName = new Map(facts.units.map((u) => [u.id, u.name]));
  for (const l of facts.basicLines) {
    ws.addRow({
      unit: neutralizeFormula(unitName.get(l.unitId) ?? ''),
      functionCode: l.functionCode,
      economicCode: l.economicCode,
      source: FUND_SOURCE_LABEL[l.source],
      // 分 / 100 is the double nearest the 元 figure; String() of it gives the figure back exactly when read
      amount: l.amount / 100,
    });
  }
  // drop-down lists for the rows people are likely to fill (a list over all 20,000 rows slows reading it back)
  const last = facts.basicLines.length + 1001;
  const list = (sheet: string, n: number) => [`'${sheet}'!$A$2:$A$${n + 1}`];
  const units = facts.units;
  const functional = Object.entries(codes.functional).filter(([c]) => c.length === 7).sort(([a], [b]) => a.localeCompare(b));
  const economic = Object.entries(codes.deptEconomic).filter(([c]) => c.length === 5).sort(([a], [b]) => a.localeCompare(b));
  const validations: [string, string[], string][] = [
    [`A2:A${last}`, [`'${REF_UNITS}'!$B$2:$B$${units.length + 1}`], '请选择本部门的预算单位（或填写“单位”表中的序号）'],
    [`B2:B${last}`, list(REF_FUNCTIONAL, functional.length), '请填写7位“项”级功能科目编码，见“功能科目”表'],
    [`C2:C${last}`, list(REF_ECONOMIC, economic.length), '请填写5位“款”级经济科目编码，见“经济科目”表'],
    [`D2:D${last}`, list(REF_SOURCES, FUND_SOURCES.length), '请选择资金来源'],
  ];
  // exceljs implements worksheet.dataValidations but its typings omit it
  const dv = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const [range, formulae, prompt] of validations)
    dv.add(range, {
      type: 'list',
      allowBlank: true,
      formulae,
      showInputMessage: true,
      prompt,
      showErrorMessage: false,
    });

  const ref = (name: string, columns: { header: string; width: number }[], rows: (string | number)[][]) => {
    const s = wb.addWorksheet(name);
    s.columns = columns.map((c, i) => ({ ...c, key: `c${i}` }));
    s.getRow(1).font = { bold: true };
    for (const r of rows) s.addRow(r.map((v) => (typeof v === 'string' ? neutralizeFormula(v) : v)));
  };
  ref(REF_UNITS, [{ header: '序号', width: 8 }, { header: '单位名称', width: 40 }, { header: '单位类型', width: 10 }],
    units.map((u, i) => [i + 1, u.name, u.type === 'admin' ? '行政' : u.type === 'civil' ? '参公' : '事业']));
  ref(REF_FUNCTIONAL, [{ header: '编码', width: 12 }, { header: '名称', width: 36 }, { header: '所属款', width: 36 }],
    functional.map(([c, n]) => [c, n, `${c.slice(0, 5)} ${codes.functional[c.slice(0, 5)] ?? ''}`.trim()]));
  ref(REF_ECONOMIC, [{ header: '编码', width: 12 }, { header: '名称', width: 36 }, { header: '所属类', width: 30 }],
    economic.map(([c, e]) => [c, e.name, `${c.slice(0, 3)} ${codes.deptEconomic[c.slice(0, 3)]?.name ?? ''}`.trim()]));
  ref(REF_SOURCES, [{ header: '名称', width: 20 }], FUND_SOURCES.map((s) => [FUND_SOURCE_LABEL[s]]));
  for (const name of [REF_UNITS, REF_FUNCTIONAL, REF_ECONOMIC, REF_SOURCES]) {
    const s = wb.getWorksheet(name)!;
    for (let r = 2; r <= s.rowCount; r++) s.getCell(r, 1).numFmt = '@';
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface LinesWorkbookContext {
  year: number;
  units: { id: number; name: string }[];
  codes: Pick<CodeBook, 'functional' | 'deptEconomic'>;
}

interface ParsedWorkbookLine {
  /** The Excel row number. */
  row: number;
  unitId: number;
  functionCode: string;
  economicCode: string;
  source: FundSource;
  amount: Fen;
}

interface WorkbookError {
  /** The Excel row number (1 is the header); 0 for a problem with the file itself. */
  row: number;
  column: string;
  message: string;
}

interface ParsedLinesWorkbook {
  rows: ParsedWorkbookLine[];
  errors: WorkbookError[];
  /** The worksheet read. */
  sheetName?: string;
}

/** `金额(元)`, ` 金额（元） ` and `金额（元）` are the same header. */
function normalizeHeader(s: string): string {
  return s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Columns read per row: the template has five; the headers are found by name among the first 50. */
const MAX_COLUMNS = 50;
const SHEET_LIMITS: SheetLimits = { ...DEFAULT_SHEET_LIMITS, maxColumns: MAX_COLUMNS };

type CellRead = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'text'; value: string } | { kind: 'error'; message: string };

/** A cell as the import reads it: as typed or, for a formula, its cached result (lib/export/xlsxReader.ts). */
function readCell(cell: XlsxCell | undefined): CellRead {
  if (!cell || isBlank(cell)) return { kind: 'empty' };
  switch (cell.kind) {
    case 'number':
      return Number.isFinite(cell.value) ? cell : { kind: 'error', message: '数值无效' };
    case 'text':
      return cell;
    case 'date':
      return { kind: 'error', message: '不应为日期' };
    case 'noResult':
      return { kind: 'error', message: '单元格是公式且没有保存计算结果，请在 Excel 中打开后保存，或粘贴为数值后再导入' };
    case 'error':
      return { kind: 'error', message: `单元格为错误值 ${cell.value}` };
    case 'tooLong':
      return { kind: 'error', message: `内容超过 ${SHEET_LIMITS.maxCellChars.toLocaleString('en-US')} 个字符（${cell.length.toLocaleString('en-US')} 个）` };
    default:
      return { kind: 'error', message: '无法识别的单元格内容' };
  }
}

const asText = (c: CellRead): string => (c.kind === 'number' || c.kind === 'text' ? cellText(c).trim() : '');

function parseAmount(c: CellRead): { ok: true; fen: Fen } | { ok: false; error: string } {
  if (c.kind === 'error') return { ok: false, error: c.message };
  if (c.kind === 'empty') return { ok: false, error: '请填写金额' };
  // a number cell holds the double nearest the typed figure; its shortest form writes that figure back (`1234.56`)
  const r = parseYuan(cellText(c));
  return r.ok ? r : { ok: false, error: r.error };
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

const tooManyRows = (sheetName: string): ParsedLinesWorkbook => ({
  rows: [],
  sheetName,
  errors: [{ row: 0, column: '', message: `数据超过 ${MAX_WORKBOOK_ROWS.toLocaleString('en-US')} 行，请拆分或删除多余的行后再导入` }],
});

/**
 * Reads the 基本支出 sheet of an uploaded workbook. Refuses (with errors naming row and column): a file over 5 MB,
 * something that is not an xlsx, one that unpacks to too much, missing or renamed headers, an empty sheet, more than
 * 20,000 rows (reading stops at row 20,001: the rest of the file is never unpacked), and per row: text in an amount
 * cell, more than two decimals, negatives, unknown or wrong-level codes, unknown units or sources, formulas without a
 * cached result, a cell over 500 characters. Nothing here writes.
 */
export async function parseLinesWorkbook(buffer: Uint8Array | ArrayBuffer, context: LinesWorkbookContext): Promise<ParsedLinesWorkbook> {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const fileError = (message: string): ParsedLinesWorkbook => ({ rows: [], errors: [{ row: 0, column: '', message }] });
  if (bytes.byteLength === 0) return fileError('文件为空');
  if (bytes.byteLength > MAX_WORKBOOK_BYTES) return fileError('文件超过 5 MB，请只保留“基本支出”表后再导入');
  if (!isZip(bytes)) return fileError('文件不是 xlsx 工作簿（不支持 .xls 和 CSV），请在 Excel 中另存为 .xlsx 后再导入');
  const unsafe = await unsafeXlsxReason(bytes);
  if (unsafe) return fileError(unsafe);
  try {
    return await readLinesSheet(bytes, context);
  } catch (e) {
    if (e instanceof XlsxLimitError) return fileError(e.message);
    if (e instanceof XlsxFormatError) return fileError('无法读取工作簿：文件可能已损坏或不是 xlsx 格式');
    throw e;
  }
}

async function readLinesSheet(bytes: Uint8Array, context: LinesWorkbookContext): Promise<ParsedLinesWorkbook> {
  const wb = await XlsxWorkbook.open(bytes);
  if (wb.sheets.length === 0) return { rows: [], errors: [{ row: 0, column: '', message: '工作簿中没有工作表' }] };
  const index = Math.max(0, wb.sheetIndex(LINES_SHEET));
  const sheetName = wb.sheets[index].name;

  let col: Record<LinesColumn, number> | null = null;
  const rows: ParsedWorkbookLine[] = [];
  const errors: WorkbookError[] = [];
  let dataRows = 0;
  for await (const row of wb.rows(index, SHEET_LIMITS)) {
    if (!col) {
      // headers, found by name in row 1 (order does not matter; other columns are ignored)
      const columnOf = new Map<string, number>();
      if (row.number === 1)
        row.cells.forEach((cell, i) => {
          const text = normalizeHeader(asText(readCell(cell)));
          if (text && !columnOf.has(text)) columnOf.set(text, i);
        });
      const missing = LINES_COLUMNS.filter((c) => !columnOf.has(normalizeHeader(c)));
      if (missing.length) {
        return {
          rows: [],
          sheetName,
          errors: missing.map((c) => ({ row: 1, column: c, message: `缺少“${c}”列：第1行的表头可能被改名或删除，请使用下载的模板` })),
        };
      }
      col = Object.fromEntries(LINES_COLUMNS.map((c) => [c, columnOf.get(normalizeHeader(c))!])) as Record<LinesColumn, number>;
      if (row.number === 1) continue;
    }
    const cells = Object.fromEntries(LINES_COLUMNS.map((c) => [c, readCell(row.cells[col![c]])])) as Record<LinesColumn, CellRead>;
    if (LINES_COLUMNS.every((c) => cells[c].kind === 'empty')) continue;
    // the cap is checked as rows arrive: row 20,001 ends the read, whatever follows in the file
    if (++dataRows > MAX_WORKBOOK_ROWS) return tooManyRows(sheetName);
    checkRow(row.number, cells, context, rows, errors);
  }
  if (!col) {
    return {
      rows: [],
      sheetName,
      errors: LINES_COLUMNS.map((c) => ({ row: 1, column: c, message: `缺少“${c}”列：第1行的表头可能被改名或删除，请使用下载的模板` })),
    };
  }
  if (dataRows === 0) {
    return { rows: [], sheetName, errors: [{ row: 2, column: '', message: `工作表“${sheetName}”中没有数据行` }] };
  }
  return { rows, errors, sheetName };
}

/** Checks one data row: a parsed line into `rows`, or its problems (every column's) into `errors`. */
function checkRow(n: number, cells: Record<LinesColumn, CellRead>, context: LinesWorkbookContext, rows: ParsedWorkbookLine[], errors: WorkbookError[]): void {
  const rowErrors: WorkbookError[] = [];
  const err = (column: LinesColumn, message: string) => rowErrors.push({ row: n, column, message });
  for (const c of LINES_COLUMNS) {
    const cell = cells[c];
    if (cell.kind === 'error' && c !== '金额（元）') err(c, cell.message);
  }

  let unitId: number | null = null;
  if (cells['单位'].kind !== 'error') {
    const ref = asText(cells['单位']);
    unitId = resolveUnitRef(ref, context.units);
    if (ref === '') err('单位', '请填写单位');
    else if (unitId === null) err('单位', `未知的单位“${ref.slice(0, 30)}”：请填写本部门的单位名称或“单位”表中的序号`);
  }
  const functionCode = asText(cells['功能科目编码']);
  if (cells['功能科目编码'].kind !== 'error') {
    const p = functionItemProblem(functionCode, context.codes.functional, context.year);
    if (p) err('功能科目编码', p);
  }
  const economicCode = asText(cells['经济科目编码']);
  if (cells['经济科目编码'].kind !== 'error') {
    const p = economicKuanProblem(economicCode, context.codes.deptEconomic, context.year);
    if (p) err('经济科目编码', p);
  }
  let source: FundSource | null = null;
  if (cells['资金来源'].kind !== 'error') {
    const s = asText(cells['资金来源']);
    source = resolveSource(s);
    if (s === '') err('资金来源', '请填写资金来源');
    else if (!source) err('资金来源', `未知的资金来源“${s.slice(0, 20)}”：应为${FUND_SOURCES.map((k) => FUND_SOURCE_LABEL[k]).join('、')}之一`);
  }
  const amount = parseAmount(cells['金额（元）']);
  if (!amount.ok) err('金额（元）', amount.error);

  if (rowErrors.length) errors.push(...rowErrors);
  else rows.push({ row: n, unitId: unitId!, functionCode, economicCode, source: source!, amount: (amount as { fen: Fen }).fen });
}

/** One line of text per error, e.g. `第3行 金额（元）：“abc”不是有效的金额`. */
export function describeWorkbookError(e: WorkbookError): string {
  if (e.row === 0) return e.message;
  return `第${e.row}行${e.column ? ` ${e.column}` : ''}：${e.message}`;
}

/** A summary of the parsed rows for the preview (count and total in 元). */
export function summarizeParsed(rows: ParsedWorkbookLine[]): { count: number; total: Fen; totalText: string } {
  const total = rows.reduce((s, r) => s + r.amount, 0);
  return { count: rows.length, total, totalText: formatYuanExact(total) };
}
