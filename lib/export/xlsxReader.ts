/**
 * The one reader of uploaded workbooks (基本支出 lines, code books, control figures). It never loads a workbook: the
 * zip's directory is read from the upload's bytes, and only the parts needed — the workbook's sheet list, the styles
 * (to tell dates from numbers), the shared strings and the ONE worksheet asked for — are inflated and parsed as a
 * stream of XML events. Every dimension has a hard cap checked while parsing (bytes per part, shared strings,
 * columns read per row, characters per cell; rows are counted by the caller, who stops the stream), so memory stays
 * flat whatever the file: a sheet of a million rows costs no more than the rows read before the cap stops it.
 *
 * It is also the single place where a cell becomes text: numbers in their shortest form (the double nearest the
 * typed figure prints back as typed), formulas by their cached result (never evaluated), rich text joined, dates as
 * ISO dates.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { inflateEntry, MAX_UNPACKED_BYTES, UnpackedTooLargeError, ZipFormatError, zipEntries, type ZipEntry } from './xlsxGuard';

/** One cell as read; `tooLong` keeps only the length of a text over the cap, never the text. */
export type XlsxCell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  /** ISO `yyyy-mm-dd`: a number in a cell formatted as a date. */
  | { kind: 'date'; value: string }
  /** A formula saved without its result (e.g. written by a program): there is nothing to read. */
  | { kind: 'noResult' }
  /** An Excel error value such as `#N/A`. */
  | { kind: 'error'; value: string }
  | { kind: 'tooLong'; length: number };

/** @public the row xlsxReader.test.ts reads back */
export interface XlsxRow {
  /** The Excel row number. */
  number: number;
  /** Index 0 is column A; never longer than the column cap. */
  cells: XlsxCell[];
}

export interface SheetLimits {
  /** Columns read per row (A.. this); cells further right are skipped without being parsed into values. */
  maxColumns: number;
  /** Characters of text per cell; a longer text is read as `tooLong`. */
  maxCellChars: number;
}

export const DEFAULT_SHEET_LIMITS: SheetLimits = { maxColumns: 50, maxCellChars: 500 };
/** The shared-string table: ~5 strings per row for 20,000 rows is 100,000; this is twice that. */
const MAX_SHARED_STRINGS = 200_000;
/** Unpacked bytes of the shared-string table (a 20,000-row workbook of distinct Chinese names needs ~3 MB). */
const MAX_SHARED_STRINGS_BYTES = 8 * 1024 * 1024;
/** Unpacked bytes of the small parts (sheet list, relationships, styles). */
const MAX_SMALL_PART_BYTES = 4 * 1024 * 1024;
/** Excel allows 64,000 cell formats. */
const MAX_STYLES = 65_536;
const MAX_SHEETS = 255;
/** Excel's last column, XFD. */
const EXCEL_MAX_COLUMN = 16_384;

/** A limit of the file was exceeded; the message (Chinese) names the limit and is shown as is. */
export class XlsxLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxLimitError';
  }
}

/** The file is not a readable workbook (damaged, encrypted, not an xlsx); callers word this their own way. */
export class XlsxFormatError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'XlsxFormatError';
  }
}

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));
const n = (x: number) => x.toLocaleString('en-US');

/**
 * `A` → 1, `XFD` → 16384; 0 for anything that is not a column within Excel's.
 * @public tested on its own (xlsxReader.test.ts), as is `columnLetters`
 */
export function columnNumber(letters: string): number {
  if (letters.length === 0 || letters.length > 3) return 0;
  let col = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c < 65 || c > 90) return 0;
    col = col * 26 + (c - 64);
  }
  return col <= EXCEL_MAX_COLUMN ? col : 0;
}

