/**
 * The hostile-input corpus (lib/security/testing/corpus.ts) thrown at the real domain functions, parsers and renderers:
 * - malformed and oversized numbers, unknown and wrong-level codes: refused with a Chinese message, nothing written;
 * - markup in every text people type: stored as text, rendered inert in the disclosure document (react-dom/server);
 * - formula text: neutralised in every text cell of the exported workbooks (re-opened with exceljs);
 * - malformed, oversized and bomb-like files to the 基本支出 workbook import and the code-book import;
 * - forged ids (another department's unit, another budget's project or line, nonsense budget ids).
 * "Nothing written" is a digest of every row of every table, before and after.
 */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { basicLines, performanceForms, projectItems, projects } from '../../db/schema';
import { disclosureDocumentHtml } from '../../components/DisclosureDocument';
import { ValidationError } from '../result';
import { saveControlFigures } from '../admin/controlFigures';
import { setUnitActive, updateUnit } from '../admin/departments';
import { updateAssets, assetValues } from '../budget/edit/assets';
import { incomeValues, updateIncome } from '../budget/edit/income';
import { addLine, addLines, deleteLine, duplicateLine, replaceLines, updateLine } from '../budget/edit/lines';
import { addProjectItem, createProject, updateProject, updateProjectItem } from '../budget/edit/projects';
import { textValues, updateTexts } from '../budget/edit/texts';
import { seededWorld, type TestWorld } from '../budget/edit/testing';
import { buildLinesTemplate, LINES_COLUMNS, LINES_SHEET, MAX_WORKBOOK_BYTES, parseLinesWorkbook, type LinesWorkbookContext } from '../budget/linesWorkbook';
import { loadBudgetFacts } from '../budget/load';
import { rawLinesXlsx, rawXlsx } from '../../bench/imports';
import { applyCodeBookImport } from '../codebook/import';
import { currentBook, fingerprint } from '../codebook/importDiff';
import { parseCodeBookFile } from '../codebook/importFile';
import { buildDocument } from '../disclosure/document';
import { looksLikeFormula } from '../export/cellText';
import { buildDocumentWorkbook } from '../export/xlsx';
import { createForm, saveForm } from '../performance/edit';
import { loadPerformanceForm } from '../performance/store';
import { formToValues } from '../performance/values';
import { loadRegionTexts, saveRegionTexts } from '../region/texts';
import {
  databaseDigest,
  FORMULA_PAYLOADS,
  HOSTILE_AMOUNTS,
  HOSTILE_ECONOMIC_CODES,
  HOSTILE_FUNCTION_CODES,
  isChinese,
  pseudoRandomBytes,
  unsafeMarkup,
  XSS_PAYLOADS,
} from './testing/corpus';
import { zip } from './testing/zip';

// ── helpers ───────────────────────────────────────────────────────────────────────────────────────────────────

const budgetVersion = (w: TestWorld, id: number) => w.db.$client.prepare('SELECT version FROM budgets WHERE id = ?').pluck().get(id) as number;
const firstLine = (db: Db, budgetId: number) => db.select().from(basicLines).where(eq(basicLines.budgetId, budgetId)).orderBy(basicLines.id).get()!;
const unitsOf = (db: Db, budgetId: number) => loadBudgetFacts(db, budgetId).units;
function projectWithItem(db: Db, budgetId: number) {
  for (const p of db.select().from(projects).where(eq(projects.budgetId, budgetId)).orderBy(projects.id).all()) {
    const item = db.select().from(projectItems).where(eq(projectItems.projectId, p.id)).get();
    if (item) return { project: p, item };
  }
  throw new Error('no project with items');
}
function formProjectId(db: Db, budgetId: number): number {
  return db
    .select({ id: projects.id })
    .from(projects)
    .innerJoin(performanceForms, eq(performanceForms.projectId, projects.id))
    .where(eq(projects.budgetId, budgetId))
    .get()!.id;
}
const goodLine = (unitId: number) => ({ unitId, functionCode: '2080101', economicCode: '30201', source: 'general', amount: '1.00' });

