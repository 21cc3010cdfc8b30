import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { auditLog, deptEconomicCodes, fiscalYears, functionalCodes } from '../../db/schema';
import type { Actor } from '../auth/authorize';
import { ForbiddenError } from '../auth/authorize';
import { ValidationError } from '../result';
import { readStarterCodeBook } from './starter';
import { applyCodeBookImport, linesWithUnknownCodes, previewCodeBookImport } from './import';
import { MAX_CODE_ROWS, parseCodeBookFile, type ImportedCode } from './importFile';

const admin: Actor = { userId: 4, role: 'admin', departmentId: null, displayName: '管理员' };
const clerk: Actor = { userId: 1, role: 'clerk', departmentId: 1, displayName: '财务' };

const enc = (s: string) => new TextEncoder().encode(s);

function seeded() {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: () => 'x' });
  return db;
}

/** The 2024 starter functional book as CSV, with optional renames. */
function starterCsv(rename: Record<string, string> = {}, drop: string[] = []): string {
  const rows = readStarterCodeBook(2024).functional.filter((r) => !drop.includes(r.code));
  return '科目编码,科目名称\n' + rows.map((r) => `${r.code},${rename[r.code] ?? r.name}`).join('\n') + '\n';
}

async function xlsx(rows: (string | number | null)[][], merges: string[] = []): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2024年科目');
  for (const r of rows) ws.addRow(r);
  for (const m of merges) ws.mergeCells(m);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function parseOk(data: Uint8Array, name: string, kind: 'functional' | 'deptEconomic' | 'govEconomic' = 'functional') {
  const r = await parseCodeBookFile(data, name, kind);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.codes;
}

