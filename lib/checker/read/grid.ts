/**
 * Tables rebuilt from a page's ruling lines: the horizontal and vertical lines are clustered into row lines and
 * column lines, a region whose rows are joined by vertical lines is one grid, and every cell is the rectangle
 * between two column lines and the row lines above and below it — a cell the row line does not cross continues
 * into the next row (rowSpan), a column line that does not cross a row merges the cells beside it (colSpan).
 * Text items go to the cell that holds their centre; the rest of the page is free text, read line by line.
 */
import type { PdfPage, Segment, TextItem } from './pdfPages';

/** Lines closer than this (pt) are one line (borders of adjacent cells drawn twice, anti-aliasing offsets). */
const SAME_LINE = 1.6;

export interface GridCell {
  x0: number;
  x1: number;
  /** Index of the first row band it covers, and how many. */
  row: number;
  rowSpan: number;
  text: string;
  /** Distance (pt) from the cell's left line to its leftmost text (the builder indents row names by level). */
  indent: number;
}

export interface Grid {
  page: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Column lines (x), left to right. */
  columns: number[];
  /** Per row band (top to bottom), the cells that start in it, left to right. */
  rows: GridCell[][];
}

export interface TextLine {
  page: number;
  y: number;
  x: number;
  text: string;
  size: number;
}

interface Line {
  at: number;
  /** Covered intervals along the line. */
  spans: [number, number][];
}

function clusterLines(segments: Segment[]): Line[] {
  const sorted = [...segments].sort((a, b) => a.at - b.at);
  const out: Line[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.at - last.at <= SAME_LINE) last.spans.push([s.from, s.to]);
    else out.push({ at: s.at, spans: [[s.from, s.to]] });
  }
  for (const l of out) {
    l.spans.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const sp of l.spans) {
      const m = merged[merged.length - 1];
      if (m && sp[0] <= m[1] + SAME_LINE * 2) m[1] = Math.max(m[1], sp[1]);
      else merged.push([sp[0], sp[1]]);
    }
    l.spans = merged;
  }
  return out;
}

const covers = (l: Line, from: number, to: number): boolean =>
  l.spans.some(([a, b]) => a <= from + SAME_LINE * 2 && b >= to - SAME_LINE * 2);

const itemCentre = (it: TextItem): [number, number] => [it.x + it.w / 2, it.y + it.h * 0.3];

/** Joins items into lines (top to bottom), each line's items left to right. */
function joinItems(items: TextItem[]): string[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: TextItem[][] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last[0].y - it.y) <= Math.max(2, it.h * 0.4)) last.push(it);
    else lines.push([it]);
  }
  return lines.map((l) => {
    l.sort((a, b) => a.x - b.x);
    let s = '';
    for (let i = 0; i < l.length; i++) {
      const gap = i > 0 ? l[i].x - (l[i - 1].x + l[i - 1].w) : 0;
      // a gap of more than a character between two items is a separator (e.g. `编制部门：X    单位：元`)
      s += (i > 0 && gap > l[i].h * 1.5 ? ' ' : '') + l[i].s;
    }
    return s.trim();
  });
}

