/**
 * Reading an uploaded code book (CSV, TSV or xlsx): find the header (names are flexible; the code may be one column
 * or split into 类/款/项 columns under a one- or two-row header), clean the cells, and validate every row, refusing
 * malformed ones by their row number. Pure: no database.
 */
import { normalizeHeader, readTableFile, TableFileError, type RowProblem, type TableRow } from '../admin/tableFile';
import { CODE_BOOK_LABEL, type CodeBookKind } from './kinds';

export const MAX_CODE_ROWS = 20_000;
export const MAX_NAME_LENGTH = 100;
/** At most this many problems are listed; the count says how many there are. */
const MAX_LISTED_PROBLEMS = 200;

interface KindRule {
  /** Code lengths allowed: 3 类, 5 款, 7 项. */
  lengths: number[];
  firstDigit: string;
}
const RULES: Record<CodeBookKind, KindRule> = {
  functional: { lengths: [3, 5, 7], firstDigit: '2' },
  deptEconomic: { lengths: [3, 5], firstDigit: '3' },
  govEconomic: { lengths: [3, 5], firstDigit: '5' },
};
const LEVEL_NAME = ['', '类', '款', '项'];

export interface ImportedCode {
  /** Row number in the file, for messages. */
  row: number;
  code: string;
  name: string;
  level: number;
  parent: string | null;
}

type ParseOutcome =
  | { ok: true; codes: ImportedCode[]; sheetName?: string }
  | { ok: false; formError: string | null; problems: RowProblem[]; problemCount: number };

const fail = (formError: string): ParseOutcome => ({ ok: false, formError, problems: [], problemCount: 0 });

const levelOfLength = (n: number) => (n === 3 ? 1 : n === 5 ? 2 : n === 7 ? 3 : 0);
const parentOfCode = (code: string) => (code.length === 5 ? code.slice(0, 3) : code.length === 7 ? code.slice(0, 5) : null);

/** Full-width digits to ASCII, spaces (incl. U+3000 and NBSP) removed. */
function cleanCode(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000\u00a0]/g, '');
}
function cleanName(s: string): string {
  return s.replace(/[\u3000\u00a0]/g, ' ').replace(/\s+/g, ' ').trim();
}

const CODE_HEADERS = ['科目编码', '科目代码', '编码', '代码', '科目编号', '编号', 'code', '功能科目编码', '经济科目编码', '分类编码'];
const NAME_HEADERS = ['科目名称', '名称', 'name', '功能科目名称', '经济科目名称', '分类名称'];

interface Layout {
  headerRow: number; // index into rows of the last header row (-1: no header)
  name: number;
  code?: number;
  split?: { lei: number; kuan: number; xiang?: number };
}

