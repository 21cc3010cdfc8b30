/**
 * `readDisclosure`: one uploaded file (PDF with a text layer, or an xlsx workbook of 公开表) → `ExtractedDocument`,
 * chosen by content (the PDF magic `%PDF-`, the zip magic `PK`), never by the file name. Every refusal is a Chinese
 * message in the project's `Result`; nothing throws.
 */
import { ok, refused, type Result } from '../../result';
import type { ExtractedDocument } from '../model';
import { readPdfDisclosure, type ReadOptions } from './pdf';
import { PdfReadError } from './pdfPages';
import { readXlsxDisclosure, XlsxDisclosureError } from './xlsx';

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** A PDF may carry junk before its header (pdf.js accepts 1 KB of it). */
const isPdf = (bytes: Uint8Array) => {
  for (let i = 0; i < Math.min(1024, bytes.length - 5); i++) if (startsWith(bytes, PDF_MAGIC, i)) return true;
  return false;
};

export async function readDisclosure(
  file: { name: string; bytes: Uint8Array },
  opts: ReadOptions = {},
): Promise<Result<{ document: ExtractedDocument }>> {
  try {
    if (isPdf(file.bytes)) return ok({ document: await readPdfDisclosure(file.name, file.bytes, opts) });
    if (startsWith(file.bytes, ZIP_MAGIC)) return ok({ document: await readXlsxDisclosure(file.name, file.bytes, opts) });
    return refused(`“${file.name}”既不是 PDF 也不是 xlsx 工作簿，无法读取`);
  } catch (e) {
    if (e instanceof PdfReadError || e instanceof XlsxDisclosureError) return refused(`“${file.name}”：${e.message}`);
    return refused(`“${file.name}”无法读取（文件损坏或格式不符）`);
  }
}