/** The grids of a page and its free text lines (items outside every grid). */
export function pageLayout(page: PdfPage): { grids: Grid[]; lines: TextLine[] } {
  const hLines = clusterLines(page.segments.filter((s) => s.dir === 'h')).sort((a, b) => b.at - a.at); // top first
  const vLines = clusterLines(page.segments.filter((s) => s.dir === 'v'));
  const grids: Grid[] = [];
  // consecutive row lines joined by at least two vertical lines belong to one grid
  let group: Line[] = [];
  const flush = () => {
    if (group.length >= 2) {
      const g = buildGrid(page.page, group, vLines);
      if (g) grids.push(g);
    }
    group = [];
  };
  for (const h of hLines) {
    const prev = group[group.length - 1];
    if (prev) {
      const joined = vLines.filter((v) => covers(v, h.at, prev.at)).length >= 2;
      if (!joined) flush();
    }
    group.push(h);
  }
  flush();

  const free: TextItem[] = [];
  for (const it of page.items) {
    const [cx, cy] = itemCentre(it);
    const g = grids.find((gr) => cx >= gr.left - 1 && cx <= gr.right + 1 && cy <= gr.top + 1 && cy >= gr.bottom - 1);
    if (g) placeInGrid(g, it, cx, cy);
    else free.push(it);
  }
  for (const g of grids)
    for (const row of g.rows)
      for (const c of row) {
        const its = cellItems.get(c) ?? [];
        c.text = joinItems(its).join('');
        c.indent = its.length ? Math.min(...its.map((i) => i.x)) - c.x0 : 0;
      }
  const lines: TextLine[] = [];
  const sorted = [...free].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextItem[][] = [];
  for (const it of sorted) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(last[0].y - it.y) <= Math.max(2, it.h * 0.4)) last.push(it);
    else groups.push([it]);
  }
  for (const gr of groups) {
    const text = joinItems(gr)[0] ?? '';
    if (text) lines.push({ page: page.page, y: gr[0].y, x: Math.min(...gr.map((i) => i.x)), text, size: Math.max(...gr.map((i) => i.h)) });
  }
  return { grids, lines };
}

const cellItems = new WeakMap<GridCell, TextItem[]>();
const bandTops = new WeakMap<Grid, number[]>();

function placeInGrid(g: Grid, it: TextItem, cx: number, cy: number): void {
  const tops = bandTops.get(g)!;
  let band = -1;
  for (let i = 0; i < tops.length - 1; i++) if (cy <= tops[i] + 1 && cy >= tops[i + 1] - 1) band = i;
  if (band < 0) return;
  // the cell covering (band, cx): the last cell starting at or above the band that spans it
  for (let r = band; r >= 0; r--) {
    const c = g.rows[r].find((cell) => cx >= cell.x0 - 1 && cx <= cell.x1 + 1 && r + cell.rowSpan > band);
    if (c) {
      const list = cellItems.get(c) ?? [];
      list.push(it);
      cellItems.set(c, list);
      return;
    }
  }
}

function buildGrid(page: number, rowLines: Line[], vAll: Line[]): Grid | null {
  const top = rowLines[0].at;
  const bottom = rowLines[rowLines.length - 1].at;
  const vLines = vAll.filter((v) => v.spans.some(([a, b]) => b > bottom + SAME_LINE && a < top - SAME_LINE));
  if (vLines.length < 2) return null;
  const columns = vLines.map((v) => v.at);
  const left = columns[0];
  const right = columns[columns.length - 1];
  const rows: GridCell[][] = [];
  // open[c]: the cell (started above) that the column interval c currently belongs to
  const bands = rowLines.length - 1;
  const owner: (GridCell | null)[] = columns.slice(1).map(() => null);
  for (let b = 0; b < bands; b++) {
    const yTop = rowLines[b].at;
    const yBot = rowLines[b + 1].at;
    const mid = (yTop + yBot) / 2;
    const started: GridCell[] = [];
    let cell: GridCell | null = null;
    for (let c = 0; c < columns.length - 1; c++) {
      const x0 = columns[c];
      const x1 = columns[c + 1];
      const startsHere = b === 0 || covers(rowLines[b], x0, x1) || owner[c] === null;
      const boundaryLeft = c === 0 || vLines[c].spans.some(([a, z]) => a <= mid && z >= mid);
      if (!startsHere) {
        // continues the cell above (rowSpan); it grows once per band
        const o = owner[c]!;
        if (o.row + o.rowSpan === b) o.rowSpan += 1;
        cell = null;
        continue;
      }
      if (cell && !boundaryLeft) {
        cell.x1 = x1; // colSpan: no line between this interval and the previous one
      } else {
        cell = { x0, x1, row: b, rowSpan: 1, text: '', indent: 0 };
        started.push(cell);
      }
      owner[c] = cell;
    }
    rows.push(started);
  }
  const g: Grid = { page, top, bottom, left, right, columns, rows };
  bandTops.set(g, rowLines.map((l) => l.at));
  return g;
}
