import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { largestTemplate, rawLinesXlsx, rawXlsx } from '../../bench/imports';
import { parseCodeBookFile } from '../codebook/importFile';
import { seededWorld } from '../budget/edit/testing';
import { loadBudgetFacts } from '../budget/load';
import { describeWorkbookError, LINES_COLUMNS, parseLinesWorkbook, type LinesWorkbookContext } from '../budget/linesWorkbook';
import { pseudoRandomBytes } from '../security/testing/corpus';
import { zip } from '../security/testing/zip';
import { cellText, columnLetters, columnNumber, XlsxFormatError, XlsxLimitError, XlsxWorkbook, type XlsxRow } from './xlsxReader';

const w = seededWorld();
const facts = loadBudgetFacts(w.db, w.budgetId);
const context: LinesWorkbookContext = { year: facts.year, units: facts.units, codes: facts.codes };
const unit = facts.units[0].name;
const MiB = 1024 * 1024;
/**
 * Heap growth allowed while one import runs. Measured: 3 MiB for the 20,000-line template, ~14 MiB for the
 * 138,000-row sheet; loading the template whole with exceljs (the old way) grows it by ~74 MiB.
 */
const HEAP_BOUND = 40 * MiB;

/**
 * Runs `fn` and samples the heap every 5 ms (and at its end): the highest heapUsed seen above the one before. A
 * bound, not a timing: a reader that holds the file's rows or parts shows them here whatever the machine's speed.
 */
async function peakHeapGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { result, growth: peak - base };
  } finally {
    clearInterval(timer);
  }
}

async function allRows(bytes: Uint8Array, sheet = 0): Promise<XlsxRow[]> {
  const wb = await XlsxWorkbook.open(bytes);
  const out: XlsxRow[] = [];
  for await (const r of wb.rows(sheet)) out.push(r);
  return out;
}

const texts = (rows: XlsxRow[]) => rows.map((r) => [r.number, ...r.cells.map(cellText)]);

describe('reading cells (the one place a cell becomes text)', () => {
  it('reads numbers in their shortest form, formulas by cached result, rich text joined, dates as ISO, booleans', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.addRow([1234.56, 0.1 + 0.2, '  文本 ', true]);
    ws.addRow([{ formula: '1000+234.56', result: 1234.56 }, { formula: 'A1&"x"', result: '结果' }, { formula: 'E9' }, { formula: '1/0', result: { error: '#DIV/0!' } }]);
    ws.addRow([{ richText: [{ text: '人力' }, { font: { bold: true }, text: '资源' }] }, new Date(Date.UTC(2024, 0, 31)), { text: '链接', hyperlink: 'https://example.org' }]);
    ws.getCell('C3').numFmt = 'yyyy"年"m"月"d"日"';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const rows = await allRows(bytes);
    expect(texts(rows)).toEqual([
      [1, '1234.56', '0.30000000000000004', '  文本 ', 'TRUE'],
      [2, '1234.56', '结果', '', ''],
      [3, '人力资源', '2024-01-31', '链接'],
    ]);
    expect(rows[1].cells.map((c) => c.kind)).toEqual(['number', 'text', 'noResult', 'error']);
    expect(rows[1].cells[3]).toEqual({ kind: 'error', value: '#DIV/0!' });
  });

  it('reads inline strings, cells without a reference, built-in and custom date formats and the 1904 date system', async () => {
    const sheet = `<row r="2"><c t="inlineStr"><is><t>行内</t></is></c><c s="1"><v>45322</v></c><c r="D2" s="2"><v>45322</v></c><c r="E2" s="3"><v>1234.5</v></c></row>`;
    expect(texts(await allRows(rawXlsx([{ name: 'S', xml: sheet }])))).toEqual([[2, '行内', '2024-01-31', '', '2024-01-31', '1234.5']]);
    const y1904 = rawXlsx([{ name: 'S', xml: '<row r="1"><c s="1"><v>0</v></c></row>' }], [], [
      { name: 'xl/workbook.xml', data: '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' },
    ]);
    expect(texts(await allRows(y1904))).toEqual([[1, '1904-01-01']]);
  });

  it('maps columns to letters and back, and knows nothing past XFD', () => {
    expect([columnNumber('A'), columnNumber('Z'), columnNumber('AA'), columnNumber('XFD'), columnNumber('XFE'), columnNumber('AAAA')]).toEqual([1, 26, 27, 16_384, 0, 0]);
    expect([columnLetters(1), columnLetters(27), columnLetters(16_384)]).toEqual(['A', 'AA', 'XFD']);
  });
});

