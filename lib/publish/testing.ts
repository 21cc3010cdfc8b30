/** Test support for publication: read back what the bulk export and publication wrote. */
import JSZip from 'jszip';

/** The entries of a zip: name → bytes. */
export async function readZip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name];
    if (!f.dir) out.set(name, await f.async('nodebuffer'));
  }
  return out;
}
