/**
 * Importing the official 政府收支分类科目 for a year from CSV or xlsx: parse (header names are flexible, the code may
 * be one column or split into 类/款/项 columns), refuse malformed rows by row number, preview what is added, renamed
 * and removed against the current book and which budget lines are touched, then apply in one transaction with an
 * audit entry.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import {
  basicLines,
  budgets,
  departments,
  deptEconomicCodes,
  fiscalYears,
  functionalCodes,
  govEconomicCodes,
  projectItems,
  projects,
  units,
} from '../../db/schema';
import { writeAudit, type Tx } from '../audit';
import { assertAdmin, type Actor } from '../auth/authorize';
import type { Fen } from '../facts';
import { formError, parseInput } from '../admin/common';
import { normalizeHeader, readTableFile, TableFileError, type TableRow } from '../admin/tableFile';

export const CODE_BOOK_KINDS = ['functional', 'deptEconomic', 'govEconomic'] as const;
export type CodeBookKind = (typeof CODE_BOOK_KINDS)[number];
export const CODE_BOOK_LABEL: Record<CodeBookKind, string> = {
  functional: '支出功能分类',
  deptEconomic: '部门预算支出经济分类',
  govEconomic: '政府预算支出经济分类',
};

export const MAX_CODE_ROWS = 20_000;
export const MAX_NAME_LENGTH = 100;
/** At most this many problems are listed; the count says how many there are. */
export const MAX_LISTED_PROBLEMS = 200;

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

export interface RowProblem {
  row: number;
  message: string;
}

