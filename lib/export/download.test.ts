import { describe, expect, it } from 'vitest';
import { attachmentHeaders } from './download';

describe('download headers', () => {
  it('encodes a Chinese file name per RFC 5987, quotes included, with an ASCII fallback', () => {
    const h = attachmentHeaders('application/pdf', "泽州县(2024)'公开", 'pdf', 10) as Record<string, string>;
    expect(h['content-disposition']).toBe(
      `attachment; filename="disclosure.pdf"; filename*=UTF-8''${encodeURIComponent('泽州县')}%282024%29%27${encodeURIComponent('公开')}.pdf`,
    );
    expect(h['content-length']).toBe('10');
    expect(h['cache-control']).toBe('private, no-store');
  });
});
