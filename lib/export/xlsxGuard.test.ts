import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { unsafeXlsxReason } from './xlsxGuard';

describe('uploaded xlsx guard', () => {
  it('lets an ordinary workbook through', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('基本支出').addRow(['单位', '金额（元）']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await unsafeXlsxReason(bytes)).toBeNull();
  });

  it('refuses a small file that unpacks to more than the cap (a decompression bomb)', async () => {
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(2 * 1024 * 1024, 0x20));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(64 * 1024);
    expect(await unsafeXlsxReason(bytes, 1024 * 1024)).toMatch(/解压后过大/);
  });

  it('refuses an entry whose declared size lies about what it inflates to', async () => {
    const zip = new JSZip();
    zip.file('a.xml', Buffer.alloc(3 * 1024 * 1024, 0x41));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const buf = Buffer.from(bytes);
    // shrink the declared uncompressed size in the central directory to 10 bytes
    const cd = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    buf.writeUInt32LE(10, cd + 24);
    expect(await unsafeXlsxReason(new Uint8Array(buf), 1024 * 1024)).toMatch(/解压后过大/);
  });

  it('leaves what is not a zip to the workbook reader (which refuses it)', async () => {
    expect(await unsafeXlsxReason(new Uint8Array([1, 2, 3, 4, 5]))).toBeNull();
  });
});
