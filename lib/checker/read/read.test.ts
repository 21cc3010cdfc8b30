import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client';
import { budgets, departments } from '../../../db/schema';
import { seedIfEmpty } from '../../../db/seed';
import { loadBudgetFacts } from '../../budget/load';
import { buildDocument } from '../../disclosure/document';
import { buildTables } from '../../disclosure/tables';
import type { DisclosureTable } from '../../disclosure/types';
import { buildDocumentWorkbook } from '../../export/xlsx';
import { DEFAULT_REGION_TEXTS } from '../../region/texts';
import { Workbook } from 'exceljs';
import { codebookFromCsv } from '../../disclosure/testing/codebookFromCsv';
import { fenToCentiWan } from '../../money';
import { asDisclosureTables, type ExtractedDocument, type ProfileTable } from '../model';
import { readDisclosure } from './index';

/** A form prints whole 元 (formatYuan): the amount rounded half away from zero to the 元. */
const yuanRounded = (fen: number) => Math.sign(fen) * Math.round(Math.abs(fen) / 100) * 100;

const FIXTURES = path.resolve(__dirname, '../testing/fixtures');
const fixture = (name: string) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))) });

async function read(file: { name: string; bytes: Uint8Array }, opts = {}): Promise<ExtractedDocument> {
  const r = await readDisclosure(file, opts);
  if (!r.ok) throw new Error(r.formError);
  return r.document;
}

/** Cell-for-cell comparison at the printed precision (万元, 2 decimals); returns cells expected and cells equal. */
function compareTables(got: DisclosureTable[], expected: DisclosureTable[]): { cells: number; same: number } {
  expect(got.map((t) => t.no)).toEqual(expected.map((t) => t.no));
  let cells = 0;
  let same = 0;
  for (const [i, e] of expected.entries()) {
    const g = got[i];
    expect(g.columns, `表${e.no}`).toEqual(e.columns);
    expect(g.rows.map((r) => [r.key, r.level]), `表${e.no}`).toEqual(e.rows.map((r) => [r.key, r.level]));
    expect(g.emptyNote).toBe(e.emptyNote);
    expect(g.departmentLine).toBe(e.departmentLine);
    expect([g.label, g.title]).toEqual([e.label, e.title]);
    for (const [j, er] of e.rows.entries()) {
      for (const [c, ec] of er.cells.entries()) {
        cells += 1;
        const gc = g.rows[j].cells[c];
        const ok =
          gc.kind === ec.kind &&
          (ec.kind === 'text' ? gc.kind === 'text' && gc.text === ec.text : gc.kind === 'amount' && fenToCentiWan(gc.amount) === fenToCentiWan(ec.amount));
        if (ok) same += 1;
        else expect.soft(gc, `表${e.no} ${er.key} 第${c + 1}列`).toEqual(ec);
      }
    }
  }
  return { cells, same };
}

const table = (d: ExtractedDocument, no: number): ProfileTable => d.tables.find((t) => t.no === no)!;
const amount = (t: ProfileTable, row: string, column: string): number => {
  const r = t.rows.find((x) => x.key === row);
  const c = r?.cells[t.columns.findIndex((x) => x.key === column)];
  if (!c || c.kind !== 'amount') throw new Error(`no amount at ${row}/${column}`);
  return c.amount;
};

