import { describe, expect, it } from 'vitest';
import { catalogBlocks } from './catalogTable';
import { DEFAULT_PURCHASE_CATALOG } from './purchaseCatalog';

describe('catalogBlocks (the attached 政府购买服务指导性目录)', () => {
  it('prints the default catalogue as its notices and one 4-column table of every entry', () => {
    const blocks = catalogBlocks(DEFAULT_PURCHASE_CATALOG);
    const tables = blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const [t] = tables;
    expect(t.header).toEqual(['代码', '一级目录', '二级目录', '三级目录']);
    const entries = DEFAULT_PURCHASE_CATALOG.split('\n').filter((l) => /^B\d*\t/.test(l));
    expect(t.rows).toHaveLength(entries.length);
    expect(t.rows[0]).toEqual(['B', '政府履职辅助性服务']);
    expect(t.rows[1]).toEqual(['B01', '', '法律服务']);
    expect(t.rows[2]).toEqual(['B0101', '', '', '法律顾问服务']);
    // the notices stay paragraphs, blank lines dropped
    expect(blocks[0]).toEqual({ kind: 'text', text: '晋城市财政局文件' });
    expect(blocks.filter((b) => b.kind === 'text').every((b) => b.text.length > 0)).toBe(true);
  });

  it('ends a table at the first line without a tab and widens its header to the widest row', () => {
    expect(catalogBlocks('甲\n代码\t名称\nA\tx\ty\n\n乙\nB\tz')).toEqual([
      { kind: 'text', text: '甲' },
      { kind: 'table', header: ['代码', '名称', ''], rows: [['A', 'x', 'y']] },
      { kind: 'text', text: '乙' },
      { kind: 'table', header: ['B', 'z'], rows: [] },
    ]);
  });
});
