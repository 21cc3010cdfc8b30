/**
 * The PDF's pages as geometry: text items (string, box) and the ruling lines of its tables (thin filled rectangles
 * and stroked axis-aligned paths), both in page user space (y up), read with pdf.js (through unpdf). Text that the
 * page clips away (outside every rectangular clip a text object is drawn in) is not printed and not read.
 *
 * Bounded: the byte size and the page count are refused before any page is parsed; the caller's deadline is checked
 * between pages.
 */
import type { getDocumentProxy } from 'unpdf';

type PDFDocumentProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

export interface TextItem {
  s: string;
  x: number;
  /** Baseline. */
  y: number;
  w: number;
  /** Font size (height of the item's box). */
  h: number;
}

export interface Segment {
  /** 'h': horizontal at `at` from `from` to `to` (x); 'v': vertical at `at` from `from` to `to` (y). */
  dir: 'h' | 'v';
  at: number;
  from: number;
  to: number;
}

export interface PdfPage {
  page: number;
  width: number;
  height: number;
  items: TextItem[];
  segments: Segment[];
}

/** pdf.js 6 calls ArrayBuffer.prototype.transferToFixedLength (Node ≥ 21); Node 20 lacks it. */
function ensureTransferToFixedLength(): void {
  const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (n?: number) => ArrayBuffer };
  if (typeof proto.transferToFixedLength === 'function') return;
  Object.defineProperty(proto, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length = this.byteLength) {
      const out = new ArrayBuffer(length);
      new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      return out;
    },
  });
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A rectangle at most this thick (pt) is a ruling line. */
const MAX_RULE_THICKNESS = 2.5;
/** Paths with more points than this are drawings (charts), not rulings. */
const MAX_PATH_POINTS = 64;

interface Ops {
  beginText: number;
  clip: Set<number>;
  endPath: number;
  transform: number;
  save: number;
  restore: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  fills: Set<number>;
  strokes: Set<number>;
}

async function opsTable(): Promise<Ops> {
  const { getResolvedPDFJS } = await import('unpdf');
  const { OPS } = await getResolvedPDFJS();
  return {
    beginText: OPS.beginText,
    clip: new Set([OPS.clip, OPS.eoClip]),
    endPath: OPS.endPath,
    transform: OPS.transform,
    save: OPS.save,
    restore: OPS.restore,
    constructPath: OPS.constructPath,
    paintFormXObjectBegin: OPS.paintFormXObjectBegin,
    paintFormXObjectEnd: OPS.paintFormXObjectEnd,
    fills: new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]),
    strokes: new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]),
  };
}

/** Path data of pdf.js ≥ 5: moveTo 0 (x y), lineTo 1 (x y), curveTo 2 (6), quadraticCurveTo 3 (4), closePath 4. */
function subpaths(data: ArrayLike<number>): [number, number][][] | null {
  const out: [number, number][][] = [];
  let cur: [number, number][] = [];
  let points = 0;
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === 0) {
      if (cur.length) out.push(cur);
      cur = [[data[i], data[i + 1]]];
      i += 2;
    } else if (op === 1) {
      cur.push([data[i], data[i + 1]]);
      i += 2;
    } else if (op === 2 || op === 3) {
      return null; // curves: not a ruling
    } else if (op === 4) {
      if (cur.length) cur.push(cur[0]);
    } else return null;
    if (++points > MAX_PATH_POINTS) return null;
  }
  if (cur.length) out.push(cur);
  return out;
}

function segmentsOfPath(points: [number, number][], filled: boolean, stroked: boolean, into: Segment[]): void {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  if (filled) {
    if (y1 - y0 <= MAX_RULE_THICKNESS && x1 - x0 > MAX_RULE_THICKNESS) into.push({ dir: 'h', at: (y0 + y1) / 2, from: x0, to: x1 });
    else if (x1 - x0 <= MAX_RULE_THICKNESS && y1 - y0 > MAX_RULE_THICKNESS) into.push({ dir: 'v', at: (x0 + x1) / 2, from: y0, to: y1 });
  }
  if (stroked) {
    for (let k = 1; k < points.length; k++) {
      const [ax, ay] = points[k - 1];
      const [bx, by] = points[k];
      if (Math.abs(ay - by) < 0.5 && Math.abs(ax - bx) > MAX_RULE_THICKNESS) into.push({ dir: 'h', at: ay, from: Math.min(ax, bx), to: Math.max(ax, bx) });
      else if (Math.abs(ax - bx) < 0.5 && Math.abs(ay - by) > MAX_RULE_THICKNESS) into.push({ dir: 'v', at: ax, from: Math.min(ay, by), to: Math.max(ay, by) });
    }
  }
}

type Rect = [number, number, number, number]; // x0, y0, x1, y1

const intersect = (a: Rect | null, b: Rect): Rect => (a ? [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])] : b);

/**
 * The page's ruling lines, and where its text can show: the clipping rectangle in force at each text object (a
 * text object outside every one of them is hidden — e.g. a line that runs past the page's content area and is
 * printed again on the next page).
 */