/** A refusal: `ok: false` (or a ValidationError) with a Chinese message; returns the messages. */
function expectRefused(r: unknown, what: string): string[] {
  const messages: string[] = [];
  if (r instanceof Error) {
    expect(r, what).toBeInstanceOf(ValidationError);
    messages.push(r.message, ...Object.values((r as ValidationError).fieldErrors));
  } else {
    expect(r, what).toMatchObject({ ok: false });
    const f = r as { formError?: string; message?: string; fieldErrors?: Record<string, string> };
    messages.push(...[f.formError, f.message].filter((m): m is string => typeof m === 'string'), ...Object.values(f.fieldErrors ?? {}));
  }
  expect(messages.length, `${what}: a message`).toBeGreaterThan(0);
  for (const m of messages) expect(isChinese(m), `${what}: “${m}” is Chinese`).toBe(true);
  return messages;
}

/** Runs `fn` on the world, expects a refusal and an unchanged database. */
async function refusedAndUnchanged(w: TestWorld, what: string, fn: () => unknown): Promise<string[]> {
  const before = databaseDigest(w.db.$client);
  let r: unknown;
  try {
    r = await fn();
  } catch (e) {
    r = e;
  }
  const messages = expectRefused(r, what);
  expect(databaseDigest(w.db.$client), `${what}: nothing written`).toBe(before);
  return messages;
}

function section(w: TestWorld, budgetId: number, base: Record<string, string | number>, values: Record<string, unknown>) {
  return { budgetId, baseVersion: budgetVersion(w, budgetId), base, values };
}

const context = (w: TestWorld): LinesWorkbookContext => {
  const f = loadBudgetFacts(w.db, w.budgetId);
  return { year: f.year, units: f.units, codes: f.codes };
};

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Every text a workbook's cells hold, and whether any cell holds a formula. */
async function cellTexts(bytes: Uint8Array): Promise<{ texts: { sheet: string; ref: string; text: string }[]; formulas: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const texts: { sheet: string; ref: string; text: string }[] = [];
  const formulas: string[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as unknown;
        if (typeof v === 'string') texts.push({ sheet: ws.name, ref: cell.address, text: v });
        else if (v && typeof v === 'object') {
          if ('formula' in v || 'sharedFormula' in v) formulas.push(`${ws.name}!${cell.address}`);
          if ('richText' in v) texts.push({ sheet: ws.name, ref: cell.address, text: (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('') });
        }
      }),
    );
  return { texts, formulas };
}

// ── numbers ───────────────────────────────────────────────────────────────────────────────────────────────────

