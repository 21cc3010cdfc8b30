/**
 * The workbook of the demo department (seeded into an in-memory database and read back with loadBudgetFacts,
 * as the route does), re-opened with exceljs and checked cell by cell against the tables it was built from;
 * and the download route on the same database, with the session mocked.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { Workbook, type Worksheet } from 'exceljs';
import { openDatabase, type Db } from '../../db/client';
import { budgets, departments } from '../../db/schema';
import { seedIfEmpty } from '../../db/seed';
import type { Actor } from '../auth/authorize';
import { loadBudgetFacts } from '../budget/load';
import type { BudgetFacts } from '../facts';
import { buildTables } from '../disclosure/tables';
import { buildDocument } from '../disclosure/document';
import { EMPTY_TABLE_NOTE, TABLE_UNIT_LINE, type DisclosureTable } from '../disclosure/types';
import { fenToCentiWan } from '../money';
import { chineseNumeral } from '../disclosure/functionClasses';
import { neutralizeFormula } from './cellText';
import {
  buildDocumentWorkbook,
  AMOUNT_FORMAT,
  buildDisclosureWorkbook,
  HEADER_FIRST_ROW,
  LABEL_ROW,
  META_ROW,
  normalizeZipTimestamps,
  placeHeader,
  GLOSSARY_SHEET_NAME,
  OVERVIEW_SHEET_NAME,
  TEXT_SHEET_NAME,
  TITLE_ROW,
  formSheetName,
  WORKBOOK_AUTHOR,
  type DisclosureWorkbookInput,
} from './xlsx';

const session = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null, dbCalls: 0 }));
// the route asks routeActor(); the test plays the session (401 when signed out, as the real one answers)
vi.mock('../auth/session', () => ({
  currentActor: async () => session.actor,
  routeActor: async () => (session.actor ? { actor: session.actor } : { actor: null, refusal: { status: 401, message: '请先登录' } }),
}));
vi.mock('../../db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../db/client')>()),
  getDb: () => {
    session.dbCalls++;
    return session.db!;
  },
}));

const SHEET_NAMES = ['表一', '表二', '表三', '表四', '表五', '表六', '表七', '表八', '表九', '表十', '表十一', '表十二', '表十三'];

/** The demo department's budget in a freshly seeded in-memory database. */
function seededDemo(): { db: Db; departmentId: number; otherDepartmentId: number; budgetId: number } {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: () => 'not-a-hash' });
  const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
  const other = db.select().from(departments).where(eq(departments.code, '061')).get()!;
  const budget = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!;
  return { db, departmentId: dept.id, otherDepartmentId: other.id, budgetId: budget.id };
}

const inputOf = (facts: BudgetFacts, extra: Partial<DisclosureWorkbookInput> = {}): DisclosureWorkbookInput => ({
  departmentName: facts.department.name,
  year: facts.year,
  tables: buildTables(facts),
  ...extra,
});

async function open(buf: Buffer): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** A table cell's printed figure (`4,729.70`) as the decimal a spreadsheet shows for the stored number (`4729.7`). */
function printedDecimal(display: string): string {
  const [int, frac = ''] = display.replace(/,/g, '').split('.');
  const f = frac.replace(/0+$/, '');
  return f ? `${int}.${f}` : int;
}

const bodyFirstRow = (t: DisclosureTable) => HEADER_FIRST_ROW + t.header.length;
const merges = (ws: Worksheet): string[] => (ws.model as unknown as { merges: string[] }).merges;
const rangeOf = (top: number, left: number, bottom: number, right: number, ws: Worksheet) =>
  `${ws.getCell(top, left).address}:${ws.getCell(bottom, right).address}`;

let demo: ReturnType<typeof seededDemo>;
let facts: BudgetFacts;
let tables: DisclosureTable[];
let buf: Buffer;
let wb: Workbook;

