/**
 * Importing the official 政府收支分类科目 for a year, as the administrator's use cases: preview an uploaded book
 * against the current one (what is added, renamed and removed, and which budget lines are touched), then apply it in
 * one transaction with an audit entry; list the lines whose code is in no book. Reading the file is importFile.ts,
 * the comparison importDiff.ts.
 */
import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import { basicLines, budgets, deptEconomicCodes, fiscalYears, projectItems, projects } from '../../db/schema';
import { writeAudit, type Tx } from '../audit';
import { assertAdmin, type Actor } from '../auth/authorize';
import { formError, parseInput } from '../admin/common';
import { CODE_BOOK_KINDS, type CodeBookKind } from './kinds';
import { MAX_CODE_ROWS, MAX_NAME_LENGTH, validateCodes, type ImportedCode } from './importFile';
import {
  affectedLines,
  bookTable,
  currentBook,
  diffBooks,
  fingerprint,
  linesUsingCodes,
  type AffectedLine,
  type BookRow,
  type CodeBookDiff,
} from './importDiff';

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
    const t = bookTable(data.kind);
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