describe('malformed and oversized numbers are refused with a Chinese message and change nothing', () => {
  const w = seededWorld();
  const unit = unitsOf(w.db, w.budgetId)[0].id;

  for (const { what, value, validWan } of HOSTILE_AMOUNTS) {
    it(`an amount of ${what}`, async () => {
      const line = firstLine(w.db, w.budgetId);
      const { project, item } = projectWithItem(w.db, w.budgetId);
      const amount = value as string;
      const m = await refusedAndUnchanged(w, `addLine ${what}`, () => addLine(w.db, w.actors.renshe, { budgetId: w.budgetId, line: { ...goodLine(unit), amount } }));
      expect(m.join(' '), 'names the amount').toMatch(/金额/);
      await refusedAndUnchanged(w, `updateLine ${what}`, () =>
        updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { amount } }),
      );
      await refusedAndUnchanged(w, `addLines ${what}`, () =>
        addLines(w.db, w.actors.renshe, { budgetId: w.budgetId, rows: [{ unit: '1', functionCode: '2080101', economicCode: '30201', source: 'general', amount }] }),
      );
      await refusedAndUnchanged(w, `updateProjectItem ${what}`, () =>
        updateProjectItem(w.db, w.actors.renshe, { budgetId: w.budgetId, projectId: project.id, itemId: item.id, version: project.version, changes: { amount } }),
      );
      const incomeBase = incomeValues(loadBudgetFacts(w.db, w.budgetId).income);
      await refusedAndUnchanged(w, `updateIncome ${what}`, () => updateIncome(w.db, w.actors.renshe, section(w, w.budgetId, incomeBase, { 'general.current': value })));
      const assetBase = assetValues(loadBudgetFacts(w.db, w.budgetId).assets);
      await refusedAndUnchanged(w, `updateAssets count ${what}`, () => updateAssets(w.db, w.actors.renshe, section(w, w.budgetId, assetBase, { devicesOver500k: value })));
      await refusedAndUnchanged(w, `updateAssets area ${what}`, () => updateAssets(w.db, w.actors.renshe, section(w, w.budgetId, assetBase, { officeArea: value })));
      const projectId = formProjectId(w.db, w.budgetId);
      const form = loadPerformanceForm(w.db, projectId)!;
      const values = formToValues(form);
      await refusedAndUnchanged(w, `saveForm funding ${what}`, () =>
        saveForm(w.db, w.actors.renshe, { ...values, fundingTotal: { ...values.fundingTotal, central: value as string }, budgetId: w.budgetId, projectId, version: form.version }),
      );
      const deptId = w.db.$client.prepare('SELECT department_id FROM budgets WHERE id = ?').pluck().get(w.budgetId) as number;
      if (!validWan)
        await refusedAndUnchanged(w, `saveControlFigures ${what}`, () =>
          saveControlFigures(w.db, w.actors.admin, { year: 2024, amounts: { [String(deptId)]: String(value) } }),
        );
    });
  }

  const XLSX_AMOUNTS = HOSTILE_AMOUNTS.filter((a) => !String(a.value).includes('\u0000'));
  it('the same amounts in a workbook are reported per row, and no row is accepted', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet(LINES_SHEET);
      ws.addRow([...LINES_COLUMNS]);
      // (a null byte cannot be written into the sheet's XML: exceljs drops it)
      for (const { value } of XLSX_AMOUNTS) ws.addRow([unitsOf(w.db, w.budgetId)[0].name, '2080101', '30201', '一般公共预算', typeof value === 'number' && Number.isFinite(value) ? value : String(value)]);
    });
    const r = await parseLinesWorkbook(bytes, context(w));
    expect(r.rows).toEqual([]);
    expect(new Set(r.errors.map((e) => e.row)).size).toBe(XLSX_AMOUNTS.length);
    for (const e of r.errors) {
      expect(e.column).toBe('金额（元）');
      expect(isChinese(e.message), e.message).toBe(true);
    }
  });

  it('refuses the workbook amounts a spreadsheet can hold but a budget cannot (1e308, negatives, fractions of a 分)', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet(LINES_SHEET);
      ws.addRow([...LINES_COLUMNS]);
      for (const n of [1e308, -5, 12.345, 0.1 + 0.2, 2 ** 60]) ws.addRow(['1', '2080101', '30201', '一般公共预算', n]);
    });
    const r = await parseLinesWorkbook(bytes, context(w));
    expect(r.rows).toEqual([]);
    expect(r.errors).toHaveLength(5);
  });
});

// ── codes ─────────────────────────────────────────────────────────────────────────────────────────────────────

describe('unknown and wrong-level codes are refused with a Chinese message and change nothing', () => {
  const w = seededWorld();
  const unit = unitsOf(w.db, w.budgetId)[0].id;
  for (const { what, value } of HOSTILE_FUNCTION_CODES) {
    it(`功能科目: ${what}`, async () => {
      const m = await refusedAndUnchanged(w, what, () => addLine(w.db, w.actors.renshe, { budgetId: w.budgetId, line: { ...goodLine(unit), functionCode: value } }));
      expect(m.join(' ')).toMatch(/功能科目|项/);
      const { project } = projectWithItem(w.db, w.budgetId);
      await refusedAndUnchanged(w, `item ${what}`, () =>
        addProjectItem(w.db, w.actors.renshe, { budgetId: w.budgetId, projectId: project.id, version: project.version, item: { functionCode: value, economicCode: '30201', amount: '1.00', procurement: null } }),
      );
    });
  }
  for (const { what, value } of HOSTILE_ECONOMIC_CODES) {
    it(`经济科目: ${what}`, async () => {
      const line = firstLine(w.db, w.budgetId);
      const m = await refusedAndUnchanged(w, what, () =>
        updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { economicCode: value } }),
      );
      expect(m.join(' ')).toMatch(/经济科目|款/);
    });
  }
  it('a code-book import with malformed codes is refused as a whole', async () => {
    const book = currentBook(w.db, 'functional', 2024);
    const codes = [...book.map((r, i) => ({ row: i + 2, code: r.code, name: r.name })), { row: 9999, code: '2O8', name: '字母O' }, { row: 10_000, code: '2080199', name: '缺少上级' }];
    await refusedAndUnchanged(w, 'applyCodeBookImport', () =>
      applyCodeBookImport(w.db, w.actors.admin, { year: 2024, kind: 'functional', codes, baseFingerprint: fingerprint(book) }),
    );
    await refusedAndUnchanged(w, 'applyCodeBookImport with a forged fingerprint', () =>
      applyCodeBookImport(w.db, w.actors.admin, { year: 2024, kind: 'functional', codes: book.map((r, i) => ({ row: i + 2, code: r.code, name: r.name })), baseFingerprint: 'f'.repeat(32) }),
    );
  });
});

