/**
 * The two pie charts of the explanatory text (一般公共预算当年拨款结构图, 三公经费分布图): a data model whose
 * shares are the text's own (largest remainder, adding up to 100.00%), and a deterministic, self-contained SVG
 * rendering of it (no scripts, no external fonts or images; integer coordinates; a legend with 名称, 金额 and
 * 占比), to be inlined into the HTML page and its print/PDF rendering.
 */
import type { Fen } from '../facts';
import { formatPercent, formatWanText, sharesOfWhole } from '../money';

export type ChartKey = 'generalStructure' | 'threePublic';

interface PieSlice {
  key: string;
  label: string;
  /** Exact amount in 分. */
  fen: Fen;
  /** 万元, as the text writes it (`4,729.70`, zero `0`). */
  display: string;
  /** Share in hundredths of a percent; the slices' shares add up to 10000 when the whole is positive. */
  bp: number;
}

export interface PieChart {
  title: string;
  slices: PieSlice[];
  /** Set when there is nothing to draw (no positive amount); a renderer shows it instead of a pie. */
  emptyMessage?: string;
}

/** A pie chart from its parts: shares by the largest remainder method, displays rounded once. */
export function pieChart(
  title: string,
  parts: readonly { key: string; label: string; fen: Fen }[],
  emptyMessage: string,
): PieChart {
  const bps = sharesOfWhole(parts.map((p) => p.fen));
  const slices = parts.map((p, i) => ({ key: p.key, label: p.label, fen: p.fen, display: formatWanText(p.fen), bp: bps[i] }));
  const chart: PieChart = { title, slices };
  if (!slices.some((s) => s.fen > 0 && s.bp > 0)) chart.emptyMessage = emptyMessage;
  return chart;
}

/**
 * Fill colours: each at least 3:1 against white (WCAG non-text contrast), alternating dark and light so that
 * neighbouring slices stay apart when printed in greyscale (relative luminance .071 / .300 / .158 / .256 / .053 /
 * .261 / .047 / .280 / .148 / .283). Slices are also separated by a white stroke.
 */
export const PIE_PALETTE = [
  '#1f4e79',
  '#d0841a',
  '#2e7d4f',
  '#4a90c8',
  '#7a1f2b',
  '#9a7fc6',
  '#3d3d3d',
  '#a88f00',
  '#b0476a',
  '#4d9e98',
] as const;

/**
 * The colour of slice i of n: the palette in turn, except that a last slice which would wrap round to the first
 * slice's colour (n = 11, 21 …) takes another, so that the two neighbours at 12 o'clock differ.
 */
export function sliceColor(i: number, n: number): string {
  const base = i % PIE_PALETTE.length;
  return i === n - 1 && n > 1 && base === 0 ? PIE_PALETTE[2] : PIE_PALETTE[base];
}

interface PieSvgOptions {
  /** Radius of the pie in px (default 110). */
  radius?: number;
  /** Font size in px (default 14). */
  fontSize?: number;
}

const FONT_FAMILY =
  "'Noto Sans SC','Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','SimSun',sans-serif";

/** Escape text and attribute values for XML/HTML. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** Estimated width of a string in px: CJK and full-width characters are one em, others about 0.6 em. */
function textWidth(s: string, fontSize: number): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const wide = cp >= 0x2e80 || (cp >= 0x2000 && cp <= 0x206f && ch !== ' ');
    w += wide ? fontSize : fontSize * 0.6;
  }
  return Math.ceil(w);
}

/** A point on the circle at `bp` of the way round, clockwise from 12 o'clock, rounded to integers. */
function pointAt(cx: number, cy: number, r: number, bp: number, whole: number): [number, number] {
  const a = (2 * Math.PI * bp) / whole;
  // + 0 turns -0 into 0 so the output never contains "-0"
  return [Math.round(cx + r * Math.sin(a)) + 0, Math.round(cy - r * Math.cos(a)) + 0];
}

