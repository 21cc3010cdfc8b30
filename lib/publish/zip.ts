/**
 * Zip archives for the bulk export. JSZip is already installed as a dependency of exceljs (node_modules/jszip), so
 * it is imported directly rather than writing a ZIP writer. Entries are stored, not deflated: PDFs and workbooks
 * are compressed already. File names are UTF-8 (JSZip sets the language-encoding flag for non-ASCII names).
 */
import JSZip from 'jszip';

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
}

export async function buildZip(entries: readonly ZipEntry[], date: Date = new Date()): Promise<Buffer> {
  const zip = new JSZip();
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) throw new Error(`duplicate zip entry ${e.name}`);
    seen.add(e.name);
    zip.file(e.name, e.data, { date, binary: typeof e.data !== 'string', createFolders: false });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE', streamFiles: false });
}

/** A name safe inside a zip and on common file systems. */
export const zipSafeName = (s: string): string => s.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_');