// ── markup ────────────────────────────────────────────────────────────────────────────────────────────────────

describe('markup in every text field is stored as text and rendered inert', () => {
  it('project names, unit names, texts, the glossary and a performance form, in the disclosure document', async () => {
    const w = seededWorld();
    const { db } = w;
    const unit = unitsOf(db, w.budgetId)[0];
    // project names (with an item, so they appear in 表十二)
    for (const { value } of XSS_PAYLOADS) {
      const r = createProject(db, w.actors.renshe, { budgetId: w.budgetId, project: { name: value, unitId: unit.id, source: 'general', category: 'operating', carryover: false } });
      expect(r.ok, value).toBe(true);
      if (!r.ok) continue;
      const item = addProjectItem(db, w.actors.renshe, {
        budgetId: w.budgetId,
        projectId: r.project.id,
        version: r.project.version,
        item: { functionCode: '2080101', economicCode: '30201', amount: '1,000.00', procurement: null },
      });
      expect(item.ok).toBe(true);
      expect(db.select().from(projects).where(eq(projects.id, r.project.id)).get()!.name, 'stored as typed').toBe(value);
    }
    // a unit name (administrator)
    updateUnit(db, w.actors.admin, { id: unit.id, name: XSS_PAYLOADS[1].value, type: unit.type });
    // every text of the budget
    const all = XSS_PAYLOADS.map((p) => p.value).join(' ');
    const base = textValues(loadBudgetFacts(db, w.budgetId).text);
    const t = updateTexts(db, w.actors.renshe, section(w, w.budgetId, base, Object.fromEntries(Object.keys(base).map((k) => [k, `${k}：${all}`]))));
    expect(t.ok).toBe(true);
    // the glossary (administrator)
    saveRegionTexts(db, w.actors.admin, {
      glossary: XSS_PAYLOADS.map((p, i) => ({ term: `${p.value.slice(0, 36)}${i}`, definition: all })),
      purchaseCatalog: `服务\t${all}`,
      emptyTableNote: '<b onmouseover=alert(1)>无数据</b>',
    });
    // a performance form's texts and indicators
    const projectId = formProjectId(db, w.budgetId);
    const form = loadPerformanceForm(db, projectId)!;
    const values = formToValues(form);
    const saved = saveForm(db, w.actors.renshe, {
      ...values,
      overview: all,
      manager: XSS_PAYLOADS[0].value,
      indicators: { ...values.indicators, annual: values.indicators.annual.map((i, n) => (n === 0 ? { ...i, name: XSS_PAYLOADS[1].value, value: XSS_PAYLOADS[2].value } : i)) },
      budgetId: w.budgetId,
      projectId,
      version: form.version,
    });
    expect(saved.ok, JSON.stringify(saved)).toBe(true);

    const facts = loadBudgetFacts(db, w.budgetId);
    const doc = buildDocument(facts, loadRegionTexts(db));
    const html = disclosureDocumentHtml({ doc, forms: facts.forms, regionName: facts.department.regionName });
    expect(unsafeMarkup(html)).toEqual([]);
    // the payloads did reach the page, as text
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('javascript:alert(document.cookie)');
    expect(html).toContain('&lt;b onmouseover=alert(1)&gt;');
    // and are stored exactly as typed
    expect(loadBudgetFacts(db, w.budgetId).text.duties).toBe(`duties：${all}`);
  });

  it('chart labels from the code book are escaped in the inline SVG', () => {
    const w = seededWorld();
    // the 类 names come from the code book an administrator imports
    w.db.$client.prepare("UPDATE functional_codes SET name = ? WHERE length(code) = 3").run('<script>alert("svg")</script><img src=x onerror=alert(2)>');
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const doc = buildDocument(facts, loadRegionTexts(w.db));
    const html = disclosureDocumentHtml({ doc, forms: facts.forms, regionName: facts.department.regionName });
    expect(html).toContain('&lt;script&gt;alert(');
    expect(unsafeMarkup(html)).toEqual([]);
  });
});