describe('the 上海 9-table sample (普陀区财政局 2025, 元)', async () => {
  const doc = await read(fixture('shanghai-putuo-finance-bureau-2025-dept-budget.pdf'));

  it('reads the cover and detects the 9-table profile, saying why', () => {
    expect(doc.profile).toBe('shanghai-9');
    expect(doc.profileReason).toContain('9');
    expect(doc.department).toBe('上海市普陀区财政局');
    expect(doc.year).toBe(2025);
    expect(doc.kind).toBe('department');
    expect(doc.tables.map((t) => t.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(doc.unread).toEqual([]);
    expect(doc.toc.length).toBe(16);
    // the sample's 目录 prints dot leaders and no page numbers
    expect(doc.toc[5]).toEqual({ title: '1.2025年部门财务收支预算总表', page: null });
  });

  it('表一: 收入总计 = 支出总计 = 31,214,205.80 元, all 财政拨款', () => {
    const t = table(doc, 1);
    expect(t.unit).toBe('元');
    expect(amount(t, 'sum:grand', 'inAmount')).toBe(3_121_420_580);
    expect(amount(t, 'sum:grand', 'outAmount')).toBe(3_121_420_580);
    // 一般公共服务 22,186,440.80 + 社保 3,508,644 + 卫生 782,164 + 住房 4,736,957 = 31,214,205.80
    const out = ['line:1', 'line:2', 'line:3', 'line:4'].map((k) => amount(t, k, 'outAmount'));
    expect(out).toEqual([2_218_644_080, 350_864_400, 78_216_400, 473_695_700]);
    expect(out.reduce((a, b) => a + b)).toBe(3_121_420_580);
  });

  it('表二/表三/表五: 类/款/项 joined into codes; 合计 = 基本 + 项目', () => {
    const t2 = table(doc, 2);
    expect(t2.rows.map((r) => r.key)).toContain('f:2080599');
    expect(amount(t2, 'f:2010601', 'total')).toBe(1_623_184_080);
    expect(amount(t2, 'total', 'fiscal')).toBe(3_121_420_580);
    for (const no of [3, 5]) {
      const t = table(doc, no);
      expect(t.where).toMatch(/^第\d+–\d+页/); // continued over two pages
      expect(amount(t, 'total', 'total')).toBe(3_121_420_580);
      expect(amount(t, 'total', 'basic')).toBe(2_512_109_100);
      expect(amount(t, 'total', 'project')).toBe(609_311_480);
      expect(amount(t, 'f:2010601', 'basic') + amount(t, 'f:2010601', 'project')).toBe(amount(t, 'f:2010601', 'total'));
      expect(t.rows.find((r) => r.key === 'f:2210203')?.level).toBe(3);
    }
  });

  it('表四 and the empty 表六/表七 with their notes', () => {
    const t4 = table(doc, 4);
    expect(t4.columns.map((c) => c.key)).toEqual(['inItem', 'inAmount', 'outItem', 'outAmount', 'outGeneral', 'outFund', 'outCapital']);
    expect(amount(t4, 'sum:grand', 'outGeneral')).toBe(3_121_420_580);
    for (const no of [6, 7]) {
      const t = table(doc, no);
      expect(t.rows.map((r) => r.key)).toEqual(['total']);
      expect(amount(t, 'total', 'total')).toBe(0);
      expect(t.emptyNote).toMatch(/^注:本部门2025年无/);
    }
  });

  it('表八: 基本支出 by 经济科目, 合计 25,121,091 = 人员 22,826,756 + 公用 2,294,335 (the 302 + 310 rows)', () => {
    const t = table(doc, 8);
    expect(amount(t, 'e:301', 'personnel')).toBe(2_210_951_600);
    expect(amount(t, 'e:302', 'public')).toBe(220_433_500);
    expect(amount(t, 'e:310', 'public')).toBe(9_000_000);
    expect(amount(t, 'total', 'total')).toBe(2_512_109_100);
    expect(amount(t, 'total', 'personnel')).toBe(2_282_675_600);
    expect(amount(t, 'total', 'public')).toBe(229_433_500);
  });

  it('表九 (万元): 三公 0.95 = 接待 0.95; 机关运行经费 229.43', () => {
    const t = table(doc, 9);
    expect(t.unit).toBe('万元');
    expect(t.columns.map((c) => c.key)).toEqual(['total', 'abroad', 'reception', 'carTotal', 'carPurchase', 'carRun', 'running']);
    expect(t.rows.map((r) => r.key)).toEqual(['line:1']);
    expect(amount(t, 'line:1', 'total')).toBe(950_000);
    expect(amount(t, 'line:1', 'reception')).toBe(950_000);
    expect(amount(t, 'line:1', 'abroad')).toBe(0);
    expect(amount(t, 'line:1', 'carTotal')).toBe(0);
    expect(amount(t, 'line:1', 'running')).toBe(229_430_000);
  });

  it('the explanatory text, by numbered section', () => {
    const s = doc.sections.find((x) => x.heading.startsWith('二、机关运行经费预算'));
    expect(s?.text).toContain('229.43万元');
  });

  it('text outside the clipping area is not read: page 7 runs past its content area and page 8 prints items 7–11 again', () => {
    const s = doc.sections.find((x) => x.heading === '2025年部门预算编制说明')!;
    // item 7 (887.36万元) shows once (page 7); its copy at the top of page 8 is clipped away, as are the lines
    // under page 7's content area (items 10 and 11 show once, on page 8)
    expect(s.text.split('887.36万').length - 1).toBe(1);
    expect(s.text.split('204.91万元').length - 1).toBe(1);
    expect(s.text.split('268.77万元').length - 1).toBe(1);
    expect(doc.pages[6].lines.some((l) => l.startsWith('11.'))).toBe(false);
  });
});

function demoFacts() {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: (p) => p });
  const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
  const budget = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!;
  return loadBudgetFacts(db, budget.id);
}

