/**
 * Public reads, for anonymous visitors: published snapshots only. Nothing here reads a budget's live data or a
 * snapshot of another kind, so a draft, a submission or an approval that was never published cannot leak through
 * these functions (the public pages use nothing else).
 */
import 'server-only';
import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { budgets, snapshots } from '../../db/schema';
import type { BudgetFacts } from '../facts';
import type { DisclosureDocument } from '../disclosure/document';
import { diffFacts, type CellChange, type FieldChange, type ItemChange } from '../review/diff';

/** 《预算法》第十四条: published within 20 days of approval. */
export const PUBLISH_DEADLINE_DAYS = 20;

const DAY = 86_400_000;
const CST = 8 * 3600_000;
/** Calendar days (China Standard Time) from `a` to `b`. */
export const calendarDaysBetween = (a: number, b: number): number => Math.floor((b + CST) / DAY) - Math.floor((a + CST) / DAY);

interface PublicEntry {
  snapshotId: number;
  budgetId: number;
  year: number;
  departmentCode: string;
  departmentName: string;
  publishedAt: number;
  note: string | null;
  supersededBy: number | null;
  /** The first publication of this budget is a correction's original; later ones are corrections. */
  isCorrection: boolean;
  pdfSha256: string;
  xlsxSha256: string;
  documentSha256: string;
  factsSha256: string;
  /** When the budget was approved (the approval snapshot before the first publication), if known. */
  approvedAt: number | null;
  /** When the budget was first published. */
  firstPublishedAt: number;
  /** Calendar days from approval to the first publication. */
  daysAfterApproval: number | null;
  /** The first publication came later than 20 days after approval. */
  late: boolean;
}

interface Row {
  id: number;
  budgetId: number;
  year: number;
  factsJson: string;
  createdAt: number;
  note: string | null;
  supersededBy: number | null;
  pdfSha256: string | null;
  xlsxSha256: string | null;
  documentSha256: string | null;
  factsSha256: string;
  approvedAtColumn: number | null;
}

const rowColumns = {
  id: snapshots.id,
  budgetId: snapshots.budgetId,
  year: budgets.year,
  factsJson: snapshots.factsJson,
  createdAt: snapshots.createdAt,
  note: snapshots.note,
  supersededBy: snapshots.supersededBy,
  pdfSha256: snapshots.pdfSha256,
  xlsxSha256: snapshots.xlsxSha256,
  documentSha256: snapshots.documentSha256,
  factsSha256: snapshots.factsSha256,
  approvedAtColumn: budgets.approvedAt,
};

function publishedRows(db: Db, where?: ReturnType<typeof and>): Row[] {
  return db
    .select(rowColumns)
    .from(snapshots)
    .innerJoin(budgets, eq(budgets.id, snapshots.budgetId))
    .where(where ? and(eq(snapshots.kind, 'published'), where) : eq(snapshots.kind, 'published'))
    .orderBy(asc(snapshots.id))
    .all();
}

function toEntries(db: Db, rows: Row[]): PublicEntry[] {
  const budgetIds = [...new Set(rows.map((r) => r.budgetId))];
  if (budgetIds.length === 0) return [];
  // the first publication and the approval before it, per budget
  const firsts = new Map<number, { id: number; at: number }>();
  for (const s of db
    .select({ id: snapshots.id, budgetId: snapshots.budgetId, createdAt: snapshots.createdAt })
    .from(snapshots)
    .where(and(eq(snapshots.kind, 'published'), inArray(snapshots.budgetId, budgetIds)))
    .orderBy(asc(snapshots.id))
    .all())
    if (!firsts.has(s.budgetId)) firsts.set(s.budgetId, { id: s.id, at: s.createdAt });
  const approvals = new Map<number, number>();
  for (const [budgetId, first] of firsts) {
    const a = db
      .select({ createdAt: snapshots.createdAt })
      .from(snapshots)
      .where(and(eq(snapshots.budgetId, budgetId), eq(snapshots.kind, 'approved'), lte(snapshots.id, first.id)))
      .orderBy(desc(snapshots.id))
      .limit(1)
      .get();
    if (a) approvals.set(budgetId, a.createdAt);
  }
  return rows.map((r) => {
    const facts = JSON.parse(r.factsJson) as Pick<BudgetFacts, 'department'>;
    const first = firsts.get(r.budgetId)!;
    const approvedAt = approvals.get(r.budgetId) ?? r.approvedAtColumn;
    const days = approvedAt === null ? null : calendarDaysBetween(approvedAt, first.at);
    return {
      snapshotId: r.id,
      budgetId: r.budgetId,
      year: r.year,
      departmentCode: facts.department.code,
      departmentName: facts.department.name,
      publishedAt: r.createdAt,
      note: r.note,
      supersededBy: r.supersededBy,
      isCorrection: r.id !== first.id,
      pdfSha256: r.pdfSha256 ?? '',
      xlsxSha256: r.xlsxSha256 ?? '',
      documentSha256: r.documentSha256 ?? '',
      factsSha256: r.factsSha256,
      approvedAt,
      firstPublishedAt: first.at,
      daysAfterApproval: days,
      late: days !== null && days > PUBLISH_DEADLINE_DAYS,
    };
  });
}

