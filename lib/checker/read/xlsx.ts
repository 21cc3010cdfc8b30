/**
 * A workbook of the 山西 13 公开表 → `ExtractedDocument`: our own export's layout (lib/export/xlsx.ts: one sheet per
 * table, row 1 the label `预算公开表N`, row 2 the title, row 3 `部门名称：…` and `单位：万元`, the header from row 4,
 * then the body; figures in 万元) and a department's hand-made workbook of the same tables laid out the same way.
 *
 * Read through the project's guarded reader (lib/export/xlsxGuard.ts refuses a zip bomb before anything is
 * inflated; lib/export/xlsxReader.ts streams one sheet at a time with capped rows, columns and cell sizes). The
 * header of each sheet must be the template's (years aside): a sheet with a wrong or extra column, or a missing
 * table, goes into `unread` naming the sheet and the column — its figures are not read rather than misattributed.
 *
 * A workbook does not show the hierarchy of 表十二/表十三 (units and projects) other than by indentation, which the
 * streaming reader does not read: a row is a unit when its name is a unit of 表十一 or when no unit is open, and
 * the unit stays open until its projects add up to its total (within the tables' rounding). When that does not
 * work out the table is reported in `unread`.
 */
import { chineseNumeral } from '../../disclosure/functionClasses';
import { MAX_UNPACKED_BYTES, unsafeXlsxReason } from '../../export/xlsxGuard';
import { cellText, columnLetters, XlsxFormatError, XlsxLimitError, XlsxWorkbook, type XlsxCell } from '../../export/xlsxReader';
import { HEADER_FIRST_ROW, LABEL_ROW, META_ROW, placeHeader, TITLE_ROW } from '../../export/xlsx';
import { readAmount } from './amounts';
import type { ExtractedDocument, ProfileTable, TextSection } from '../model';
import type { BodyRow, RawTable } from './layout';
import type { ReadOptions } from './pdf';
import { shanxiTableNo, shanxiTemplate, toShanxiTable } from './shanxi13';
import type { GridCell, TextLine } from './grid';

export class XlsxDisclosureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxDisclosureError';
  }
}

/** Bytes of an uploaded workbook (a 13-sheet disclosure is ~100 KB). */
const MAX_XLSX_BYTES = 10 * 1024 * 1024;
/** Rows read per sheet: a county department's largest table has a few hundred. */
const MAX_SHEET_ROWS = 5_000;
const SHEET_LIMITS = { maxColumns: 30, maxCellChars: 2_000 };

const HEADING = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/;
const sheetWhere = (name: string) => `工作表“${name}”`;
const normHeader = (s: string) => s.replace(/\s/g, '').replace(/\d{4}年/g, 'YYYY年');
/** Half a hundredth of a 万元 per project: the most a unit's printed total can differ from its projects' printed sum. */
const ROUNDING_PER_ROW = 5_000;