describe('reading a code-book file', () => {
  it('reads a good CSV: level and parent derive from the code length', async () => {
    const codes = await parseOk(enc('科目编码,科目名称\n208,社会保障和就业支出\n20801,人力资源和社会保障管理事务\n2080101,行政运行\n'), 'a.csv');
    expect(codes).toEqual([
      { row: 2, code: '208', name: '社会保障和就业支出', level: 1, parent: null },
      { row: 3, code: '20801', name: '人力资源和社会保障管理事务', level: 2, parent: '208' },
      { row: 4, code: '2080101', name: '行政运行', level: 3, parent: '20801' },
    ]);
  });

  it('accepts flexible headers, a BOM, extra columns, title rows above the header, quoted names and GB18030', async () => {
    const text = '\uFEFF2024年政府收支分类科目\n\n序号,编码,名称,备注\n1,201,一般公共服务支出,\n2,20101," 人大事务 ",x\n';
    const codes = await parseOk(enc(text), 'b.csv');
    expect(codes.map((c) => [c.row, c.code, c.name])).toEqual([
      [4, '201', '一般公共服务支出'],
      [5, '20101', '人大事务'],
    ]);
    const gbk = Buffer.from([
      // "code,name\n201,一般" in GB18030: 一 = D2 BB, 般 = B0 E3
      ...Buffer.from('code,name\n201,'),
      0xd2, 0xbb, 0xb0, 0xe3, 0x0a,
    ]);
    expect((await parseOk(new Uint8Array(gbk), 'c.csv'))[0].name).toBe('一般');
  });

  it('reads tab-separated text pasted from a document', async () => {
    const codes = await parseOk(enc('科目编码\t科目名称\n208\t社会保障和就业支出\n20801\t人力资源和社会保障管理事务\n'), 'd.txt');
    expect(codes.map((c) => c.code)).toEqual(['208', '20801']);
  });

  it('reads an xlsx with numeric code cells', async () => {
    const data = await xlsx([
      ['科目编码', '科目名称'],
      [208, '社会保障和就业支出'],
      [20801, '人力资源和社会保障管理事务'],
      ['2080101', '行政运行'],
    ]);
    const codes = await parseOk(data, 'book.xlsx');
    expect(codes.map((c) => [c.row, c.code, c.level])).toEqual([
      [2, '208', 1],
      [3, '20801', 2],
      [4, '2080101', 3],
    ]);
  });

  it('reads the official layout: 科目编码 split into 类/款/项 under a two-row header, codes carried down', async () => {
    const data = await xlsx(
      [
        ['科目编码', null, null, '科目名称'],
        ['类', '款', '项', null],
        ['208', null, null, '社会保障和就业支出'],
        [null, '01', null, '人力资源和社会保障管理事务'],
        [null, null, '01', '行政运行'],
        [null, null, '02', '一般行政管理事务'],
        [null, '05', null, '行政事业单位养老支出'],
        [null, null, '05', '机关事业单位基本养老保险缴费支出'],
      ],
      ['A1:C1', 'D1:D2'],
    );
    const codes = await parseOk(data, 'official.xlsx');
    expect(codes.map((c) => [c.row, c.code, c.name])).toEqual([
      [3, '208', '社会保障和就业支出'],
      [4, '20801', '人力资源和社会保障管理事务'],
      [5, '2080101', '行政运行'],
      [6, '2080102', '一般行政管理事务'],
      [7, '20805', '行政事业单位养老支出'],
      [8, '2080505', '机关事业单位基本养老保险缴费支出'],
    ]);
  });

  it('refuses malformed rows and lists them by row number', async () => {
    const text = [
      '科目编码,科目名称', // 1
      '208,社会保障和就业支出', // 2
      '2080,四位编码', // 3 wrong length
      '20801,', // 4 empty name
      '2080101,行政运行', // 5
      '2080101,行政运行（重复）', // 6 duplicate
      '20A01,字母', // 7 non-digits
      '2099901,没有款的项', // 8 项 without its 款
      '21001,没有类的款', // 9 款 without its 类
      '301,工资福利支出', // 10 an economic code in the functional book
    ].join('\n');
    const r = await parseCodeBookFile(enc(text), 'bad.csv', 'functional');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byRow = new Map<number, string[]>();
    for (const p of r.problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p.message]);
    expect([...byRow.keys()]).toEqual([3, 4, 6, 7, 8, 9, 10]);
    expect(byRow.get(3)![0]).toMatch(/4 位.*3、5、7 位/);
    expect(byRow.get(4)![0]).toBe('科目名称为空');
    expect(byRow.get(6)![0]).toMatch(/与第 5 行重复/);
    expect(byRow.get(7)![0]).toMatch(/数字以外/);
    expect(byRow.get(8)![0]).toMatch(/项“2099901 没有款的项”缺少所属的款“20999”/);
    expect(byRow.get(9)![0]).toMatch(/款“21001 没有类的款”缺少所属的类“210”/);
    expect(byRow.get(10)![0]).toMatch(/应以 2 开头/);
    expect(r.problemCount).toBe(7);
  });

  it('refuses an empty name in an xlsx by its Excel row, and a 项 code in an economic book', async () => {
    const data = await xlsx([['编码', '名称'], ['301', '工资福利支出'], ['30101', ''], ['3010101', '太长']]);
    const r = await parseCodeBookFile(data, 'e.xlsx', 'deptEconomic');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.row)).toEqual([3, 4]);
    expect(r.problems[1].message).toMatch(/应为 3、5 位/);
  });

  it('refuses files over the limits, without a header, legacy .xls and garbage xlsx', async () => {
    const many = '科目编码,科目名称\n' + Array.from({ length: MAX_CODE_ROWS + 1 }, (_, i) => `${200 + (i % 700)},x`).join('\n');
    const r1 = await parseCodeBookFile(enc(many), 'many.csv', 'functional');
    expect(r1).toMatchObject({ ok: false, formError: expect.stringMatching(/超过 20000 行/) });
    const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41);
    expect(await parseCodeBookFile(big, 'big.csv', 'functional')).toMatchObject({ ok: false, formError: expect.stringMatching(/5 MB/) });
    expect(await parseCodeBookFile(enc('甲,乙\n丙,丁\n'), 'x.csv', 'functional')).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/找不到表头/),
    });
    expect(await parseCodeBookFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), 'old.xls', 'functional')).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/\.xls/),
    });
    expect(await parseCodeBookFile(enc('PK\u0003\u0004garbage'), 'x.xlsx', 'functional')).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/无法读取/),
    });
    expect(await parseCodeBookFile(new Uint8Array(), 'empty.csv', 'functional')).toMatchObject({ ok: false, formError: '文件为空' });
  });
});