/** 1 → `A`, 27 → `AA`. @public */
export function columnLetters(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** The cell's text: what a person sees typed there (no value for errors, missing results and over-long texts). */
export function cellText(c: XlsxCell | undefined): string {
  if (!c) return '';
  switch (c.kind) {
    // a number cell holds the double nearest the typed figure; its shortest form gives the figure back (`5095.13`),
    // and float noise from a formula stays visible for the money parsers to refuse rather than being rounded away
    case 'number':
      return String(c.value);
    case 'text':
    case 'date':
      return c.value;
    default:
      return '';
  }
}

/** Nothing there, or only spaces. */
export const isBlank = (c: XlsxCell | undefined): boolean => !c || c.kind === 'empty' || (c.kind === 'text' && c.value.trim() === '');

/** `第3行 C列：内容超过 500 个字符`. */
export function tooLongMessage(row: number, col: number, limits: SheetLimits = DEFAULT_SHEET_LIMITS): string {
  return `第${row}行 ${columnLetters(col)}列：内容超过 ${n(limits.maxCellChars)} 个字符`;
}

// ── XML streaming ─────────────────────────────────────────────────────────────────────────────────────────────

interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

/** The local name: `x:row` → `row` (some producers prefix the SpreadsheetML namespace). */
const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/**
 * Streams one part through a SAX parser: inflated a slice at a time, decoded as UTF-8 across chunk boundaries,
 * events delivered synchronously. `tooLarge` is the Chinese message for a part over `maxBytes`.
 */
async function streamPart(archive: Uint8Array, entry: ZipEntry, maxBytes: number, tooLarge: string, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser();
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag: SaxesTagPlain) => open(local(tag.name), tag.attributes as Record<string, string>));
  }
  if (handlers.text) parser.on('text', handlers.text);
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of inflateEntry(archive, entry, maxBytes)) {
      parser.write(decoder.decode(chunk, { stream: true }));
      if (failure) throw new XlsxFormatError(`XML: ${(failure as Error).message}`);
    }
    parser.write(decoder.decode());
    parser.close();
    if (failure) throw new XlsxFormatError(`XML: ${(failure as Error).message}`);
  } catch (e) {
    if (e instanceof UnpackedTooLargeError) throw new XlsxLimitError(tooLarge);
    if (e instanceof XlsxLimitError || e instanceof XlsxFormatError) throw e;
    throw new XlsxFormatError(e instanceof Error ? e.message : String(e));
  }
}

// ── the workbook's parts ──────────────────────────────────────────────────────────────────────────────────────

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30 and the East Asian ones). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format is a date when, outside quoted text and [brackets], it has date or time letters. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

interface WorkbookParts {
  sheets: { name: string; path: string | null }[];
  date1904: boolean;
  stylesPath: string | null;
  sharedStringsPath: string | null;
}

/** Shared strings: the text, or (over the cell cap) only its length. */
type SharedString = string | { tooLong: number };

interface SheetInfo {
  name: string;
}

/**
 * An opened upload: the sheet list is known, nothing of any sheet has been read. Styles and shared strings are read
 * on the first `rows()` call (they are needed by every sheet, and a workbook without sheets never needs them).
 */
export class XlsxWorkbook {
  private styles: boolean[] | null = null;
  private shared: SharedString[] | null = null;

  private constructor(
    private readonly archive: Uint8Array,
    private readonly entries: Map<string, ZipEntry>,
    private readonly parts: WorkbookParts,
  ) {}

  get sheets(): SheetInfo[] {
    return this.parts.sheets.map((s) => ({ name: s.name }));
  }

  /** Opens the bytes of an upload; throws XlsxFormatError or XlsxLimitError. */
  static async open(bytes: Uint8Array): Promise<XlsxWorkbook> {
    let list: ZipEntry[];
    try {
      list = zipEntries(bytes);
    } catch (e) {
      if (e instanceof ZipFormatError && e.reason === 'entries') throw new XlsxLimitError('工作簿包含的部件过多，无法导入');
      throw new XlsxFormatError(e instanceof Error ? e.message : 'zip');
    }
    const entries = new Map<string, ZipEntry>();
    // part names are case-insensitive (Open Packaging Conventions)
    for (const e of list) entries.set(e.name.replace(/^\/+/, '').toLowerCase(), e);
    if ([...entries.values()].some((e) => e.encrypted)) throw new XlsxFormatError('encrypted');
    const wb = new XlsxWorkbook(bytes, entries, { sheets: [], date1904: false, stylesPath: null, sharedStringsPath: null });
    await wb.readWorkbookPart();
    return wb;
  }