// ── formulas ──────────────────────────────────────────────────────────────────────────────────────────────────

describe('formula text is neutralised in every exported text cell', () => {
  async function hostileWorld() {
    const w = seededWorld();
    const { db } = w;
    const unit = unitsOf(db, w.budgetId)[0];
    for (const { value } of FORMULA_PAYLOADS) {
      const r = createProject(db, w.actors.renshe, { budgetId: w.budgetId, project: { name: value, unitId: unit.id, source: 'general', category: 'operating', carryover: false } });
      expect(r.ok, value).toBe(true);
      if (r.ok)
        addProjectItem(db, w.actors.renshe, {
          budgetId: w.budgetId,
          projectId: r.project.id,
          version: r.project.version,
          item: { functionCode: '2080101', economicCode: '30201', amount: '10.00', procurement: null },
        });
    }
    updateUnit(db, w.actors.admin, { id: unit.id, name: FORMULA_PAYLOADS[0].value, type: unit.type });
    const base = textValues(loadBudgetFacts(db, w.budgetId).text);
    const texts = Object.fromEntries(Object.keys(base).map((k, i) => [k, FORMULA_PAYLOADS[i % FORMULA_PAYLOADS.length].value]));
    expect(updateTexts(db, w.actors.renshe, section(w, w.budgetId, base, texts)).ok).toBe(true);
    saveRegionTexts(db, w.actors.admin, { emptyTableNote: '=1+1 无数据', tableTitles: loadRegionTexts(db).tableTitles.map((t, i) => (i % 2 ? `@SUM(1) ${t}` : `-2+3 ${t}`)) });
    return w;
  }

  it('the disclosure workbook', async () => {
    const w = await hostileWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const bytes = await buildDocumentWorkbook(buildDocument(facts, loadRegionTexts(w.db)));
    const { texts, formulas } = await cellTexts(bytes);
    expect(formulas).toEqual([]);
    expect(texts.filter((t) => looksLikeFormula(t.text))).toEqual([]);
    // the payloads are there, defused with a leading quote
    const all = texts.map((t) => t.text);
    expect(all).toContain(`'${FORMULA_PAYLOADS[0].value}`);
    expect(all.some((t) => t.startsWith("'@SUM(1)"))).toBe(true);
    expect(all.some((t) => t.startsWith("'-2+3"))).toBe(true);
  });

  it('the 基本支出 template carries the hostile unit name', async () => {
    const w = await hostileWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const { texts, formulas } = await cellTexts(await buildLinesTemplate(facts, facts.codes));
    expect(formulas).toEqual([]);
    expect(texts.some((t) => t.text.endsWith(FORMULA_PAYLOADS[0].value))).toBe(true);
  });

  // a unit named `=cmd|' /C calc'!A0` must not become a live formula when a clerk edits the cell
  it('the 基本支出 template neutralises formula text in every cell', async () => {
    const w = await hostileWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const { texts } = await cellTexts(await buildLinesTemplate(facts, facts.codes));
    expect(texts.filter((t) => looksLikeFormula(t.text)).map((t) => `${t.sheet}!${t.ref}`)).toEqual([]);
  });
});