describe('our own 13-table export of the demo department (PDF, 万元)', async () => {
  const facts = demoFacts();
  const expected = buildTables(facts);
  const doc = await read(fixture('demo-shanxi-13.pdf'), { codes: codebookFromCsv(2024) });

  it('detects the 13-table profile and reads the cover', () => {
    expect(doc.profile).toBe('shanxi-13');
    expect(doc.department).toBe('泽州县人力资源和社会保障局');
    expect(doc.year).toBe(2024);
    expect(doc.unread).toEqual([]);
  });

  it('reads the 目录 with its pages: each table is listed at the page it was found on', () => {
    for (const t of doc.tables) {
      const entry = doc.toc.find((e) => e.title.endsWith(t.title));
      expect(entry, `表${t.no}`).toEqual({ title: expect.stringMatching(/^表[一二三四五六七八九十]+/), page: t.page });
    }
  });

  it('every table reads back as the builder made it, cell for cell at the printed precision', () => {
    const { cells, same } = compareTables(asDisclosureTables(doc)!, expected);
    expect(same).toBe(cells);
    expect(cells).toBeGreaterThan(900);
  });

  it('reads the 绩效目标表 amounts (元)', () => {
    const f = doc.forms.find((x) => x.projectName === '驻村工作队经费')!;
    expect(f.unit).toBe('元');
    expect(f.annualTotal).toBe(1_500_000); // 15,000 元 = 表十二 1.50 万元
    expect(f.periodTotal).toBe(2_000_000);
    expect(f.annualParts.map((p) => [p.label, p.amount])).toEqual([
      ['中央财政资金', 0],
      ['省级财政资金', 0],
      ['市县(区)财政资金', 1_500_000],
      ['单位自筹', 0],
      ['其他资金', 0],
    ]);
    expect(f.overview).toMatch(/^该项目主要用于/);
  });

  it('reads every form of the demo, with its indicators, as the facts hold them', () => {
    const projects = new Map(facts.projects.map((p) => [p.id, p]));
    expect(doc.forms.map((f) => f.projectName)).toEqual(facts.forms.map((f) => projects.get(f.projectId)!.name));
    for (const [i, form] of facts.forms.entries()) {
      const got = doc.forms[i];
      const a = form.fundingAnnual;
      expect(got.annualTotal, got.projectName).toBe(yuanRounded(a.central + a.provincial + a.local + a.selfRaised + a.other));
      const expectedAnnual = [...form.indicators]
        .filter((x) => x.period === 'annual')
        .map((x) => [x.level1, x.level2, x.name, x.value].join('|'))
        .sort();
      // the sheet groups indicators by 一级/二级 (its own order), so compare the sets
      for (const period of ['annual', 'total'] as const) {
        const exp = form.indicators.filter((x) => x.period === period).map((x) => [x.level1, x.level2, x.name, x.value].join('|'));
        const gotRows = got.indicators.filter((x) => x.period === period).map((x) => [x.level1, x.level2, x.level3, x.value].join('|'));
        expect(gotRows.sort(), `${got.projectName} ${period}`).toEqual(exp.sort());
      }
      expect(expectedAnnual.length).toBeGreaterThan(0);
    }
  });
});

