/**
 * The document's structure from the page layouts: its tables (a title, the grid under it, the continuation grids
 * on the following pages with the same header), the body rows of each table expanded to one text per column, and
 * the free text lines of the pages (cover, 目录, explanatory text).
 */
import type { Grid, GridCell, TextLine } from './grid';

export interface BodyRow {
  /** One text per column, left to right ('' for an empty cell, or for the columns a spanning cell covers). */
  cells: string[];
  /** Indent of each column's text (pt). */
  indents: number[];
  page: number;
  /** Location of the row when it is not a page's (a workbook's sheet row). */
  where?: string;
}

export interface RawTable {
  /** Location of the table when it is not on pages (a workbook's sheet). */
  where?: string;
  /** The title lines above the grid, top to bottom (e.g. `预算公开表1`, `2024年预算收支总表`). */
  titleLines: TextLine[];
  /** The lines between the title and the grid (部门名称 / 单位). */
  frameLines: TextLine[];
  /** The lines right under the grid (a 注 for an empty table). */
  noteLines: TextLine[];
  pages: number[];
  header: GridCell[][];
  /** Column count of the body. */
  width: number;
  /** The body's column lines (x), left to right (width + 1 of them). */
  columnXs: number[];
  body: BodyRow[];
  /** Grid cells that did not fall on the body's columns. */
  misaligned: number;
}

const CONTINUED = /[（(]续[）)]\s*$/;
const AMOUNT_LIKE = /^[-−]?\d{1,3}(,\d{3})*\.\d+$|^[-−]?\d+\.\d+$/;
const hasAmount = (row: GridCell[]): boolean => row.some((c) => AMOUNT_LIKE.test(c.text.replace(/\s/g, '')));
const startsLikeBody = (row: GridCell[]): boolean => /^(\d{3}|合计|总计|部门合计)/.test(row[0]?.text ?? '');

/**
 * Where the body starts, when the template does not say: at the first row with a figure (stepping back over rows
 * that start like body rows, e.g. a 类 line without figures), or, in a table without figures, at its first
 * 合计/code row that is not a header row (a header row such as `合计 | 因公出国（境）费 | …` carries header words).
 */
function splitGrid(g: Grid, known: number | null): { header: GridCell[][]; body: GridCell[][] } {
  if (known !== null) return { header: g.rows.slice(0, known), body: g.rows.slice(known) };
  let first = g.rows.findIndex(hasAmount);
  if (first >= 0) {
    while (first > 0 && startsLikeBody(g.rows[first - 1]) && !isHeaderRow(g.rows[first - 1])) first -= 1;
  } else {
    first = g.rows.findIndex((r) => startsLikeBody(r) && !isHeaderRow(r));
  }
  if (first < 0) return { header: g.rows, body: [] };
  return { header: g.rows.slice(0, first), body: g.rows.slice(first) };
}

const isHeaderRow = (r: GridCell[]): boolean => !hasAmount(r) && r.slice(1).some((c) => c.text !== '' && !AMOUNT_LIKE.test(c.text));

const headerSignature = (rows: GridCell[][]): string => rows.map((r) => r.map((c) => c.text).join('|')).join('/');

function expand(g: Grid, row: GridCell[]): { cells: string[]; indents: number[]; misaligned: number } {
  const width = g.columns.length - 1;
  const cells = Array<string>(width).fill('');
  const indents = Array<number>(width).fill(0);
  let misaligned = 0;
  for (const c of row) {
    const i = g.columns.findIndex((x) => Math.abs(x - c.x0) < 2);
    if (i < 0 || i >= width) {
      if (c.text) misaligned += 1;
      continue;
    }
    cells[i] = c.text;
    indents[i] = c.indent;
  }
  return { cells, indents, misaligned };
}

/** Column lines of a grid that are crossed by its body: the body's columns (header-only lines are dropped). */
function bodyGrid(g: Grid, body: GridCell[][], header: GridCell[][]): Grid {
  const used = new Set<number>();
  for (const r of [...body, ...header])
    for (const c of r) {
      used.add(g.columns.findIndex((x) => Math.abs(x - c.x0) < 2));
      used.add(g.columns.findIndex((x) => Math.abs(x - c.x1) < 2));
    }
  const columns = g.columns.filter((_, i) => used.has(i));
  return columns.length >= 2 ? { ...g, columns } : g;
}

export interface PageLayout {
  page: number;
  grids: Grid[];
  lines: TextLine[];
}

/**
 * Tables of the document. `isTitle` tells a title line; a grid with title lines above it (on its page, since the
 * previous grid) starts a table, a grid without starts nothing unless its header repeats the current table's.
 */
export function findTables(
  pages: PageLayout[],
  isTitle: (line: TextLine) => boolean,
  /** The number of header rows of a table with these title lines, when the template knows it. */
  headerRows: (titleLines: TextLine[]) => number | null = () => null,
): RawTable[] {
  type Open = RawTable & { signature: string; headerRows: number | null };
  const out: Open[] = [];
  let current: Open | null = null;
  for (const p of pages) {
    let floor = Infinity; // y of the previous grid's bottom on this page
    for (const g of [...p.grids].sort((a, b) => b.top - a.top)) {
      const above = p.lines.filter((l) => l.y > g.top && l.y < floor).sort((a, b) => b.y - a.y);
      // `表N …（续）` over a grid: the current table goes on (our export repeats the header under such a line)
      const continued = above.some((l) => CONTINUED.test(l.text));
      const titleAt = continued ? -1 : above.findIndex(isTitle);
      let titleEnd = titleAt;
      while (titleAt >= 0 && titleEnd + 1 < above.length && isTitle(above[titleEnd + 1])) titleEnd += 1;
      const known: number | null = titleAt >= 0 ? headerRows(above.slice(titleAt, titleEnd + 1)) : ((current as Open | null)?.headerRows ?? null);
      const { header, body } = splitGrid(g, known);
      const signature = headerSignature(header);
      const bg = bodyGrid(g, body, header);
      const rows = body.map((r) => ({ ...expand(bg, r), page: p.page }));
      const misaligned = rows.reduce((s, r) => s + r.misaligned, 0);
      if (titleAt >= 0) {
        const end = titleEnd;
        const next = p.grids.filter((o) => o.top < g.bottom).sort((a, b) => b.top - a.top)[0];
        const noteLines = p.lines
          .filter((l) => l.y < g.bottom && l.y > (next ? next.top : -Infinity))
          .sort((a, b) => b.y - a.y)
          .filter((l, i, all) => i < 3 && (i === 0 || all[i - 1].y - l.y < l.size * 3) && /^注/.test(all[0].text));
        current = {
          titleLines: above.slice(titleAt, end + 1),
          frameLines: above.slice(end + 1),
          noteLines,
          pages: [p.page],
          header,
          width: bg.columns.length - 1,
          columnXs: bg.columns,
          body: rows.map(({ cells, indents, page }) => ({ cells, indents, page })),
          misaligned,
          signature,
          headerRows: known,
        };
        out.push(current);
      } else if (current && bg.columns.length - 1 === current.width && (continued || (signature === current.signature && above.every((l) => !isTitle(l))))) {
        if (!current.pages.includes(p.page)) current.pages.push(p.page);
        current.body.push(...rows.map(({ cells, indents, page }) => ({ cells, indents, page })));
        current.misaligned += misaligned;
      } else {
        current = null;
      }
      floor = g.bottom;
    }
  }
  return out.map(({ signature: _s, headerRows: _h, ...t }) => t);
}