export async function readXlsxDisclosure(fileName: string, bytes: Uint8Array, opts: ReadOptions): Promise<ExtractedDocument> {
  if (opts.profile === 'shanghai-9') throw new XlsxDisclosureError('工作簿目前只能按山西13张表读取，请上传 PDF 或选择山西13张表模板');
  if (bytes.byteLength > MAX_XLSX_BYTES) {
    throw new XlsxDisclosureError(`工作簿过大（${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB），上限为 ${MAX_XLSX_BYTES / 1024 / 1024} MB`);
  }
  const unsafe = await unsafeXlsxReason(bytes, MAX_UNPACKED_BYTES);
  if (unsafe) throw new XlsxDisclosureError(unsafe);
  let wb: XlsxWorkbook;
  try {
    wb = await XlsxWorkbook.open(bytes);
  } catch (e) {
    if (e instanceof XlsxLimitError) throw new XlsxDisclosureError(e.message);
    if (e instanceof XlsxFormatError) throw new XlsxDisclosureError('文件不是可读取的 xlsx 工作簿（文件损坏、已加密或格式不符）');
    throw e;
  }

  const unread: ExtractedDocument['unread'] = [];
  const tables: ProfileTable[] = [];
  const sections: TextSection[] = [];
  const nameMentions: ExtractedDocument['nameMentions'] = [];
  const counters = { project: 0 };
  const unitNames = new Set<string>();
  const texts: string[] = [];

  const sheets = wb.sheets.map((s, index) => ({ ...s, index }));
  // 表十一 first: its unit names tell units from projects in 表十二/十三
  const order = [...sheets].sort((a, b) => Number(b.name === '表十一') - Number(a.name === '表十一'));
  const read: { no: number; table: ProfileTable | null; index: number }[] = [];
  for (const sheet of order) {
    const rows = await sheetRows(wb, sheet.index, sheet.name);
    const label = rows.get(LABEL_ROW)?.[0] ?? '';
    const no = shanxiTableNo(label) ?? sheetTableNo(sheet.name);
    if (no === null) {
      readTextSheet(sheet.name, rows, sections, texts);
      continue;
    }
    if (read.some((r) => r.no === no)) {
      unread.push({ where: sheetWhere(sheet.name), reason: `表${no}重复出现，只读取第一张工作表` });
      continue;
    }
    const table = readTableSheet(no, sheet.name, rows, opts, counters, unitNames, unread);
    read.push({ no, table, index: sheet.index });
    if (table) {
      const m = /[：:]\s*(\S+)/.exec(table.departmentLine);
      if (m) nameMentions.push({ where: `${table.where}`, text: m[1] });
      if (no === 11) for (const r of table.rows) if (r.key.startsWith('unit:') && r.cells[0].kind === 'text') unitNames.add(r.cells[0].text.trim());
    }
  }
  for (const r of read.sort((a, b) => a.index - b.index)) if (r.table) tables.push(r.table);
  tables.sort((a, b) => a.no - b.no);
  for (let no = 1; no <= 13; no++) {
    if (!read.some((r) => r.no === no)) unread.push({ where: '工作簿', reason: `未找到预算公开表${no}（应为工作表“表${chineseNumeral(no)}”）` });
  }
  const year = Number(/((?:19|20)\d{2})年/.exec(tables[0]?.title ?? '')?.[1] ?? NaN);
  const all = texts.join('');
  return {
    fileName,
    format: 'xlsx',
    profile: 'shanxi-13',
    profileReason: opts.profile ? '按指定的模板读取（山西13张表）' : `工作簿有 ${tables.length} 张“预算公开表N”格式的工作表（单位：万元），按山西13张表读取`,
    department: nameMentions[0]?.text ?? null,
    year: Number.isFinite(year) ? year : null,
    kind: all.includes('单位预算') ? 'unit' : all.includes('部门预算') ? 'department' : null,
    nameMentions,
    toc: [],
    tables,
    sections,
    forms: [],
    pages: [],
    unread,
  };
}

function sheetTableNo(name: string): number | null {
  const m = /^表(.+)$/.exec(name.trim());
  if (!m) return null;
  for (let no = 1; no <= 13; no++) if (chineseNumeral(no) === m[1] || String(no) === m[1]) return no;
  return null;
}

/** The sheet's rows by Excel row number, each as texts (A = index 0). */
async function sheetRows(wb: XlsxWorkbook, index: number, name: string): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  try {
    for await (const row of wb.rows(index, SHEET_LIMITS)) {
      if (out.size >= MAX_SHEET_ROWS) throw new XlsxDisclosureError(`${sheetWhere(name)}超过 ${MAX_SHEET_ROWS} 行，不像公开表，已停止读取`);
      out.set(row.number, row.cells.map((c: XlsxCell) => (c.kind === 'number' ? String(c.value) : cellText(c))));
    }
  } catch (e) {
    if (e instanceof XlsxLimitError) throw new XlsxDisclosureError(`${sheetWhere(name)}：${e.message}`);
    if (e instanceof XlsxFormatError) throw new XlsxDisclosureError(`${sheetWhere(name)}无法读取（文件损坏或格式不符）`);
    throw e;
  }
  return out;
}

function readTextSheet(name: string, rows: Map<number, string[]>, sections: TextSection[], texts: string[]) {
  let cur: TextSection | null = null;
  for (const [n, cells] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
    const t = (cells[0] ?? '').trim();
    if (!t) continue;
    texts.push(t);
    if (HEADING.test(t) && t.length <= 40) {
      cur = { heading: t, text: '', where: `${sheetWhere(name)}第${n}行`, page: null };
      sections.push(cur);
    } else if (cur) cur.text += t;
  }
}

