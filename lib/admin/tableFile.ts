/**
 * Reading an uploaded table (CSV, tab-separated text or xlsx) into rows of strings that keep the row numbers a person
 * sees in Excel or a text editor, so problems can be reported by row.
 */
import { unsafeXlsxReason } from '../export/xlsxGuard';
import ExcelJS from 'exceljs';

export interface TableRow {
  /** 1-based row number in the file (the Excel row, or the line where the CSV record starts). */
  row: number;
  cells: string[];
}

export interface TableFile {
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
 * workbook, `pickSheet` chooses the worksheet (default: the first with any rows).
 */
export async function readTableFile(
  data: Uint8Array,
  fileName: string,
  pickSheet?: (sheets: { name: string; rows: TableRow[] }[]) => number,
): Promise<TableFile> {
  if (data.byteLength === 0) throw new TableFileError('文件为空');
  if (data.byteLength > MAX_UPLOAD_BYTES) throw new TableFileError('文件超过 5 MB，请检查是否选错了文件');
  const lower = fileName.toLowerCase();
  if (isOle(data) || lower.endsWith('.xls')) {
    throw new TableFileError('不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入');
  }
  if (isZip(data) || lower.endsWith('.xlsx')) {
    if (!isZip(data)) throw new TableFileError('文件不是有效的 xlsx 工作簿');
    return readXlsx(data, pickSheet);
  }
  return { rows: parseDelimited(decodeText(data)) };
}

export function decodeText(data: Uint8Array): string {
  let bytes = data;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180 CSV (or tab-separated when the first line has more tabs than commas), keeping line numbers. */
export function parseDelimited(text: string): TableRow[] {
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

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  // a number cell holds the double nearest the typed figure; its shortest form gives the figure back (`5095.13`),
  // and float noise from a formula stays visible for the money parsers to refuse rather than being rounded away
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return String(v.text ?? '');
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as ExcelJS.CellFormulaValue).result;
    if (r === undefined || r === null || typeof r === 'object') return r instanceof Date ? r.toISOString().slice(0, 10) : '';
    return String(r);
  }
  return '';
}


/** Columns read from each row of an uploaded table. */
const MAX_COLUMNS = 50;

async function readXlsx(
  data: Uint8Array,
  pickSheet?: (sheets: { name: string; rows: TableRow[] }[]) => number,
): Promise<TableFile> {
  const unsafe = unsafeXlsxReason(data);
  if (unsafe) throw new TableFileError(unsafe);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw new TableFileError('无法读取该 xlsx 文件，文件可能已损坏或已加密');
  }
  const sheets = wb.worksheets.map((ws) => {
    const rows: TableRow[] = [];
    ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
      const cells: string[] = [];
      // code books and control figures have a handful of columns: never walk to column XFD
      const n = Math.min(r.cellCount, MAX_COLUMNS);
      for (let c = 1; c <= n; c++) cells.push(cellText(r.getCell(c).value));
      if (cells.some((x) => x.trim() !== '')) rows.push({ row: rowNumber, cells });
    });
    return { name: ws.name, rows };
  });
  if (sheets.length === 0) throw new TableFileError('工作簿中没有工作表');
  const index = pickSheet ? pickSheet(sheets) : Math.max(0, sheets.findIndex((s) => s.rows.length > 0));
  const sheet = sheets[index] ?? sheets[0];
  return { rows: sheet.rows, sheetName: sheet.name };
}

/** A header cell normalized for matching: no spaces, half-width parentheses, lower case. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\s\u3000]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}