describe('previewing and applying an import', () => {
  it('lists added, renamed and removed codes and the budget lines they touch, then applies in one go', async () => {
    const db = seeded();
    const codes = await parseOk(
      enc(starterCsv({ '2080101': '行政运行（新）' }, ['2080599']).replace('\n', '\n2089701,新增的项\n20897,新增的款\n')),
      'new.csv',
    );
    const preview = previewCodeBookImport(db, admin, { year: 2024, kind: 'functional', codes });
    expect(preview.diff.renamed).toEqual([{ code: '2080101', level: 3, oldName: '行政运行', newName: '行政运行（新）' }]);
    expect(preview.diff.removed.map((r) => r.code)).toEqual(['2080599']);
    expect(preview.diff.added.map((r) => r.code)).toEqual(['20897', '2089701']);
    // 12 basic lines of the demo department use 2080101; one project item uses 2080599
    const renamedLines = preview.affected.filter((l) => l.code === '2080101');
    expect(renamedLines).toHaveLength(12);
    expect(renamedLines.every((l) => l.kind === 'basic' && l.departmentCode === '054' && l.newName === '行政运行（新）')).toBe(true);
    const removedLines = preview.affected.filter((l) => l.code === '2080599');
    expect(removedLines).toEqual([
      expect.objectContaining({ kind: 'project', departmentName: '泽州县人力资源和社会保障局', newName: null, oldName: expect.any(String) }),
    ]);
    expect(removedLines[0].projectName).toBeTruthy();

    const result = applyCodeBookImport(db, admin, {
      year: 2024,
      kind: 'functional',
      codes,
      baseFingerprint: preview.baseFingerprint,
      fileName: 'new.csv',
    });
    expect(result.total).toBe(codes.length);
    expect(result.affected).toHaveLength(13);
    const row = db.select().from(functionalCodes).where(and(eq(functionalCodes.year, 2024), eq(functionalCodes.code, '2080101'))).get();
    expect(row).toMatchObject({ name: '行政运行（新）', level: 3, parent: '20801' });
    expect(db.select().from(functionalCodes).where(eq(functionalCodes.code, '2080599')).all()).toHaveLength(0);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, 'codebook.import')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: 4, entity: 'functional_codes', entityId: '2024', reason: '导入文件：new.csv' });
    expect(JSON.parse(audit[0].newValue!)).toMatchObject({ added: 2, removed: [['2080599', expect.any(String)]] });
    // the line whose code is gone stays listed until it is fixed
    expect(linesWithUnknownCodes(db, admin, 'functional', 2024).map((l) => l.code)).toEqual(['2080599']);

    // the preview's fingerprint no longer matches: a second apply of the same preview is refused
    expect(() =>
      applyCodeBookImport(db, admin, { year: 2024, kind: 'functional', codes, baseFingerprint: preview.baseFingerprint }),
    ).toThrow(/重新上传/);
  });

  it('validates again on apply, refuses a closed year and non-administrators', async () => {
    const db = seeded();
    const bad: ImportedCode[] = [{ row: 2, code: '2080101', name: '行政运行', level: 3, parent: '20801' }];
    const fp = previewCodeBookImport(db, admin, { year: 2024, kind: 'functional', codes: [] }).baseFingerprint;
    expect(() => applyCodeBookImport(db, admin, { year: 2024, kind: 'functional', codes: bad, baseFingerprint: fp })).toThrow(
      /第 2 行.*缺少所属的款/,
    );
    expect(() => previewCodeBookImport(db, clerk, { year: 2024, kind: 'functional', codes: [] })).toThrow(ForbiddenError);
    expect(() => applyCodeBookImport(db, clerk, { year: 2024, kind: 'functional', codes: [], baseFingerprint: fp })).toThrow(
      ForbiddenError,
    );
    db.update(fiscalYears).set({ status: 'closed' }).where(eq(fiscalYears.year, 2024)).run();
    const good = await parseOk(enc(starterCsv()), 'x.csv');
    expect(() => applyCodeBookImport(db, admin, { year: 2024, kind: 'functional', codes: good, baseFingerprint: fp })).toThrow(
      ValidationError,
    );
  });

  it('loads a book for a year not yet opened, and imports an economic book keeping the 基本支出 buckets', async () => {
    const db = seeded();
    const codes = await parseOk(enc('code,name\n301,工资福利支出\n30101,基本工资\n30199,其他工资福利支出\n302,商品和服务支出\n30299,其他商品和服务支出\n'), 'e.csv', 'deptEconomic');
    const p = previewCodeBookImport(db, admin, { year: 2025, kind: 'deptEconomic', codes });
    expect(p.currentCount).toBe(0);
    expect(p.diff.added).toHaveLength(5);
    applyCodeBookImport(db, admin, { year: 2025, kind: 'deptEconomic', codes, baseFingerprint: p.baseFingerprint });
    const rows = db.select().from(deptEconomicCodes).where(eq(deptEconomicCodes.year, 2025)).all();
    expect(Object.fromEntries(rows.map((r) => [r.code, r.bucket]))).toEqual({
      '301': 'personnel',
      '30101': 'personnel',
      '30199': 'personnel',
      '302': 'public',
      '30299': 'public',
    });
  });
});