/** Years that have at least one published disclosure, newest first. */
export function publishedYears(db: Db): number[] {
  return db
    .selectDistinct({ year: budgets.year })
    .from(snapshots)
    .innerJoin(budgets, eq(budgets.id, snapshots.budgetId))
    .where(eq(snapshots.kind, 'published'))
    .orderBy(desc(budgets.year))
    .all()
    .map((r) => r.year);
}

/** Every published version (current and superseded) of a year, or of all years; by department code, then version. */
export function listPublished(db: Db, opts: { year?: number } = {}): PublicEntry[] {
  const rows = publishedRows(db, opts.year === undefined ? undefined : and(eq(budgets.year, opts.year)));
  return toEntries(db, rows).sort((a, b) => b.year - a.year || a.departmentCode.localeCompare(b.departmentCode) || a.snapshotId - b.snapshotId);
}

/** What a correction changed in the published disclosure, against the version it replaced. */
interface CorrectionChanges {
  /** The version it replaced. */
  replaced: PublicEntry;
  /** Every figure of the 13 tables that differs, old → new. */
  cells: CellChange[];
  /** Texts of the explanation that differ. */
  texts: FieldChange[];
  /** 绩效目标表 added, removed or changed. */
  forms: ItemChange[];
}

interface PublicDisclosure extends PublicEntry {
  document: DisclosureDocument;
  facts: BudgetFacts;
  /** The other published versions of the same budget, oldest first. */
  versions: PublicEntry[];
  /** For a correction: what it changed (null for a first publication). */
  changes: CorrectionChanges | null;
}

/** Both sides as published: the frozen documents' tables, and the frozen facts' texts and forms (all public). */
function correctionChanges(db: Db, replaced: PublicEntry, doc: DisclosureDocument, facts: BudgetFacts): CorrectionChanges | null {
  const before = db
    .select({ documentJson: snapshots.documentJson, factsJson: snapshots.factsJson })
    .from(snapshots)
    .where(eq(snapshots.id, replaced.snapshotId))
    .get();
  if (!before?.documentJson) return null;
  const oldDoc = JSON.parse(before.documentJson) as DisclosureDocument;
  const d = diffFacts(JSON.parse(before.factsJson) as BudgetFacts, facts, { a: oldDoc.tables, b: doc.tables });
  return { replaced, cells: d.cells, texts: d.texts, forms: d.forms };
}

/** One published disclosure as frozen; null for anything that is not a published snapshot. */
export function getPublished(db: Db, snapshotId: number): PublicDisclosure | null {
  if (!Number.isSafeInteger(snapshotId) || snapshotId <= 0) return null;
  const row = publishedRows(db, and(eq(snapshots.id, snapshotId)))[0];
  if (!row) return null;
  const content = db.select({ documentJson: snapshots.documentJson }).from(snapshots).where(eq(snapshots.id, snapshotId)).get();
  if (!content?.documentJson) return null;
  const versions = toEntries(db, publishedRows(db, and(eq(snapshots.budgetId, row.budgetId))));
  const entry = versions.find((v) => v.snapshotId === snapshotId)!;
  const document = JSON.parse(content.documentJson) as DisclosureDocument;
  const facts = JSON.parse(row.factsJson) as BudgetFacts;
  // a correction supersedes the version that was current when it was published
  const replaced = versions.filter((v) => v.supersededBy === snapshotId).at(-1);
  return { ...entry, document, facts, versions, changes: replaced ? correctionChanges(db, replaced, document, facts) : null };
}

interface PublicFile {
  bytes: Buffer;
  sha256: string;
  /** `泽州县档案馆2024年部门预算公开` (a correction adds `（更正版）`). */
  fileBase: string;
}

/** The frozen PDF or workbook of a published snapshot, byte for byte; null for anything else. */
export function getPublishedFile(db: Db, snapshotId: number, kind: 'pdf' | 'xlsx'): PublicFile | null {
  if (!Number.isSafeInteger(snapshotId) || snapshotId <= 0) return null;
  const s = db
    .select({
      kind: snapshots.kind,
      budgetId: snapshots.budgetId,
      factsJson: snapshots.factsJson,
      pdf: snapshots.pdf,
      pdfSha256: snapshots.pdfSha256,
      xlsx: snapshots.xlsx,
      xlsxSha256: snapshots.xlsxSha256,
      year: budgets.year,
    })
    .from(snapshots)
    .innerJoin(budgets, eq(budgets.id, snapshots.budgetId))
    .where(and(eq(snapshots.id, snapshotId), eq(snapshots.kind, 'published')))
    .get();
  if (!s) return null;
  const bytes = kind === 'pdf' ? s.pdf : s.xlsx;
  const sha = kind === 'pdf' ? s.pdfSha256 : s.xlsxSha256;
  if (!bytes || !sha) return null;
  const first = db
    .select({ id: snapshots.id })
    .from(snapshots)
    .where(and(eq(snapshots.budgetId, s.budgetId), eq(snapshots.kind, 'published')))
    .orderBy(asc(snapshots.id))
    .limit(1)
    .get();
  const dept = (JSON.parse(s.factsJson) as Pick<BudgetFacts, 'department'>).department;
  const correction = first && first.id !== snapshotId ? '（更正版）' : '';
  return { bytes: Buffer.from(bytes), sha256: sha, fileBase: `${dept.name}${s.year}年部门预算公开${kind === 'xlsx' ? '表' : ''}${correction}` };
}
