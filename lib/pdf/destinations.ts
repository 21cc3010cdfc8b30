/**
 * The page of every named destination of a PDF (Chromium writes one per element id a link of the document points
 * to: the 目录's headings, tables and forms), read with pdf.js (unpdf).
 */
export async function destinationPages(pdf: Uint8Array): Promise<Record<string, number>> {
  const { getDocumentProxy } = await import('unpdf');
  // pdf.js takes the buffer over: give it a copy
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const dests = (await doc.getDestinations()) as Record<string, unknown>;
    const out: Record<string, number> = {};
    for (const [name, dest] of Object.entries(dests)) {
      const ref = Array.isArray(dest) ? (dest[0] as { num: number; gen: number } | null) : null;
      if (ref && typeof ref === 'object') out[name] = (await doc.getPageIndex(ref)) + 1;
    }
    return out;
  } finally {
    await doc.loadingTask.destroy();
  }
}
