/**
 * Snapshots: frozen versions of a budget written by the workflow. A `submitted` or `approved` snapshot holds the
 * facts (JSON) and their SHA-256; a `published` one also holds the built document (JSON), the PDF and the
 * workbook, each with its SHA-256. A trigger (db/migrations/0001) refuses any UPDATE of these content columns, so
 * what was published can never change afterwards; only `superseded_by` (set when a correction is published) and
 * the note may be written later.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { snapshots, users } from '../../db/schema';
import type { Tx } from '../audit';
import type { BudgetFacts } from '../facts';
import type { DisclosureDocument } from '../disclosure/document';

export type SnapshotKind = 'submitted' | 'approved' | 'published';
export const SNAPSHOT_KIND_LABEL: Record<SnapshotKind, string> = {
  submitted: '报送版本',
  approved: '批复版本',
  published: '公开版本',
};

export type SnapshotRow = typeof snapshots.$inferSelect;

/** Lower-case hex SHA-256 of a string (as UTF-8) or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The facts as stored in a snapshot: plain JSON of `loadBudgetFacts`'s deterministic output. */
export function serializeFacts(facts: BudgetFacts): string {
  return JSON.stringify(facts);
}

export function serializeDocument(doc: DisclosureDocument): string {
  return JSON.stringify(doc);
}

export interface PublishedContent {
  documentJson: string;
  pdf: Buffer;
  xlsx: Buffer;
}

interface NewSnapshot {
  budgetId: number;
  kind: SnapshotKind;
  budgetVersion: number;
  factsJson: string;
  published?: PublishedContent;
  note?: string | null;
  createdBy: number;
  createdAt: number;
}

/** Writes a snapshot (inside the caller's transaction) and returns its id. Every hash is of the stored bytes. */
export function writeSnapshot(tx: Tx, s: NewSnapshot): number {
  const p = s.published;
  const row = tx
    .insert(snapshots)
    .values({
      budgetId: s.budgetId,
      kind: s.kind,
      budgetVersion: s.budgetVersion,
      factsJson: s.factsJson,
      factsSha256: sha256(s.factsJson),
      documentJson: p?.documentJson ?? null,
      documentSha256: p ? sha256(p.documentJson) : null,
      pdf: p?.pdf ?? null,
      pdfSha256: p ? sha256(p.pdf) : null,
      xlsx: p?.xlsx ?? null,
      xlsxSha256: p ? sha256(p.xlsx) : null,
      note: s.note ?? null,
      createdBy: s.createdBy,
      createdAt: s.createdAt,
    })
    .returning({ id: snapshots.id })
    .get();
  return row.id;
}

/** Marks every earlier, not yet superseded published snapshot of the budget as superseded by `newId`. */
export function supersedePublished(tx: Tx, budgetId: number, newId: number): number[] {
  const earlier = tx
    .select({ id: snapshots.id })
    .from(snapshots)
    .where(and(eq(snapshots.budgetId, budgetId), eq(snapshots.kind, 'published'), isNull(snapshots.supersededBy), ne(snapshots.id, newId)))
    .all()
    .map((r) => r.id);
  for (const id of earlier) tx.update(snapshots).set({ supersededBy: newId }).where(eq(snapshots.id, id)).run();
  return earlier;
}

interface HashCheck {
  part: 'facts' | 'document' | 'pdf' | 'xlsx';
  stored: string;
  actual: string;
  ok: boolean;
}

/** Recomputes the SHA-256 of every stored part and compares it with the stored hash. */
export function verifySnapshot(s: SnapshotRow): HashCheck[] {
  const out: HashCheck[] = [];
  const check = (part: HashCheck['part'], data: string | Uint8Array | null, stored: string | null) => {
    if (data === null && stored === null) return;
    const actual = data === null ? '' : sha256(data);
    out.push({ part, stored: stored ?? '', actual, ok: stored !== null && actual === stored });
  };
  check('facts', s.factsJson, s.factsSha256);
  check('document', s.documentJson, s.documentSha256);
  check('pdf', s.pdf, s.pdfSha256);
  check('xlsx', s.xlsx, s.xlsxSha256);
  return out;
}

/** Snapshot metadata without the content (for lists). */
export interface SnapshotMeta {
  id: number;
  budgetId: number;
  kind: SnapshotKind;
  budgetVersion: number;
  factsSha256: string;
  documentSha256: string | null;
  pdfSha256: string | null;
  xlsxSha256: string | null;
  note: string | null;
  supersededBy: number | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: number;
}

const metaColumns = {
  id: snapshots.id,
  budgetId: snapshots.budgetId,
  kind: snapshots.kind,
  budgetVersion: snapshots.budgetVersion,
  factsSha256: snapshots.factsSha256,
  documentSha256: snapshots.documentSha256,
  pdfSha256: snapshots.pdfSha256,
  xlsxSha256: snapshots.xlsxSha256,
  note: snapshots.note,
  supersededBy: snapshots.supersededBy,
  createdBy: snapshots.createdBy,
  createdByName: users.displayName,
  createdAt: snapshots.createdAt,
};

/** Every snapshot of a budget, oldest first (no authorization: callers check). */
export function snapshotsOf(db: Db | Tx, budgetId: number, kind?: SnapshotKind): SnapshotMeta[] {
  return db
    .select(metaColumns)
    .from(snapshots)
    .leftJoin(users, eq(users.id, snapshots.createdBy))
    .where(kind ? and(eq(snapshots.budgetId, budgetId), eq(snapshots.kind, kind)) : eq(snapshots.budgetId, budgetId))
    .orderBy(asc(snapshots.id))
    .all();
}

/** The budget's current public version: its newest published snapshot not superseded by a correction, or null. */
export function currentPublication(db: Db | Tx, budgetId: number): SnapshotRow | null {
  return (
    db
      .select()
      .from(snapshots)
      .where(and(eq(snapshots.budgetId, budgetId), eq(snapshots.kind, 'published'), isNull(snapshots.supersededBy)))
      .orderBy(desc(snapshots.id))
      .get() ?? null
  );
}

export function snapshotById(db: Db | Tx, id: number): SnapshotRow | null {
  return db.select().from(snapshots).where(eq(snapshots.id, id)).get() ?? null;
}

export function parseSnapshotFacts(s: Pick<SnapshotRow, 'factsJson'>): BudgetFacts {
  return JSON.parse(s.factsJson) as BudgetFacts;
}

export function parseSnapshotDocument(s: Pick<SnapshotRow, 'documentJson'>): DisclosureDocument | null {
  return s.documentJson === null ? null : (JSON.parse(s.documentJson) as DisclosureDocument);
}