function readTableSheet(
  no: number,
  name: string,
  rows: Map<number, string[]>,
  opts: ReadOptions,
  counters: { project: number },
  unitNames: Set<string>,
  unread: ExtractedDocument['unread'],
): ProfileTable | null {
  const where = sheetWhere(name);
  const tpl = shanxiTemplate(no);
  const width = tpl.columns.length;
  const headerRows = tpl.header.length;
  const bodyFirst = HEADER_FIRST_ROW + headerRows;
  const text = (r: number, c: number) => (rows.get(r)?.[c] ?? '').trim();

  // the header must be the template's, column by column
  const expected = new Map<string, string>();
  for (const p of placeHeader(tpl.header, width)) expected.set(`${p.row}:${p.col}`, p.text);
  let bad = false;
  for (let r = 0; r < headerRows; r++) {
    for (let c = 0; c < Math.max(width, rows.get(HEADER_FIRST_ROW + r)?.length ?? 0); c++) {
      const got = text(HEADER_FIRST_ROW + r, c);
      const want = expected.get(`${r}:${c}`) ?? '';
      if (c >= width && got) {
        unread.push({ where: `${where}第${columnLetters(c + 1)}列`, reason: `表头“${got}”不属于表${no}（应有 ${width} 列），未读取本表` });
        bad = true;
      } else if (c < width && normHeader(got) !== normHeader(want)) {
        unread.push({ where: `${where}第${columnLetters(c + 1)}列`, reason: `表头为“${got}”，应为“${want}”，未读取本表` });
        bad = true;
      }
    }
  }
  if (bad) return null;

  const body: BodyRow[] = [];
  let noteLines: TextLine[] = [];
  const last = Math.max(0, ...rows.keys());
  for (let r = bodyFirst; r <= last; r++) {
    const cells = rows.get(r) ?? [];
    if (/^注/.test((cells[0] ?? '').trim())) {
      noteLines = [{ page: 0, y: 0, x: 0, text: cells[0].trim(), size: 0 }];
      break;
    }
    if (cells.every((c) => !c.trim())) continue;
    const extra = cells.findIndex((c, i) => i >= width && c.trim() !== '');
    if (extra >= 0) {
      unread.push({ where: `${where}第${columnLetters(extra + 1)}列`, reason: `第${r}行在表${no}的 ${width} 列之外有内容“${cells[extra].trim().slice(0, 20)}”，未读取本表` });
      return null;
    }
    const padded = Array.from({ length: width }, (_, i) => (cells[i] ?? '').trim());
    body.push({ cells: padded, indents: padded.map(() => 0), page: 0, where: `${where}第${r}行` });
  }
  if ((no === 12 || no === 13) && !markUnits(body, unitNames)) {
    unread.push({ where, reason: `表${no}无法从工作簿区分单位行与项目行（单位合计与其项目之和不符），未读取本表` });
    return null;
  }
  const raw: RawTable = {
    where,
    titleLines: [text(LABEL_ROW, 0), text(TITLE_ROW, 0)].map((t) => ({ page: 0, y: 0, x: 0, text: t, size: 0 })),
    frameLines: [{ page: 0, y: 0, x: 0, text: [text(META_ROW, 0), text(META_ROW, width - 1)].filter(Boolean).join(' '), size: 0 }],
    noteLines,
    pages: [],
    header: [] as GridCell[][],
    width,
    columnXs: [],
    body,
    misaligned: 0,
  };
  return toShanxiTable(no, raw, opts.codes ?? null, counters, unread);
}

/**
 * Marks the unit rows of 表十二/十三 (indent 0; projects get a project indent): a row after the department row is
 * a unit when its name is a unit of 表十一 or when no unit is open; a unit closes when its projects add up to it.
 */
function markUnits(body: BodyRow[], unitNames: Set<string>): boolean {
  let open: { remaining: number; projects: number } | null = null;
  const total = (r: BodyRow) => {
    const a = readAmount(r.cells[1] ?? '', '万元');
    return a.ok ? a.fen : NaN;
  };
  for (const [i, r] of body.entries()) {
    if (i === 0) continue; // the department row
    const amount = total(r);
    if (!Number.isFinite(amount)) return false;
    const isUnit = unitNames.has(r.cells[0]) || open === null;
    if (isUnit) {
      if (open && Math.abs(open.remaining) > open.projects * ROUNDING_PER_ROW) return false;
      r.indents[0] = 0;
      open = { remaining: amount, projects: 0 };
      continue;
    }
    r.indents[0] = PROJECT_INDENT;
    open!.remaining -= amount;
    open!.projects += 1;
    // the unit's projects add up to it: the next row opens a unit (unless it is a project of 0 not named as a unit)
    const next = body[i + 1];
    const nextZero = next !== undefined && total(next) === 0 && !unitNames.has(next.cells[0]);
    if (Math.abs(open!.remaining) <= open!.projects * ROUNDING_PER_ROW && !nextZero) open = null;
  }
  return open === null || Math.abs(open.remaining) <= open.projects * ROUNDING_PER_ROW;
}

const PROJECT_INDENT = 20;
