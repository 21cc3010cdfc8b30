import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { signIn } from './fixtures';
import { destinationPages } from '../lib/pdf/destinations';

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

interface PdfPage {
  landscape: boolean;
  /** The page's text lines top to bottom, each its items left to right without white space (footer included). */
  lines: string[];
}

/** Every page's lines (items on one baseline, ±2 pt), to check where things landed. */
async function pdfPages(pdf: PdfDocument): Promise<PdfPage[]> {
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const rows: { y: number; items: { x: number; s: string }[] }[] = [];
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [x, y] = [item.transform[4] as number, height - (item.transform[5] as number)];
      let row = rows.find((r) => Math.abs(r.y - y) <= 2);
      if (!row) rows.push((row = { y, items: [] }));
      row.items.push({ x, s: item.str.replace(/\s+/g, '') });
    }
    rows.sort((a, b) => a.y - b.y);
    pages.push({ landscape: width > height, lines: rows.map((r) => r.items.sort((a, b) => a.x - b.x).map((i) => i.s).join('')) });
  }
  return pages;
}

const TABLE_TITLES = [
  '2024年预算收支总表',
  '2024年预算收入总表',
  '2024年预算支出总表',
  '2024年财政拨款收支总表',
  '2024年一般公共预算支出预算表（不含上年结转）',
  '2024年一般公共预算安排基本支出分经济科目表（不含上年结转）',
  '2024年政府性基金预算收入表（不含上年结转）',
  '2024年政府性基金预算支出表（不含上年结转）',
  '2024年国有资本经营预算收支预算表（不含上年结转）',
  '2024年财政拨款安排“三公”经费支出预算表',
  '2024年财政拨款安排机关运行经费预算表',
  '2024年项目支出预算表（本年预算）',
  '2024年项目支出预算表（上年结转）',
];

