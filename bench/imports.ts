/**
 * `npm run bench imports`: the 基本支出 workbook import (preview: parse and check, nothing written) on the largest
 * workbook it accepts (the app's own template holding 20,000 lines, with its reference sheets) and on the hostile
 * one of issue 12 (138,000 rows, ~1.5 MB zipped, ~19 MB of sheet XML), with time and peak RSS sampled every 10 ms.
 *
 * Also the generator of raw workbooks the import tests use (`rawLinesXlsx`): a zip written byte by byte the way
 * Excel lays a sheet out (shared strings, spans and styles on every row), so a test or this bench can make a file of
 * any size without exceljs holding it.
 */
import { eq } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { seedIfEmpty } from '../db/seed';
import { budgets, departments } from '../db/schema';
import { loadBudgetFacts } from '../lib/budget/load';
import { buildLinesTemplate, LINES_COLUMNS, parseLinesWorkbook, type LinesWorkbookContext } from '../lib/budget/linesWorkbook';
import type { BasicLine, BudgetFacts } from '../lib/facts';
import { percentile, type Measurement } from './harness';
import { zip } from '../lib/security/testing/zip';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface RawSheet {
  name: string;
  /** The `<sheetData>` content (rows), or the whole worksheet XML when it starts with `<?xml` or `<worksheet`. */
  xml: string | Buffer;
}

/**
 * A minimal but complete xlsx: content types, relationships, workbook, styles (cell format 1 is a date), the
 * shared strings given and the sheets. `extra` adds or overrides parts (e.g. a hostile sharedStrings.xml).
 */
export function rawXlsx(sheets: RawSheet[], sharedStrings: string[] = [], extra: { name: string; data: string | Buffer }[] = []): Buffer {
  const parts = new Map<string, string | Buffer>();
  parts.set(
    '[Content_Types].xml',
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
  );
  parts.set('_rels/.rels', `${HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  parts.set(
    'xl/workbook.xml',
    `${HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/><sheets>${sheets
      .map((s, i) => `<sheet name="${xml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  const n = sheets.length;
  parts.set(
    'xl/_rels/workbook.xml.rels',
    `${HEAD}<Relationships xmlns="${PKG_REL_NS}">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  parts.set(
    'xl/styles.xml',
    `${HEAD}<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
  );
  parts.set(
    'xl/sharedStrings.xml',
    `${HEAD}<sst xmlns="${MAIN_NS}" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings.map((s) => `<si><t xml:space="preserve">${xml(s)}</t></si>`).join('')}</sst>`,
  );
  sheets.forEach((s, i) => {
    const body = typeof s.xml === 'string' && /^(<\?xml|<worksheet)/.test(s.xml) ? s.xml : null;
    parts.set(
      `xl/worksheets/sheet${i + 1}.xml`,
      body ??
        Buffer.concat([
          Buffer.from(`${HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><sheetData>`),
          Buffer.isBuffer(s.xml) ? s.xml : Buffer.from(s.xml),
          Buffer.from('</sheetData></worksheet>'),
        ]),
    );
  });
  for (const e of extra) parts.set(e.name, e.data);
  // zlib's default level: a 20 MB sheet in well under a second
  return zip([...parts].map(([name, data]) => ({ name, data })), 6);
}

/**
 * A 基本支出 workbook of `rows` data rows as Excel writes one: the five template columns, texts in the shared
 * strings, amounts with varying 分. 138,000 rows are ~1.5 MB zipped and ~19 MB of sheet XML.
 */
export function rawLinesXlsx(rows: number, unit: string): Buffer {
  const strings = [...LINES_COLUMNS, unit, '一般公共预算'];
  const chunks: Buffer[] = [];
  // only a row's first cell names its column: the others are the next (valid SpreadsheetML, and ~135 bytes a row,
  // near the issue's 20 MB for 138,000 rows)
  const text = (s: number, ref = '') => `<c${ref && ` r="${ref}"`} t="s"><v>${s}</v></c>`;
  const num = (v: string) => `<c><v>${v}</v></c>`;
  chunks.push(Buffer.from(`<row r="1">${text(0, 'A1')}${[1, 2, 3, 4].map((i) => text(i)).join('')}</row>`));
  let x = 0x2024;
  let batch = '';
  for (let r = 2; r <= rows + 1; r++) {
    // xorshift: amounts that differ from row to row, as real ones do (and compress as real ones do)
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const amount = ((x % 10_000_000) / 100).toFixed(2);
    batch += `<row r="${r}">${text(5, `A${r}`)}${num('2080101')}${num('30201')}${text(6)}${num(amount)}</row>`;
    if (batch.length > 1 << 20) {
      chunks.push(Buffer.from(batch));
      batch = '';
    }
  }
  chunks.push(Buffer.from(batch));
  return rawXlsx([{ name: '基本支出', xml: Buffer.concat(chunks) }], strings);
}

/** The app's own template holding `count` lines: the largest workbook the import accepts when count is 20,000. */
export async function largestTemplate(facts: BudgetFacts, count: number): Promise<Buffer> {
  const lines: BasicLine[] = Array.from({ length: count }, (_, i) => ({ ...facts.basicLines[i % facts.basicLines.length], id: i + 1 }));
  return buildLinesTemplate({ ...facts, basicLines: lines }, facts.codes);
}

/**
 * Runs `fn` `runs` times; reports median and p95 time, and the peak RSS seen (sampled every 10 ms) above the RSS
 * before the first run.
 */
async function measureWithRss(name: string, fn: () => Promise<unknown>, runs: number, target: string, note: string): Promise<Measurement> {
  await fn(); // warm-up
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  } finally {
    clearInterval(timer);
  }
  times.sort((a, b) => a - b);
  const mib = (b: number) => Math.round(b / 2 ** 20);
  return {
    name,
    runs,
    median: percentile(times, 50),
    p95: percentile(times, 95),
    target,
    note: `${note}; peak rss ${mib(peak)} MiB (+${mib(peak - base)} MiB)`,
  };
}

export async function runImportBench(): Promise<Measurement[]> {
  const db = openDatabase(':memory:');
  seedIfEmpty(db);
  const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
  const budgetId = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!.id;
  const facts = loadBudgetFacts(db, budgetId);
  const context: LinesWorkbookContext = { year: facts.year, units: facts.units, codes: facts.codes };
  const rows: Measurement[] = [];

  const largest = await largestTemplate(facts, 20_000);
  const ok = await parseLinesWorkbook(largest, context);
  if (ok.errors.length || ok.rows.length !== 20_000) throw new Error(`the largest workbook should import: ${ok.errors[0]?.message}`);
  rows.push(
    await measureWithRss('lines import preview: template with 20,000 lines', () => parseLinesWorkbook(largest, context), 5, '< 3 s, flat memory', `${(largest.length / 2 ** 20).toFixed(1)} MB file`),
  );

  const hostile = rawLinesXlsx(138_000, facts.units[0].name);
  const refused = await parseLinesWorkbook(hostile, context);
  if (!/数据超过 20,000 行/.test(refused.errors[0]?.message ?? '')) throw new Error('the hostile workbook should be refused by the row cap');
  rows.push(
    await measureWithRss('lines import preview: hostile 138,000 rows (refused)', () => parseLinesWorkbook(hostile, context), 5, '< 3 s, flat memory', `${(hostile.length / 2 ** 20).toFixed(1)} MB file, 19 MB of sheet XML`),
  );
  db.$client.close();
  return rows;
}