async function pageGeometry(
  page: Awaited<ReturnType<PDFDocumentProxy['getPage']>>,
  ops: Ops,
): Promise<{ segments: Segment[]; textAreas: (Rect | null)[] }> {
  const list = await page.getOperatorList();
  const out: Segment[] = [];
  const textAreas: (Rect | null)[] = [];
  const seenAreas = new Set<string>();
  let ctm: Matrix = IDENTITY;
  let clip: Rect | null = null;
  let pendingClip = false;
  const stack: { ctm: Matrix; clip: Rect | null }[] = [];
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[];
    if (fn === ops.save) stack.push({ ctm, clip });
    else if (fn === ops.restore) ({ ctm, clip } = stack.pop() ?? { ctm: IDENTITY, clip: null });
    else if (fn === ops.transform) ctm = multiply(ctm, args as Matrix);
    else if (ops.clip.has(fn)) pendingClip = true;
    else if (fn === ops.beginText) {
      const key = clip ? clip.map((v) => v.toFixed(1)).join(',') : 'page';
      if (!seenAreas.has(key)) {
        seenAreas.add(key);
        textAreas.push(clip);
      }
    } else if (fn === ops.paintFormXObjectBegin) {
      stack.push({ ctm, clip });
      const m = args[0] as Matrix | null;
      if (m) ctm = multiply(ctm, Array.from(m) as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) ({ ctm, clip } = stack.pop() ?? { ctm: IDENTITY, clip: null });
    else if (fn === ops.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | null)?.[0];
      const paths = data ? subpaths(data) : null;
      if (pendingClip) {
        pendingClip = false;
        // a rectangular clip narrows the area; any other shape leaves it as it is (text is not hidden on a guess)
        if (paths && paths.length === 1 && paths[0].length === 5) {
          const pts = paths[0].map(([x, y]) => apply(ctm, x, y));
          const xs = pts.map((p) => p[0]);
          const ys = pts.map((p) => p[1]);
          const axisAligned = pts.every(([x, y]) => xs.some((v) => Math.abs(v - x) < 0.01) && ys.some((v) => Math.abs(v - y) < 0.01));
          if (axisAligned && new Set(xs.map((v) => v.toFixed(1))).size === 2 && new Set(ys.map((v) => v.toFixed(1))).size === 2) {
            clip = intersect(clip, [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
          }
        }
        if (paint === ops.endPath) continue;
      }
      const filled = ops.fills.has(paint);
      const stroked = ops.strokes.has(paint);
      if ((!filled && !stroked) || !paths) continue;
      for (const p of paths) segmentsOfPath(p.map(([x, y]) => apply(ctm, x, y)), filled, stroked, out);
    }
  }
  return { segments: out, textAreas };
}

/** An item shows when its centre lies in one of the areas text was drawn in (no clip: the whole page). */
function visible(it: TextItem, areas: (Rect | null)[]): boolean {
  if (areas.length === 0 || areas.includes(null)) return true;
  const cx = it.x + it.w / 2;
  const cy = it.y + it.h * 0.3;
  return areas.some((r) => r !== null && cx >= r[0] - 1 && cx <= r[2] + 1 && cy >= r[1] - 1 && cy <= r[3] + 1);
}

export class PdfReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfReadError';
  }
}

export interface PdfLimits {
  maxBytes: number;
  maxPages: number;
  /** Wall-clock budget for the whole document, checked between pages. */
  timeoutMs: number;
}

/** A published department budget is 20–80 pages and a few MB; these bounds are far above that. */
export const PDF_LIMITS: PdfLimits = { maxBytes: 30 * 1024 * 1024, maxPages: 400, timeoutMs: 30_000 };

/** Reads every page's text items and ruling lines. Throws `PdfReadError` (Chinese) for any refusal. */
export async function readPdfPages(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<PdfPage[]> {
  if (bytes.byteLength > limits.maxBytes) {
    throw new PdfReadError(`PDF 文件过大（${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB），上限为 ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
  }
  ensureTransferToFixedLength();
  const started = Date.now();
  const { getDocumentProxy } = await import('unpdf');
  let pdf: PDFDocumentProxy;
  try {
    // a copy: pdf.js transfers (detaches) the buffer it is given
    pdf = await getDocumentProxy(new Uint8Array(bytes), { stopAtErrors: false, verbosity: 0 });
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    if (name === 'PasswordException') throw new PdfReadError('PDF 文件已加密（需要密码），无法读取');
    throw new PdfReadError('文件不是可读取的 PDF（文件损坏或格式不符）');
  }
  try {
    if (pdf.numPages > limits.maxPages) throw new PdfReadError(`PDF 共 ${pdf.numPages} 页，超过可核查的上限 ${limits.maxPages} 页`);
    const ops = await opsTable();
    const pages: PdfPage[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      if (Date.now() - started > limits.timeoutMs) throw new PdfReadError(`读取 PDF 超时（超过 ${Math.round(limits.timeoutMs / 1000)} 秒），已停止`);
      let page;
      try {
        page = await pdf.getPage(p);
      } catch {
        throw new PdfReadError(`PDF 第${p}页损坏，无法读取`);
      }
      const vp = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const it of content.items) {
        if (!('str' in it) || it.str.trim() === '') continue;
        const [a, b, c, d, e, f] = it.transform as number[];
        if (Math.abs(b) > 0.01 || Math.abs(c) > 0.01 || a <= 0 || d <= 0) continue; // rotated text: not table text
        items.push({ s: it.str, x: e, y: f, w: it.width, h: it.height || Math.hypot(c, d) });
      }
      const { segments, textAreas } = await pageGeometry(page, ops);
      pages.push({ page: p, width: vp.width, height: vp.height, items: items.filter((it) => visible(it, textAreas)), segments });
      page.cleanup();
    }
    return pages;
  } finally {
    void pdf.loadingTask?.destroy();
  }
}
