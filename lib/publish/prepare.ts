/**
 * Everything a publication freezes, prepared before the (synchronous) transaction that writes it: the facts as
 * JSON, the built document as JSON, the workbook and the PDF. The PDF comes from a renderer passed in (the server
 * renders its own print page with Chromium; tests pass a stub), because it is slow and asynchronous.
 */
import type { Db } from '../../db/client';
import { loadBudgetFacts } from '../budget/load';
import { buildDocument } from '../disclosure/document';
import { buildDisclosureWorkbook } from '../export/xlsx';
import { loadRegionTexts } from '../region/texts';
import { documentTextSheet, serializeDocument, serializeFacts, type PublishedContent } from './snapshots';

/** Renders one budget's disclosure (as it is now in the database) to PDF bytes. */
export type PdfRenderer = (budgetId: number) => Promise<Buffer>;

export interface PreparedPublication {
  factsJson: string;
  content: PublishedContent;
}

export const isPdf = (b: Uint8Array): boolean =>
  b.length > 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d; // %PDF-

/** The workbook of a budget's current facts (the 13 tables and the 情况说明 sheet). */
export async function buildBudgetWorkbook(db: Db, budgetId: number): Promise<Buffer> {
  const facts = loadBudgetFacts(db, budgetId);
  const doc = buildDocument(facts, loadRegionTexts(db));
  return buildDisclosureWorkbook({ departmentName: facts.department.name, year: facts.year, tables: doc.tables, text: documentTextSheet(doc) });
}

/** Builds the document and workbook from the current facts and renders the PDF. Throws what the renderer throws. */
export async function preparePublication(db: Db, budgetId: number, renderPdf: PdfRenderer): Promise<PreparedPublication> {
  const facts = loadBudgetFacts(db, budgetId);
  const factsJson = serializeFacts(facts);
  const doc = buildDocument(facts, loadRegionTexts(db));
  const xlsx = await buildDisclosureWorkbook({
    departmentName: facts.department.name,
    year: facts.year,
    tables: doc.tables,
    text: documentTextSheet(doc),
  });
  const pdf = await renderPdf(budgetId);
  if (!isPdf(pdf)) throw new Error('渲染结果不是 PDF 文件');
  return { factsJson, content: { documentJson: serializeDocument(doc), pdf: Buffer.from(pdf), xlsx } };
}