// ── files ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Malformed and oversized uploads, as bytes. */
async function hostileFiles(): Promise<{ what: string; name: string; bytes: Uint8Array }[]> {
  const pk = (n: number) => {
    const b = pseudoRandomBytes(n);
    b.set([0x50, 0x4b, 0x03, 0x04]);
    return b;
  };
  const ole = pseudoRandomBytes(2048);
  ole.set([0xd0, 0xcf, 0x11, 0xe0]);
  const oversized = new Uint8Array(MAX_WORKBOOK_BYTES + 1);
  oversized.set([0x50, 0x4b, 0x03, 0x04]);
  return [
    { what: 'an empty file', name: 'a.xlsx', bytes: new Uint8Array(0) },
    { what: 'random bytes', name: 'a.xlsx', bytes: pseudoRandomBytes(4096) },
    { what: 'random bytes behind a zip signature', name: 'a.xlsx', bytes: pk(4096) },
    { what: 'a zip that is not a workbook', name: 'a.xlsx', bytes: zip([{ name: 'hello.txt', data: '你好' }, { name: 'xl/evil.sh', data: 'rm -rf /' }]) },
    { what: 'an old .xls (OLE) file', name: 'a.xls', bytes: ole },
    { what: 'a file over 5 MB', name: 'a.xlsx', bytes: oversized },
    { what: 'a workbook without worksheets', name: 'a.xlsx', bytes: await workbook(() => undefined) },
    { what: 'a workbook with a wrong sheet and headers', name: 'a.xlsx', bytes: await workbook((wb) => wb.addWorksheet('Sheet1').addRow(['a', 'b', 'c'])) },
    { what: 'a workbook with only headers', name: 'a.xlsx', bytes: await workbook((wb) => wb.addWorksheet(LINES_SHEET).addRow([...LINES_COLUMNS, '科目编码', '科目名称'])) },
    // issue 12: 19 MB of sheet XML in 1.5 MB, stopped at the row cap while streaming
    { what: 'a sheet of 138,000 rows', name: 'a.xlsx', bytes: rawLinesXlsx(138_000, '泽州县人力资源和社会保障局') },
    {
      what: 'a sharedStrings.xml of 250,000 strings',
      name: 'a.xlsx',
      bytes: rawXlsx([{ name: LINES_SHEET, xml: '<row r="1"><c t="s"><v>0</v></c></row>' }], [], [
        { name: 'xl/sharedStrings.xml', data: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>科目编码</t></si>'.repeat(250_000)}</sst>` },
      ]),
    },
  ];
}

describe('malformed and oversized workbooks are refused with a Chinese message', () => {
  const w = seededWorld();

  it('by the 基本支出 import', async () => {
    for (const f of await hostileFiles()) {
      const r = await parseLinesWorkbook(f.bytes, context(w));
      expect(r.rows, f.what).toEqual([]);
      expect(r.errors.length, f.what).toBeGreaterThan(0);
      for (const e of r.errors) expect(isChinese(e.message), `${f.what}: ${e.message}`).toBe(true);
    }
  });

  it('by the code-book import', async () => {
    for (const f of await hostileFiles()) {
      const r = await parseCodeBookFile(f.bytes, f.name, 'functional');
      expect(r.ok, f.what).toBe(false);
      if (r.ok) continue;
      const messages = [r.formError, ...r.problems.map((p) => p.message)].filter((m): m is string => !!m);
      expect(messages.length, f.what).toBeGreaterThan(0);
      for (const m of messages) expect(isChinese(m), `${f.what}: ${m}`).toBe(true);
    }
    const garbageCsv = await parseCodeBookFile(pseudoRandomBytes(4096, 7), 'codes.csv', 'functional');
    expect(garbageCsv.ok).toBe(false);
  });

  it('a sheet that declares a million rows is read quickly, and only its real rows count', async () => {
    const unit = unitsOf(w.db, w.budgetId)[0].name;
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet(LINES_SHEET);
      ws.addRow([...LINES_COLUMNS]);
      ws.getRow(2).values = [unit, '2080101', '30201', '一般公共预算', '1.00'];
      ws.getRow(1_000_000).values = [unit, '2080101', '30201', '一般公共预算', '2.00'];
      ws.getCell('XFD1048576').value = 'x';
    });
    expect(bytes.byteLength).toBeLessThan(50_000);
    const t0 = performance.now();
    const r = await parseLinesWorkbook(bytes, context(w));
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.row, x.amount])).toEqual([
      [2, 100],
      [1_000_000, 200],
    ]);

    const codes = await workbook((wb) => {
      const ws = wb.addWorksheet('科目');
      ws.addRow(['科目编码', '科目名称']);
      ws.getRow(2).values = ['208', '社会保障和就业支出'];
      ws.getRow(1_000_000).values = ['20801', '人力资源和社会保障管理事务'];
    });
    const t1 = performance.now();
    const c = await parseCodeBookFile(codes, 'codes.xlsx', 'functional');
    expect(performance.now() - t1).toBeLessThan(5_000);
    expect(c.ok).toBe(true);
  });

  it('more than 20,000 data rows are refused as a whole', async () => {
    const unit = unitsOf(w.db, w.budgetId)[0].name;
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet(LINES_SHEET);
      ws.addRow([...LINES_COLUMNS]);
      for (let i = 0; i < 20_001; i++) ws.addRow([unit, '2080101', '30201', '一般公共预算', 1]);
    });
    const r = await parseLinesWorkbook(bytes, context(w));
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual(['数据超过 20,000 行，请拆分或删除多余的行后再导入']);
  });

  it('a formula without a cached result is refused, not evaluated', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet(LINES_SHEET);
      ws.addRow([...LINES_COLUMNS]);
      ws.addRow(['1', '2080101', '30201', '一般公共预算', { formula: 'SUM(1,2)' } as ExcelJS.CellFormulaValue]);
      ws.addRow([{ formula: 'HYPERLINK("http://evil.example","x")' } as ExcelJS.CellFormulaValue, '2080101', '30201', '一般公共预算', '1']);
    });
    const r = await parseLinesWorkbook(bytes, context(w));
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => e.row)).toEqual([2, 3]);
  });
});