beforeAll(async () => {
  demo = seededDemo();
  session.db = demo.db;
  facts = loadBudgetFacts(demo.db, demo.budgetId);
  tables = buildTables(facts);
  buf = await buildDisclosureWorkbook(inputOf(facts));
  wb = await open(buf);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('chineseNumeral', () => {
  it('names the sheets 表一 … 表十三', () => {
    expect(Array.from({ length: 13 }, (_, i) => `表${chineseNumeral(i + 1)}`)).toEqual(SHEET_NAMES);
    expect(chineseNumeral(20)).toBe('二十');
    expect(chineseNumeral(21)).toBe('二十一');
    expect(() => chineseNumeral(0)).toThrow();
  });
});

describe('placeHeader', () => {
  it('places cells after the columns taken by rowSpans from above (表四)', () => {
    const t4 = tables[3];
    expect(placeHeader(t4.header, t4.columns.length)).toEqual([
      { row: 0, col: 0, rowSpan: 1, colSpan: 2, text: '收入' },
      { row: 0, col: 2, rowSpan: 1, colSpan: 5, text: '支出' },
      { row: 1, col: 0, rowSpan: 2, colSpan: 1, text: '项目' },
      { row: 1, col: 1, rowSpan: 2, colSpan: 1, text: '金额' },
      { row: 1, col: 2, rowSpan: 2, colSpan: 1, text: '项目' },
      { row: 1, col: 3, rowSpan: 1, colSpan: 4, text: '金额' },
      { row: 2, col: 3, rowSpan: 1, colSpan: 1, text: '小计' },
      { row: 2, col: 4, rowSpan: 1, colSpan: 1, text: '一般公共预算' },
      { row: 2, col: 5, rowSpan: 1, colSpan: 1, text: '政府性基金预算' },
      { row: 2, col: 6, rowSpan: 1, colSpan: 1, text: '国有资本经营预算' },
    ]);
  });

  it('rejects a header that does not fit its columns or rows', () => {
    expect(() => placeHeader([[{ text: 'a', colSpan: 3 }]], 2)).toThrow();
    expect(() => placeHeader([[{ text: 'a', rowSpan: 2 }]], 1)).toThrow();
    expect(() => placeHeader([[{ text: 'a', rowSpan: 2 }, { text: 'b' }], [{ text: 'c' }, { text: 'd' }]], 2)).toThrow();
  });
});

describe('the demo department workbook', () => {
  it('has the 13 table sheets, in order, and no text sheet when no text is given', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(SHEET_NAMES);
    expect(tables.map((t) => t.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('carries fixed document properties', () => {
    expect(wb.creator).toBe(WORKBOOK_AUTHOR);
    expect(wb.lastModifiedBy).toBe(WORKBOOK_AUTHOR);
    expect(wb.created.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(wb.modified.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('lays out the frame of every table: label, merged bold centred title, department and unit line', () => {
    tables.forEach((t, i) => {
      const ws = wb.worksheets[i];
      const n = t.columns.length;
      expect(ws.getCell(LABEL_ROW, 1).value).toBe(t.label);
      const title = ws.getCell(TITLE_ROW, 1);
      expect(title.value).toBe(t.title);
      expect(title.font.bold).toBe(true);
      expect(title.alignment.horizontal).toBe('center');
      expect(merges(ws)).toContain(rangeOf(TITLE_ROW, 1, TITLE_ROW, n, ws));
      expect(ws.getCell(META_ROW, 1).value).toBe(`部门名称：${facts.department.name}`);
      expect(ws.getCell(META_ROW, n).value).toBe(TABLE_UNIT_LINE);
      expect(ws.getCell(META_ROW, n).alignment.horizontal).toBe('right');
    });
  });

  it('merges the header cells exactly as the spans say', () => {
    let spanned = 0;
    tables.forEach((t, i) => {
      const ws = wb.worksheets[i];
      for (const p of placeHeader(t.header, t.columns.length)) {
        const top = HEADER_FIRST_ROW + p.row;
        const left = p.col + 1;
        const cell = ws.getCell(top, left);
        expect(cell.value, `表${t.no} header “${p.text}”`).toBe(p.text);
        expect(cell.border?.top?.style).toBe('thin');
        if (p.rowSpan > 1 || p.colSpan > 1) {
          spanned++;
          expect(merges(ws), `表${t.no} header “${p.text}”`).toContain(
            rangeOf(top, left, top + p.rowSpan - 1, left + p.colSpan - 1, ws),
          );
        }
      }
      // nothing else is merged in the header
      const headerMerges = merges(ws).filter((m) => {
        const row = Number(/\d+/.exec(m)![0]);
        return row >= HEADER_FIRST_ROW && row < bodyFirstRow(t);
      });
      const expectedCount = placeHeader(t.header, t.columns.length).filter((p) => p.rowSpan > 1 || p.colSpan > 1).length;
      expect(headerMerges).toHaveLength(expectedCount);
    });
    expect(spanned).toBeGreaterThan(20);
  });

  it('stores every amount as the number the table prints (2-decimal 万元), and blanks as empty cells', () => {
    let checked = 0;
    let exactDiffers = 0;
    tables.forEach((t, i) => {
      const ws = wb.worksheets[i];
      t.rows.forEach((row, k) => {
        row.cells.forEach((c, j) => {
          const cell = ws.getCell(bodyFirstRow(t) + k, j + 1);
          const where = `表${t.no} ${row.key} column ${j}`;
          expect(cell.border?.left?.style, where).toBe('thin');
          if (c.kind !== 'amount') return;
          expect(cell.numFmt, where).toBe(AMOUNT_FORMAT);
          if (c.display === '') {
            expect(cell.value, where).toBeNull();
            return;
          }
          checked++;
          expect(typeof cell.value, where).toBe('number');
          const v = cell.value as number;
          // the stored number is the printed figure: its shortest decimal is the display without grouping
          expect(String(v), where).toBe(printedDecimal(c.display));
          expect(v, where).toBe(fenToCentiWan(c.amount) / 100);
          if (c.amount % 10_000 !== 0) exactDiffers++;
        });
      });
    });
    // 345 amount cells, 154 of them with an exact value that is not the printed figure (表二 208: 4,729.6992 → 4,729.70)
    expect(checked).toBe(345);
    expect(exactDiffers).toBe(154);
    const t2 = tables[1];
    const r208 = t2.rows.findIndex((r) => r.key === 'f:208');
    expect(bodyFirstRow(t2) + r208).toBe(7);
    expect(wb.worksheets[1].getCell('D7').value).toBe(4729.7);
    // and no sheet holds any other number (every number of the workbook is one of these printed figures)
    let numbers = 0;
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'number' && numbers++))));
    expect(numbers).toBe(345);
  });

  it('writes text cells as strings, indents 类/款/项 by level, and bolds total rows', () => {
    tables.forEach((t, i) => {
      const ws = wb.worksheets[i];
      t.rows.forEach((row, k) => {
        row.cells.forEach((c, j) => {
          if (c.kind !== 'text') return;
          const cell = ws.getCell(bodyFirstRow(t) + k, j + 1);
          expect(cell.value, `表${t.no} ${row.key} column ${j}`).toBe(c.text === '' ? null : neutralizeFormula(c.text));
        });
      });
    });
    const t2 = tables[1];
    const ws2 = wb.worksheets[1];
    const rowIndex = (key: string) => bodyFirstRow(t2) + t2.rows.findIndex((r) => r.key === key);
    expect(ws2.getCell(rowIndex('f:208'), 2).alignment.indent ?? 0).toBe(0);
    expect(ws2.getCell(rowIndex('f:20801'), 2).alignment.indent).toBe(1);
    expect(ws2.getCell(rowIndex('f:2080101'), 2).alignment.indent).toBe(2);
    expect(ws2.getCell(rowIndex('total'), 1).font.bold).toBe(true);
    // 表十二: unit → project
    const t12 = tables[11];
    const ws12 = wb.worksheets[11];
    const project = t12.rows.findIndex((r) => r.key.startsWith('project:'));
    expect(ws12.getCell(bodyFirstRow(t12) + project, 1).alignment.indent).toBe(1);
  });

  it('puts 注：本表无数据 right below each empty table, and only there', () => {
    const empty = tables.filter((t) => t.emptyNote).map((t) => t.no);
    expect(empty).toEqual([7, 8, 9]);
    tables.forEach((t, i) => {
      const ws = wb.worksheets[i];
      const below = ws.getCell(bodyFirstRow(t) + t.rows.length, 1).value;
      expect(below, `表${t.no}`).toBe(t.emptyNote ? EMPTY_TABLE_NOTE : null);
    });
  });

  it('freezes the header, repeats it on every printed page, and prints on A4 fitted to the width', () => {
    tables.forEach((t, i) => {
      const ws = wb.worksheets[i];
      const lastHeader = bodyFirstRow(t) - 1;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: lastHeader });
      expect(ws.pageSetup.printTitlesRow).toBe(`${HEADER_FIRST_ROW}:${lastHeader}`);
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.fitToPage).toBe(true);
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.fitToHeight).toBe(0);
      for (let c = 1; c <= t.columns.length; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(8);
    });
    // wide tables print landscape, narrow ones portrait
    expect(wb.getWorksheet('表二')!.pageSetup.orientation).toBe('landscape');
    expect(wb.getWorksheet('表十')!.pageSetup.orientation).toBe('portrait');
  });

  it('neutralizes a project name that a spreadsheet would take for a formula', async () => {
    const evil = '=HYPERLINK("http://x","y")';
    const target = facts.projects.find((p) => !p.carryover)!;
    const variant: BudgetFacts = {
      ...facts,
      projects: facts.projects.map((p) => (p.id === target.id ? { ...p, name: evil } : p)),
    };
    const t12 = buildTables(variant)[11];
    const k = t12.rows.findIndex((r) => r.key === `project:${target.id}`);
    expect(k).toBeGreaterThan(0);
    const ws = (await open(await buildDisclosureWorkbook(inputOf(variant)))).getWorksheet('表十二')!;
    const cell = ws.getCell(bodyFirstRow(t12) + k, 1);
    expect(typeof cell.value).toBe('string');
    expect(cell.value).toBe(`'${evil}`);
    expect(cell.formula).toBeUndefined();
    expect(cell.type).not.toBe(6); // ValueType.Formula
  });

  it('adds the 情况说明 sheet when text is given', async () => {
    const text = [
      { heading: '一、部门预算收支数据变动情况及原因', paragraphs: ['2024年收支总预算5,907.89万元。', '@第二段'] },
      { heading: '二、收入预算情况说明', paragraphs: ['收入预算5,907.89万元。'] },
    ];
    const book = await open(await buildDisclosureWorkbook(inputOf(facts, { text })));
    expect(book.worksheets.map((w) => w.name)).toEqual([...SHEET_NAMES, TEXT_SHEET_NAME]);
    const ws = book.getWorksheet(TEXT_SHEET_NAME)!;
    const values = ws.getColumn(1).values.slice(1);
    expect(values).toEqual([
      '2024年度部门预算情况说明',
      '一、部门预算收支数据变动情况及原因',
      '2024年收支总预算5,907.89万元。',
      "'@第二段",
      '二、收入预算情况说明',
      '收入预算5,907.89万元。',
    ]);
    expect(ws.getCell(2, 1).font.bold).toBe(true);
    expect(ws.getCell(3, 1).alignment.wrapText).toBe(true);
  });

  it('the whole document: 概况 first, the tables, 情况说明 and 名词解释 last, each text cell wrapped and as tall as its lines', async () => {
    const doc = buildDocument(facts);
    const book = await open(await buildDocumentWorkbook(doc));
    expect(book.worksheets.map((w) => w.name)).toEqual([OVERVIEW_SHEET_NAME, ...SHEET_NAMES, TEXT_SHEET_NAME, GLOSSARY_SHEET_NAME]);
    const column = (name: string) => book.getWorksheet(name)!.getColumn(1).values.slice(1) as string[];
    expect(column(OVERVIEW_SHEET_NAME)).toEqual(['第一部分 概况', '一、本部门职责', doc.part1.duties, '二、机构设置情况', doc.part1.organization]);
    expect(column(GLOSSARY_SHEET_NAME)[0]).toBe('第四部分 名词解释');
    expect(column(GLOSSARY_SHEET_NAME)[1]).toBe('一、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。');
    expect(column(GLOSSARY_SHEET_NAME)).toHaveLength(1 + doc.part4.length);
    expect(column(TEXT_SHEET_NAME)).toContain(doc.part3[9].subsections![1].paragraphs[0].text);
    for (const name of [OVERVIEW_SHEET_NAME, TEXT_SHEET_NAME, GLOSSARY_SHEET_NAME]) {
      const ws = book.getWorksheet(name)!;
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.getColumn(1).width).toBe(90);
      ws.eachRow((row, r) => {
        if (r === 1) return;
        const cell = row.getCell(1);
        const text = String(cell.value);
        expect(cell.alignment.wrapText, `${name}!A${r}`).toBe(true);
        // a 90-unit column (≈ 635 px) holds 43 CJK characters of 11 pt 宋体 (14.67 px) or 86 half-width ones to a
        // printed line of ~15 pt: the row is as tall as every line of its text
        const units = [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
        expect(row.height, `${name}!A${r}`).toBeGreaterThanOrEqual(Math.ceil(units / 86) * 15);
      });
    }
  });

  it('one sheet per attached 绩效目标表, laid out as the form: its fields, whole-元 amounts as numbers, every 二级 row', async () => {
    const doc = buildDocument(facts);
    const book = await open(await buildDocumentWorkbook(doc, { forms: facts.forms, regionName: facts.department.regionName }));
    const formSheets = book.worksheets.filter((w) => w.name.startsWith('绩效目标表'));
    expect(formSheets.map((w) => w.name)).toEqual(doc.forms.map((_, i) => formSheetName(i)));
    expect(book.worksheets.at(-formSheets.length - 1)!.name).toBe(GLOSSARY_SHEET_NAME);
    for (const [i, entry] of doc.forms.entries()) {
      const ws = formSheets[i];
      const form = facts.forms.find((f) => f.projectId === entry.projectId)!;
      const texts: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
      expect(ws.getCell('A1').value).toBe(`${facts.department.regionName}县(区)级预算部门(单位)项目支出绩效目标表`);
      expect(ws.getCell('A3').value).toBe('项目名称');
      expect(ws.getCell('B3').value).toBe(entry.projectName);
      expect(ws.getCell('B4').value).toBe(`${doc.department.code}-${doc.department.name}`);
      // 项目资金: the printed whole-元 figures, as numbers
      expect(ws.getCell('B6').value).toBe('实施期资金总额:');
      expect(ws.getCell('D6').value).toBe(Math.round(form.fundingTotal.total / 100));
      expect(ws.getCell('G6').value).toBe(Math.round(form.fundingAnnual.total / 100));
      expect(ws.getCell('D6').numFmt).toBe('#,##0');
      for (const t of [form.overview, form.basis, form.goalTotal, form.goalAnnual]) expect(texts).toContain(t);
      for (const ind of form.indicators) expect(texts).toContain(ind.name);
      for (const level2 of ['数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度指标'])
        expect(texts, `${entry.projectName}: ${level2}`).toContain(level2);
      expect(texts.at(-1)).toMatch(/^填报日期: \d{4}年\d{1,2}月\d{1,2}日$/);
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, printTitlesRow: '3:3' });
      // a wrapped text row is as tall as its lines (the 项目概况 cell spans B:H)
      const overview = ws.getRow(12);
      expect(overview.getCell(1).value).toBe('项目概况');
      expect(overview.height).toBeGreaterThanOrEqual(15);
    }
  });

  it('is byte-identical across builds at different times', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
    const a = await buildDisclosureWorkbook(inputOf(facts));
    vi.setSystemTime(new Date('2035-11-12T13:14:15Z'));
    const b = await buildDisclosureWorkbook(inputOf(facts));
    vi.useRealTimers();
    expect(a.equals(b)).toBe(true);
    expect(a.equals(buf)).toBe(true);
  });
});