export type ParseOutcome =
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
export function parseCodeBookRows(rows: TableRow[], kind: CodeBookKind): ParseOutcome {
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

export interface BookRow {
  code: string;
  name: string;
  level: number;
  parent: string | null;
}

function tableOf(kind: CodeBookKind) {
  return kind === 'functional' ? functionalCodes : kind === 'deptEconomic' ? deptEconomicCodes : govEconomicCodes;
}

export function currentBook(db: Db | Tx, kind: CodeBookKind, year: number): BookRow[] {
  const t = tableOf(kind);
  return db
    .select({ code: t.code, name: t.name, level: t.level, parent: t.parent })
    .from(t)
    .where(eq(t.year, year))
    .orderBy(asc(t.code))
    .all();
}

/** A short fingerprint of a book's codes and names: an import applies only to the book it was previewed against. */
export function fingerprint(book: { code: string; name: string }[]): string {
  const h = createHash('sha256');
  for (const r of [...book].sort((a, b) => (a.code < b.code ? -1 : 1))) h.update(`${r.code}\t${r.name}\n`);
  return h.digest('hex').slice(0, 32);
}

export interface CodeBookDiff {
  added: BookRow[];
  renamed: { code: string; level: number; oldName: string; newName: string }[];
  removed: BookRow[];
  unchanged: number;
}

export function diffBooks(current: BookRow[], next: BookRow[]): CodeBookDiff {
  const old = new Map(current.map((r) => [r.code, r]));
  const now = new Map(next.map((r) => [r.code, r]));
  const diff: CodeBookDiff = { added: [], renamed: [], removed: [], unchanged: 0 };
  for (const r of next) {
    const o = old.get(r.code);
    if (!o) diff.added.push(r);
    else if (o.name !== r.name) diff.renamed.push({ code: r.code, level: r.level, oldName: o.name, newName: r.name });
    else diff.unchanged++;
  }
  for (const r of current) if (!now.has(r.code)) diff.removed.push(r);
  return diff;
}

export interface AffectedLine {
  budgetId: number;
  departmentCode: string;
  departmentName: string;
  kind: 'basic' | 'project';
  unitName: string;
  projectName: string | null;
  code: string;
  oldName: string;
  /** null: the code is gone from the new book. */
  newName: string | null;
  amount: Fen;
}

/**
 * The budget lines of the year whose code (功能 for the functional book, 部门经济 for the departmental economic book,
 * the 政府经济 override for the government one) is among the given codes.
 */
export function linesUsingCodes(db: Db | Tx, kind: CodeBookKind, year: number, codes: string[]) {
  if (codes.length === 0) return [];
  const basicCol =
    kind === 'functional' ? basicLines.functionCode : kind === 'deptEconomic' ? basicLines.economicCode : basicLines.govEconomicOverride;
  const out: Omit<AffectedLine, 'oldName' | 'newName'>[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    const basic = db
      .select({
        budgetId: budgets.id,
        departmentCode: departments.code,
        departmentName: departments.name,
        unitName: units.name,
        code: basicCol,
        amount: basicLines.amount,
      })
      .from(basicLines)
      .innerJoin(budgets, eq(budgets.id, basicLines.budgetId))
      .innerJoin(departments, eq(departments.id, budgets.departmentId))
      .innerJoin(units, eq(units.id, basicLines.unitId))
      .where(and(eq(budgets.year, year), inArray(basicCol, chunk)))
      .all();
    for (const b of basic) out.push({ ...b, code: b.code ?? '', kind: 'basic', projectName: null });
    if (kind === 'govEconomic') continue;
    const itemCol = kind === 'functional' ? projectItems.functionCode : projectItems.economicCode;
    const items = db
      .select({
        budgetId: budgets.id,
        departmentCode: departments.code,
        departmentName: departments.name,
        unitName: units.name,
        projectName: projects.name,
        code: itemCol,
        amount: projectItems.amount,
      })
      .from(projectItems)
      .innerJoin(projects, eq(projects.id, projectItems.projectId))
      .innerJoin(budgets, eq(budgets.id, projects.budgetId))
      .innerJoin(departments, eq(departments.id, budgets.departmentId))
      .innerJoin(units, eq(units.id, projects.unitId))
      .where(and(eq(budgets.year, year), inArray(itemCol, chunk)))
      .all();
    for (const it of items) out.push({ ...it, kind: 'project' });
  }
  return out.sort(
    (a, b) =>
      a.departmentCode.localeCompare(b.departmentCode) ||
      a.code.localeCompare(b.code) ||
      (a.kind === b.kind ? 0 : a.kind === 'basic' ? -1 : 1) ||
      (a.projectName ?? '').localeCompare(b.projectName ?? '', 'zh-CN'),
  );
}

function affectedLines(db: Db | Tx, kind: CodeBookKind, year: number, diff: CodeBookDiff): AffectedLine[] {
  const names = new Map<string, { oldName: string; newName: string | null }>();
  for (const r of diff.renamed) names.set(r.code, { oldName: r.oldName, newName: r.newName });
  for (const r of diff.removed) names.set(r.code, { oldName: r.name, newName: null });
  return linesUsingCodes(db, kind, year, [...names.keys()]).map((l) => ({ ...l, ...names.get(l.code)! }));
}

/**
 * Budget lines of the year whose code is not in the year's book at all (e.g. after an import removed it); oldName is
 * '' and newName null for them.
 */
export function linesWithUnknownCodes(db: Db, actor: Actor, kind: CodeBookKind, year: number): AffectedLine[] {
  assertAdmin(actor);
  const known = new Set(currentBook(db, kind, year).map((r) => r.code));
  const used = new Set<string>();
  const basicCol =
    kind === 'functional' ? basicLines.functionCode : kind === 'deptEconomic' ? basicLines.economicCode : basicLines.govEconomicOverride;
  for (const r of db
    .selectDistinct({ code: basicCol })
    .from(basicLines)
    .innerJoin(budgets, eq(budgets.id, basicLines.budgetId))
    .where(eq(budgets.year, year))
    .all())
    if (r.code) used.add(r.code);
  if (kind !== 'govEconomic') {
    const itemCol = kind === 'functional' ? projectItems.functionCode : projectItems.economicCode;
    for (const r of db
      .selectDistinct({ code: itemCol })
      .from(projectItems)
      .innerJoin(projects, eq(projects.id, projectItems.projectId))
      .innerJoin(budgets, eq(budgets.id, projects.budgetId))
      .where(eq(budgets.year, year))
      .all())
      used.add(r.code);
  }
  return linesUsingCodes(db, kind, year, [...used].filter((c) => !known.has(c))).map((l) => ({ ...l, oldName: '', newName: null }));
}

const yearKindSchema = z.object({
  year: z.coerce
    .number({ error: '请选择年度' })
    .int({ error: '请选择年度' })
    .min(2000, { error: '年度须在 2000–2100 之间' })
    .max(2100, { error: '年度须在 2000–2100 之间' }),
  kind: z.enum(CODE_BOOK_KINDS, { error: '请选择科目类别' }),
});

function assertYearWritable(db: Db | Tx, year: number) {
  const y = db.select().from(fiscalYears).where(eq(fiscalYears.year, year)).get();
  if (y?.status === 'closed') formError(`${year} 年度已关闭，不能更换科目`);
}

export interface ImportPreview {
  year: number;
  kind: CodeBookKind;
  codes: ImportedCode[];
  /** The current book's fingerprint: apply refuses when the book changed since the preview. */
  baseFingerprint: string;
  currentCount: number;
  diff: CodeBookDiff;
  affected: AffectedLine[];
}

/** What importing these codes would change, without changing anything. */
export function previewCodeBookImport(
  db: Db,
  actor: Actor,
  input: z.input<typeof yearKindSchema> & { codes: ImportedCode[] },
): ImportPreview {
  assertAdmin(actor);
  const { year, kind } = parseInput(yearKindSchema, input);
  assertYearWritable(db, year);
  const current = currentBook(db, kind, year);
  const diff = diffBooks(current, input.codes);
  return {
    year,
    kind,
    codes: input.codes,
    baseFingerprint: fingerprint(current),
    currentCount: current.length,
    diff,
    affected: affectedLines(db, kind, year, diff),
  };
}

const applySchema = yearKindSchema.extend({
  baseFingerprint: z.string({ error: '缺少预览信息，请重新上传文件' }).regex(/^[0-9a-f]{32}$/, { error: '预览信息无效，请重新上传文件' }),
  fileName: z.string().max(200).default(''),
  codes: z
    .array(
      z.object({ row: z.number().int().nonnegative(), code: z.string().max(20), name: z.string().max(MAX_NAME_LENGTH * 2) }),
      { error: '缺少科目数据，请重新上传文件' },
    )
    .max(MAX_CODE_ROWS, { error: `科目不能超过 ${MAX_CODE_ROWS} 行` }),
});

export interface ImportResult {
  diff: CodeBookDiff;
  affected: AffectedLine[];
  total: number;
}

/** Bucket (人员经费/公用经费) of a 部门经济 code with no previous entry: from its 类. */
function defaultBucket(code: string, existing: Map<string, 'personnel' | 'public' | null>): 'personnel' | 'public' | null {
  const cls = code.slice(0, 3);
  if (existing.has(cls)) return existing.get(cls) ?? null;
  if (cls === '301' || cls === '303') return 'personnel';
  if (cls === '302' || cls === '309' || cls === '310') return 'public';
  return null;
}

/**
 * Replaces the year's book of the given kind with the imported codes, in one transaction with an audit entry.
 * The codes are validated again here; the preview's fingerprint must still match the current book.
 */
export function applyCodeBookImport(db: Db, actor: Actor, input: z.input<typeof applySchema>): ImportResult {
  assertAdmin(actor);
  const data = parseInput(applySchema, input);
  const checked = validateCodes(data.codes, data.kind);
  if (!checked.ok) {
    const first = checked.problems[0];
    formError(checked.formError ?? `第 ${first.row} 行：${first.message}`);
  }
  const codes = checked.codes;
  const now = Date.now();
  return db.transaction((tx) => {
    assertYearWritable(tx, data.year);
    const current = currentBook(tx, data.kind, data.year);
    if (fingerprint(current) !== data.baseFingerprint) formError('预览之后科目已被修改，请重新上传文件预览');
    const diff = diffBooks(current, codes);
    const affected = affectedLines(tx, data.kind, data.year, diff);
    const t = tableOf(data.kind);
    if (data.kind === 'deptEconomic') {
      const buckets = new Map(
        tx
          .select({ code: deptEconomicCodes.code, bucket: deptEconomicCodes.bucket })
          .from(deptEconomicCodes)
          .where(eq(deptEconomicCodes.year, data.year))
          .all()
          .map((r) => [r.code, r.bucket]),
      );
      tx.delete(deptEconomicCodes).where(eq(deptEconomicCodes.year, data.year)).run();
      const rows = codes.map((c) => ({
        year: data.year,
        code: c.code,
        name: c.name,
        level: c.level,
        parent: c.parent,
        bucket: buckets.has(c.code) ? (buckets.get(c.code) ?? null) : defaultBucket(c.code, buckets),
      }));
      for (let i = 0; i < rows.length; i += 500) tx.insert(deptEconomicCodes).values(rows.slice(i, i + 500)).run();
    } else {
      tx.delete(t).where(eq(t.year, data.year)).run();
      const rows = codes.map((c) => ({ year: data.year, code: c.code, name: c.name, level: c.level, parent: c.parent }));
      for (let i = 0; i < rows.length; i += 500) tx.insert(t).values(rows.slice(i, i + 500)).run();
    }
    writeAudit(
      tx,
      {
        userId: actor.userId,
        action: 'codebook.import',
        entity: data.kind === 'functional' ? 'functional_codes' : data.kind === 'deptEconomic' ? 'dept_economic_codes' : 'gov_economic_codes',
        entityId: data.year,
        oldValue: `${current.length} 条`,
        newValue: JSON.stringify({
          total: codes.length,
          added: diff.added.length,
          renamed: diff.renamed.map((r) => [r.code, r.oldName, r.newName]),
          removed: diff.removed.map((r) => [r.code, r.name]),
          affectedLines: affected.length,
        }),
        reason: data.fileName ? `导入文件：${data.fileName}` : undefined,
      },
      now,
    );
    return { diff, affected, total: codes.length };
  });
}

/** Codes of the year's book, for the code-book page. */
export function listBook(db: Db, actor: Actor, kind: CodeBookKind, year: number): BookRow[] {
  assertAdmin(actor);
  return currentBook(db, kind, year);
}