test.describe('the disclosure preview and its downloads', () => {
  test('shows the thirteen tables, the text with its figures and both charts', async ({ page }) => {
    await signIn(page, 'renshe');
    await page.getByRole('link', { name: '公开预览' }).click();
    await expect(page).toHaveURL(/\/budgets\/\d+\/disclosure$/);
    for (const title of TABLE_TITLES) await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
    await expect(page.getByText('一般公共预算拨款收入5,095.13万元，占86.24%')).toBeVisible();
    await expect(page.locator('[data-chart="generalStructure"] svg')).toBeVisible();
    await expect(page.locator('[data-chart="threePublic"] svg')).toBeVisible();
    await expect(page.locator('[data-chart="generalStructure"] figcaption')).toHaveText('一般公共预算当年拨款结构图');
    await expect(page.locator('[data-chart="threePublic"] figcaption')).toHaveText('三公经费分布图');
    // a figure of 表五 in its cell
    const t5 = page.locator('#table-5');
    await expect(t5.locator('tr[data-row="f:2080105"] td[data-col="total"]')).toHaveText('42.50');
    // the performance forms are attached
    await expect(page.locator('#attachments .form-sheet')).toHaveCount(17);
  });

  test('the document arrives after the page, scrolls to the table of the address, and is revalidated by entity tag', async ({ page }) => {
    await signIn(page, 'renshe');
    await page.getByRole('link', { name: '公开预览' }).click();
    await expect(page.locator('#table-1')).toBeVisible();
    const path = new URL(page.url()).pathname;
    // a finding's link to a table opens the preview at that table once the document is in place
    await page.goto('/');
    await page.goto(`${path}#table-12`);
    await expect(page.locator('#table-12')).toBeInViewport();
    await expect(page.locator('#table-1')).not.toBeInViewport();

    const first = await page.request.get(`${path}/document`);
    expect(first.status()).toBe(200);
    expect(first.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers()['cache-control']).toBe('private, no-store');
    const etag = first.headers()['etag'];
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    expect(await first.text()).toContain('2024年预算收支总表');
    const again = await page.request.get(`${path}/document`, { headers: { 'if-none-match': etag } });
    expect(again.status()).toBe(304);
    expect(await again.body()).toHaveLength(0);
    const other = await page.request.get(`${path}/document`, { headers: { 'if-none-match': '"an-older-version"' } });
    expect(other.status()).toBe(200);
  });

  test('a session that ended before the document arrived says so and offers to sign in again', async ({ page, playwright }) => {
    await signIn(page, 'renshe');
    await expect(page).toHaveURL(/\/budgets\/\d+$/);
    const budgetPath = new URL(page.url()).pathname;
    // the document is answered by the server as it answers a browser whose session is gone: without the cookie
    // (signed out in another tab: sent to the sign-in page), and with a cookie that is no longer valid (401)
    const signedOut = await playwright.request.newContext();
    for (const cookie of [undefined, 'authjs.session-token=no-longer-valid']) {
      await page.route('**/disclosure/document', async (route) =>
        route.fulfill({ response: await signedOut.get(route.request().url(), { maxRedirects: 0, headers: cookie ? { cookie } : {} }) }),
      );
      await page.goto(`${budgetPath}/disclosure`);
      await expect(page.getByRole('alert').filter({ hasText: '公开文本载入失败：登录已过期，请重新登录' }), cookie ?? 'no cookie').toBeVisible();
      await expect(page.getByRole('link', { name: '重新登录' })).toHaveAttribute('href', `/login?callbackUrl=${encodeURIComponent(`${budgetPath}/disclosure`)}`);
      await expect(page.locator('#table-1')).toHaveCount(0);
      await page.unroute('**/disclosure/document');
    }
    await signedOut.dispose();
  });

  test('downloads the workbook with one sheet per table and numbers as numbers', async ({ page }) => {
    await signIn(page, 'renshe');
    await page.getByRole('link', { name: '公开预览' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载Excel 工作簿' }).click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概况',
      ...['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'].map((n) => `表${n}`),
      '情况说明',
      '名词解释',
      ...Array.from({ length: 17 }, (_, i) => `绩效目标表${i + 1}`),
    ]);
    // a form's sheet: the form's own title, its project, its funding in whole 元 as numbers
    const form = wb.getWorksheet('绩效目标表1')!;
    expect(form.getCell('A1').value).toBe('泽州县县(区)级预算部门(单位)项目支出绩效目标表');
    expect(form.getCell('A3').value).toBe('项目名称');
    expect(typeof form.getCell('D6').value).toBe('number');
    const t1 = wb.getWorksheet('表一')!;
    const values: unknown[] = [];
    t1.eachRow((r) => r.eachCell((c) => values.push(c.value)));
    expect(values).toContain('2024年预算收支总表');
    expect(values).toContain(5907.89);
    // the published figure, not the exact one: 表二 208 一般公共预算 is 4,729.70 (exactly 4,729.6992)
    expect(wb.getWorksheet('表二')!.getCell('D7').value).toBe(4729.7);
  });

  test('exports the PDF through the render queue: the button shows the state, then the PDF downloads with the tables in its text layer', async ({ page }) => {
    test.setTimeout(150_000);
    await signIn(page, 'shenhe');
    await page.goto('/review');
    await page.getByRole('link', { name: '泽州县人力资源和社会保障局' }).click();
    await expect(page).toHaveURL(/\/budgets\/\d+$/);
    const budgetPath = new URL(page.url()).pathname;
    await page.goto(`${budgetPath}/disclosure`);
    const started = page.waitForResponse((r) => r.url().endsWith('/export/pdf') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '下载PDF' }).click();
    expect((await started).status()).toBe(202);
    const status = page.getByTestId('pdf-export-status');
    // the live region follows the job: queued with its place, or rendering, until the file is ready
    await expect(status).toHaveAttribute('aria-live', 'polite');
    await expect(status).toHaveText(/排队中…|排队中（前面还有 \d+ 个）|正在生成…|PDF 已生成/);
    const save = page.getByRole('link', { name: '保存 PDF 文件' });
    await expect(save).toBeVisible({ timeout: 120_000 });
    await expect(status).toHaveText('PDF 已生成');
    const href = (await save.getAttribute('href'))!;
    const download = page.waitForEvent('download');
    await save.click();
    const file = await (await download).path();
    const bytes = new Uint8Array(fs.readFileSync(file));
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    // cover, contents, overview, 13 tables, the text, the glossary and 17 forms: dozens of A4 pages
    expect(pdf.numPages).toBeGreaterThanOrEqual(30);
    expect(pdf.numPages).toBeLessThanOrEqual(120);
    const { text } = await extractText(pdf, { mergePages: true });
    const compact = text.replace(/\s+/g, '');
    for (const title of TABLE_TITLES) expect(compact).toContain(title);
    expect(compact).toContain('5,907.89');
    // numbered as Chinese documents are, in the document's font (no missing glyphs): 第 1 页 … 第 N 页 共 N 页
    expect(compact).toContain(`第1页共${pdf.numPages}页`);
    expect(compact).toContain(`第${pdf.numPages}页共${pdf.numPages}页`);
    expect(compact).not.toContain('\u0000');
    // an accessible, titled document: tagged (structure tree, /Lang from the page), bookmarks from the headings
    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    expect(info.Title).toBe('泽州县人力资源和社会保障局2024年度部门预算公开');
    expect(info.Language).toBe('zh-CN');
    expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
    const outline = (await pdf.getOutline()) ?? [];
    const titles = (items: typeof outline): string[] => items.flatMap((o) => [o.title.replace(/\s+/g, ''), ...titles(o.items ?? [])]);
    expect(titles(outline)).toEqual(expect.arrayContaining(['第一部分概况', '第二部分2024年部门预算报表', ...TABLE_TITLES]));
    await checkLayout(page, bytes, pdf);
    await expect(status).toHaveText('PDF 已下载');
    // handed out once: the PDF is gone from the database after its download
    expect((await page.request.get(href)).status()).toBe(404);
  });

  test('another department cannot download this one', async ({ page }) => {
    await signIn(page, 'dangan');
    const own = new URL(page.url()).pathname; // the archive's budget
    const ownId = Number(own.split('/').pop());
    const otherId = ownId === 1 ? 2 : 1;
    expect((await page.request.post(`/budgets/${otherId}/export/pdf`)).status()).toBe(403);
    expect((await page.request.get(`/budgets/${otherId}/export/xlsx`)).status()).toBe(403);
  });
});

