import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { loadBudgetFacts } from './load';
import { seededWorld } from './edit/testing';
import { buildLinesTemplate, describeWorkbookError, LINES_COLUMNS, parseLinesWorkbook, type LinesWorkbookContext } from './linesWorkbook';

const w = seededWorld();
const facts = loadBudgetFacts(w.db, w.budgetId);
const context: LinesWorkbookContext = { year: facts.year, units: facts.units, codes: facts.codes };
const unit1 = facts.units[0].name;

async function workbook(rows: unknown[][], opts: { headers?: string[]; sheet?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? '基本支出');
  ws.addRow(opts.headers ?? [...LINES_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const good = () => [unit1, '2080101', '30201', '一般公共预算', 1234.56];

describe('the lines template', () => {
  it('round-trips the current lines exactly, with reference sheets', async () => {
    const buf = await buildLinesTemplate(facts, facts.codes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['基本支出', '单位', '功能科目', '经济科目', '资金来源']);
    expect(wb.getWorksheet('基本支出')!.getRow(1).values).toEqual([undefined, ...LINES_COLUMNS]);
    expect(wb.getWorksheet('单位')!.rowCount).toBe(facts.units.length + 1);
    const functional = wb.getWorksheet('功能科目')!;
    const codes: string[] = [];
    functional.eachRow((r, n) => n > 1 && codes.push(String(r.getCell(1).value)));
    expect(codes.every((c) => c.length === 7)).toBe(true);
    expect(codes).toContain('2080101');
    const parsed = await parseLinesWorkbook(buf, context);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map(({ row: _row, ...r }) => r)).toEqual(
      facts.basicLines.map((l) => ({ unitId: l.unitId, functionCode: l.functionCode, economicCode: l.economicCode, source: l.source, amount: l.amount })),
    );
    expect(parsed.rows[0].row).toBe(2);
  });

  it('is the same file for the same budget', async () => {
    const a = await buildLinesTemplate(facts, facts.codes);
    const b = await buildLinesTemplate(facts, facts.codes);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBe(a.length);
  });
});

describe('reading an uploaded workbook', () => {
  it('accepts units by name or number, sources by label, codes typed as numbers, text amounts with separators', async () => {
    const r = await parseLinesWorkbook(
      await workbook([
        ['2', 2080101, 30107, '一般公共预算', '1,000.5'],
        [unit1, '2080101', '30201', 'general', 0.1],
      ]),
      context,
    );
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.row, x.unitId, x.economicCode, x.amount])).toEqual([
      [2, facts.units[1].id, '30107', 100_050],
      [3, facts.units[0].id, '30201', 10],
    ]);
  });

  it('names a missing or renamed column', async () => {
    const r = await parseLinesWorkbook(await workbook([good()], { headers: ['单位', '功能科目编码', '经济科目', '资金来源', '金额(元)'] }), context);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ row: 1, column: '经济科目编码', message: expect.stringContaining('缺少“经济科目编码”列') }]);
  });

  it('refuses text in an amount cell, naming the row', async () => {
    const r = await parseLinesWorkbook(await workbook([good(), [unit1, '2080101', '30201', '一般公共预算', 'abc'], good()]), context);
    expect(r.errors).toEqual([{ row: 3, column: '金额（元）', message: '“abc”不是有效的金额' }]);
    expect(describeWorkbookError(r.errors[0])).toBe('第3行 金额（元）：“abc”不是有效的金额');
    expect(r.rows.map((x) => x.row)).toEqual([2, 4]);
  });

  it('refuses more than two decimals and negatives', async () => {
    const r = await parseLinesWorkbook(
      await workbook([
        [unit1, '2080101', '30201', '一般公共预算', 12.345],
        [unit1, '2080101', '30201', '一般公共预算', -5],
      ]),
      context,
    );
    expect(r.errors.map(describeWorkbookError)).toEqual(['第2行 金额（元）：金额最多保留两位小数（到分）', '第3行 金额（元）：金额不能为负数']);
  });

  it('refuses unknown codes, wrong-level codes, unknown units and sources', async () => {
    const r = await parseLinesWorkbook(
      await workbook([
        [unit1, '2089998', '30201', '一般公共预算', 1],
        [unit1, '208', '301', '一般公共预算', 1],
        ['泽州县档案馆', '2080101', '30201', '自筹资金', 1],
      ]),
      context,
    );
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '功能科目编码'],
      [3, '功能科目编码'],
      [3, '经济科目编码'],
      [4, '单位'],
      [4, '资金来源'],
    ]);
    expect(r.errors[0].message).toBe('功能科目“2089998”不在2024年支出功能分类科目表中');
    expect(r.errors[1].message).toMatch(/类级科目，请选择到7位的“项”级/);
    expect(r.errors[3].message).toMatch(/未知的单位“泽州县档案馆”/);
  });

  it('refuses an empty sheet', async () => {
    const r = await parseLinesWorkbook(await workbook([]), context);
    expect(r.errors).toEqual([{ row: 2, column: '', message: '工作表“基本支出”中没有数据行' }]);
  });

  it('refuses more than 20,000 rows', async () => {
    const rows = Array.from({ length: 20_001 }, () => good());
    const r = await parseLinesWorkbook(await workbook(rows), context);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ row: 0, column: '', message: '数据超过 20,000 行，请拆分或删除多余的行后再导入' }]);
  }, 60_000);

  it('refuses a file over 5 MB and a file that is not a workbook', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect((await parseLinesWorkbook(big, context)).errors[0].message).toMatch(/超过 5 MB/);
    expect((await parseLinesWorkbook(new TextEncoder().encode('单位,金额\n'), context)).errors[0].message).toMatch(/不是 xlsx 工作簿/);
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect((await parseLinesWorkbook(broken, context)).errors[0].message).toMatch(/无法读取工作簿/);
  });

  it('reads a formula’s cached value and refuses a formula without one', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('基本支出');
    ws.addRow([...LINES_COLUMNS]);
    ws.addRow([unit1, '2080101', '30201', '一般公共预算', { formula: '1000+234.56', result: 1234.56 }]);
    ws.addRow([unit1, '2080101', '30201', '一般公共预算', { formula: 'E2*2' }]);
    const r = await parseLinesWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), context);
    expect(r.rows.map((x) => x.amount)).toEqual([123_456]);
    expect(r.errors).toEqual([{ row: 3, column: '金额（元）', message: expect.stringContaining('公式且没有保存计算结果') }]);
  });

  it('reads the first sheet when no sheet is named 基本支出, and finds columns in any order', async () => {
    const r = await parseLinesWorkbook(
      await workbook([[1, unit1, '一般公共预算', '30201', '2080101']], { sheet: 'Sheet1', headers: ['金额（元）', '单位', '资金来源', '经济科目编码', '功能科目编码'] }),
      context,
    );
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ amount: 100, functionCode: '2080101', economicCode: '30201' });
  });
});