describe('normalizeZipTimestamps', () => {
  it('leaves a buffer that is not a zip as it was', () => {
    const junk = Buffer.from('not a zip file at all, just some bytes to look through');
    const copy = Buffer.from(junk);
    expect(normalizeZipTimestamps(junk, new Date(0)).equals(copy)).toBe(true);
  });
});

describe('GET /budgets/[id]/export/xlsx', () => {
  const clerk = (departmentId: number): Actor => ({ userId: 1, role: 'clerk', departmentId, displayName: '测试' });
  const call = async (id: string) => {
    const { GET } = await import('../../app/(app)/budgets/[id]/export/xlsx/route');
    return GET(new Request(`http://localhost/budgets/${id}/export/xlsx`), { params: Promise.resolve({ id }) });
  };

  it('refuses the signed-out with 401', async () => {
    session.actor = null;
    const res = await call(String(demo.budgetId));
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('请先登录');
  });

  it('answers 404 for an id that is not a budget id', async () => {
    session.actor = clerk(demo.departmentId);
    for (const id of ['abc', '0', '1234567890', '1e3', '-1']) expect((await call(id)).status).toBe(404);
  });

  it("refuses another department's clerk with 403", async () => {
    session.actor = clerk(demo.otherDepartmentId);
    const res = await call(String(demo.budgetId));
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/[\u4e00-\u9fff]/);
    session.actor = clerk(demo.departmentId);
    expect((await call('999999')).status).toBe(403);
  });

  it('sends the workbook to the clerk of the department and to a reviewer', async () => {
    for (const actor of [clerk(demo.departmentId), { ...clerk(0), role: 'reviewer' as const, departmentId: null }]) {
      session.actor = actor;
      const res = await call(String(demo.budgetId));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; /);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('泽州县人力资源和社会保障局2024年部门预算公开表.xlsx')}`);
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('content-length')).toBe(String(body.length));
      // the route exports the whole document: the tables and the 情况说明 text sheet
      expect(body.equals(await buildDocumentWorkbook(buildDocument(facts), { forms: facts.forms, regionName: facts.department.regionName }))).toBe(true);
      const routeBook = await open(body);
      expect(routeBook.worksheets.map((w) => w.name)).toContain('情况说明');
    }
    expect(session.dbCalls).toBeGreaterThan(0); // the route read the test database, not the app's
  });
});