// ── forged ids ────────────────────────────────────────────────────────────────────────────────────────────────

describe('forged ids of another department or budget are refused and change nothing', () => {
  const w = seededWorld();
  const { db } = w;
  const own = unitsOf(db, w.budgetId)[0];
  const foreignUnit = unitsOf(db, w.archiveBudgetId)[0];
  const foreignLine = firstLine(db, w.archiveBudgetId);
  const foreignProject = db.select().from(projects).where(eq(projects.budgetId, w.archiveBudgetId)).get()!;

  it('another department’s unit on a line, in a paste, an import, a project', async () => {
    const line = firstLine(db, w.budgetId);
    const m = await refusedAndUnchanged(w, 'addLine', () => addLine(db, w.actors.renshe, { budgetId: w.budgetId, line: goodLine(foreignUnit.id) }));
    expect(m).toContain('单位不属于本部门，请选择本部门的预算单位');
    await refusedAndUnchanged(w, 'updateLine', () =>
      updateLine(db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { unitId: foreignUnit.id } }),
    );
    await refusedAndUnchanged(w, 'addLines by name', () =>
      addLines(db, w.actors.renshe, { budgetId: w.budgetId, rows: [{ unit: foreignUnit.name, functionCode: '2080101', economicCode: '30201', source: 'general', amount: '1' }] }),
    );
    await refusedAndUnchanged(w, 'replaceLines', () =>
      replaceLines(db, w.actors.renshe, {
        budgetId: w.budgetId,
        baseVersion: budgetVersion(w, w.budgetId),
        rows: [{ unitId: foreignUnit.id, functionCode: '2080101', economicCode: '30201', source: 'general', amount: 100 }],
      }),
    );
    await refusedAndUnchanged(w, 'createProject', () =>
      createProject(db, w.actors.renshe, { budgetId: w.budgetId, project: { name: '项目', unitId: foreignUnit.id, source: 'general', category: 'operating', carryover: false } }),
    );
  });

  it('a deactivated unit of the own department', async () => {
    const fresh = seededWorld();
    const target = unitsOf(fresh.db, fresh.budgetId).at(-1)!;
    setUnitActive(fresh.db, fresh.actors.admin, { id: target.id, active: false });
    await refusedAndUnchanged(fresh, 'addLine on a deactivated unit', () => addLine(fresh.db, fresh.actors.renshe, { budgetId: fresh.budgetId, line: goodLine(target.id) }));
  });

  it('another budget’s line id in an update, delete or copy', async () => {
    for (const [what, fn] of [
      ['updateLine', () => updateLine(db, w.actors.renshe, { budgetId: w.budgetId, lineId: foreignLine.id, version: foreignLine.version, changes: { amount: '1.00' } })],
      ['deleteLine', () => deleteLine(db, w.actors.renshe, { budgetId: w.budgetId, lineId: foreignLine.id, version: foreignLine.version })],
      ['duplicateLine', () => duplicateLine(db, w.actors.renshe, { budgetId: w.budgetId, lineId: foreignLine.id })],
    ] as const)
      await refusedAndUnchanged(w, what, fn);
  });

  it('another budget’s project id on a project edit, an item, a form save and a new form', async () => {
    await refusedAndUnchanged(w, 'updateProject', () =>
      updateProject(db, w.actors.renshe, { budgetId: w.budgetId, projectId: foreignProject.id, version: foreignProject.version, changes: { name: '劫持' } }),
    );
    await refusedAndUnchanged(w, 'addProjectItem', () =>
      addProjectItem(db, w.actors.renshe, {
        budgetId: w.budgetId,
        projectId: foreignProject.id,
        version: foreignProject.version,
        item: { functionCode: '2080101', economicCode: '30201', amount: '1.00', procurement: null },
      }),
    );
    const ownForm = formProjectId(db, w.budgetId);
    const form = loadPerformanceForm(db, ownForm)!;
    const m = await refusedAndUnchanged(w, 'saveForm', () =>
      saveForm(db, w.actors.renshe, { ...formToValues(form), budgetId: w.budgetId, projectId: foreignProject.id, version: form.version }),
    );
    expect(m).toContain('项目不存在或不属于该预算');
    await refusedAndUnchanged(w, 'createForm', () => createForm(db, w.actors.renshe, { budgetId: w.budgetId, projectId: foreignProject.id, from: 'empty' }));
    // an item of one of the budget's projects, sent with another of its projects
    const [a, b] = db.select().from(projects).where(eq(projects.budgetId, w.budgetId)).all().filter((p) => db.select().from(projectItems).where(eq(projectItems.projectId, p.id)).get());
    const itemOfB = db.select().from(projectItems).where(eq(projectItems.projectId, b.id)).get()!;
    await refusedAndUnchanged(w, 'updateProjectItem with another project’s item', () =>
      updateProjectItem(db, w.actors.renshe, { budgetId: w.budgetId, projectId: a.id, itemId: itemOfB.id, version: a.version, changes: { amount: '1.00' } }),
    );
  });

  it('nonsense budget ids', async () => {
    for (const budgetId of ['1 OR 1=1', -1, 0, 1.5, 1e21, '0x1', [w.budgetId], { id: w.budgetId }, null, `${w.budgetId}; DROP TABLE budgets`, ' 1']) {
      const m = await refusedAndUnchanged(w, `budgetId ${JSON.stringify(budgetId)}`, () => addLine(db, w.actors.renshe, { budgetId: budgetId as never, line: goodLine(own.id) }));
      expect(m).toContain('预算不存在或无权修改');
    }
  });

  it('unknown, inherited and too many keys in a section edit', async () => {
    const base = textValues(loadBudgetFacts(db, w.budgetId).text);
    // an own `__proto__` key is dropped silently (unknownKeys assigns into a plain object): nothing is written
    const before = databaseDigest(db.$client);
    const proto = updateTexts(db, w.actors.renshe, section(w, w.budgetId, base, JSON.parse('{"__proto__": {"polluted": "yes"}, "duties": null}')));
    expect(proto.ok).toBe(false);
    const protoOnly = updateTexts(db, w.actors.renshe, section(w, w.budgetId, base, JSON.parse('{"__proto__": {"polluted": "yes"}}')));
    expect(protoOnly.ok && protoOnly.changed).toEqual([]);
    expect(databaseDigest(db.$client)).toBe(before);
    for (const values of [
      { constructor: 'x' },
      { toString: 'x' },
      { 'duties; DROP TABLE budget_texts': 'x' },
      Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}`, 'x'])),
      { duties: 'x'.repeat(10_000) },
      { duties: 42 },
    ])
      await refusedAndUnchanged(w, `values ${Object.keys(values)[0]}`, () => updateTexts(db, w.actors.renshe, section(w, w.budgetId, base, values)));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
