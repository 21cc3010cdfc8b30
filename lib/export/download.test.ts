import { describe, expect, it } from 'vitest';
import { attachmentHeaders } from './download';

describe('download headers', () => {
  it('encodes a Chinese file name per RFC 5987, quotes included, with an ASCII fallback', () => {
    const h = attachmentHeaders('application/pdf', "泽州县(2024)'公开", 'pdf', 10) as Record<string, string>;
    expect(h['content-disposition']).toBe(
      `attachment; filename="disclosure.pdf"; filename*=UTF-8''${encodeURIComponent('泽州县')}%282024%29%27${encodeURIComponent('公开')}.pdf`,
    );
    expect(h['content-length']).toBe('10');
  });

  it('marks every download a private document that no cache may store', () => {
    for (const h of [attachmentHeaders('application/zip', '导出', 'zip'), attachmentHeaders('text/csv', 'x', 'csv', 1, 'lines-2024')] as Record<string, string>[]) {
      expect(h['cache-control']).toBe('private, no-store');
      expect(h['x-content-type-options']).toBe('nosniff');
    }
  });

  it('takes a chosen ASCII fallback, keeping only characters that are safe inside the quoted string', () => {
    const h = attachmentHeaders('application/zip', '基本支出', 'xlsx', undefined, 'lines-2024') as Record<string, string>;
    expect(h['content-disposition']).toMatch(/^attachment; filename="lines-2024\.xlsx"; filename\*=UTF-8''/);
    expect(h['content-length']).toBeUndefined();
    const forged = attachmentHeaders('application/zip', 'x', 'zip', undefined, 'a"; b\\c\r\n') as Record<string, string>;
    expect(forged['content-disposition']).toMatch(/^attachment; filename="a___b_c__\.zip";/);
  });
});