describe('only the sheet asked for is read', () => {
  it('never parses the other sheets (a broken one does not matter)', async () => {
    const bytes = rawXlsx([
      { name: '说明', xml: '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c><v>1</v></c></row>' + '<broken'.repeat(10) },
      { name: '基本支出', xml: '<row r="1"><c t="inlineStr"><is><t>ok</t></is></c></row>' },
    ]);
    const wb = await XlsxWorkbook.open(bytes);
    expect(wb.sheets.map((s) => s.name)).toEqual(['说明', '基本支出']);
    expect(wb.sheetIndex('基本支出')).toBe(1);
    expect(texts(await allRows(bytes, 1))).toEqual([[1, 'ok']]);
    await expect(allRows(bytes, 0)).rejects.toBeInstanceOf(XlsxFormatError);
  });

  it('stops inflating when the caller stops: the rest of a sheet is never read', async () => {
    // 50,000 good rows, then broken XML: a reader that went on would fail
    const good = Array.from({ length: 50_000 }, (_, i) => `<row r="${i + 1}"><c><v>${i + 1}</v></c></row>`).join('');
    const bytes = rawXlsx([{ name: 'S', xml: good + '<row><c><v>3</v></x>' }]);
    await expect(allRows(bytes)).rejects.toBeInstanceOf(XlsxFormatError);
    const wb = await XlsxWorkbook.open(bytes);
    const seen: number[] = [];
    for await (const r of wb.rows(0)) {
      seen.push(r.number);
      if (r.number === 2) break;
    }
    expect(seen).toEqual([1, 2]);
  });
});