function findColumn(cells: string[], names: string[]): number {
  const norm = cells.map(normalizeHeader);
  for (const n of names) {
    const i = norm.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/** Finds the header: a code column (or 类/款/项 columns) and a name column within the first rows. */
function detectLayout(rows: TableRow[]): Layout | null {
  const limit = Math.min(rows.length, 30);
  for (let i = 0; i < limit; i++) {
    const cells = rows[i].cells;
    const lei = findColumn(cells, ['类']);
    const kuan = findColumn(cells, ['款']);
    if (lei >= 0 && kuan >= 0) {
      const xiang = findColumn(cells, ['项']);
      let name = findColumn(cells, NAME_HEADERS);
      if (name < 0 && i > 0) name = findColumn(rows[i - 1].cells, NAME_HEADERS);
      if (name >= 0) return { headerRow: i, name, split: { lei, kuan, xiang: xiang >= 0 ? xiang : undefined } };
    }
    const code = findColumn(cells, CODE_HEADERS);
    const name = findColumn(cells, NAME_HEADERS);
    if (code >= 0 && name >= 0 && code !== name) {
      // a two-row header: 科目编码 above 类 | 款 | 项
      const next = rows[i + 1]?.cells;
      if (next && findColumn(next, ['类']) >= 0 && findColumn(next, ['款']) >= 0) continue;
      return { headerRow: i, code, name };
    }
  }
  // no header: a first row that starts with a code is data in the columns code, name
  const first = rows[0]?.cells ?? [];
  if (first.length >= 2 && /^\d+$/.test(cleanCode(first[0]))) return { headerRow: -1, code: 0, name: 1 };
  return null;
}

/** Parses an uploaded code book (CSV, TSV or xlsx) and validates every row. */
export async function parseCodeBookFile(data: Uint8Array, fileName: string, kind: CodeBookKind): Promise<ParseOutcome> {
  let rows: TableRow[];
  let sheetName: string | undefined;
  try {
    const file = await readTableFile(data, fileName, { accept: (head) => detectLayout(head) !== null, maxDataRows: MAX_CODE_ROWS });
    rows = file.rows;
    sheetName = file.sheetName;
  } catch (e) {
    if (e instanceof TableFileError) return fail(e.message);
    throw e;
  }
  const outcome = parseCodeBookRows(rows, kind);
  return outcome.ok ? { ...outcome, sheetName } : outcome;
}

/** Validates the rows of a table (header detection included). */
function parseCodeBookRows(rows: TableRow[], kind: CodeBookKind): ParseOutcome {
  if (rows.length === 0) return fail('文件中没有内容');
  const layout = detectLayout(rows);
  if (!layout) return fail('找不到表头：需要“科目编码”（或“类”“款”“项”）和“科目名称”两列');
  const data = rows.slice(layout.headerRow + 1);
  if (data.length > MAX_CODE_ROWS) return fail(`文件有 ${data.length} 行，超过 ${MAX_CODE_ROWS} 行的上限`);
  if (data.length === 0) return fail('表头下没有科目');

  const records: { row: number; code: string; name: string }[] = [];
  const problems: RowProblem[] = [];
  let curLei = '';
  let curKuan = '';
  for (const r of data) {
    const name = cleanName(r.cells[layout.name] ?? '');
    let code: string;
    if (layout.split) {
      const lei = cleanCode(r.cells[layout.split.lei] ?? '');
      const kuan = cleanCode(r.cells[layout.split.kuan] ?? '');
      const xiang = layout.split.xiang === undefined ? '' : cleanCode(r.cells[layout.split.xiang] ?? '');
      if (lei) {
        curLei = lei;
        curKuan = '';
      }
      if (kuan) curKuan = kuan.length === 5 ? kuan : curLei + kuan;
      if (xiang) code = xiang.length === 7 ? xiang : curKuan ? curKuan + xiang : '';
      else if (kuan) code = curKuan;
      else code = lei;
      if (xiang && !curKuan && xiang.length !== 7) {
        problems.push({ row: r.row, message: `项“${xiang}”前面没有它所属的款` });
        continue;
      }
      if (kuan && !curLei && kuan.length !== 5) {
        problems.push({ row: r.row, message: `款“${kuan}”前面没有它所属的类` });
        continue;
      }
    } else {
      code = cleanCode(r.cells[layout.code!] ?? '');
    }
    if (code === '' && name === '') continue;
    records.push({ row: r.row, code, name });
  }
  const checked = validateCodes(records, kind);
  if (!checked.ok) {
    const all = [...problems, ...checked.problems].sort((a, b) => a.row - b.row);
    return { ok: false, formError: null, problems: all.slice(0, MAX_LISTED_PROBLEMS), problemCount: all.length };
  }
  if (problems.length > 0) {
    return { ok: false, formError: null, problems: problems.slice(0, MAX_LISTED_PROBLEMS), problemCount: problems.length };
  }
  return checked;
}

/**
 * Checks codes and names: digits of an allowed length for the book, the book's first digit, no duplicates, a name,
 * and the parent 款/类 present in the same file. Level and parent derive from the code's length.
 */
export function validateCodes(records: { row: number; code: string; name: string }[], kind: CodeBookKind): ParseOutcome {
  const rule = RULES[kind];
  const problems: RowProblem[] = [];
  if (records.length === 0) return fail('文件中没有科目');
  if (records.length > MAX_CODE_ROWS) return fail(`文件有 ${records.length} 行科目，超过 ${MAX_CODE_ROWS} 行的上限`);
  const firstRow = new Map<string, number>();
  const lengths = rule.lengths.join('、');
  const good: ImportedCode[] = [];
  for (const r of records) {
    const before = problems.length;
    if (r.code === '') problems.push({ row: r.row, message: '缺少科目编码' });
    else if (!/^\d+$/.test(r.code)) problems.push({ row: r.row, message: `科目编码“${r.code.slice(0, 20)}”含有数字以外的字符` });
    else if (!rule.lengths.includes(r.code.length))
      problems.push({ row: r.row, message: `科目编码“${r.code}”是 ${r.code.length} 位，${CODE_BOOK_LABEL[kind]}的编码应为 ${lengths} 位` });
    else if (r.code[0] !== rule.firstDigit)
      problems.push({ row: r.row, message: `科目编码“${r.code}”不属于${CODE_BOOK_LABEL[kind]}（应以 ${rule.firstDigit} 开头）` });
    if (r.name === '') problems.push({ row: r.row, message: '科目名称为空' });
    else if (r.name.length > MAX_NAME_LENGTH) problems.push({ row: r.row, message: `科目名称超过 ${MAX_NAME_LENGTH} 个字` });
    if (r.code !== '') {
      const seen = firstRow.get(r.code);
      if (seen !== undefined) problems.push({ row: r.row, message: `科目编码“${r.code}”与第 ${seen} 行重复` });
      else firstRow.set(r.code, r.row);
    }
    if (problems.length === before) {
      good.push({ row: r.row, code: r.code, name: r.name, level: levelOfLength(r.code.length), parent: parentOfCode(r.code) });
    }
  }
  for (const c of good) {
    if (c.parent !== null && !firstRow.has(c.parent)) {
      problems.push({
        row: c.row,
        message: `${LEVEL_NAME[c.level]}“${c.code} ${c.name}”缺少所属的${LEVEL_NAME[c.level - 1]}“${c.parent}”`,
      });
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row);
    return { ok: false, formError: null, problems: problems.slice(0, MAX_LISTED_PROBLEMS), problemCount: problems.length };
  }
  good.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { ok: true, codes: good };
}