/** The chart as a standalone SVG string. Deterministic: the same chart gives the same bytes. */
export function renderPieSvg(chart: PieChart, opts: PieSvgOptions = {}): string {
  const r = Math.max(20, Math.round(opts.radius ?? 110));
  const fs = Math.max(8, Math.round(opts.fontSize ?? 14));
  const pad = 16;
  const titleY = pad + fs;
  const top = titleY + Math.round(fs * 0.8);
  const rowH = Math.round(fs * 1.8);
  const summary = chart.slices.map((s) => `${s.label}${s.display}万元，占${formatPercent(s.bp)}`).join('；');
  // a pie's title is its figure's caption (written once, by the document); its label is what it shows
  const aria = chart.emptyMessage ? `${chart.title}：${chart.emptyMessage}` : summary;
  const head = (w: number, h: number) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" ` +
    `aria-label="${escapeXml(aria)}" class="chart-svg">` +
    `<title>${escapeXml(chart.title)}</title>` +
    `<desc>${escapeXml(chart.emptyMessage ?? summary)}</desc>`;
  const font = `font-family="${escapeXml(FONT_FAMILY)}" font-size="${fs}" fill="#222222"`;

  if (chart.emptyMessage) {
    const w = Math.max(textWidth(chart.title, fs), textWidth(chart.emptyMessage, fs)) + 2 * pad;
    const h = top + rowH + pad;
    return (
      head(w, h) +
      `<rect x="0" y="0" width="${w}" height="${h}" fill="#ffffff"/>` +
      `<g ${font} text-anchor="middle">` +
      `<text x="${Math.round(w / 2)}" y="${titleY}" font-weight="bold">${escapeXml(chart.title)}</text>` +
      `<text x="${Math.round(w / 2)}" y="${top + fs}">${escapeXml(chart.emptyMessage)}</text>` +
      `</g></svg>`
    );
  }

  // pie: no drawn title (the document's figcaption is the one title), so the pie starts at the top
  const cx = pad + r;
  const cy = pad + r;
  const n = chart.slices.length;
  const drawn = chart.slices.map((s, i) => ({ s, color: sliceColor(i, n) })).filter((d) => d.s.bp > 0 && d.s.fen > 0);
  const whole = drawn.reduce((a, d) => a + d.s.bp, 0);
  const background: string[] = [];
  const paths: string[] = [];
  let cum = 0;
  for (const d of drawn) {
    const from = cum;
    cum += d.s.bp;
    if (d.s.bp === whole) {
      background.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${d.color}"/>`);
      continue;
    }
    const [x0, y0] = pointAt(cx, cy, r, from, whole);
    const [x1, y1] = pointAt(cx, cy, r, cum, whole);
    if (x0 === x1 && y0 === y1) {
      // too small to see, or so close to the whole circle that its ends meet after rounding
      if (d.s.bp * 2 > whole) background.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${d.color}"/>`);
      continue;
    }
    const large = d.s.bp * 2 > whole ? 1 : 0;
    paths.push(`<path d="M${cx} ${cy}L${x0} ${y0}A${r} ${r} 0 ${large} 1 ${x1} ${y1}Z" fill="${d.color}"/>`);
  }

  // legend: swatch, 名称, 金额（万元） right-aligned, 占比 right-aligned
  const lx = cx + r + 32;
  const nameX = lx + fs + 8;
  const nameW = Math.max(textWidth('名称', fs), ...chart.slices.map((s) => textWidth(s.label, fs)));
  const amountRight = nameX + nameW + 16 + Math.max(textWidth('金额（万元）', fs), ...chart.slices.map((s) => textWidth(s.display, fs)));
  const shareRight = amountRight + 16 + Math.max(textWidth('占比', fs), ...chart.slices.map((s) => textWidth(formatPercent(s.bp), fs)));
  const width = shareRight + pad;
  const legendTop = pad;
  const height = Math.max(cy + r + pad, legendTop + rowH * (chart.slices.length + 1) + pad);

  const legend: string[] = [];
  const baseline = (row: number) => legendTop + row * rowH + fs;
  legend.push(
    `<g font-weight="bold">` +
      `<text x="${nameX}" y="${baseline(0)}">名称</text>` +
      `<text x="${amountRight}" y="${baseline(0)}" text-anchor="end">金额（万元）</text>` +
      `<text x="${shareRight}" y="${baseline(0)}" text-anchor="end">占比</text></g>`,
  );
  chart.slices.forEach((s, i) => {
    const y = baseline(i + 1);
    const color = sliceColor(i, n);
    legend.push(
      `<rect x="${lx}" y="${y - fs + 2}" width="${fs}" height="${fs}" fill="${color}" stroke="#555555" stroke-width="0.5"/>` +
        `<text x="${nameX}" y="${y}">${escapeXml(s.label)}</text>` +
        `<text x="${amountRight}" y="${y}" text-anchor="end">${escapeXml(s.display)}</text>` +
        `<text x="${shareRight}" y="${y}" text-anchor="end">${escapeXml(formatPercent(s.bp))}</text>`,
    );
  });

  return (
    head(width, height) +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>` +
    `<g stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round">${background.join('')}${paths.join('')}</g>` +
    `<g ${font}>` +
    legend.join('') +
    `</g></svg>`
  );
}