describe('hostile and malformed input: a Chinese refusal or `unread`, never a throw', () => {
  const pdf = fixture('demo-shanxi-13.pdf');
  it('a truncated PDF', async () => {
    const r = await readDisclosure({ name: 'cut.pdf', bytes: pdf.bytes.slice(0, 4000) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.formError).toMatch(/“cut\.pdf”/);
  });
  it('a PNG renamed .pdf', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const r = await readDisclosure({ name: 'scan.pdf', bytes: png });
    expect(r).toMatchObject({ ok: false, formError: '“scan.pdf”既不是 PDF 也不是 xlsx 工作簿，无法读取' });
  });
  it('a zip that is not a workbook', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    const r = await readDisclosure({ name: 'a.xlsx', bytes: zip });
    expect(r.ok).toBe(false);
  });
  it('over the page limit: refused before the pages are read', async () => {
    const r = await readDisclosure(pdf, { limits: { maxBytes: 30 * 1024 * 1024, maxPages: 10, timeoutMs: 30_000 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.formError).toMatch(/^“demo-shanxi-13\.pdf”：PDF 共 \d+ 页，超过可核查的上限 10 页$/);
  });
  it('over the time limit: stopped between pages', async () => {
    const r = await readDisclosure(pdf, { limits: { maxBytes: 30 * 1024 * 1024, maxPages: 400, timeoutMs: 0 } });
    expect(r).toMatchObject({ ok: false, formError: '“demo-shanxi-13.pdf”：读取 PDF 超时（超过 0 秒），已停止' });
  });
  it('a forced profile that does not fit says what it did not find, and reads no table', async () => {
    const doc = await read(fixture('shanghai-putuo-finance-bureau-2025-dept-budget.pdf'), { profile: 'shanxi-13' });
    expect(doc.profileReason).toBe('按指定的模板读取（山西13张表）');
    expect(doc.tables).toEqual([]);
    expect(doc.unread).toContainEqual({ where: '全文', reason: '未找到预算公开表1' });
  });
  it('over the byte limit', async () => {
    const r = await readDisclosure(pdf, { limits: { maxBytes: 1000, maxPages: 400, timeoutMs: 30_000 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.formError).toContain('PDF 文件过大');
  });
  it('a PDF without a text layer says so in `unread`', async () => {
    const blank = new TextEncoder().encode(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF',
    );
    const doc = await read({ name: 'scan.pdf', bytes: blank });
    expect(doc.unread[0]).toEqual({ where: '全文', reason: 'PDF 没有文字层（可能是扫描件），无法读取文字和表格' });
    expect(doc.tables).toEqual([]);
  });
});

describe('our own workbook of the demo department (xlsx, 万元)', async () => {
  const facts = demoFacts();
  const expected = buildTables(facts);
  const bytes = new Uint8Array(await buildDocumentWorkbook(buildDocument(facts, DEFAULT_REGION_TEXTS)));
  const doc = await read({ name: 'demo.xlsx', bytes }, { codes: codebookFromCsv(2024) });

  /** The workbook with one edit made in Excel's way (exceljs), as bytes. */
  async function edited(edit: (wb: Workbook) => void): Promise<Uint8Array> {
    const wb = new Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    edit(wb);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('reads the 13 sheets, department and year, and the text sheets by section', () => {
    expect(doc.format).toBe('xlsx');
    expect(doc.profile).toBe('shanxi-13');
    expect(doc.department).toBe('泽州县人力资源和社会保障局');
    expect(doc.year).toBe(2024);
    expect(doc.unread).toEqual([]);
    expect(doc.tables[1].where).toBe('工作表“表二”');
    expect(doc.sections.map((x) => x.heading)).toContain('一、本部门职责');
  });

  it('every table reads back as the builder made it, cell for cell', () => {
    const { cells, same } = compareTables(asDisclosureTables(doc)!, expected);
    expect(same).toBe(cells);
    expect(cells).toBeGreaterThan(900);
  });

  it('a wrong column header: the sheet and the column are named, the table is not read', async () => {
    const changed = await edited((wb) => {
      wb.getWorksheet('表三')!.getCell('D5').value = '人员经费';
    });
    const d = await read({ name: 'x.xlsx', bytes: changed });
    expect(d.tables.map((t) => t.no)).not.toContain(3);
    expect(d.unread).toContainEqual({ where: '工作表“表三”第D列', reason: '表头为“人员经费”，应为“基本支出”，未读取本表' });
  });

  it('a column beyond the table: named, the table is not read', async () => {
    const changed = await edited((wb) => {
      wb.getWorksheet('表十')!.getCell('G9').value = 12.5;
    });
    const d = await read({ name: 'x.xlsx', bytes: changed });
    expect(d.tables.map((t) => t.no)).not.toContain(10);
    expect(d.unread).toContainEqual({ where: '工作表“表十”第G列', reason: '第9行在表10的 5 列之外有内容“12.5”，未读取本表' });
  });

  it('a missing sheet is reported', async () => {
    const changed = await edited((wb) => wb.removeWorksheet(wb.getWorksheet('表七')!.id));
    const d = await read({ name: 'x.xlsx', bytes: changed });
    expect(d.tables.map((t) => t.no)).not.toContain(7);
    expect(d.unread).toContainEqual({ where: '工作簿', reason: '未找到预算公开表7（应为工作表“表七”）' });
  });

  it('an oversize workbook is refused before it is opened', async () => {
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(bytes);
    const r = await readDisclosure({ name: 'big.xlsx', bytes: big });
    expect(r).toMatchObject({ ok: false, formError: '“big.xlsx”：工作簿过大（11.0 MB），上限为 10 MB' });
  });
});
