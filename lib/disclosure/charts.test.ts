import { describe, expect, it } from 'vitest';
import { zezhou2024 } from '../../db/seed/demo/zezhou-2024';
import type { BudgetFacts } from '../facts';
import { PIE_PALETTE, escapeXml, pieChart, renderPieSvg, sliceColor, type PieChart } from './charts';
import { buildDocument } from './document';
import { codebookFromCsv } from './testing/codebookFromCsv';

const demo = buildDocument({ ...zezhou2024, codes: codebookFromCsv(2024), forms: [] } as BudgetFacts);

/**
 * A small well-formedness check in place of an XML parser: every `<` opens a tag, tags nest and close in order,
 * attribute values are quoted and free of `<` and `"`, and text between tags holds no bare `&` or `>`.
 */
function assertWellFormed(svg: string): string[] {
  const stack: string[] = [];
  const names: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < svg.length) {
    if (svg[i] === '<') {
      tag.lastIndex = i;
      const m = tag.exec(svg);
      if (!m) throw new Error(`malformed tag at ${i}: ${svg.slice(i, i + 40)}`);
      const [, close, name, , selfClose] = m;
      if (close) {
        const open = stack.pop();
        if (open !== name) throw new Error(`</${name}> closes <${open}>`);
      } else {
        names.push(name);
        if (!selfClose) stack.push(name);
      }
      i = tag.lastIndex;
    } else {
      const next = svg.indexOf('<', i);
      const textPart = svg.slice(i, next < 0 ? svg.length : next);
      if (/>|&(?!(amp|lt|gt|quot|#39);)/.test(textPart)) throw new Error(`unescaped text: ${textPart}`);
      if (stack.length === 0 && textPart.trim() !== '') throw new Error('text outside the root element');
      i = next < 0 ? svg.length : next;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(',')}`);
  return names;
}

const chart = (parts: [string, number][]): PieChart =>
  pieChart('测试图', parts.map(([label, fen], i) => ({ key: `k${i}`, label, fen })), '无数据');

describe('pieChart', () => {
  it('gives shares adding up to 10000 and displays in 万元 as the text writes them', () => {
    const c = chart([['甲', 1_000_000], ['乙', 1_000_000], ['丙', 1_000_000], ['丁', 0]]);
    expect(c.slices.map((s) => [s.display, s.bp])).toEqual([['1.00', 3334], ['1.00', 3333], ['1.00', 3333], ['0', 0]]);
    expect(c.emptyMessage).toBeUndefined();
    expect(chart([['甲', 0]]).emptyMessage).toBe('无数据');
  });
});

describe('renderPieSvg', () => {
  it('renders the demo charts as well-formed, accessible SVG with integer coordinates', () => {
    for (const c of [demo.charts.generalStructure, demo.charts.threePublic]) {
      const svg = renderPieSvg(c);
      const names = assertWellFormed(svg);
      expect(names[0]).toBe('svg');
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+" width="\d+" height="\d+" role="img" aria-label="[^"]+"/);
      expect(svg).toContain(`<title>${c.title}</title>`);
      // the title is not drawn: the document's figcaption is the chart's one visible title
      expect(svg).not.toContain(`>${c.title}</text>`);
      expect(svg).not.toContain(`aria-label="${c.title}`);
      expect(svg).not.toMatch(/<script|<image|<use|href=|url\(|@font-face|<foreignObject/i);
      for (const d of svg.matchAll(/ d="([^"]+)"/g)) expect(d[1]).toMatch(/^M\d+ \d+L-?\d+ -?\d+A\d+ \d+ 0 [01] 1 -?\d+ -?\d+Z$/);
      // a legend row per slice: name, amount, share
      for (const s of c.slices) {
        expect(svg).toContain(`>${s.label}</text>`);
        expect(svg).toContain(`>${s.display}</text>`);
      }
      expect(svg).toContain('>名称</text>');
      expect(svg).toContain('>金额（万元）</text>');
      expect(svg).toContain('>占比</text>');
      expect(renderPieSvg(c)).toBe(svg);
    }
  });

  it('matches the snapshot of the demo charts', () => {
    expect(renderPieSvg(demo.charts.generalStructure)).toMatchSnapshot('一般公共预算当年拨款结构图');
    expect(renderPieSvg(demo.charts.threePublic)).toMatchSnapshot('三公经费分布图');
  });

  it('draws one 100% slice as a full circle (an arc of 360° would draw nothing)', () => {
    const svg = renderPieSvg(chart([['全部', 5_000_000], ['无', 0]]));
    assertWellFormed(svg);
    expect(svg).toContain(`<circle cx="126" cy="126" r="110" fill="${PIE_PALETTE[0]}"/>`);
    expect(svg).not.toContain('<path');
    expect(svg).toContain('>100.00%</text>');
  });

  it('draws a slice whose ends meet after rounding (99.99%) as a full circle under the others', () => {
    const svg = renderPieSvg(chart([['小', 1], ['大', 9_999]]));
    assertWellFormed(svg);
    expect(svg).toContain(`<circle cx="126" cy="126" r="110" fill="${PIE_PALETTE[1]}"/>`);
    expect(svg).toContain('>99.99%</text>');
  });

  it('uses the large-arc flag for a slice over half the pie', () => {
    const svg = renderPieSvg(chart([['甲', 3], ['乙', 1]]));
    const arcs = [...svg.matchAll(/A110 110 0 ([01]) 1/g)].map((m) => m[1]);
    expect(arcs).toEqual(['1', '0']);
  });

  it('keeps the neighbours at 12 o’clock apart when the palette wraps round', () => {
    expect(sliceColor(0, 3)).toBe(PIE_PALETTE[0]);
    expect(sliceColor(10, 12)).toBe(PIE_PALETTE[0]);
    expect(sliceColor(10, 11)).not.toBe(PIE_PALETTE[0]);
    expect(sliceColor(10, 11)).not.toBe(PIE_PALETTE[9]);
  });

  it('escapes labels and titles', () => {
    const c = pieChart('图<1> & "标题"', [{ key: 'a', label: '<script>alert("x")</script> & co', fen: 100 }], '无');
    const svg = renderPieSvg(c);
    assertWellFormed(svg);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(svg).toContain('<title>图&lt;1&gt; &amp; &quot;标题&quot;</title>');
    expect(escapeXml(`'`)).toBe('&#39;');
  });

  it('renders an empty chart as its title and message', () => {
    const svg = renderPieSvg(chart([['甲', 0], ['乙', 0]]));
    assertWellFormed(svg);
    expect(svg).toContain('>无数据</text>');
    expect(svg).not.toMatch(/<path|<circle/);
  });
});
