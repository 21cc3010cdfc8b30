/**
 * Everything a publication freezes, prepared before the (synchronous) transaction that writes it: the facts as
 * JSON, the built document as JSON, the workbook and the PDF. The PDF comes from a renderer passed in (the server
 * queues its own print page for Chromium, lib/publish/render.ts; tests pass a stub), because it is slow and
 * asynchronous.
 *
 * The document is built once, here; the PDF must be that document. The renderer is given its digest
 * (lib/pdf/printDigest.ts), the print page refuses to render anything else, and the publication's transaction
 * re-checks the budget's version, facts and region texts against what was prepared (lib/workflow/actions.ts).
 */
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { budgets } from '../../db/schema';
import { loadBudgetFacts } from '../budget/load';
import { buildDocument } from '../disclosure/document';
import { buildDocumentWorkbook } from '../export/xlsx';
import { loadRegionTexts } from '../region/texts';
import { disclosureDigest } from '../pdf/printDigest';
import type { BudgetFacts } from '../facts';
import {
  parseSnapshotDocument,
  parseSnapshotFacts,
  serializeDocument,
  serializeFacts,
  type PublishedContent,
  type SnapshotRow,
} from './snapshots';

/**
 * Renders one budget's disclosure to PDF bytes. With a digest, the rendering must be exactly the document of that
 * digest (the print page refuses otherwise); without one, the budget as it is now.
 */
export type PdfRenderer = (budgetId: number, request?: { digest?: string }) => Promise<Buffer>;

export interface PreparedPublication {
  factsJson: string;
  /** The budget's version and the region texts (JSON) the document was built from. */
  budgetVersion: number;
  regionTextsJson: string;
  /** The digest of the document's view: what the PDF shows. */
  digest: string;
  content: PublishedContent;
}

/** The region texts as compared between preparation and publication. */
export const regionTextsJson = (db: Db): string => JSON.stringify(loadRegionTexts(db));

export const isPdf = (b: Uint8Array): boolean =>
  b.length > 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d; // %PDF-

/** The workbook of a budget's current facts, as the clerk downloads it (概况, the 13 tables, 情况说明, 名词解释, the forms). */
export async function buildBudgetWorkbook(db: Db, budgetId: number): Promise<Buffer> {
  const facts = loadBudgetFacts(db, budgetId);
  const doc = buildDocument(facts, loadRegionTexts(db));
  return buildDocumentWorkbook(doc, { forms: facts.forms, regionName: facts.department.regionName });
}

/** What a publication of these facts shows: the document, and the digest of the page (and PDF) it renders. */
function publicationView(facts: BudgetFacts, texts: ReturnType<typeof loadRegionTexts>) {
  const doc = buildDocument(facts, texts);
  return { doc, digest: disclosureDigest({ doc, forms: facts.forms, regionName: facts.department.regionName }) };
}

/** The digest of what publishing the budget now would show (cheap: no rendering). */
export function liveDigest(db: Db, budgetId: number): string {
  return publicationView(loadBudgetFacts(db, budgetId), loadRegionTexts(db)).digest;
}

/**
 * The digest of what a published snapshot shows, from its frozen document and facts: equal to `liveDigest` exactly
 * when a new publication would show the same page and PDF (a correction that changes nothing).
 */
export function publishedDigest(s: Pick<SnapshotRow, 'documentJson' | 'factsJson'>): string | null {
  const doc = parseSnapshotDocument(s);
  if (!doc) return null;
  const facts = parseSnapshotFacts(s);
  return disclosureDigest({ doc, forms: facts.forms, regionName: facts.department.regionName });
}

/** Builds the document and workbook from the current facts and renders the PDF. Throws what the renderer throws. */
export async function preparePublication(db: Db, budgetId: number, renderPdf: PdfRenderer): Promise<PreparedPublication> {
  // one consistent read of the version, the facts and the region texts (a read transaction: no write between them)
  const { budgetVersion, facts, texts } = db.transaction(() => ({
    budgetVersion: db.select({ version: budgets.version }).from(budgets).where(eq(budgets.id, budgetId)).get()?.version ?? 0,
    facts: loadBudgetFacts(db, budgetId),
    texts: loadRegionTexts(db),
  }));
  const factsJson = serializeFacts(facts);
  const { doc, digest } = publicationView(facts, texts);
  // the same workbook the clerk downloads: 概况, the tables, 情况说明, 名词解释 and one sheet per 绩效目标表
  const xlsx = await buildDocumentWorkbook(doc, { forms: facts.forms, regionName: facts.department.regionName });
  const pdf = await renderPdf(budgetId, { digest });
  if (!isPdf(pdf)) throw new Error('渲染结果不是 PDF 文件');
  return {
    factsJson,
    budgetVersion,
    regionTextsJson: JSON.stringify(texts),
    digest,
    content: { documentJson: serializeDocument(doc), pdf: Buffer.from(pdf), xlsx },
  };
}
