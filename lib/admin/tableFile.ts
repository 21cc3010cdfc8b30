/**
 * Reading an uploaded table (CSV, tab-separated text or xlsx) into rows of strings that keep the row numbers a person
 * sees in Excel or a text editor, so problems can be reported by row.
 */
import { unsafeXlsxReason } from '../export/xlsxGuard';
import { invalid, type FieldErrors, type Refusal } from '../result';
import {
  cellText,
  DEFAULT_SHEET_LIMITS,
  tooLongMessage,
  XlsxFormatError,
  XlsxLimitError,
  XlsxWorkbook,
  type SheetLimits,
} from '../export/xlsxReader';

export interface TableRow {
  /** 1-based row number in the file (the Excel row, or the line where the CSV record starts). */
  row: number;
  cells: string[];
}

/** A refused row of an uploaded table, by the row number the person sees. */
export interface RowProblem {
  row: number;
  message: string;
}

/** The field key of a row's problems in a Refusal: `rows.<row number>`. */
const rowProblemKey = (row: number) => `rows.${row}`;

/**
 * A file refused for its rows, as the one Refusal shape: one field error per row (`rows.<n>`, several messages of a
 * row joined), in row order, and the form error that says what happened to the file.
 */
export function rowProblemsRefusal(problems: RowProblem[], formError: string): Refusal<never> {
  const fieldErrors: FieldErrors = {};
  for (const p of [...problems].sort((a, b) => a.row - b.row)) {
    const k = rowProblemKey(p.row);
    fieldErrors[k] = k in fieldErrors ? `${fieldErrors[k]}；${p.message}` : p.message;
  }
  return invalid(fieldErrors, formError);
}

interface TableFile {
  rows: TableRow[];
  /** The worksheet read (xlsx only). */
  sheetName?: string;
}

export class TableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TableFileError';
  }
}

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Reads a CSV/TSV (UTF-8 with or without BOM, or GB18030 as saved by Chinese Excel) or an xlsx workbook. For a
 * workbook, `options.accept` chooses the worksheet from its first rows, and only that sheet is read in full
 * (lib/export/xlsxReader.ts streams it under hard caps).
 */
export async function readTableFile(data: Uint8Array, fileName: string, options: TableFileOptions = {}): Promise<TableFile> {
  if (data.byteLength === 0) throw new TableFileError('文件为空');
  if (data.byteLength > MAX_UPLOAD_BYTES) throw new TableFileError('文件超过 5 MB，请检查是否选错了文件');
  const lower = fileName.toLowerCase();
  if (isOle(data) || lower.endsWith('.xls')) {
    throw new TableFileError('不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入');
  }
  if (isZip(data) || lower.endsWith('.xlsx')) {
    if (!isZip(data)) throw new TableFileError('文件不是有效的 xlsx 工作簿');
    return readXlsx(data, options);
  }
  return { rows: parseDelimited(decodeText(data)) };
}

function decodeText(data: Uint8Array): string {
  let bytes = data;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180 CSV (or tab-separated when the first line has more tabs than commas), keeping line numbers. */
function parseDelimited(text: string): TableRow[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = s.slice(0, s.search(/\r|\n/) === -1 ? s.length : s.search(/\r|\n/));
  const tabs = (firstLine.match(/\t/g) ?? []).length;
  const commas = (firstLine.match(/,/g) ?? []).length;
  const sep = tabs > commas ? '\t' : ',';
  const rows: TableRow[] = [];
  let line = 1;
  let startLine = 1;
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    if (row.some((f) => f.trim() !== '')) rows.push({ row: startLine, cells: row });
    row = [];
    field = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRow();
      line++;
      startLine = line;
    } else field += c;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** Columns read from each row of an uploaded table: code books and control figures have a handful. */
const MAX_COLUMNS = 50;
/** Rows above the data a table may have (titles, a two-row header) on top of its data-row limit. */
const TITLE_ROWS = 30;
/** Rows the sheet chooser sees: the code-book layout is found within the first 30 rows and the one after. */
const HEAD_ROWS = 32;

interface TableFileOptions {
  /**
   * Whether a sheet is the table wanted, from its first rows (at most 32); the first sheet accepted is read in
   * full, the others are not read further. Default: the first sheet with any rows. None accepted: the first sheet.
   */
  accept?: (head: TableRow[]) => boolean;
  /** The most data rows the import takes; reading stops (and the file is refused) a few title rows beyond. */
  maxDataRows?: number;
}

const SHEET_LIMITS: SheetLimits = { ...DEFAULT_SHEET_LIMITS, maxColumns: MAX_COLUMNS };

async function readXlsx(data: Uint8Array, options: TableFileOptions): Promise<TableFile> {
  const unsafe = await unsafeXlsxReason(data);
  if (unsafe) throw new TableFileError(unsafe);
  const unreadable = '无法读取该 xlsx 文件，文件可能已损坏或已加密';
  try {
    const wb = await XlsxWorkbook.open(data);
    if (wb.sheets.length === 0) throw new TableFileError('工作簿中没有工作表');
    const maxDataRows = options.maxDataRows ?? 20_000;
    const accept = options.accept ?? ((head: TableRow[]) => head.length > 0);
    for (let i = 0; i < wb.sheets.length; i++) {
      const rows = await readSheet(wb, i, maxDataRows, accept);
      if (rows) return { rows, sheetName: wb.sheets[i].name };
    }
    return { rows: (await readSheet(wb, 0, maxDataRows, () => true))!, sheetName: wb.sheets[0].name };
  } catch (e) {
    if (e instanceof TableFileError) throw e;
    if (e instanceof XlsxLimitError) throw new TableFileError(e.message);
    if (e instanceof XlsxFormatError) throw new TableFileError(unreadable);
    throw e;
  }
}

/** The sheet's rows, or null when `accept` turns it down after its first rows (the rest is never read). */
async function readSheet(wb: XlsxWorkbook, index: number, maxDataRows: number, accept: (head: TableRow[]) => boolean): Promise<TableRow[] | null> {
  const rows: TableRow[] = [];
  let accepted: boolean | null = null;
  let tooLong: string | null = null;
  for await (const r of wb.rows(index, SHEET_LIMITS)) {
    const cells = r.cells.map(cellText);
    if (!cells.some((x) => x.trim() !== '') && !r.cells.some((c) => c.kind === 'tooLong')) continue;
    const over = r.cells.findIndex((c) => c.kind === 'tooLong');
    // an over-long cell counts only in the sheet that is read
    if (over >= 0) tooLong ??= tooLongMessage(r.number, over + 1, SHEET_LIMITS);
    rows.push({ row: r.number, cells });
    if (rows.length > maxDataRows + TITLE_ROWS) {
      throw new TableFileError(`数据超过 ${maxDataRows.toLocaleString('en-US')} 行，请拆分或删除多余的行后再导入`);
    }
    if (accepted === null && rows.length >= HEAD_ROWS) {
      accepted = accept(rows);
      if (!accepted) return null;
    }
    if (accepted && tooLong) throw new TableFileError(tooLong);
  }
  if (accepted === null && !accept(rows)) return null;
  if (tooLong) throw new TableFileError(tooLong);
  return rows;
}

/** A header cell normalized for matching: no spaces, half-width parentheses, lower case. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\s\u3000]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}