describe('hostile workbooks: refused early, with the limit named, in flat memory', () => {
  it('the 138,000-row sheet (19 MB of XML in 1.5 MB) is refused at the row cap, the heap growing by far less than the sheet', async () => {
    const bytes = rawLinesXlsx(138_000, unit);
    expect(bytes.length).toBeLessThan(2 * MiB);
    const { result, growth } = await peakHeapGrowth(() => parseLinesWorkbook(bytes, context));
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([{ row: 0, column: '', message: '数据超过 20,000 行，请拆分或删除多余的行后再导入' }]);
    expect(growth).toBeLessThan(HEAP_BOUND);
  }, 60_000);

  it('a sharedStrings.xml bomb: too many strings, or too many bytes, refused while reading it', async () => {
    const many = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>a</t></si>'.repeat(250_000)}</sst>`;
    const sheet = `<row r="1">${LINES_COLUMNS.map((c) => `<c t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;
    const a = await peakHeapGrowth(() => parseLinesWorkbook(rawXlsx([{ name: '基本支出', xml: sheet }], [], [{ name: 'xl/sharedStrings.xml', data: many }]), context));
    expect(a.result.errors.map((e) => e.message)).toEqual(['工作簿的共享字符串超过 200,000 个，请只保留需要导入的数据']);
    expect(a.growth).toBeLessThan(HEAP_BOUND);

    const huge = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'长'.repeat(3 * MiB)}</t></si></sst>`;
    const b = await peakHeapGrowth(() => parseLinesWorkbook(rawXlsx([{ name: '基本支出', xml: sheet }], [], [{ name: 'xl/sharedStrings.xml', data: huge }]), context));
    expect(b.result.errors.map((e) => e.message)).toEqual(['工作簿的共享字符串过大（超过 8 MB），请只保留需要导入的数据']);
    expect(b.growth).toBeLessThan(HEAP_BOUND);
  }, 60_000);

  it('a 5,000-character cell is a row error naming the cell, in the lines and the code-book imports', async () => {
    const long = '档'.repeat(5_000);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('基本支出');
    ws.addRow([...LINES_COLUMNS]);
    ws.addRow([unit, '2080101', '30201', '一般公共预算', 1]);
    ws.addRow([long, '2080101', '30201', '一般公共预算', 1]);
    const r = await parseLinesWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), context);
    expect(r.errors.map(describeWorkbookError)).toEqual(['第3行 单位：内容超过 500 个字符（5,000 个）']);
    expect(r.rows.map((x) => x.row)).toEqual([2]);

    // the same as an inline string in the code-book import
    const book = rawXlsx([{ name: '科目', xml: `<row r="1"><c t="inlineStr"><is><t>科目编码</t></is></c><c t="inlineStr"><is><t>科目名称</t></is></c></row><row r="2"><c><v>208</v></c><c t="inlineStr"><is><t>${long}</t></is></c></row>` }]);
    expect(await parseCodeBookFile(book, 'codes.xlsx', 'functional')).toMatchObject({ ok: false, formError: '第2行 B列：内容超过 500 个字符' });
  });

  it('16,384 columns in every row: only the first 50 are read, the data found and the heap flat', async () => {
    const filler = (r: number) => Array.from({ length: 16_384 - 5 }, (_, i) => `<c r="${columnLetters(i + 6)}${r}"><v>9</v></c>`).join('');
    const head = `<row r="1">${LINES_COLUMNS.map((c, i) => `<c r="${columnLetters(i + 1)}1" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}${filler(1)}</row>`;
    const body = Array.from({ length: 20 }, (_, k) => {
      const r = k + 2;
      return `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${unit}</t></is></c><c r="B${r}"><v>2080101</v></c><c r="C${r}"><v>30201</v></c><c r="D${r}" t="inlineStr"><is><t>一般公共预算</t></is></c><c r="E${r}"><v>1.5</v></c>${filler(r)}</row>`;
    }).join('');
    const bytes = rawXlsx([{ name: '基本支出', xml: head + body }]);
    const rows = await allRows(bytes);
    expect(Math.max(...rows.map((r) => r.cells.length))).toBe(50);
    const { result, growth } = await peakHeapGrowth(() => parseLinesWorkbook(bytes, context));
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(20);
    expect(result.rows[0]).toMatchObject({ row: 2, functionCode: '2080101', economicCode: '30201', amount: 150 });
    expect(growth).toBeLessThan(HEAP_BOUND);
  }, 60_000);

  it('encrypted, damaged and garbage files get a clear Chinese message', async () => {
    const ole = pseudoRandomBytes(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); // an encrypted xlsx is an OLE container
    const flagged = Buffer.from(rawXlsx([{ name: '基本支出', xml: '<row r="1"/>' }]));
    for (let p = flagged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = flagged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) flagged.writeUInt16LE(1, p + 8);
    const badXml = rawXlsx([{ name: '基本支出', xml: '<row r="1"><c><v>1</v></row></sheetData>' }]);
    const garbage = pseudoRandomBytes(4096);
    garbage.set([0x50, 0x4b, 0x03, 0x04]);
    const cases: [string, Uint8Array, RegExp][] = [
      ['an encrypted workbook', ole, /不是 xlsx 工作簿/],
      ['zip entries flagged encrypted', flagged, /已加密/],
      ['broken sheet XML', badXml, /无法读取工作簿/],
      ['random bytes behind a zip signature', garbage, /无法读取工作簿/],
      ['a zip that is not a workbook', zip([{ name: 'a.txt', data: 'x' }]), /无法读取工作簿/],
    ];
    for (const [what, bytes, message] of cases) {
      const r = await parseLinesWorkbook(bytes, context);
      expect(r.errors.map((e) => e.message), what).toEqual([expect.stringMatching(message)]);
    }
    expect(await parseCodeBookFile(badXml, 'codes.xlsx', 'functional')).toMatchObject({ ok: false, formError: expect.stringMatching(/无法读取/) });
    await expect(XlsxWorkbook.open(garbage)).rejects.toBeInstanceOf(XlsxFormatError);
  });

  it('a code book over its row limit is refused while reading, naming the limit', async () => {
    const rows = Array.from({ length: 20_100 }, (_, i) => `<row r="${i + 2}"><c><v>${200 + (i % 700)}</v></c><c t="inlineStr"><is><t>x</t></is></c></row>`).join('');
    const bytes = rawXlsx([{ name: '科目', xml: `<row r="1"><c t="inlineStr"><is><t>科目编码</t></is></c><c t="inlineStr"><is><t>科目名称</t></is></c></row>${rows}` }]);
    expect(await parseCodeBookFile(bytes, 'codes.xlsx', 'functional')).toMatchObject({ ok: false, formError: '数据超过 20,000 行，请拆分或删除多余的行后再导入' });
  });

  it('a sheet part over the unpacked cap is a limit error even without the pre-check', async () => {
    const bytes = rawXlsx([{ name: 'S', xml: Buffer.alloc(25 * MiB, 0x20) }]);
    const err = await allRows(bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxLimitError);
    expect((err as Error).message).toBe('工作表解压后过大（超过 24 MB），请只保留需要导入的数据');
  }, 60_000);
});

describe('the largest allowed workbook', () => {
  it('the template holding 20,000 lines parses to exactly those lines', async () => {
    const bytes = await largestTemplate(facts, 20_000);
    const { result, growth } = await peakHeapGrowth(() => parseLinesWorkbook(bytes, context));
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(20_000);
    const expected = Array.from({ length: 20_000 }, (_, i) => facts.basicLines[i % facts.basicLines.length]);
    expect(result.rows.map((r) => r.amount)).toEqual(expected.map((l) => l.amount));
    expect(result.rows.at(-1)).toMatchObject({ row: 20_001, functionCode: expected.at(-1)!.functionCode, unitId: expected.at(-1)!.unitId });
    // what it keeps is the 20,000 parsed lines; the sheet's XML and cells are never held
    expect(growth).toBeLessThan(HEAP_BOUND);
  }, 120_000);
});