  private entry(path: string): ZipEntry | undefined {
    return this.entries.get(path.replace(/^\/+/, '').toLowerCase());
  }

  private async small(path: string, handlers: XmlHandlers): Promise<boolean> {
    const e = this.entry(path);
    if (!e) return false;
    await streamPart(this.archive, e, MAX_SMALL_PART_BYTES, `工作簿的部件“${path}”过大（超过 ${mb(MAX_SMALL_PART_BYTES)} MB），无法导入`, handlers);
    return true;
  }

  /** Relationships of a part: id → { type, resolved target path }. */
  private async rels(partPath: string): Promise<Map<string, { type: string; path: string }>> {
    const dir = partPath.includes('/') ? partPath.slice(0, partPath.lastIndexOf('/') + 1) : '';
    const relsPath = `${dir}_rels/${partPath.slice(dir.length)}.rels`;
    const out = new Map<string, { type: string; path: string }>();
    await this.small(relsPath, {
      open(name, a) {
        if (name !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return;
        if (out.size >= MAX_SHEETS * 4) throw new XlsxLimitError('工作簿的关系表过大，无法导入');
        out.set(a.Id, { type: a.Type ?? '', path: resolvePath(dir, a.Target) });
      },
    });
    return out;
  }

  private async readWorkbookPart(): Promise<void> {
    const root = await this.rels('');
    const office = [...root.values()].find((r) => r.type.endsWith('/officeDocument'));
    const workbookPath = office?.path ?? 'xl/workbook.xml';
    const sheets: { name: string; rid: string }[] = [];
    let date1904 = false;
    const found = await this.small(workbookPath, {
      open(name, a) {
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
        if (name === 'sheet') {
          if (sheets.length >= MAX_SHEETS) throw new XlsxLimitError(`工作簿的工作表超过 ${MAX_SHEETS} 个，无法导入`);
          const rid = a['r:id'] ?? Object.entries(a).find(([k]) => local(k) === 'id' && k !== 'sheetId')?.[1] ?? '';
          sheets.push({ name: a.name ?? '', rid });
        }
      },
    });
    if (!found) throw new XlsxFormatError('no workbook part');
    const rels = await this.rels(workbookPath);
    const byType = (t: string) => [...rels.values()].find((r) => r.type.endsWith(t))?.path ?? null;
    this.parts.sheets = sheets.map((s) => ({ name: s.name, path: rels.get(s.rid)?.path ?? null }));
    this.parts.date1904 = date1904;
    this.parts.stylesPath = byType('/styles');
    this.parts.sharedStringsPath = byType('/sharedStrings');
  }

  /** For each cell format (the `s` of a cell), whether it shows a date. */
  private async readStyles(): Promise<boolean[]> {
    const custom = new Map<number, string>();
    const xfs: number[] = [];
    let inCellXfs = false;
    if (this.parts.stylesPath)
      await this.small(this.parts.stylesPath, {
        open(name, a) {
          if (name === 'numFmt' && a.numFmtId) custom.set(Number(a.numFmtId), a.formatCode ?? '');
          else if (name === 'cellXfs') inCellXfs = true;
          else if (name === 'xf' && inCellXfs) {
            if (xfs.length >= MAX_STYLES) throw new XlsxLimitError(`工作簿的单元格格式超过 ${n(MAX_STYLES)} 种，无法导入`);
            xfs.push(Number(a.numFmtId ?? 0));
          }
        },
        close(name) {
          if (name === 'cellXfs') inCellXfs = false;
        },
      });
    return xfs.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id)));
  }

  /** The shared-string table, bounded in count and bytes; texts over the cell cap keep only their length. */
  private async readSharedStrings(maxChars: number): Promise<SharedString[]> {
    const out: SharedString[] = [];
    const path = this.parts.sharedStringsPath;
    const entry = path ? this.entry(path) : undefined;
    if (!entry) return out;
    let inSi = false;
    let inT = false;
    let phonetic = 0;
    let text = '';
    let length = 0;
    await streamPart(this.archive, entry, MAX_SHARED_STRINGS_BYTES, `工作簿的共享字符串过大（超过 ${mb(MAX_SHARED_STRINGS_BYTES)} MB），请只保留需要导入的数据`, {
      open(name) {
        if (name === 'si') {
          if (out.length >= MAX_SHARED_STRINGS) throw new XlsxLimitError(`工作簿的共享字符串超过 ${n(MAX_SHARED_STRINGS)} 个，请只保留需要导入的数据`);
          inSi = true;
          text = '';
          length = 0;
        } else if (name === 'rPh') phonetic++;
        else if (name === 't' && inSi && phonetic === 0) inT = true;
      },
      text(t) {
        if (!inT) return;
        length += t.length;
        if (length <= maxChars) text += t;
      },
      close(name) {
        if (name === 't') inT = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si') {
          out.push(length > maxChars ? { tooLong: length } : text);
          inSi = false;
        }
      },
    });
    return out;
  }

  /**
   * The rows of one sheet that have anything in columns A..maxColumns, in file order. The caller counts and stops
   * (`break`): nothing after the last row taken is inflated. Throws XlsxLimitError / XlsxFormatError.
   */
  async *rows(sheetIndex: number, limits: SheetLimits = DEFAULT_SHEET_LIMITS): AsyncGenerator<XlsxRow> {
    const sheet = this.parts.sheets[sheetIndex];
    const entry = sheet?.path ? this.entry(sheet.path) : undefined;
    if (!entry) throw new XlsxFormatError(`no sheet ${sheetIndex}`);
    this.styles ??= await this.readStyles();
    this.shared ??= await this.readSharedStrings(limits.maxCellChars);
    const styles = this.styles;
    const shared = this.shared;
    const date1904 = this.parts.date1904;
    const { maxColumns, maxCellChars } = limits;

    // rows completed by the parser and not yet handed to the caller (at most one inflated slice's worth)
    let ready: XlsxRow[] = [];
    let row: XlsxRow | null = null;
    let rowNumber = 0;
    let cellCol = 0;
    // the cell being read (null: skipped, beyond the column cap)
    let cell: { col: number; t: string; date: boolean; hasFormula: boolean; v: string | null; text: string; length: number } | null = null;
    let into: 'v' | 'text' | null = null;
    let inInline = false;
    let phonetic = 0;
    let hasValue = false;

    const finishCell = () => {
      if (!cell || !row) return;
      const c = cell;
      let value: XlsxCell;
      if (c.t === 'inlineStr') value = c.length > maxCellChars ? { kind: 'tooLong', length: c.length } : { kind: 'text', value: c.text };
      else if (c.v === null) value = c.hasFormula ? { kind: 'noResult' } : { kind: 'empty' };
      else if (c.t === 's') {
        const s = shared[Number.parseInt(c.v, 10)];
        value = s === undefined ? { kind: 'empty' } : typeof s === 'string' ? { kind: 'text', value: s } : { kind: 'tooLong', length: s.tooLong };
      } else if (c.t === 'str') value = c.length > maxCellChars ? { kind: 'tooLong', length: c.length } : { kind: 'text', value: c.v };
      else if (c.t === 'b') value = { kind: 'text', value: Number.parseInt(c.v, 10) !== 0 ? 'TRUE' : 'FALSE' };
      else if (c.t === 'e') value = { kind: 'error', value: c.v.trim() };
      else if (c.t === 'd') value = { kind: 'date', value: c.v.trim().slice(0, 10) };
      else if (c.hasFormula && c.v.trim() === '') value = { kind: 'noResult' };
      else {
        const x = Number.parseFloat(c.v);
        value = { kind: 'number', value: x };
        if (c.date && Number.isFinite(x)) {
          const d = new Date(Math.round((x - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
          if (!Number.isNaN(d.getTime())) value = { kind: 'date', value: d.toISOString().slice(0, 10) };
        }
      }
      while (row.cells.length < c.col - 1) row.cells.push({ kind: 'empty' });
      row.cells[c.col - 1] = value;
      if (!isBlank(value)) hasValue = true;
    };

    const it = streamRows(this.archive, entry, {
      open(name, a) {
        switch (name) {
          case 'row': {
            const r = Number.parseInt(a.r ?? '', 10);
            rowNumber = Number.isFinite(r) && r > rowNumber ? r : rowNumber + 1;
            row = { number: rowNumber, cells: [] };
            cellCol = 0;
            hasValue = false;
            break;
          }
          case 'c': {
            if (!row) return;
            const ref = a.r ? /^([A-Z]+)\d*$/.exec(a.r.toUpperCase()) : null;
            cellCol = ref ? columnNumber(ref[1]) : cellCol + 1;
            if (cellCol === 0 || cellCol > maxColumns) {
              // beyond the columns we read: skipped unparsed (a ref past XFD pins later unnamed cells out of range too)
              cell = null;
              if (!ref || cellCol === 0) cellCol = EXCEL_MAX_COLUMN + 1;
              return;
            }
            const s = Number.parseInt(a.s ?? '0', 10);
            cell = { col: cellCol, t: a.t ?? 'n', date: styles[s] === true, hasFormula: false, v: null, text: '', length: 0 };
            break;
          }
          case 'f':
            if (cell) cell.hasFormula = true;
            break;
          case 'v':
            if (cell) {
              cell.v = '';
              into = 'v';
            }
            break;
          case 'is':
            inInline = true;
            break;
          case 'rPh':
            phonetic++;
            break;
          case 't':
            if (cell && inInline && phonetic === 0) into = 'text';
            break;
        }
      },
      text(t) {
        if (!cell || !into) return;
        cell.length += t.length;
        // a value or text is kept only up to the cell cap (+1 to know it was over); the rest is counted, not held
        if (into === 'v') {
          if (cell.v!.length <= maxCellChars) cell.v += t;
        } else if (cell.text.length <= maxCellChars) cell.text += t;
      },
      close(name) {
        switch (name) {
          case 'v':
          case 't':
            into = null;
            break;
          case 'is':
            inInline = false;
            break;
          case 'rPh':
            phonetic--;
            break;
          case 'c':
            finishCell();
            cell = null;
            into = null;
            break;
          case 'row':
            if (row && hasValue) ready.push(row);
            row = null;
            break;
        }
      },
      take() {
        const out = ready;
        ready = [];
        return out;
      },
    });
    yield* it;
  }

  /** The index of the sheet named `name`, else -1. */
  sheetIndex(name: string): number {
    return this.parts.sheets.findIndex((s) => s.name === name);
  }
}

/** Streams a worksheet part, yielding the rows completed after each inflated slice. */
async function* streamRows(
  archive: Uint8Array,
  entry: ZipEntry,
  handlers: Required<XmlHandlers> & { take(): XlsxRow[] },
): AsyncGenerator<XlsxRow> {
  const parser = new SaxesParser();
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(local(tag.name), tag.attributes as Record<string, string>));
  parser.on('text', handlers.text);
  parser.on('closetag', (tag) => handlers.close(local(tag.name)));
  const decoder = new TextDecoder('utf-8');
  const tooLarge = `工作表解压后过大（超过 ${mb(MAX_UNPACKED_BYTES)} MB），请只保留需要导入的数据`;
  const chunks = inflateEntry(archive, entry, MAX_UNPACKED_BYTES);
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (e) {
        if (e instanceof UnpackedTooLargeError) throw new XlsxLimitError(tooLarge);
        throw new XlsxFormatError(e instanceof Error ? e.message : String(e));
      }
      if (next.done) break;
      parser.write(decoder.decode(next.value, { stream: true }));
      if (failure) throw new XlsxFormatError(`XML: ${(failure as Error).message}`);
      yield* handlers.take();
    }
    parser.write(decoder.decode());
    parser.close();
    if (failure) throw new XlsxFormatError(`XML: ${(failure as Error).message}`);
    yield* handlers.take();
  } finally {
    // a caller that stopped early ends the inflation here
    await chunks.return(undefined);
  }
}

/** `worksheets/sheet1.xml` against `xl/` → `xl/worksheets/sheet1.xml`; `/xl/…` is from the package root. */
function resolvePath(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}