/**
 * The PDF laid out as a printer would (checked on the file, against the preview of the same document): the 目录
 * states the page of every entry; wide tables on landscape pages with no header word broken across lines; each
 * continuation page of a table starts with 表N …（续） and its header and holds at least three rows; each form
 * starts on a page of its own with its name and funding rows, and names its project on every further page; no
 * heading of 第三部分 ends a page; the 政府购买服务指导性目录 is its 4-column table; every 二级 row of the forms is
 * printed; the text is set in the serif face, embedded.
 */
async function checkLayout(page: import('@playwright/test').Page, bytes: Uint8Array, pdf: PdfDocument) {
  const dests = await destinationPages(bytes);
  const pages = await pdfPages(pdf);
  const at = (n: number) => pages[n - 1];
  const body = (p: PdfPage) => p.lines.filter((l) => !/^第\d+页共\d+页$/.test(l));
  // the preview shows the same document: the 目录's anchors in order, the tables' headers, the forms' names
  const toc = page.locator('nav[aria-label="目录"] [data-toc-page]');
  const anchors = await toc.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.tocPage!));
  expect(anchors.length).toBeGreaterThan(50);
  expect(anchors).toEqual(expect.arrayContaining(['part3-12-1', 'part3-12-2', 'purchase-catalog', 'attachments']));

  // 目录: the pages before 第一部分, each line ending in the page its entry landed on
  const tocNumbers = pages
    .slice(1, dests.part1 - 1)
    .flatMap((p) => body(p))
    .map((l) => /(\d+)$/.exec(l)?.[1])
    .filter((n) => n !== undefined)
    .map(Number);
  expect(tocNumbers).toEqual(anchors.map((a) => dests[a]));

  // tables: landscape when wide, header cells each on one line, continuations marked and never of one or two rows
  const tableAnchors = anchors.filter((a) => /^table-\d+$/.test(a));
  expect(tableAnchors).toHaveLength(13);
  let continuations = 0;
  for (const anchor of tableAnchors) {
    const section = page.locator(`#${anchor}`);
    const wide = (await section.getAttribute('class'))!.includes('dt-wide');
    const heads = (await section.locator('thead th').allInnerTexts()).map((t) => t.replace(/\s+/g, '')).filter(Boolean);
    const rows = await section.locator('tbody tr').count();
    const first = dests[anchor];
    const next = Math.min(...Object.values(dests).filter((p) => p > first));
    for (let n = first; n < next; n++) {
      const p = at(n);
      expect(p.landscape, `${anchor} page ${n}`).toBe(wide);
      for (const h of heads) expect(body(p).some((l) => l.includes(h)), `${anchor} page ${n}: header ${h} on one line`).toBe(true);
      if (n > first) {
        continuations += 1;
        expect(body(p)[0], `${anchor} page ${n}`).toBe(`${(await section.getAttribute('data-table-title'))!.replace(/\s+/g, '')}（续）`);
        expect(body(p).length - 1 - (await section.locator('thead tr').count()), `${anchor} page ${n}: rows`).toBeGreaterThanOrEqual(Math.min(3, rows));
      }
    }
  }
  expect(continuations).toBeGreaterThan(0);
  for (const n of [1, 2, 4, 12]) expect(await page.locator(`#table-${n}`).getAttribute('class')).toContain('dt-wide');
  const table1 = pages.slice(dests['table-1'] - 1, dests['table-2'] - 1).flatMap(body).join('');
  expect(table1).toContain('2024年合计');
  expect(pages.slice(dests['table-12'] - 1, dests['table-13'] - 1).flatMap(body).some((l) => l.includes('（机关）'))).toBe(true);

  // forms: own page, name and funding first; every further page names the project
  const forms = await page.locator('#attachments .form-sheet').evaluateAll((els) =>
    els.map((e) => ({ id: e.id, name: (e.querySelector('[data-testid="sheet-project-name"]') as HTMLElement).innerText.replace(/\s+/g, '') })),
  );
  expect(forms).toHaveLength(17);
  for (const [i, f] of forms.entries()) {
    const first = dests[f.id];
    const end = i + 1 < forms.length ? dests[forms[i + 1].id] : pdf.numPages + 1;
    const lines = body(at(first));
    const title = lines.findIndex((l) => l.endsWith('(单位)项目支出绩效目标表'));
    expect(lines[title + 2], f.name).toBe(`项目名称${f.name}`);
    expect(lines.join(''), f.name).toMatch(/实施期资金总额:[\d,]+年度资金总额:[\d,]+.*其他资金/);
    for (let n = first + 1; n < end; n++) {
      expect(body(at(n))[0], `${f.name} page ${n}`).toBe(`项目名称${f.name}`);
      expect(body(at(n)).length, `${f.name} page ${n}`).toBeGreaterThan(2);
    }
  }
  const formsText = pages.slice(dests[forms[0].id] - 1).flatMap(body).join('');
  // the official form's every 二级 row, with or without indicators, in every form (the 二级 column is narrow: a
  // name of more than four characters wraps, so its first four are what one line holds)
  for (const level2 of ['数量指标', '质量指标', '时效指标', '成本指标', '经济效益', '社会效益', '生态效益', '可持续影', '服务对象'])
    expect(formsText.split(level2).length - 1, level2).toBeGreaterThanOrEqual(17);

  // no heading of 第三部分 is the last line of its page
  const part3 = anchors.filter((a) => /^part3-\d+(-\d+)?$/.test(a));
  for (const a of part3) {
    const heading = (await page.locator(`#${a} :is(h3, h4)`).first().innerText()).replace(/\s+/g, '');
    const lines = body(at(dests[a]));
    const i = lines.findIndex((l) => l.startsWith(heading));
    expect(i, `${heading} on page ${dests[a]}`).toBeGreaterThanOrEqual(0);
    expect(i, `${heading} not last on page ${dests[a]}`).toBeLessThan(lines.length - 1);
  }

  // the attached catalogue as its table
  const catalog = pages.slice(dests['purchase-catalog'] - 1).flatMap(body);
  expect(catalog).toContain('代码一级目录二级目录三级目录');
  expect(catalog).toContain('B0101法律顾问服务');

  // the region's face (serif), embedded
  expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC/);
}
