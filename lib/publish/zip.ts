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

/** The entries of a zip (for tests and checks): name → bytes. */
export async function readZip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name];
    if (!f.dir) out.set(name, await f.async('nodebuffer'));
  }
  return out;
}

/** A name safe inside a zip and on common file systems. */
export const zipSafeName = (s: string): string => s.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_');
